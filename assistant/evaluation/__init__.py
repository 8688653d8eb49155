"""Offline evaluation of drafts against cases (format: shared/spec/eval-cases.md)."""
