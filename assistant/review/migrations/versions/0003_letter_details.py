"""The reply letter's details a clerk completes in the tool (issue 15).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inquiries") as batch:
        batch.add_column(sa.Column("letter_json", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("inquiries") as batch:
        batch.drop_column("letter_json")
