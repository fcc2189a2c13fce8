"""Store each gazette's decoded text; mark hand-added tasks; record who deleted a task.

- `gazette_source`: the decoded source text (zlib-compressed UTF-8), so the detail panel can
  show a task's surrounding lines for any gazette, not only files at hand in this session.
- `task.manual`: a task the clerk added by hand; re-issues of its gazette never touch it.
- `task.deleted_by`: a task the clerk deleted is retired (kept with its history, hidden
  from queries) and named here, so a re-issue does not bring it back.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gazette_source",
        sa.Column("gazette_id", sa.Integer(), nullable=False),
        sa.Column("text_zlib", sa.LargeBinary(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gazette_id"],
            ["gazette_issue.id"],
            name=op.f("fk_gazette_source_gazette_id_gazette_issue"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("gazette_id", name=op.f("pk_gazette_source")),
    )
    # Plain ADD COLUMN, not batch mode: on SQLite a batch "move and copy" drops the old
    # task table, and with foreign keys on that cascades into task_unit, notes and history.
    op.add_column(
        "task", sa.Column("manual", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("task", sa.Column("deleted_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column("task", "deleted_by")
    op.drop_column("task", "manual")
    op.drop_table("gazette_source")
