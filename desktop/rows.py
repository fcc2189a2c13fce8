"""What the task table holds per task, and the filter the clerk sets over it.

Rows are plain frozen dataclasses built from the ledger's DTOs (`gateway.py`), so the model
and its filters are testable without a database. Filtering runs in Python over the row
list: for 100,000 rows a list comprehension costs tens of milliseconds, where a
QSortFilterProxyModel took over a second (measured in bench/bench_desktop.py).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
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
    doc_key: str | None = None  # 文号, else title: what the document tree selects by
    last_activity: datetime | None = None
    version: int = 0  # the ledger's edit counter, sent back as expected_version
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
    gazette_id: int | None = None
    doc_key: str | None = None
    text: str = ""


def _month_end(today: date) -> date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


def build_predicate(spec: FilterSpec, today: date, now: datetime) -> Callable[[TaskRow], bool]:
    """Compile the spec into one predicate; each clause is only checked when set."""
    checks: list[Callable[[TaskRow], bool]] = []
    open_only = QUICK_OVERDUE, QUICK_WEEK, QUICK_MONTH
    if spec.quick in open_only:
        checks.append(lambda r: r.deadline is not None and r.status not in CLOSED_STATUSES)
    if spec.quick == QUICK_OVERDUE:
        checks.append(lambda r: r.deadline < today)  # type: ignore[operator]
    elif spec.quick == QUICK_WEEK:
        week_end = today + timedelta(days=DUE_SOON_DAYS)
        checks.append(lambda r: today <= r.deadline <= week_end)  # type: ignore[operator]
    elif spec.quick == QUICK_MONTH:
        month_end = _month_end(today)
        checks.append(lambda r: today <= r.deadline <= month_end)  # type: ignore[operator]
    elif spec.quick == QUICK_STAGNANT:
        cutoff = now - timedelta(days=spec.stagnation_days)
        checks.append(
            lambda r: (
                r.status not in CLOSED_STATUSES
                and (r.last_activity is None or r.last_activity < cutoff)
            )
        )
    if spec.statuses:
        wanted = spec.statuses
        checks.append(lambda r: r.status in wanted)
    if spec.unit:
        unit = spec.unit
        checks.append(lambda r: unit in r.lead_units or unit in r.support_units)
    if spec.gazette_id is not None:
        gid = spec.gazette_id
        checks.append(lambda r: r.gazette_id == gid)
    if spec.doc_key is not None:
        key = spec.doc_key
        checks.append(lambda r: r.doc_key == key)
    needles = spec.text.lower().split()
    if needles:
        checks.append(lambda r: all(n in r.search_blob for n in needles))
    if not checks:
        return lambda r: True
    if len(checks) == 1:
        return checks[0]
    return lambda r: all(c(r) for c in checks)


def filter_indices(
    rows: Sequence[TaskRow], spec: FilterSpec, today: date, now: datetime
) -> list[int]:
    pred = build_predicate(spec, today, now)
    return [i for i, r in enumerate(rows) if pred(r)]
