"""Which units get a sheet, and which of their tasks it lists: from the unit directory.

The one place that decides it. Every named unit of every county with open tasks gets one
sheet: tasks it leads, tasks it supports, and tasks it carries as a member of a collective
(各乡镇 …) the clerk has filled in. Collectives themselves address nobody in particular
and get no sheet. A unit name used in two counties is labelled with its county, as the
weekly report labels it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from core.ledger import Ledger, TaskRow, UnknownUnitError


@dataclass
class UnitTasks:
    """One unit's open tasks by part of the sheet (soonest deadline first)."""

    unit: str  # the label printed and recorded (县财政局, or 县财政局（兴县）)
    lead: list[TaskRow] = field(default_factory=list)
    support: list[TaskRow] = field(default_factory=list)
    collective: list[TaskRow] = field(default_factory=list)  # via 各乡镇-like collectives
    file_part: str = ""  # county and name for the file name

    @property
    def count(self) -> int:
        return len(self.lead) + len(self.support) + len(self.collective)


def select_units(ledger: Ledger, unit: str | None = None) -> tuple[list[UnitTasks], list[str]]:
    """Per unit (county, then directory order) its open tasks; units without any get
    nothing. Returns also the collectives with open tasks (for the summary)."""
    counties = ledger.unit_counties()
    directory = ledger.unit_directory()
    homes: dict[str, set[str]] = defaultdict(set)
    for u in directory:
        homes[u.name].add(u.county)
    if unit is not None and not any(unit == u.name or unit in u.aliases for u in directory):
        raise UnknownUnitError(unit)
    sheets: list[UnitTasks] = []
    for county in counties:
        for work in ledger.unit_workloads(county):
            u = work.unit
            if unit is not None and unit != u.name and unit not in u.aliases:
                continue
            ambiguous = len(homes[u.name]) > 1 and u.county
            label = f"{u.name}（{u.county}）" if ambiguous else u.name
            via = [i for ids in work.via_collectives.values() for i in ids]
            via = [i for i in dict.fromkeys(via) if i not in work.lead and i not in work.support]
            ids = [*work.lead, *work.support, *via]
            rows = {r.id: r for r in ledger.rows(ids)}
            sheets.append(
                UnitTasks(
                    unit=label,
                    lead=[rows[i] for i in work.lead if i in rows],
                    support=[rows[i] for i in work.support if i in rows],
                    collective=[rows[i] for i in via if i in rows],
                    file_part=f"{u.county}_{u.name}" if ambiguous else u.name,
                )
            )
    skipped = sorted(
        {u.name for u in directory if u.is_collective and (u.open_lead or u.open_support)}
    )
    return [s for s in sheets if s.count], skipped
