"""Progress notes saved to the task they were typed for, never lost on the way.

The detail panel binds its note boxes to the task it shows and hands over what is typed
(`note_requested` when 保存进展 is pressed, `draft_left` when the clerk moves to another
task, hides it with a search, or closes the window). `NoteSaver` queues each note with its
task id and saves them one at a time, as ordinary undoable edits, once no other write is
in flight. A note whose save fails is held and put back into the boxes the next time its
task is shown, so the clerk's text survives a locked or unreachable ledger.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer

from desktop.editing.undo import AddNoteCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QStatusBar

    from desktop.gateway import LedgerGateway
    from desktop.table.rows import TaskRow
    from desktop.views.detail_panel import DetailPanel

log = logging.getLogger(__name__)
Values = tuple[str, str, str]


class NoteHost(Protocol):
    """What the saver uses of the window (the main window is one); no import of it here,
    so the window imports this module and not the other way round."""

    gateway: LedgerGateway
    detail: DetailPanel
    undo_stack: QUndoStack
    writing: bool

    def refresh_rows(self, rows: list[TaskRow]) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def _write(
        self,
        job: Callable[[], list[TaskRow]],
        on_done: Callable[[list[TaskRow]], None],
        failure_title: str = ...,
        on_error: Callable[[BaseException], bool | None] | None = ...,
    ) -> bool: ...
    def _edit_failed(self, exc: BaseException, title: str) -> None: ...


class NoteSaver(QObject):
    """Owned by the main window; the window tells it when a write finished (`resume`)."""

    def __init__(self, window: NoteHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.queue: list[tuple[int, Values, bool]] = []  # task id, values, left behind
        self.held: dict[int, Values] = {}  # saves that failed, by task id

    # --- in ------------------------------------------------------------------------------
    def save(self, task_id: int, values: Values) -> None:
        """保存进展 pressed: save now, or as soon as the write in flight is done."""
        self.queue.append((task_id, values, False))
        self.flush()

    def left(self, task_id: int, values: Values) -> None:
        """The clerk left a task with unsaved text: save it to that task shortly (not from
        inside the selection change that reported it, which may be part of another edit)."""
        self.queue.append((task_id, values, True))
        QTimer.singleShot(0, self.flush)

    def resume(self) -> None:
        if self.queue:
            QTimer.singleShot(0, self.flush)

    def take_held(self, task_id: int) -> Values | None:
        return self.held.pop(task_id, None)

    # --- saving --------------------------------------------------------------------------
    def flush(self) -> None:
        """Start saving the oldest queued note unless another write is running."""
        w = self.window
        if not self.queue or w.writing:
            return
        task_id, values, automatic = self.queue.pop(0)
        command = AddNoteCommand(w.gateway, task_id, values, w.refresh_rows)

        def saved(rows: list[TaskRow]) -> None:
            command.deliver(rows)
            w.undo_stack.push(command)
            if automatic:
                w.statusBar().showMessage(
                    f"已将填写的进展保存到任务 #{task_id}（可撤销，Ctrl+Z）", 8000
                )
            self.resume()

        def failed(exc: BaseException) -> bool:
            self._hold(task_id, values)
            w._edit_failed(exc, f"任务 #{task_id} 的进展未能保存")
            self.resume()
            return False

        w._write(command.forward, saved, on_error=failed)

    def _hold(self, task_id: int, values: Values) -> None:
        """Keep a note that could not be saved; shown again in the boxes of its task."""
        self.held[task_id] = values
        detail = self.window.detail
        if detail.note_task_id == task_id and detail.draft() is None:
            self.held.pop(task_id)
            detail.restore_draft(values)
        self.window.statusBar().showMessage(
            f"任务 #{task_id} 的进展未能保存，已保留在填报框中，请稍后再次保存", 10000
        )

    def save_all_now(self) -> list[int]:
        """On closing the window: save every queued and held note at once, on this thread
        (nothing else runs any more). Returns the ids of tasks whose note still failed."""
        w = self.window
        pending = [(t, v) for t, v, _a in self.queue] + list(self.held.items())
        self.queue.clear()
        self.held.clear()
        failed: list[int] = []
        for task_id, values in pending:
            try:
                w.gateway.add_note(task_id, *values)
            except Exception:  # a closing window must not crash: keep the text, report
                log.warning("saving the note of task %s on close failed", task_id, exc_info=True)
                self.held[task_id] = values
                failed.append(task_id)
        return failed
