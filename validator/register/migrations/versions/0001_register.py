"""The findings register: offices, reports, drafts, matters, sightings, events.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(500), nullable=False, unique=True),
        sa.Column("instansi", sa.String(400), nullable=False),
        sa.Column("pemda", sa.String(400), nullable=False),
    )
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.UniqueConstraint("office_id", "tahun"),
    )
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("report.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(1000), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Integer(), nullable=False),
        sa.UniqueConstraint("report_id", "number"),
    )
    op.create_table(
        "matter",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), nullable=False),
        sa.Column("identity", sa.String(64), nullable=False),
        sa.Column("rule", sa.String(20), nullable=False),
        sa.Column("table_id", sa.String(300), nullable=False),
        sa.Column("kode", sa.String(300), nullable=False),
        sa.Column("column", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("first_draft_id", sa.Integer(), sa.ForeignKey("draft.id"), nullable=False),
        sa.Column("last_draft_id", sa.Integer(), sa.ForeignKey("draft.id"), nullable=False),
        sa.UniqueConstraint("office_id", "identity"),
    )
    op.create_table(
        "sighting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("matter_id", sa.Integer(), sa.ForeignKey("matter.id"), nullable=False),
        sa.Column("draft_id", sa.Integer(), sa.ForeignKey("draft.id"), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("message_en", sa.Text(), nullable=False),
        sa.Column("table_label", sa.Text(), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        sa.Column("stated", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.UniqueConstraint("matter_id", "draft_id"),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("matter_id", sa.Integer(), sa.ForeignKey("matter.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("draft_id", sa.Integer(), sa.ForeignKey("draft.id"), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("by", sa.String(200), nullable=True),
    )
    op.create_index("ix_matter_status", "matter", ["status"])
    op.create_index("ix_sighting_draft_id", "sighting", ["draft_id"])


def downgrade() -> None:
    op.drop_index("ix_sighting_draft_id", "sighting")
    op.drop_index("ix_matter_status", "matter")
    for table in ("event", "sighting", "matter", "draft", "report", "office"):
        op.drop_table(table)
