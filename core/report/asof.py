"""Rebuild each task as it stood at the end of a past week, from the ledger's history.

A report for week W must be true for W: a superior comparing last month's printed report
with this one must see the statuses, deadlines and notes of that time, and the overdue
count as it was then. The ledger keeps every status change, field correction and note with
its time, so the state at an instant is today's state with every later change undone:

- status: the `from_status` of the first status change at or after the instant;
- a corrected field (deadline, units, text): the `old_value` of its first later correction;
- the latest note: the newest note written before the instant;
- existence: created before the instant and not retired before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.ledger import CorrectionRow, NoteRow, StatusChangeRow, TaskRow

# Fields whose value as of the week's end the report shows.
REBUILT_FIELDS = ("deadline", "lead_units", "support_units", "text")


@dataclass(frozen=True)
class TaskState:
    """What the report needs of one task at the week's end."""

    status: str
    deadline: date | None
    lead_units: tuple[str, ...]
    support_units: tuple[str, ...]
    text: str
    note: NoteRow | None


def existed_at(row: TaskRow, instant: datetime) -> bool:
    """Whether the task was in the ledger (and not retired) at `instant`."""
    if row.created_at is not None and row.created_at >= instant:
        return False
    return row.retired_at is None or row.retired_at >= instant


def _first_after(entries: Iterable[Any], key: Any) -> dict[Any, Any]:
    """The earliest entry per key; `entries` are oldest first (the ledger's order)."""
    first: dict[Any, Any] = {}
    for e in entries:
        first.setdefault(key(e), e)
    return first


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _as_names(value: Any, fallback: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    if isinstance(value, str):
        return tuple(v for v in value.replace("，", "、").split("、") if v)
    return fallback


def states_at(
    rows: Iterable[TaskRow],
    later_history: Iterable[StatusChangeRow],
    later_corrections: Iterable[CorrectionRow],
    notes_before: Iterable[NoteRow],
) -> dict[int, TaskState]:
    """Each task's state at the instant that `later_*` start from (see the module doc).

    `later_history` / `later_corrections` are the changes made at or after the instant,
    oldest first; `notes_before` the notes written before it, oldest first.
    """
    first_change = _first_after(later_history, lambda h: h.task_id)
    first_fix = _first_after(
        (c for c in later_corrections if c.field in REBUILT_FIELDS), lambda c: (c.task_id, c.field)
    )
    latest_note: dict[int, NoteRow] = {}
    for n in notes_before:
        latest_note[n.task_id] = n  # oldest first: the last one wins
    out: dict[int, TaskState] = {}
    for row in rows:
        change = first_change.get(row.id)
        status = change.from_status if change and change.from_status else row.status
        fix = {f: first_fix.get((row.id, f)) for f in REBUILT_FIELDS}
        deadline = row.deadline if fix["deadline"] is None else _as_date(fix["deadline"].old_value)
        lead = (
            row.lead_units
            if fix["lead_units"] is None
            else _as_names(fix["lead_units"].old_value, row.lead_units)
        )
        support = (
            row.support_units
            if fix["support_units"] is None
            else _as_names(fix["support_units"].old_value, row.support_units)
        )
        text = row.text
        if fix["text"] is not None and isinstance(fix["text"].old_value, str):
            text = fix["text"].old_value
        out[row.id] = TaskState(
            status=status,
            deadline=deadline,
            lead_units=lead,
            support_units=support,
            text=text,
            note=latest_note.get(row.id),
        )
    return out
