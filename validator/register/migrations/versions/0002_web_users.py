"""Users of the web page (`lkjip serve` on the office network): name, password hash, role
and, for a planner, the office they belong to.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("web_user")
