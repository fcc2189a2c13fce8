"""The main window's edits: every ledger write off the GUI thread, one at a time, undoable.

Split from main_window.py along its seam: the window lays out and filters; this mixin turns
the clerk's edits (status, notes, corrections, new and deleted tasks) into LedgerCommands,
runs them on the TaskRunner and keeps the undo stack in step with what the ledger holds.
The host is `MainWindow` (gateway, runner, notifier, table, model, detail, nav, undo_stack).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from core.ledger import EditConflict
from desktop.editing.conflicts import resolve_conflict
from desktop.editing.undo import (
    AddTaskCommand,
    CorrectFieldCommand,
    CorrectFieldsCommand,
    DeleteTasksCommand,
    LedgerCommand,
    SetStatusCommand,
)
from desktop.errors import report_failure
from desktop.table.rows import TaskRow
from desktop.views.new_task_dialog import NewTaskDialog
from desktop.views.task_editor import LABELS, TaskEditor

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QMainWindow, QTableView

    from desktop.actions.source_pane import SourcePane
    from desktop.editing.note_drafts import NoteSaver
    from desktop.errors import Notifier
    from desktop.gateway import LedgerGateway
    from desktop.table.task_table_model import TaskTableModel
    from desktop.views.nav_panel import NavPanel
    from desktop.workers import TaskRunner

    _Host = QMainWindow
else:
    _Host = object

log = logging.getLogger(__name__)


class WindowEditsMixin(_Host):
    # Provided by the host window.
    gateway: LedgerGateway
    runner: TaskRunner
    notifier: Notifier
    table: QTableView
    model: TaskTableModel
    nav: NavPanel
    undo_stack: QUndoStack
    undo_action: QAction
    redo_action: QAction
    writing: bool
    editor: TaskEditor | None
    new_task_dialog: NewTaskDialog | None
    note_saver: NoteSaver
    source_pane: SourcePane

    if TYPE_CHECKING:

        def selected_rows(self) -> list[TaskRow]: ...
        def refresh_rows(self, rows: list[TaskRow]) -> None: ...
        def select_task(self, task_id: int, add: bool = False) -> None: ...
        def reload(self) -> None: ...

    # --- edits --------------------------------------------------------------------------
    # Every write goes through `_write`: the ledger call runs on the TaskRunner (off the GUI
    # thread), the outcome comes back on the GUI thread. One write at a time, so undo and
    # redo stay in order; the window keeps painting and answering while SQLite waits for
    # another process's lock (busy timeout, then retries inside the ledger).
    def _write(
        self,
        job: Callable[[], list[TaskRow]],
        on_done: Callable[[list[TaskRow]], None],
        failure_title: str = "无法保存",
        on_error: Callable[[BaseException], bool | None] | None = None,
    ) -> bool:
        """Run `job` on the TaskRunner, then `on_done(rows)` on the GUI thread.

        Returns False when the write could not start or is already known to have failed
        (a synchronous runner, as in tests, finishes before this returns); True otherwise.
        """
        if self.writing:
            self.statusBar().showMessage("上一项修改仍在保存，请稍候", 3000)
            return False
        self.writing = True
        self._update_undo_actions()
        self.statusBar().showMessage("正在保存…")

        outcome: list[bool] = []

        def done(rows: list[TaskRow]) -> None:
            self._write_finished()
            outcome.append(True)
            on_done(rows)

        def failed(exc: BaseException) -> None:
            self._write_finished()
            if on_error is not None:
                outcome.append(bool(on_error(exc)))
            else:
                outcome.append(False)
                self._edit_failed(exc, failure_title)

        self.runner.run_task(lambda _ctx: job(), done, failed)
        return outcome[0] if outcome else True

    def _write_finished(self) -> None:
        self.writing = False
        self.statusBar().clearMessage()
        self._update_undo_actions()
        self.note_saver.resume()  # notes typed meanwhile wait for this write

    def _edit_failed(self, exc: BaseException, title: str) -> None:
        if isinstance(exc, EditConflict):
            self.notifier.warning("任务已被他人修改", str(exc))
            self.reload()
        else:
            report_failure(self.notifier, title, exc, self.gateway.ledger.url)

    def run_command(self, command: LedgerCommand) -> bool:
        """Apply an edit off the GUI thread; only a successful one enters the undo stack.

        Returns False when the edit could not start (another write in flight); failures
        of the write itself reach the clerk through the notifier.
        """

        def pushed(rows: list[TaskRow]) -> None:
            command.deliver(rows)
            self.undo_stack.push(command)  # calls redo(): shows the delivered rows

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, EditConflict):  # reload, or overwrite on purpose
                return resolve_conflict(self, command, exc)
            self._edit_failed(exc, "无法保存")
            return False

        return self._write(command.forward, pushed, on_error=failed)

    def undo(self) -> None:
        index = self.undo_stack.index()
        if index <= 0:
            return
        command = self.undo_stack.command(index - 1)
        assert isinstance(command, LedgerCommand)

        def moved(rows: list[TaskRow]) -> None:
            command.deliver(rows)
            self.undo_stack.undo()

        self._write(command.backward, moved, "无法撤销")

    def redo(self) -> None:
        index = self.undo_stack.index()
        if index >= self.undo_stack.count():
            return
        command = self.undo_stack.command(index)
        assert isinstance(command, LedgerCommand)

        def moved(rows: list[TaskRow]) -> None:
            command.deliver(rows)
            self.undo_stack.redo()

        self._write(command.forward, moved, "无法重做")

    def _update_undo_actions(self) -> None:
        with contextlib.suppress(RuntimeError):  # window being destroyed, stack with it
            self._show_undo_state()

    def _show_undo_state(self) -> None:
        stack = self.undo_stack
        can_undo, can_redo = stack.canUndo() and not self.writing, stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo and not self.writing)
        self.undo_action.setText(f"撤销 {stack.undoText()}" if stack.canUndo() else "撤销")
        self.redo_action.setText(f"重做 {stack.redoText()}" if can_redo else "重做")

    def change_status(self, status: str, note: str = "") -> bool:
        rows = self.selected_rows()
        if not rows:
            return False
        return self.run_command(
            SetStatusCommand(self.gateway, rows, status, note, self.refresh_rows)
        )

    def add_note(
        self, progress: str, problems: str, next_steps: str, task_id: int | None = None
    ) -> bool:
        """Save a note to `task_id` (the task it was typed for), else to the one selected
        task. Queued behind a write in flight rather than refused, so it is never lost."""
        if task_id is None:
            rows = self.selected_rows()
            if len(rows) != 1:
                return False
            task_id = rows[0].id
        self.note_saver.save(task_id, (progress, problems, next_steps))
        return True

    def new_task(self) -> None:
        """新增任务…: the editor prefilled from what the clerk is looking at."""
        self.open_new_task(self.new_task_context())

    def new_task_context(self) -> dict[str, Any]:
        """Gazette and document of the tree node, else of the selected task; the unit
        picked in the unit list as lead unit."""
        gazette_id, document_id = self.nav.selected_node()
        selected = self.selected_rows()
        task = selected[0] if len(selected) == 1 else None
        if gazette_id is None and task is not None:
            gazette_id, document_id = task.gazette_id, task.document_id
        elif document_id is None and task is not None and task.gazette_id == gazette_id:
            document_id = task.document_id
        values: dict[str, Any] = {"gazette_id": gazette_id}
        if document_id:  # not NO_DOCUMENT (0) nor None
            values["document_id"] = document_id
        unit = self.nav.selected_unit()
        if unit:
            values["lead_units"] = [unit]
        return values

    def open_new_task(self, prefill: dict[str, Any] | None = None) -> NewTaskDialog | None:
        """Open the (non-modal) 新增任务 editor with `prefill` (keys of
        `NewTaskDialog.values()`); an editor already open is brought forward and refilled.
        Returns the dialog, or None when the ledger has no gazette yet."""
        gazettes = self.nav.gazettes()
        if not gazettes:
            self.notifier.warning(
                "无法新增任务", "台账中还没有公报：请先导入公报，再在其下新增任务。"
            )
            return None
        dialog = self.new_task_dialog
        if dialog is None:
            dialog = NewTaskDialog(gazettes, self.gateway.documents, None, self, prefill)
            dialog.accepted.connect(lambda: self._new_task_accepted(dialog))
            dialog.rejected.connect(lambda: self._new_task_closed(dialog))
            self.new_task_dialog = dialog
        elif prefill:
            dialog.prefill(prefill)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _new_task_closed(self, dialog: NewTaskDialog) -> None:
        if self.new_task_dialog is dialog:
            self.new_task_dialog = None
        dialog.deleteLater()

    def _new_task_accepted(self, dialog: NewTaskDialog) -> None:
        values = dialog.values()
        if self.run_command(AddTaskCommand(self.gateway, values, self._show_added)):
            self._new_task_closed(dialog)
            return
        # Not saved (another write in flight, or the ledger refused): the clerk's typing
        # stays in the editor, which comes back with the reason.
        dialog.error.setText("未能保存：请稍候再点“保存”，或检查台账连接。")
        dialog.show()

    def _show_added(self, rows: list[TaskRow]) -> None:
        """Refresh after 新增任务 (or its redo) and select the task if it is shown."""
        self.refresh_rows(rows)
        live = [r for r in rows if not r.retired]
        if live and self.model.row_for_id(live[0].id) is None:  # outside the filter: keep it
            self.model.set_filter(self.model.filter_spec, self.model.kept | {live[0].id})
        if live:
            self.table.clearSelection()
            self.select_task(live[0].id)

    def delete_tasks(self) -> bool:
        """删除任务: asks first (QMessageBox.question), then retires the selected tasks."""
        rows = self.selected_rows()
        if not rows:
            return False
        what = f"“{rows[0].text[:40]}”" if len(rows) == 1 else f"选中的 {len(rows)} 项任务"
        answer = QMessageBox.question(
            self,
            "删除任务",
            f"确定删除{what}吗？\n\n删除后任务不再显示，跟踪记录仍保留；可用“撤销”（Ctrl+Z）恢复。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        first = min(i.row() for i in self.table.selectionModel().selectedRows())

        def show(changed: list[TaskRow]) -> None:
            """After the delete the next task takes the cursor (pressing Delete again goes
            on down the list); after its undo the restored tasks are selected again."""
            self.refresh_rows(changed)
            if self.selected_rows():
                return
            restored = [r.id for r in changed if not r.retired]
            if restored:
                for task_id in restored:
                    self.select_task(task_id, add=True)
            elif self.model.rowCount():
                self.table.selectRow(min(first, self.model.rowCount() - 1))

        return self.run_command(DeleteTasksCommand(self.gateway, rows, show))

    def edit_task(self) -> None:
        rows = self.selected_rows()
        if len(rows) > 1:  # the fields that make sense in bulk, one undo step
            from desktop.actions.bulk_edits import open_bulk_editor

            open_bulk_editor(self, rows, self)  # type: ignore[arg-type]  # host window
            return
        if len(rows) != 1:
            return
        detail = self.gateway.detail(rows[0].id)
        self.editor = TaskEditor(detail.task, self, self.source_pane.unit_names())
        self.editor.accepted.connect(self._editor_accepted)
        self.editor.open()

    def _editor_accepted(self) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        task_id = int(editor.windowTitle().rsplit("#", 1)[1])
        parts = [
            CorrectFieldCommand(self.gateway, task_id, f, old, new, LABELS[f], self.refresh_rows)
            for f, old, new in editor.changes()
        ]
        editor.deleteLater()
        if parts:
            parts[0].expected_version = editor.version  # later parts follow its save
            self.run_command(parts[0] if len(parts) == 1 else CorrectFieldsCommand(parts))
