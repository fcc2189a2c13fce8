"""Read-side listings beside the task table: a task's record, gazettes, units, changes.

Each function takes the caller's session and returns DTOs, never live ORM objects.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.ledger.dto import (
    CorrectionRow,
    GazetteRow,
    NoteRow,
    ReminderRow,
    StatusChangeRow,
    TaskDetail,
    UnitRow,
)
from core.ledger.errors import TaskNotFoundError
from core.ledger.reading import queries
from core.ledger.storage.models import (
    FieldCorrection,
    GazetteIssue,
    ProgressNote,
    Reminder,
    StatusChange,
    TaskRecord,
    TaskUnit,
    Unit,
    UnitAlias,
)

# The three kinds of a task's record: each has task_id, at and id, listed oldest first.
Entry = TypeVar("Entry", StatusChange, ProgressNote, FieldCorrection, Reminder)


def _for_task(s: Session, model: type[Entry], task_id: int) -> list[Entry]:
    return list(
        s.scalars(select(model).where(model.task_id == task_id).order_by(model.at, model.id))
    )


def _between(s: Session, model: type[Entry], start: datetime, end: datetime) -> list[Entry]:
    return list(
        s.scalars(
            select(model).where(model.at >= start, model.at < end).order_by(model.at, model.id)
        )
    )


def task_detail(s: Session, task_id: int, day: date) -> TaskDetail:
    """One task with its status history, notes and corrections (oldest first)."""
    rows = queries.load_rows(s, [task_id], day)
    if not rows:
        raise TaskNotFoundError(task_id)
    printed = s.execute(
        select(TaskUnit.role, TaskUnit.printed_name, TaskUnit.header)
        .where(TaskUnit.task_id == task_id)
        .order_by(TaskUnit.position, TaskUnit.id)
    ).all()
    return TaskDetail(
        task=rows[0],
        history=tuple(history_row(h) for h in _for_task(s, StatusChange, task_id)),
        notes=tuple(note_row(n) for n in _for_task(s, ProgressNote, task_id)),
        corrections=tuple(correction_row(c) for c in _for_task(s, FieldCorrection, task_id)),
        printed_units=tuple(printed),
        reminders=tuple(reminder_row(r) for r in _for_task(s, Reminder, task_id)),
    )


def history_between(s: Session, start: datetime, end: datetime) -> list[StatusChangeRow]:
    return [history_row(h) for h in _between(s, StatusChange, start, end)]


def notes_between(s: Session, start: datetime, end: datetime) -> list[NoteRow]:
    return [note_row(n) for n in _between(s, ProgressNote, start, end)]


def corrections_between(s: Session, start: datetime, end: datetime) -> list[CorrectionRow]:
    return [correction_row(c) for c in _between(s, FieldCorrection, start, end)]


def reminders_between(s: Session, start: datetime, end: datetime) -> list[ReminderRow]:
    return [reminder_row(r) for r in _between(s, Reminder, start, end)]


def gazette_rows(s: Session) -> list[GazetteRow]:
    counts = dict(
        s.execute(
            select(TaskRecord.gazette_id, func.count())
            .where(TaskRecord.retired_at.is_(None))
            .group_by(TaskRecord.gazette_id)
        ).all()
    )
    return [
        GazetteRow(
            id=g.id,
            file_name=g.file_name,
            title=g.title,
            county=g.county,
            year=g.year,
            issue=g.issue,
            imported_at=queries.as_utc(g.imported_at),
            imported_by=g.imported_by,
            task_count=counts.get(g.id, 0),
        )
        for g in s.scalars(select(GazetteIssue).order_by(GazetteIssue.id))
    ]


def unit_rows(s: Session) -> list[UnitRow]:
    """Canonical units with their aliases and how many live tasks name them."""
    aliases: dict[int, list[str]] = {}
    for alias, unit_id in s.execute(
        select(UnitAlias.alias, UnitAlias.unit_id).order_by(UnitAlias.alias)
    ):
        aliases.setdefault(unit_id, []).append(alias)
    counts = dict(
        s.execute(
            select(TaskUnit.unit_id, func.count(func.distinct(TaskUnit.task_id)))
            .join(TaskRecord, TaskRecord.id == TaskUnit.task_id)
            .where(TaskRecord.retired_at.is_(None))
            .group_by(TaskUnit.unit_id)
        ).all()
    )
    return [
        UnitRow(
            id=u.id,
            name=u.name,
            aliases=tuple(aliases.get(u.id, ())),
            task_count=counts.get(u.id, 0),
            county=u.county,
            kind=u.kind,
            contact_person=u.contact_person,
            phone=u.phone,
        )
        for u in s.scalars(select(Unit).order_by(Unit.name, Unit.county, Unit.id))
    ]


def changed_since(s: Session, since: datetime) -> list[int]:
    return list(
        s.scalars(
            select(TaskRecord.id).where(TaskRecord.updated_at > since).order_by(TaskRecord.id)
        )
    )


def history_row(h: StatusChange) -> StatusChangeRow:
    return StatusChangeRow(
        id=h.id,
        task_id=h.task_id,
        from_status=h.from_status,
        to_status=h.to_status,
        at=queries.as_utc(h.at),
        by=h.by,
        note=h.note,
    )


def note_row(n: ProgressNote) -> NoteRow:
    return NoteRow(
        id=n.id,
        task_id=n.task_id,
        progress=n.progress,
        problems=n.problems,
        next_steps=n.next_steps,
        at=queries.as_utc(n.at),
        by=n.by,
        source=n.source,
    )


def correction_row(c: FieldCorrection) -> CorrectionRow:
    return CorrectionRow(
        id=c.id,
        task_id=c.task_id,
        field=c.field,
        old_value=c.old_value,
        new_value=c.new_value,
        at=queries.as_utc(c.at),
        by=c.by,
    )


def reminder_row(r: Reminder) -> ReminderRow:
    return ReminderRow(
        id=r.id,
        task_id=r.task_id,
        unit=r.unit,
        reason=r.reason,
        detail=r.detail,
        file_name=r.file_name,
        reply_by=r.reply_by,
        at=queries.as_utc(r.at),
        by=r.by,
    )
