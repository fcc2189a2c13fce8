"""Reminders (催办) sent to units, and settings kept in the ledger itself.

- `reminder`: one row per task named in a 催办通知单, so the task's history and the
  weekly report's 本周变化 show that the unit was reminded, when and why.
- `ledger_setting`: the office's name and the report header fields (填报单位, 联系人,
  电话), shared by every clerk of the ledger rather than kept per workstation.

Revision ID: 0004_reminders
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_reminders"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("file_name", sa.String(length=500), nullable=True),
        sa.Column("reply_by", sa.Date(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_reminder_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    op.create_index(op.f("ix_reminder_task_id"), "reminder", ["task_id"])
    op.create_index(op.f("ix_reminder_at"), "reminder", ["at"])
    op.create_table(
        "ledger_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ledger_setting")),
    )


def downgrade() -> None:
    op.drop_table("ledger_setting")
    op.drop_index(op.f("ix_reminder_at"), table_name="reminder")
    op.drop_index(op.f("ix_reminder_task_id"), table_name="reminder")
    op.drop_table("reminder")
