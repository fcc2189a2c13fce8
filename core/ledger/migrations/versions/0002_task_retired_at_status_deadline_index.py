"""Retire tasks a corrected re-issue dropped; index status + deadline for due-window filters.

`retired_at` lets a re-issue keep a task that holds clerk work (status, notes, corrections)
while hiding it from queries. The composite index serves the GUI's most common filter
(open tasks by due window) on large ledgers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_task_status_deadline", ["status", "deadline"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_status_deadline")
        batch_op.drop_column("retired_at")
