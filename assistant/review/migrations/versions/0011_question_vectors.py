"""Question embeddings in the database, so that the web tier offers earlier replies without the
embedding model (issue 18).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "question_vectors",
        sa.Column("model", sa.String(200), primary_key=True),
        sa.Column("text_hash", sa.String(64), primary_key=True),
        sa.Column("vector_json", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("question_vectors")
