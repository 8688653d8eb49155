"""The drafting stages, one module each: understand a question, retrieve, select evidence,
answer from the data where it can (structured), have the model compose the rest, verify,
check consistency, word the gaps and name the department that must supply missing facts.
``pipeline`` runs them in that order."""
