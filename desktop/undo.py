"""Undoable edits: every change the clerk makes goes through a QUndoCommand.

Undo never deletes history: it records a new change back to the old value, so the ledger
still shows who did what (撤销 is itself an edit by the clerk).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from core.ledger.statuses import STATUS_LABELS
from desktop.gateway import LedgerGateway
from desktop.rows import TaskRow

Refresh = Callable[[list[TaskRow]], None]


class LedgerCommand(QUndoCommand):
    """Base: the window calls `apply()` first (errors reach the clerk, nothing is pushed);
    pushing the command afterwards does not write a second time."""

    def __init__(self, text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self._applied = False

    def apply(self) -> None:
        self.do()
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # QUndoStack.push calls redo once: already done
            return
        self.do()

    def do(self) -> None:
        raise NotImplementedError


UNDO_NOTE = "撤销"


class SetStatusCommand(LedgerCommand):
    """Status of one or many tasks; undo puts each back to what it was."""

    def __init__(
        self,
        gateway: LedgerGateway,
        rows: Sequence[TaskRow],
        status: str,
        note: str,
        refresh: Refresh,
    ) -> None:
        label = STATUS_LABELS.get(status, status)
        super().__init__(
            f"将 {len(rows)} 项任务改为“{label}”" if len(rows) > 1 else f"改为“{label}”"
        )
        self.gateway, self.status, self.note, self.refresh = gateway, status, note, refresh
        self.before = [(r.id, r.status, r.version) for r in rows]
        self.first = True

    def do(self) -> None:
        changed: list[TaskRow] = []
        for task_id, _old, version in self.before:
            expected = version if self.first else None  # first save guards against conflicts
            changed.append(self.gateway.set_status(task_id, self.status, self.note, expected))
        self.first = False
        self.refresh(changed)

    def undo(self) -> None:
        changed = [
            self.gateway.set_status(task_id, old, UNDO_NOTE) for task_id, old, _v in self.before
        ]
        self.refresh(changed)


class CorrectFieldCommand(LedgerCommand):
    """One field of one task; undo writes the old value back as a correction."""

    def __init__(
        self,
        gateway: LedgerGateway,
        task_id: int,
        field: str,
        old: Any,
        new: Any,
        label: str,
        refresh: Refresh,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(f"修正{label}", parent)
        self.gateway, self.task_id, self.field = gateway, task_id, field
        self.old, self.new, self.refresh = old, new, refresh

    def do(self) -> None:
        self.refresh([self.gateway.correct_field(self.task_id, self.field, self.new)])

    def undo(self) -> None:
        self.refresh([self.gateway.correct_field(self.task_id, self.field, self.old)])


class CorrectFieldsCommand(LedgerCommand):
    """Several fields of one task saved together from the editor: one undo step."""

    def __init__(self, parts: Sequence[CorrectFieldCommand]) -> None:
        super().__init__("修正任务字段")
        self.parts = list(parts)

    def do(self) -> None:
        for part in self.parts:
            part.do()

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()
