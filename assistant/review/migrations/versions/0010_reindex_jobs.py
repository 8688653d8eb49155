"""Jobs on the knowledge base (a reindex) belong to no inquiry (issue 18).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafting_jobs") as batch:  # SQLite rebuilds the table, PostgreSQL alters it
        batch.alter_column("inquiry_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM drafting_jobs WHERE inquiry_id IS NULL")
    with op.batch_alter_table("drafting_jobs") as batch:
        batch.alter_column("inquiry_id", existing_type=sa.Integer(), nullable=False)
