"""Drafting as jobs: a web process submits, a worker drafts, the page reads progress from the database.

``model`` (what a job is), ``store`` (the ``drafting_jobs`` table every process reads and writes) and
``queue`` (how a submitted job reaches a worker: a thread of this process, separate ``assistant
worker`` processes polling the table, or procrastinate on PostgreSQL; and the claim loop). What a
worker does with one job, and which queue a process uses, is the use case ``usecases.jobs``.
"""
