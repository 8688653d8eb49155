"""Drafting jobs in the database: progress every web process can show, and the queue of the database workers (issue 18).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafting_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("inquiry_id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("current", sa.String(length=40), nullable=False),
        sa.Column("live", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("worker", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_drafting_jobs_state", "drafting_jobs", ["state"])
    op.create_index("ix_drafting_jobs_inquiry_id", "drafting_jobs", ["inquiry_id"])


def downgrade() -> None:
    op.drop_index("ix_drafting_jobs_inquiry_id", table_name="drafting_jobs")
    op.drop_index("ix_drafting_jobs_state", table_name="drafting_jobs")
    op.drop_table("drafting_jobs")
