"""Plain results of the unit directory (单位管理): units, suggestions, history, workloads.

What the 单位管理 dialog, the CLI, the weekly report and the feedback sheets receive; no
live ORM objects. Suggestions are `core.units.Suggestion` (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.units.kinds import COLLECTIVE, KIND_LABELS
from core.units.suggest import Suggestion, SuggestionMember


@dataclass(frozen=True)
class DirectoryUnit:
    """One canonical unit of a county's directory."""

    id: int
    county: str  # "" when the gazettes named no county
    name: str
    kind: str  # core.units.kinds.KINDS
    aliases: tuple[str, ...]
    contact_person: str | None
    phone: str | None
    task_count: int  # live tasks naming the unit (any role)
    open_lead: int  # open tasks it leads
    open_support: int  # open tasks it supports
    members: tuple[int, ...] = ()  # a collective's named units (ids), as the clerk set them
    member_of: tuple[int, ...] = ()  # collectives (ids) this unit is a member of

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_collective(self) -> bool:
        return self.kind == COLLECTIVE


@dataclass(frozen=True)
class UnitTasks:
    """A unit's open tasks (ids, display order) as lead, as support, and through the
    collectives it belongs to (collective name -> task ids): what a feedback sheet or a
    reminder for that unit lists."""

    unit: DirectoryUnit
    lead: tuple[int, ...]
    support: tuple[int, ...]
    via_collectives: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class UnitChangeRow:
    """One entry of the directory's history; `undone_at` once undone (the row stays)."""

    id: int
    county: str
    action: str  # merge | reject | add | rename | contacts | kind | members
    summary: str
    at: datetime
    by: str
    undone_at: datetime | None = None


__all__ = [
    "DirectoryUnit",
    "Suggestion",
    "SuggestionMember",
    "UnitChangeRow",
    "UnitTasks",
]
