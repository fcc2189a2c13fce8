"""Undoable edits: every change the clerk makes goes through a QUndoCommand.

Each command has two halves:
- `forward()` / `backward()` write to the ledger and return the changed rows. They touch
  nothing in Qt, so the main window runs them on the TaskRunner, off the GUI thread: a
  ledger that is busy (another clerk importing) or slow never freezes the window.
- `redo()` / `undo()` (what QUndoStack calls, on the GUI thread) only show the rows the
  write returned. The window stores them with `deliver()` before moving the stack; when
  nothing was delivered (a caller driving the stack directly) they write inline.

Undo never erases what happened: it records a new change back to the old value (撤销 is
itself an edit by the clerk), a deleted task is retired and restored, a note is removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from core.ledger.statuses import STATUS_LABELS
from desktop.gateway import LedgerGateway
from desktop.table.rows import TaskRow

Refresh = Callable[[list[TaskRow]], None]
UNDO_NOTE = "撤销"


class LedgerCommand(QUndoCommand):
    """Base: subclasses implement `forward` and `backward` (ledger writes, any thread)."""

    def __init__(self, text: str, refresh: Refresh, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.refresh = refresh
        self._delivered: list[TaskRow] | None = None

    def forward(self) -> list[TaskRow]:
        raise NotImplementedError

    def backward(self) -> list[TaskRow]:
        raise NotImplementedError

    def deliver(self, rows: list[TaskRow]) -> None:
        """Rows a background `forward`/`backward` returned, shown by the next redo/undo."""
        self._delivered = rows

    def apply(self) -> None:
        """Write forward now, on the calling thread (used after a conflict was resolved);
        the next `redo()` (QUndoStack.push) shows the result without writing again."""
        self.deliver(self.forward())

    def _take(self, write: Callable[[], list[TaskRow]]) -> list[TaskRow]:
        rows, self._delivered = self._delivered, None
        return rows if rows is not None else write()

    def redo(self) -> None:
        self.refresh(self._take(self.forward))

    def undo(self) -> None:
        self.refresh(self._take(self.backward))


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
            f"将 {len(rows)} 项任务改为“{label}”" if len(rows) > 1 else f"改为“{label}”",
            refresh,
        )
        self.gateway, self.status, self.note = gateway, status, note
        self.before = [(r.id, r.status, r.version) for r in rows]
        self.first = True

    def forward(self) -> list[TaskRow]:
        changed: list[TaskRow] = []
        for task_id, _old, version in self.before:
            expected = version if self.first else None  # first save guards against conflicts
            changed.append(self.gateway.set_status(task_id, self.status, self.note, expected))
        self.first = False
        return changed

    def backward(self) -> list[TaskRow]:
        return [
            self.gateway.set_status(task_id, old, UNDO_NOTE) for task_id, old, _v in self.before
        ]


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
        super().__init__(f"修正{label}", refresh, parent)
        self.gateway, self.task_id, self.field = gateway, task_id, field
        self.old, self.new = old, new
        # Version the editor was opened on: the first save raises EditConflict over a newer
        # save by another clerk; redo after undo re-applies on purpose (None).
        self.expected_version: int | None = None

    def forward(self) -> list[TaskRow]:
        row = self.gateway.correct_field(self.task_id, self.field, self.new, self.expected_version)
        self.expected_version = None
        return [row]

    def backward(self) -> list[TaskRow]:
        return [self.gateway.correct_field(self.task_id, self.field, self.old)]


class CorrectFieldsCommand(LedgerCommand):
    """Several fields of one task saved together from the editor: one undo step."""

    def __init__(self, parts: Sequence[CorrectFieldCommand]) -> None:
        super().__init__("修正任务字段", parts[0].refresh)
        self.parts = list(parts)

    def forward(self) -> list[TaskRow]:
        return [row for part in self.parts for row in part.forward()][-1:]

    def backward(self) -> list[TaskRow]:
        return [row for part in reversed(self.parts) for row in part.backward()][-1:]


class AddNoteCommand(LedgerCommand):
    """保存进展; undo removes the note, redo writes it again (under a new id)."""

    def __init__(
        self,
        gateway: LedgerGateway,
        task_id: int,
        values: tuple[str, str, str],
        refresh: Refresh,
    ) -> None:
        super().__init__("保存进展", refresh)
        self.gateway, self.task_id, self.values = gateway, task_id, values
        self.note_id: int | None = None

    def forward(self) -> list[TaskRow]:
        self.note_id, row = self.gateway.add_note(self.task_id, *self.values)
        return [row]

    def backward(self) -> list[TaskRow]:
        assert self.note_id is not None
        return [self.gateway.delete_note(self.note_id)]


class AddTaskCommand(LedgerCommand):
    """新增任务; undo deletes the new task (retired), redo brings the same task back."""

    def __init__(self, gateway: LedgerGateway, values: dict[str, Any], refresh: Refresh) -> None:
        super().__init__("新增任务", refresh)
        self.gateway, self.values = gateway, values
        self.task_id: int | None = None

    def forward(self) -> list[TaskRow]:
        if self.task_id is None:
            row = self.gateway.add_task(self.values)
            self.task_id = row.id
            return [row]
        return [self.gateway.restore_task(self.task_id)]

    def backward(self) -> list[TaskRow]:
        assert self.task_id is not None
        return [self.gateway.delete_task(self.task_id)]


class DeleteTasksCommand(LedgerCommand):
    """删除任务 (one or many); undo restores them with everything they had."""

    def __init__(self, gateway: LedgerGateway, rows: Sequence[TaskRow], refresh: Refresh) -> None:
        super().__init__(
            f"删除 {len(rows)} 项任务" if len(rows) > 1 else "删除任务",
            refresh,
        )
        self.gateway = gateway
        self.before = [(r.id, r.version) for r in rows]
        self.first = True

    def forward(self) -> list[TaskRow]:
        out = []
        for task_id, version in self.before:
            out.append(self.gateway.delete_task(task_id, version if self.first else None))
        self.first = False
        return out

    def backward(self) -> list[TaskRow]:
        return [self.gateway.restore_task(task_id) for task_id, _v in self.before]


# Fields 修正字段 sets on many tasks at once (status goes through set_status).
BULK_FIELDS = ("deadline", "lead_units", "support_units")


def _old_value(row: TaskRow, field: str) -> Any:
    if field == "deadline":
        return row.deadline.isoformat() if row.deadline else None
    return list(getattr(row, field))


class BulkCorrectCommand(LedgerCommand):
    """修正字段 on several tasks: the same values for all of them, ONE undo step.

    The corrections are one ledger transaction (all tasks or none); undo writes each
    task's own old values back, again in one transaction, and puts statuses back.
    """

    def __init__(
        self,
        gateway: LedgerGateway,
        rows: Sequence[TaskRow],
        values: dict[str, Any],
        status: str | None,
        refresh: Refresh,
    ) -> None:
        n = len(rows)
        super().__init__(f"批量修正 {n} 项任务", refresh)
        self.gateway, self.status = gateway, status
        self.values = {f: v for f, v in values.items() if f in BULK_FIELDS}
        self.before = [
            (r.id, r.version, r.status, {f: _old_value(r, f) for f in self.values}) for r in rows
        ]
        self.first = True

    def forward(self) -> list[TaskRow]:
        rows: dict[int, TaskRow] = {}
        if self.values:
            changes = [(i, f, v) for i, *_ in self.before for f, v in self.values.items()]
            expected = {i: ver for i, ver, *_ in self.before} if self.first else None
            rows.update((r.id, r) for r in self.gateway.correct_fields(changes, expected))
        if self.status:
            for task_id, version, _s, _o in self.before:
                check = version if self.first and not self.values else None
                rows[task_id] = self.gateway.set_status(task_id, self.status, "", check)
        self.first = False
        return [rows[i] for i, *_ in self.before if i in rows]

    def backward(self) -> list[TaskRow]:
        rows: dict[int, TaskRow] = {}
        if self.values:
            changes = [(i, f, v) for i, _v, _s, old in self.before for f, v in old.items()]
            rows.update((r.id, r) for r in self.gateway.correct_fields(changes))
        if self.status:
            for task_id, _v, old_status, _o in self.before:
                rows[task_id] = self.gateway.set_status(task_id, old_status, UNDO_NOTE)
        return [rows[i] for i, *_ in self.before if i in rows]


class DismissCommand(LedgerCommand):
    """不是任务 on 可能遗漏 cues or on a flagged document; undo brings the marks back.

    It changes no task, so it returns no rows; `refresh` re-reads the marks."""

    def __init__(
        self,
        gateway: LedgerGateway,
        refresh: Refresh,
        *,
        cue_ids: Sequence[int] = (),
        document_id: int | None = None,
    ) -> None:
        what = "忽略可能遗漏标记" if document_id is None else "标记文件为“不是任务”"
        super().__init__(what, refresh)
        self.gateway, self.document_id = gateway, document_id
        self.cue_ids = list(cue_ids)
        self.changed: list[int] = []

    def forward(self) -> list[TaskRow]:
        if self.document_id is not None:
            self.changed = self.gateway.dismiss_document(self.document_id)
        else:
            self.changed = self.gateway.dismiss_cues(self.cue_ids)
        return []

    def backward(self) -> list[TaskRow]:
        if self.document_id is not None:
            self.gateway.dismiss_document(self.document_id, dismissed=False)
        if self.changed:
            self.gateway.dismiss_cues(self.changed, dismissed=False)
        return []
