"""Unit feedback sheets (单位反馈表): batches sent, replies filed, completion requests.

- `feedback_batch`: one row per unit sheet written, with each task's locked content and
  checksum, so a returned file is matched to this ledger, this week and these tasks.
- `feedback_reply`: each filed reply (digest: a second import of the same reply is a no-op;
  `filed`: the notes and requests it created, for 撤销; no reply = the unit has not replied).
- `completion_request`: a unit's 申请办结, confirmed or dismissed by the clerk.
- `progress_note.source`: the file a note came from (blank when typed by the clerk).

Revision ID: 0007_unit_feedback
Revises: 0006_document_cues
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_unit_feedback"
down_revision = "0006_document_cues"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress_note") as batch:
        batch.add_column(sa.Column("source", sa.String(length=500), nullable=True))
    op.create_table(
        "feedback_batch",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("reply_by", sa.Date(), nullable=True),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_batch")),
    )
    op.create_index(op.f("ix_feedback_batch_week"), "feedback_batch", ["week"])
    op.create_table(
        "feedback_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=32), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("filed", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["feedback_batch.id"],
            name=op.f("fk_feedback_reply_batch_id_feedback_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_reply")),
    )
    op.create_index(op.f("ix_feedback_reply_batch_id"), "feedback_reply", ["batch_id"])
    op.create_table(
        "completion_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("expected_on", sa.Date(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["task.id"],
            name=op.f("fk_completion_request_task_id_task"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["feedback_reply.id"],
            name=op.f("fk_completion_request_reply_id_feedback_reply"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_completion_request")),
    )
    op.create_index(op.f("ix_completion_request_task_id"), "completion_request", ["task_id"])
    op.create_index(op.f("ix_completion_request_reply_id"), "completion_request", ["reply_id"])


def downgrade() -> None:
    op.drop_table("completion_request")
    op.drop_table("feedback_reply")
    op.drop_index(op.f("ix_feedback_batch_week"), table_name="feedback_batch")
    op.drop_table("feedback_batch")
    with op.batch_alter_table("progress_note") as batch:
        batch.drop_column("source")
