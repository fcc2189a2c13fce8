"""Task statuses: stable keys stored in the database, Chinese labels shown to clerks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal

from core.ledger.errors import UnknownStatusError

NOT_STARTED: Final = "not_started"
IN_PROGRESS: Final = "in_progress"
DONE: Final = "done"
SUSPENDED: Final = "suspended"

# Order matters: it is the order of columns in counts and of choices in the GUI.
STATUS_LABELS: Final[dict[str, str]] = {
    NOT_STARTED: "未开始",
    IN_PROGRESS: "推进中",
    DONE: "已完成",
    SUSPENDED: "暂缓",
}
STATUSES: Final = tuple(STATUS_LABELS)

# Derived, never stored: computed from the deadline and today.
OVERDUE_LABEL: Final = "已逾期"
DUE_SOON_LABEL: Final = "即将到期"
DUE_SOON_DAYS: Final = 7
DUE_STATE_LABELS: Final[dict[str, str]] = {"overdue": OVERDUE_LABEL, "due_soon": DUE_SOON_LABEL}

# Statuses whose deadlines no longer matter for overdue / due-soon.
CLOSED_STATUSES: Final = (DONE, SUSPENDED)


def parse_status(value: str) -> str:
    """Accept a status key (`in_progress`) or its Chinese label (`推进中`); return the key."""

    v = value.strip()
    if v in STATUS_LABELS:
        return v
    for key, label in STATUS_LABELS.items():
        if v == label:
            return key
    raise UnknownStatusError(value, STATUS_LABELS)


def due_state(
    status: str, deadline: date | None, today: date
) -> Literal["overdue", "due_soon"] | None:
    """The derived state shown beside a task: overdue, due within 7 days, or nothing.

    One rule for the task table, the filters and the weekly report (which asks it for the
    end of a past week), so they never disagree about what is overdue.
    """
    if deadline is None or status in CLOSED_STATUSES:
        return None
    if deadline < today:
        return "overdue"
    if deadline <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return None
