"""What the task table holds per task, and the filter the clerk sets over it.

Rows are plain frozen dataclasses built from the ledger's DTOs (`gateway.py`), so the model
and its filters are testable without a database. Filtering runs in Python over the row
list: for 100,000 rows a list comprehension costs tens of milliseconds, where a
QSortFilterProxyModel took over a second (measured in bench/bench_desktop.py).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from core.ledger.statuses import CLOSED_STATUSES, DONE, DUE_SOON_DAYS, STATUS_LABELS

# Quick filters of the navigation panel, in display order.
QUICK_ALL = "all"
QUICK_OVERDUE = "overdue"
QUICK_WEEK = "week"
QUICK_MONTH = "month"
QUICK_STAGNANT = "stagnant"
QUICK_LABELS = {
    QUICK_ALL: "全部",
    QUICK_OVERDUE: "已逾期",
    QUICK_WEEK: "7天内到期",
    QUICK_MONTH: "本月到期",
    QUICK_STAGNANT: "超过{n}天未更新",
}

# Tree node of a gazette's tasks that belong to no document (ledger ids start at 1).
NO_DOCUMENT = 0

# Light states (the first column).
LIGHT_NONE = ""
LIGHT_RED = "overdue"
LIGHT_AMBER = "due_soon"
LIGHT_GREEN = "done"


@dataclass(frozen=True)
class TaskRow:
    """One task as the table shows it."""

    id: int
    text: str
    lead_units: tuple[str, ...] = ()
    support_units: tuple[str, ...] = ()
    deadline: date | None = None
    amount_yuan: float | None = None  # sum of the task's amounts; None when it has none
    status: str = "not_started"
    doc_number: str | None = None
    doc_title: str | None = None
    gazette_id: int | None = None
    document_id: int | None = None  # what the document tree selects by
    doc_key: str | None = None  # 文号, else title: the document's label in the tree
    last_activity: datetime | None = None
    version: int = 0  # the ledger's edit counter, sent back as expected_version
    manual: bool = False  # added by the clerk
    retired: bool = False  # deleted (the ledger keeps it; the table drops it)
    # Unit directory ids of lead_units / support_units (names repeat across counties).
    lead_unit_ids: tuple[int, ...] = ()
    support_unit_ids: tuple[int, ...] = ()
    search_blob: str = field(default="", compare=False, repr=False)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def days_left(self, today: date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days

    def light(self, today: date) -> str:
        if self.status == DONE:
            return LIGHT_GREEN
        if self.status in CLOSED_STATUSES or self.deadline is None:
            return LIGHT_NONE
        left = (self.deadline - today).days
        if left < 0:
            return LIGHT_RED
        if left <= DUE_SOON_DAYS:
            return LIGHT_AMBER
        return LIGHT_NONE


def make_search_blob(row: TaskRow) -> str:
    """Lower-cased haystack the search box matches: text, units, 文号, title."""
    parts = [row.text, *row.lead_units, *row.support_units]
    parts += [row.doc_number or "", row.doc_title or ""]
    return "\n".join(parts).lower()


@dataclass(frozen=True)
class FilterSpec:
    """Everything the clerk narrowed the table by; the default shows every task."""

    quick: str = QUICK_ALL
    stagnation_days: int = 14
    statuses: frozenset[str] = frozenset()  # empty: any status
    unit: str | None = None  # canonical unit name, lead or support
    unit_id: int | None = None  # one directory unit (wins over `unit`)
    gazette_id: int | None = None
    document_id: int | None = None  # NO_DOCUMENT: tasks of the gazette outside any document
    text: str = ""


def _month_end(today: date) -> date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


def filter_indices(
    rows: Sequence[TaskRow], spec: FilterSpec, today: date, now: datetime
) -> list[int]:
    """Indices of the rows the spec lets through, in row order.

    Each clause narrows the previous result with its own comprehension: no per-row lambda
    chain, and later clauses only look at the survivors (100,000 rows: tens of ms).
    """
    idx: list[int] | range = range(len(rows))
    quick = spec.quick
    if quick in (QUICK_OVERDUE, QUICK_WEEK, QUICK_MONTH):
        if quick == QUICK_OVERDUE:
            lo, hi = date.min, today - timedelta(days=1)
        elif quick == QUICK_WEEK:
            lo, hi = today, today + timedelta(days=DUE_SOON_DAYS)
        else:
            lo, hi = today, _month_end(today)
        idx = [
            i
            for i in idx
            if (d := rows[i].deadline) is not None
            and lo <= d <= hi
            and rows[i].status not in CLOSED_STATUSES
        ]
    elif quick == QUICK_STAGNANT:
        cutoff = now - timedelta(days=spec.stagnation_days)
        idx = [
            i
            for i in idx
            if rows[i].status not in CLOSED_STATUSES
            and ((a := rows[i].last_activity) is None or a < cutoff)
        ]
    if spec.gazette_id is not None:
        gid = spec.gazette_id
        idx = [i for i in idx if rows[i].gazette_id == gid]
    if spec.document_id is not None:
        doc = spec.document_id or None  # NO_DOCUMENT -> rows without a document
        idx = [i for i in idx if rows[i].document_id == doc]
    if spec.statuses:
        wanted = spec.statuses
        idx = [i for i in idx if rows[i].status in wanted]
    if spec.unit_id is not None:
        uid = spec.unit_id
        idx = [i for i in idx if uid in rows[i].lead_unit_ids or uid in rows[i].support_unit_ids]
    elif spec.unit:
        unit = spec.unit
        idx = [i for i in idx if unit in rows[i].lead_units or unit in rows[i].support_units]
    for needle in spec.text.lower().split():
        idx = [i for i in idx if needle in rows[i].search_blob]
    return list(idx)
