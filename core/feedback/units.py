"""Which units get a sheet, and which of their tasks it lists.

The one place that decides it, so the unit directory (canonical units with aliases, being
built elsewhere) can replace `ledger.units()` / the tasks' canonical names here alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from core.ledger import Ledger, TaskFilter, TaskRow, UnknownUnitError
from core.report.data import is_collective

OPEN_STATUSES = ("not_started", "in_progress")


@dataclass
class UnitTasks:
    """One unit's open tasks: those it leads and those it supports, soonest first."""

    unit: str
    lead: list[TaskRow] = field(default_factory=list)
    support: list[TaskRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.lead) + len(self.support)


def canonical_unit(ledger: Ledger, name: str) -> str:
    for u in ledger.units():
        if name == u.name or name in u.aliases:
            return u.name
    raise UnknownUnitError(name)


def select_units(
    ledger: Ledger, unit: str | None = None, today: date | None = None
) -> tuple[list[UnitTasks], list[str]]:
    """Per unit (name order) its open tasks as lead and as support; units without any get
    nothing. Collective names (各乡镇, 县直各部门) address nobody in particular: they are
    returned apart (second value) for the summary, not sent a sheet."""
    only = canonical_unit(ledger, unit) if unit else None
    rows = ledger.tasks(TaskFilter(unit=only, status=OPEN_STATUSES), today=today)
    by_unit: dict[str, UnitTasks] = defaultdict(lambda: UnitTasks(""))
    for row in rows:
        for role, names in (("lead", row.lead_units), ("support", row.support_units)):
            for name in dict.fromkeys(names):
                if only is not None and name != only:
                    continue
                entry = by_unit[name]
                entry.unit = name
                (entry.lead if role == "lead" else entry.support).append(row)
    sheets, skipped = [], []
    for name in sorted(by_unit):
        entry = by_unit[name]
        if is_collective(name):
            skipped.append(name)
            continue
        for part in (entry.lead, entry.support):
            part.sort(key=lambda r: (r.deadline or date.max, r.id))
        # A task listing the unit both as lead and support is its lead task only.
        lead_ids = {r.id for r in entry.lead}
        entry.support = [r for r in entry.support if r.id not in lead_ids]
        sheets.append(entry)
    return sheets, skipped
