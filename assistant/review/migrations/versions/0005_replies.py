"""Released answers as the office's memory (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inquiry_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.String(length=40), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("citations_json", sa.Text(), nullable=False),
        sa.Column("table_json", sa.Text(), nullable=False),
        sa.Column("inquiry_title", sa.String(length=500), nullable=False),
        sa.Column("inquiry_kind", sa.String(length=80), nullable=False),
        sa.Column("sender", sa.String(length=500), nullable=False),
        sa.Column("inquiry_date", sa.String(length=40), nullable=False),
        sa.Column("released", sa.String(length=40), nullable=False),
        sa.Column("term", sa.String(length=80), nullable=False),
        sa.Column("approved_by", sa.String(length=80), nullable=False),
        sa.Column("released_by", sa.String(length=80), nullable=False),
        sa.Column("kb_path", sa.String(length=1000), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("source_texts_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("replies")
