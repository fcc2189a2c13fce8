"""Undoable unit-directory edits (单位管理): merges, rejections, renames, contacts, kinds and
a collective's members, as LedgerCommands on the main window's undo stack.

`forward` applies the edit and returns the task rows whose units it changed (so the table
and the unit list show canonical names at once); `backward` undoes the ledger change,
which stays in the directory's history marked undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.editing.undo import LedgerCommand, Refresh
from desktop.gateway import LedgerGateway
from desktop.table.rows import TaskRow


class UnitChangeCommand(LedgerCommand):
    """One directory edit: `action` is a `LedgerGateway.unit_change` action name."""

    def __init__(
        self,
        gateway: LedgerGateway,
        text: str,
        action: str,
        args: Sequence[Any],
        unit_ids: Sequence[int],
        refresh: Refresh,
        *,
        touches_rows: bool = True,
    ) -> None:
        super().__init__(text, refresh)
        self.gateway, self.action, self.args = gateway, action, tuple(args)
        self.unit_ids = tuple(unit_ids)
        self.touches_rows = touches_rows
        self.change_id: int | None = None

    def _rows(self) -> list[TaskRow]:
        if not self.touches_rows:
            return []
        return self.gateway.rows(self.gateway.unit_task_ids(self.unit_ids))

    def forward(self) -> list[TaskRow]:
        ids = self.gateway.unit_task_ids(self.unit_ids) if self.touches_rows else []
        self.change_id = self.gateway.unit_change(self.action, *self.args).id
        return self.gateway.rows(ids)

    def backward(self) -> list[TaskRow]:
        assert self.change_id is not None
        self.gateway.undo_unit_change(self.change_id)
        return self._rows()
