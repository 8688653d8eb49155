"""Drafting as jobs: a web process submits, a worker drafts, the page reads progress from the database.

``model`` (what a job is), ``store`` (the ``drafting_jobs`` table every process reads and writes),
``queue`` (how a submitted job reaches a worker: a thread of this process, separate
``assistant worker`` processes polling the table, or procrastinate on PostgreSQL), ``run`` (what a
worker does with one job) and ``worker`` (the loops that take jobs).
"""
