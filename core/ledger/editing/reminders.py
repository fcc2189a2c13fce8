"""Log the 催办 (reminders) sent to units, and keep the report header settings.

A reminder is part of a task's record, like a status change: the clerk must see in the
task's history that the unit was reminded, and the weekly report lists it in 本周变化.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.ledger.dto import REPORT_SETTING_KEYS, ReportSettings
from core.ledger.errors import InvalidFieldError, TaskNotFoundError
from core.ledger.storage.models import LedgerSetting, Reminder, TaskRecord

REMINDER_REASONS = {"overdue": "已逾期", "due_soon": "即将到期", "idle": "长期未更新"}


@dataclass(frozen=True)
class ReminderEntry:
    """One task named in one unit's 催办通知单."""

    task_id: int
    unit: str
    reason: str  # a key of REMINDER_REASONS
    detail: str | None = None
    file_name: str | None = None
    reply_by: date | None = None


def record(session: Session, entries: Iterable[ReminderEntry], by: str, now: datetime) -> int:
    """Add one reminder row per entry (one transaction, the caller's); returns how many."""
    items = list(entries)
    ids = {e.task_id for e in items}
    found = set(session.scalars(select(TaskRecord.id).where(TaskRecord.id.in_(ids))))
    for task_id in sorted(ids - found):
        raise TaskNotFoundError(task_id)
    for e in items:
        if e.reason not in REMINDER_REASONS:
            raise InvalidFieldError(f"未知的催办原因“{e.reason}”")
        session.add(
            Reminder(
                task_id=e.task_id,
                unit=e.unit,
                reason=e.reason,
                detail=e.detail,
                file_name=e.file_name,
                reply_by=e.reply_by,
                at=now,
                by=by,
            )
        )
    session.flush()
    return len(items)


def read_settings(session: Session) -> ReportSettings:
    values = {k: v for k, v in session.execute(select(LedgerSetting.key, LedgerSetting.value))}
    return ReportSettings(**{k: values.get(k, "") for k in REPORT_SETTING_KEYS})


def write_settings(session: Session, settings: ReportSettings) -> ReportSettings:
    for key in REPORT_SETTING_KEYS:
        value = " ".join(str(getattr(settings, key) or "").split())
        row = session.get(LedgerSetting, key)
        if row is None:
            session.add(LedgerSetting(key=key, value=value))
        else:
            row.value = value
    session.flush()
    return read_settings(session)
