"""The `Ledger`'s unit-directory methods (单位管理), kept apart from the task services.

Mixed into `core.ledger.service.Ledger`; every edit returns the `UnitChangeRow` that
`undo_unit_change(change.id)` reverses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm import Session

from core.ledger.editing import directory as edits
from core.ledger.reading import directory as reads
from core.ledger.unit_dto import DirectoryUnit, Suggestion, UnitChangeRow, UnitTasks

T = TypeVar("T")


class UnitDirectoryMixin:
    """Unit directory: list, suggest, merge, reject, rename, contacts, kinds, members, undo."""

    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[Session]: ...
        def _write(self, fn: Callable[[Session], T]) -> T: ...
        def now(self) -> datetime: ...
        def today(self) -> date: ...

    def _clerk(self, by: str | None) -> str:
        from core.ledger.service import default_clerk

        return by or default_clerk()

    def _change(
        self, fn: Callable[[Session, str, datetime], object], by: str | None
    ) -> UnitChangeRow:
        clerk, now = self._clerk(by), self.now()

        def run(s: Session) -> UnitChangeRow:
            change = fn(s, clerk, now)
            return reads.change_row(change)  # type: ignore[arg-type]

        return self._write(run)

    # -- reads ----------------------------------------------------------------------------
    def unit_counties(self) -> list[str]:
        """Counties the directory holds units of ("" for gazettes that named none)."""
        with self._read() as s:
            return reads.counties(s)

    def unit_directory(self, county: str | None = None) -> list[DirectoryUnit]:
        """Canonical units (one county's, or all) with aliases, kind, contacts and counts."""
        with self._read() as s:
            return reads.directory(s, county)

    def unit_tasks(self, unit_id: int, *, open_only: bool = True) -> UnitTasks:
        """A unit's tasks as lead / support / through its collectives: for feedback sheets."""
        with self._read() as s:
            return reads.unit_tasks(s, unit_id, self.today(), open_only=open_only)

    def unit_workloads(self, county: str, *, open_only: bool = True) -> list[UnitTasks]:
        """Every named unit of `county` with its tasks (lead / support / via collectives)."""
        with self._read() as s:
            return reads.unit_workloads(s, county, open_only=open_only)

    def collective_candidates(self, group_id: int) -> list[DirectoryUnit]:
        with self._read() as s:
            return reads.collective_candidates(s, group_id)

    def suggest_unit_merges(self, county: str | None = None) -> list[Suggestion]:
        """Proposed alias groups with their evidence (nothing is merged until accepted)."""
        with self._read() as s:
            return reads.suggestions(s, county)

    def unit_history(self, county: str | None = None) -> list[UnitChangeRow]:
        with self._read() as s:
            return reads.history(s, county)

    # -- edits ----------------------------------------------------------------------------
    def accept_merge(
        self, county: str, names: Sequence[str], canonical: str, *, by: str | None = None
    ) -> UnitChangeRow:
        """Make the units called `names` in `county` one unit named `canonical`."""
        return self._change(
            lambda s, c, n: edits.accept_merge(s, county, list(names), canonical, c, n), by
        )

    def reject_suggestion(
        self, county: str, names: Sequence[str], *, by: str | None = None
    ) -> UnitChangeRow:
        """These names are different units: never suggest pooling any two of them again."""
        return self._change(
            lambda s, c, n: edits.reject_suggestion(s, county, list(names), c, n), by
        )

    def add_unit(
        self, county: str, name: str, kind: str | None = None, *, by: str | None = None
    ) -> UnitChangeRow:
        """Enter a unit no gazette named yet (kind guessed from the name when not given)."""
        return self._change(lambda s, c, n: edits.add_unit(s, county, name, kind, c, n), by)

    def rename_unit(self, unit_id: int, new_name: str, *, by: str | None = None) -> UnitChangeRow:
        return self._change(lambda s, c, n: edits.rename_unit(s, unit_id, new_name, c, n), by)

    def set_unit_contacts(
        self,
        unit_id: int,
        contact_person: str | None,
        phone: str | None,
        *,
        by: str | None = None,
    ) -> UnitChangeRow:
        return self._change(
            lambda s, c, n: edits.set_contacts(s, unit_id, contact_person, phone, c, n), by
        )

    def set_unit_kind(self, unit_id: int, kind: str, *, by: str | None = None) -> UnitChangeRow:
        return self._change(lambda s, c, n: edits.set_kind(s, unit_id, kind, c, n), by)

    def expand_collective(
        self, group_id: int, member_ids: Sequence[int], *, by: str | None = None
    ) -> UnitChangeRow:
        """Set the named units a collective (各乡镇, 县直各部门 …) stands for."""
        return self._change(
            lambda s, c, n: edits.set_members(s, group_id, list(member_ids), c, n), by
        )

    def undo_unit_change(self, change_id: int, *, by: str | None = None) -> UnitChangeRow:
        """Reverse a directory change; it stays in the history, marked undone."""
        return self._change(lambda s, c, n: edits.undo_change(s, change_id, c, n), by)


__all__ = ["UnitDirectoryMixin"]
