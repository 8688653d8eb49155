"""Use cases: what a person does with the product, one module each, called by the CLI and the page.

Each use case checks the role (``Review.authorize``) and writes the audit entry in one place, so
no edge can forget either. The answer workflow's own use cases live in ``review.workflow``.
"""
