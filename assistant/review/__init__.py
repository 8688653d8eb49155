"""Review and release: the database of inquiries, answers, versions, users and the audit trail.

Modules: ``tables`` (schema), ``db`` (engine, migrations), ``auth`` (users, roles,
passwords), ``workflow`` (states, edits, approval, release), ``audit`` (export).
"""
