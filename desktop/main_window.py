"""The clerk's main window: navigation | task table | detail, with import, export and undo.

Dependencies (ledger gateway, settings, task runner, notifier) come in through the
constructor, so tests build the window over a temporary ledger with a synchronous runner
and a recording notifier.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QWidget,
)

from core.errors import TaizhangError
from core.ledger import EditConflict
from desktop import settings as S
from desktop.backup_actions import install_backup_actions
from desktop.conflicts import resolve_conflict
from desktop.errors import Notifier
from desktop.gateway import LedgerGateway, Snapshot
from desktop.importing import IMPORTABLE_SUFFIXES, ImportSummary
from desktop.rows import FilterSpec, TaskRow
from desktop.task_table_model import COL_DEADLINE, COL_LIGHT, COL_SUPPORT, COL_TEXT, TaskTableModel
from desktop.undo import (
    AddNoteCommand,
    AddTaskCommand,
    CorrectFieldCommand,
    CorrectFieldsCommand,
    DeleteTasksCommand,
    LedgerCommand,
    SetStatusCommand,
)
from desktop.views.detail_panel import DetailPanel
from desktop.views.empty_state import EmptyStateOverlay
from desktop.views.import_flow import ImportController
from desktop.views.nav_panel import NavPanel
from desktop.views.new_task_dialog import NewTaskDialog
from desktop.views.task_editor import LABELS, TaskEditor
from desktop.workers import TaskRunner

log = logging.getLogger(__name__)
FILE_FILTER = "公报文件 (*.txt *.pdf *.docx *.doc *.wps);;所有文件 (*)"
DEFAULT_WIDTHS = {COL_LIGHT: 28, COL_TEXT: 330, 2: 120, COL_SUPPORT: 110, 4: 88, 5: 66}
DEFAULT_WIDTHS |= {6: 80, 7: 60}


class MainWindow(QMainWindow):
    def __init__(
        self,
        gateway: LedgerGateway,
        settings: S.Settings,
        runner: TaskRunner,
        notifier: Notifier | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.gateway, self.settings, self.runner = gateway, settings, runner
        self.notifier = notifier or Notifier(self)
        if self.notifier.parent is None and type(self.notifier) is Notifier:
            self.notifier.parent = self
        self.setWindowTitle("公报督办台账")
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.loading = False
        self.writing = False  # a ledger write is running on the TaskRunner
        self.editor: TaskEditor | None = None
        self.new_task_dialog: NewTaskDialog | None = None

        self.model = TaskTableModel(today=(lambda: today) if today else gateway.today, parent=self)
        self.table = self._make_table()
        self.empty_state = EmptyStateOverlay(self.table, self.model)
        self.nav = NavPanel(settings.get(S.STAGNATION_DAYS))
        self.detail = DetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w, stretch in ((self.nav, 0), (self.table, 1), (self.detail, 0)):
            self.splitter.addWidget(w)
            self.splitter.setStretchFactor(self.splitter.indexOf(w), stretch)
        self.splitter.setSizes([230, 1010, 360])
        self.setCentralWidget(self.splitter)

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索任务、单位、文号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.importer = ImportController(gateway, runner, self.notifier, self)
        self.importer.finished.connect(self._import_finished)
        self._make_actions()

        self.nav.changed.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.status_requested.connect(self.change_status)
        self.detail.note_requested.connect(self.add_note)
        self.detail.edit_requested.connect(self.edit_task)
        self.detail.delete_requested.connect(self.delete_tasks)
        self.restore_layout()

    # --- construction ------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in DEFAULT_WIDTHS.items():
            header.resizeSection(col, width)
        table.setSortingEnabled(True)
        header.setSortIndicator(COL_DEADLINE, Qt.SortOrder.AscendingOrder)
        return table

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _make_actions(self) -> None:
        self.import_action = self._action(
            "导入公报…", QKeySequence.StandardKey.Open, self.choose_import
        )
        self.export_action = self._action("导出周报…", "Ctrl+E", self.export_report)
        # Our own undo/redo actions (not QUndoStack's): the ledger write runs off the GUI
        # thread first, and the stack moves only once it succeeded.
        self.undo_action = self._action("撤销", "Ctrl+Z", self.undo)
        self.redo_action = self._action("重做", "Ctrl+Y", self.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_stack.indexChanged.connect(lambda _i: self._update_undo_actions())
        self._update_undo_actions()
        self.new_task_action = self._action("新增任务…", "Ctrl+N", self.new_task)
        self.delete_action = self._action("删除任务", QKeySequence.StandardKey.Delete, None)
        self.delete_action.triggered.connect(lambda: self.delete_tasks())
        self.find_action = self._action("查找", QKeySequence.StandardKey.Find, self.focus_search)
        self.reload_action = self._action("刷新", QKeySequence.StandardKey.Refresh, self.reload)
        self.edit_action = self._action("修正字段…", "F2", self.edit_task)
        quit_action = self._action("退出", QKeySequence.StandardKey.Quit, self.close)
        self.settings_action = self._action("设置…", None, self.open_settings)
        menus = self.menuBar()
        file_menu = menus.addMenu("文件(&F)")
        for a in (self.import_action, self.export_action, None, self.settings_action, quit_action):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        self.backup_actions = install_backup_actions(self, file_menu)
        edit_menu = menus.addMenu("编辑(&E)")
        for a in (
            self.undo_action,
            self.redo_action,
            None,
            self.new_task_action,
            self.edit_action,
            self.delete_action,
            None,
            self.find_action,
        ):
            edit_menu.addSeparator() if a is None else edit_menu.addAction(a)
        menus.addMenu("查看(&V)").addAction(self.reload_action)
        toolbar = QToolBar("工具栏")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (
            self.import_action,
            self.export_action,
            None,
            self.new_task_action,
            None,
            self.undo_action,
            self.redo_action,
        ):
            toolbar.addSeparator() if a is None else toolbar.addAction(a)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

    # --- loading and filtering ---------------------------------------------------------
    def reload(self) -> None:
        """Re-read the ledger off the GUI thread; the table updates when it arrives."""
        self.loading = True
        self.empty_state.set_loading(True)
        self.statusBar().showMessage("正在读取台账…")
        self.runner.run_task(
            lambda _ctx: self.gateway.load_snapshot(), self.apply_snapshot, self._load_failed
        )

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        self.loading = False
        self.empty_state.set_loading(False)
        self.statusBar().clearMessage()
        self.model.set_rows(snapshot.rows)
        self.nav.set_data(snapshot.rows, snapshot.gazettes)
        self.apply_filter()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.empty_state.set_loading(False)
        self.statusBar().clearMessage()
        if isinstance(exc, TaizhangError):
            self.notifier.warning("无法读取台账", str(exc))
        else:
            log.error("loading the ledger failed", exc_info=exc)
            self.notifier.error("无法读取台账", f"读取台账时发生内部错误：{exc}")

    def current_filter(self) -> FilterSpec:
        gazette_id, document_id = self.nav.selected_node()
        status = self.nav.status()
        return FilterSpec(
            quick=self.nav.quick(),
            stagnation_days=self.nav.stagnation_days(),
            statuses=frozenset({status}) if status else frozenset(),
            unit=self.nav.selected_unit(),
            gazette_id=gazette_id,
            document_id=document_id,
            text=self.search.text().strip(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.update_count()
        self._selection_changed()

    def update_count(self) -> None:
        self.count_label.setText(
            f"显示 {self.model.rowCount()} / 共 {self.model.total_count} 项任务"
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- selection and detail ----------------------------------------------------------
    def selected_rows(self) -> list[TaskRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _selection_changed(self, *_args: QItemSelection) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.detail.show_detail(None, selected=len(rows))
            return
        try:
            detail = self.gateway.detail(rows[0].id)
        except TaizhangError as exc:
            self.detail.show_detail(None, selected=0)
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.detail.show_detail(detail, self.gateway.excerpt(detail.task.id))

    def select_task(self, task_id: int, add: bool = False) -> None:
        """Select the task's row (added to the selection with `add`) and scroll to it."""
        pos = self.model.row_for_id(task_id)
        if pos is None:
            return
        if add:
            selection = self.table.selectionModel()
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            selection.select(self.model.index(pos, 0), flags)
        else:
            self.table.selectRow(pos)
        self.table.scrollTo(self.model.index(pos, 0))

    def refresh_rows(self, rows: list[TaskRow]) -> None:
        """After an edit: new row versions into the table, then refilter and redraw detail.

        When tasks came or went, or their units or document changed, the navigation counts
        (tree, unit list) are rebuilt too."""
        shape = self._nav_shape(rows)
        total = self.model.total_count
        self.model.replace_rows(rows)
        if self.model.total_count != total or self._nav_shape(rows) != shape:
            self.nav.set_data(self.model.all_rows(), self.nav.gazettes())
        selected = [r.id for r in self.selected_rows()]
        self.model.set_filter(self.current_filter())
        selection = self.table.selectionModel()
        for task_id in selected:
            pos = self.model.row_for_id(task_id)
            if pos is not None:
                selection.select(
                    self.model.index(pos, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self.update_count()
        self._selection_changed()

    def _nav_shape(self, rows: list[TaskRow]) -> list[object]:
        """What the navigation counts depend on, for the table's current version of `rows`."""
        out: list[object] = []
        for r in rows:
            pos = self.model.row_for_id(r.id)
            cur = self.model.row_at(pos) if pos is not None else None
            out.append(cur and (cur.lead_units, cur.support_units, cur.document_id))
        return out

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

    def _edit_failed(self, exc: BaseException, title: str) -> None:
        if isinstance(exc, EditConflict):
            self.notifier.warning("任务已被他人修改", str(exc))
            self.reload()
        elif isinstance(exc, TaizhangError):
            self.notifier.warning(title, str(exc))
        else:
            log.error("saving an edit failed", exc_info=exc)
            self.notifier.error(title, f"保存时发生内部错误：{exc}")

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

    def add_note(self, progress: str, problems: str, next_steps: str) -> bool:
        rows = self.selected_rows()
        if len(rows) != 1:
            return False
        command = AddNoteCommand(
            self.gateway, rows[0].id, (progress, problems, next_steps), self.refresh_rows
        )
        return self.run_command(command)

    def new_task(self) -> None:
        """新增任务…: a dialog over the gazettes (the selected task's gazette first)."""
        gazettes = self.nav.gazettes()
        if not gazettes:
            self.notifier.warning(
                "无法新增任务", "台账中还没有公报：请先导入公报，再在其下新增任务。"
            )
            return
        selected = self.selected_rows()
        gazette_id = selected[0].gazette_id if selected else self.nav.selected_node()[0]
        dialog = NewTaskDialog(gazettes, self.gateway.documents, gazette_id, self)
        dialog.accepted.connect(lambda: self._new_task_accepted(dialog))
        self.new_task_dialog = dialog
        dialog.open()

    def _new_task_accepted(self, dialog: NewTaskDialog) -> None:
        values = dialog.values()
        dialog.deleteLater()
        self.new_task_dialog = None
        self.run_command(AddTaskCommand(self.gateway, values, self._show_added))

    def _show_added(self, rows: list[TaskRow]) -> None:
        """Refresh after 新增任务 (or its redo) and select the task if it is shown."""
        self.refresh_rows(rows)
        live = [r for r in rows if not r.retired]
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
        if len(rows) != 1:
            return
        detail = self.gateway.detail(rows[0].id)
        self.editor = TaskEditor(detail.task, self)
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

    # --- import / export ----------------------------------------------------------------
    def choose_import(self) -> None:
        start = self.settings.get(S.LAST_IMPORT_DIR)
        paths, _ = QFileDialog.getOpenFileNames(self, "导入公报", start, FILE_FILTER)
        if paths:
            self.settings.set(S.LAST_IMPORT_DIR, str(Path(paths[0]).parent))
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> bool:
        return self.importer.start(paths)

    def _import_finished(self, summary: ImportSummary) -> None:
        if summary.imported or summary.skipped:
            self.reload()

    def export_report(self) -> None:
        from desktop.views.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.gateway, self.settings, self.runner, self.notifier, self, self.nav
        )
        dialog.open()
        self.export_dialog = dialog

    def open_settings(self) -> None:
        from desktop.views.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.settings, self)
        self.settings_dialog.accepted.connect(
            lambda: self.nav.stagnation.setValue(self.settings.get(S.STAGNATION_DAYS))
        )
        self.settings_dialog.open()

    @staticmethod
    def dropped_paths(urls: list) -> list[Path]:  # type: ignore[type-arg]
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = self.dropped_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if any(p.is_dir() or p.suffix.lower() in IMPORTABLE_SUFFIXES for p in paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # --- layout persistence -------------------------------------------------------------
    def restore_layout(self) -> None:
        geometry = self.settings.get(S.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1500, 880)
        state = self.settings.get(S.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(S.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = self.settings.get(S.TABLE_HEADER)
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        self.settings.set(S.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(S.WINDOW_STATE, self.saveState())
        self.settings.set(S.SPLITTER_STATE, self.splitter.saveState())
        self.settings.set(S.TABLE_HEADER, self.table.horizontalHeader().saveState())
        self.settings.set(S.STAGNATION_DAYS, self.nav.stagnation_days())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
