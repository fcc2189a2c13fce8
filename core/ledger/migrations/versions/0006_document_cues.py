"""Keep what extraction may have missed, and where a hand-added task lies in the source.

- `document.flagged`: the document divides work among units yet yielded no task;
  `document.dismissed_by/_at`: the clerk checked it and said 不是任务.
- `document_cue`: each responsibility cue no task took (可能遗漏), with its dismissal.
- `task.last_line`: the last source line of a task added from selected source lines.
- `gazette_source.page_starts`: for a PDF, where each page starts, so any line's page shows.

Revision ID: 0006_document_cues
Revises: 0005_unit_directory
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_document_cues"
down_revision = "0005_unit_directory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode (see 0003: a batch copy would cascade deletes).
    op.add_column(
        "document", sa.Column("flagged", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("document", sa.Column("dismissed_by", sa.String(length=100), nullable=True))
    op.add_column("document", sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "document_cue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("dismissed_by", sa.String(length=100), nullable=True),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_cue_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_cue")),
    )
    op.create_index(
        op.f("ix_document_cue_document_id"), "document_cue", ["document_id"], unique=False
    )
    op.add_column("task", sa.Column("last_line", sa.Integer(), nullable=True))
    op.add_column("gazette_source", sa.Column("page_starts", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("gazette_source", "page_starts")
    op.drop_column("task", "last_line")
    op.drop_index(op.f("ix_document_cue_document_id"), table_name="document_cue")
    op.drop_table("document_cue")
    op.drop_column("document", "dismissed_at")
    op.drop_column("document", "dismissed_by")
    op.drop_column("document", "flagged")
