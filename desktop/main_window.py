"""The clerk's main window: navigation | task table | detail, with import, export and undo.

Dependencies (ledger gateway, settings, task runner, notifier) come in through the
constructor, so tests build the window over a temporary ledger with a synchronous runner
and a recording notifier.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QWidget,
)

from core.error_messages import describe
from desktop.actions.backup_actions import install_backup_actions
from desktop.actions.feedback_actions import REPLY_SUFFIXES, install_feedback_actions
from desktop.actions.importing import IMPORTABLE_SUFFIXES, ImportSummary
from desktop.actions.report_actions import install_report_actions
from desktop.actions.source_pane import install_source_pane
from desktop.editing.note_drafts import NoteSaver
from desktop.editing.window_edits import WindowEditsMixin
from desktop.environment import settings as S
from desktop.errors import Notifier, report_failure
from desktop.gateway import LedgerGateway, Snapshot
from desktop.shortcut_passthrough import ShortcutPassThrough
from desktop.table.rows import FilterSpec, TaskRow
from desktop.table.table_layout import TextColumnFitter, apply_column_policy, apply_default_layout
from desktop.table.task_table_model import COL_DEADLINE, TaskTableModel
from desktop.views.detail_panel import DetailPanel
from desktop.views.empty_state import EmptyStateOverlay
from desktop.views.import_flow import ImportController
from desktop.views.nav_panel import NavPanel
from desktop.views.new_task_dialog import NewTaskDialog
from desktop.views.task_editor import TaskEditor
from desktop.workers import TaskRunner

if TYPE_CHECKING:
    from desktop.views.bulk_editor import BulkEditor

log = logging.getLogger(__name__)
FILE_FILTER = "公报文件 (*.txt *.pdf *.docx *.doc *.wps);;所有文件 (*)"
# Side panels at first start: narrow enough that the task table shows all its columns on
# a 1366 px screen (see table_layout); the splitter gives any extra width to the table.
NAV_WIDTH, DETAIL_WIDTH = 210, 300


class MainWindow(WindowEditsMixin, QMainWindow):
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
        self.bulk_editor: BulkEditor | None = None

        self.model = TaskTableModel(
            today=(lambda: today) if today else gateway.today,
            parent=self,
            now=None if today else gateway.now,
        )
        self.table = self._make_table()
        self.empty_state = EmptyStateOverlay(self.table, self.model)
        self.nav = NavPanel(settings.get(S.STAGNATION_DAYS))
        self.detail = DetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w, stretch in ((self.nav, 0), (self.table, 1), (self.detail, 0)):
            self.splitter.addWidget(w)
            self.splitter.setStretchFactor(self.splitter.indexOf(w), stretch)
        self.splitter.setSizes([NAV_WIDTH, 1000, DETAIL_WIDTH])
        self.setCentralWidget(self.splitter)
        # The selected document's whole text under the table (source_pane.py).
        self.centre_splitter: QSplitter | None = None
        self.source_pane = install_source_pane(self, self)

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
        self.note_saver = NoteSaver(self, self)
        self.detail.note_requested.connect(
            lambda task_id, *values: self.note_saver.save(task_id, values)
        )
        self.detail.draft_left.connect(
            lambda task_id, *values: self.note_saver.left(task_id, values)
        )
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
        apply_default_layout(table)
        self.text_fitter = TextColumnFitter(table)
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
        self.units_action = self._action("单位管理…", "Ctrl+U", lambda: self.open_unit_directory())
        self.nav.manage_units_requested.connect(self.open_unit_directory)
        menus = self.menuBar()
        file_menu = menus.addMenu("文件(&F)")
        for a in (self.import_action, self.export_action, None, self.settings_action, quit_action):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        self.backup_actions = install_backup_actions(self, file_menu)
        self.report_actions = install_report_actions(self, file_menu, before=self.settings_action)
        self.feedback_actions = install_feedback_actions(self, file_menu, self.settings_action)
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
            None,
            self.units_action,
        ):
            edit_menu.addSeparator() if a is None else edit_menu.addAction(a)
        menus.addMenu("查看(&V)").addAction(self.reload_action)
        help_menu = menus.addMenu("帮助(&H)")
        self.guide_action = self._action("使用说明", QKeySequence.StandardKey.HelpContents, None)
        self.guide_action.triggered.connect(lambda: self.show_guide())
        self.about_action = self._action("关于", None, None)
        self.about_action.triggered.connect(lambda: self.show_about())
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)
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
        # Ctrl+E and the other window shortcuts work with the cursor in the search box or
        # a note box.
        self.search_shortcuts = [
            ShortcutPassThrough(box, self.actions_with_shortcuts)
            for box in (
                self.search,
                self.detail.status_note,
                self.detail.progress_edit,
                self.detail.problems_edit,
                self.detail.next_edit,
            )
        ]

    def actions_with_shortcuts(self) -> list[QAction]:
        """Every action of the menus (and the window), for shortcut pass-through."""
        found: list[QAction] = list(self.actions())
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None:
                found.extend(a for a in menu.actions() if not a.isSeparator())
        return found

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
        self.source_pane.invalidate()
        self.nav.set_data(snapshot.rows, snapshot.gazettes, snapshot.documents)
        self.apply_filter()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.empty_state.set_loading(False)
        self.statusBar().clearMessage()
        report_failure(self.notifier, "无法读取台账", exc, self.gateway.ledger.url)

    def current_filter(self) -> FilterSpec:
        gazette_id, document_id = self.nav.selected_node()
        status = self.nav.status()
        return FilterSpec(
            quick=self.nav.quick(),
            stagnation_days=self.nav.stagnation_days(),
            statuses=frozenset({status}) if status else frozenset(),
            unit=self.nav.selected_unit(),
            unit_id=self.nav.selected_unit_id(),
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
        self.source_pane.sync()
        rows = self.selected_rows()
        if len(rows) != 1:
            self.detail.show_detail(None, selected=len(rows))
            return
        try:
            detail = self.gateway.detail(rows[0].id)
            excerpt = self.gateway.excerpt(detail.task.id)
        except Exception as exc:  # the server may be away: one line, the window goes on
            message = describe(exc, self.gateway.ledger.url)
            if message is None:
                raise
            self.detail.show_detail(None, selected=0)
            self.statusBar().showMessage(message.line, 8000)
            return
        self.detail.show_detail(detail, excerpt)
        held = self.note_saver.take_held(detail.task.id)
        if held is not None and self.detail.draft() is None:
            self.detail.restore_draft(held)  # a note whose save failed comes back

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
        self.source_pane.invalidate(rows)
        total = self.model.total_count
        self.model.replace_rows(rows)
        if self.model.total_count != total or self._nav_shape(rows) != shape:
            self.nav.set_data(self.model.all_rows(), self.nav.gazettes())
        selected = [r.id for r in self.selected_rows()]
        # The edited tasks stay in view even if the edit took them out of the filter.
        edited = frozenset(r.id for r in rows if not r.retired) & frozenset(selected)
        self.model.set_filter(self.current_filter(), keep=self.model.kept | edited)
        selection = self.table.selectionModel()
        first: int | None = None
        for task_id in selected:
            pos = self.model.row_for_id(task_id)
            if pos is not None:
                selection.select(
                    self.model.index(pos, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
                first = pos if first is None else min(first, pos)
        if first is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(first, 1), selection.SelectionFlag.NoUpdate
            )
            self.table.scrollTo(self.model.index(first, 0))
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

    def open_unit_directory(self, unit_id: int | None = None) -> None:
        """单位管理: suggested merges, the directory, its history (edits undo with Ctrl+Z)."""
        from desktop.views.unit_directory_dialog import UnitDirectoryDialog

        self.unit_dialog = UnitDirectoryDialog(self, unit_id)
        self.unit_dialog.open()

    def show_guide(self) -> None:
        """帮助 → 使用说明 (F1): the guide beside the window, not blocking it."""
        from desktop.views.help_dialogs import GuideDialog

        if getattr(self, "guide_dialog", None) is None:
            self.guide_dialog = GuideDialog(self)
        self.guide_dialog.show()
        self.guide_dialog.raise_()

    def show_about(self) -> None:
        """帮助 → 关于: version, ledger location, database in use."""
        from desktop.environment.logs import default_log_dir
        from desktop.views.help_dialogs import AboutDialog, ledger_facts

        self.about_dialog = AboutDialog(
            ledger_facts(self.gateway.ledger), str(default_log_dir()), self
        )
        self.about_dialog.open()

    @staticmethod
    def dropped_paths(urls: list) -> list[Path]:  # type: ignore[type-arg]
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = self.dropped_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        importable = (*IMPORTABLE_SUFFIXES, *REPLY_SUFFIXES)  # gazettes or unit replies
        if any(p.is_dir() or p.suffix.lower() in importable for p in paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            paths = self.feedback_actions.take_replies(paths)  # returned unit sheets
            if paths:
                self.import_paths(paths)

    # --- layout persistence -------------------------------------------------------------
    def restore_layout(self) -> None:
        geometry = self.settings.get(S.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self._first_size()
        state = self.settings.get(S.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(S.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        detail_split = self.settings.get(S.DETAIL_SPLITTER)
        if not detail_split.isEmpty() and self.detail.splitter.restoreState(detail_split):
            self.detail.split_restored = True
        header = self.settings.get(S.TABLE_HEADER)
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
            apply_column_policy(self.table)
            self.text_fitter.fit()

    def _first_size(self) -> None:
        """First start: 1500×880, or the screen's free area when it is smaller (1366×768 is
        the commonest office screen): never a window whose edges lie off screen."""
        screen = self.screen() or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is None or (room.width() >= 1500 and room.height() >= 880):
            self.resize(1500, 880)
            return
        frame = 40  # title bar and borders the window manager adds around the window
        self.resize(min(1500, room.width()), min(880, room.height() - frame))
        self.move(room.topLeft())

    def save_layout(self) -> None:
        self.settings.set(S.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(S.WINDOW_STATE, self.saveState())
        self.settings.set(S.SPLITTER_STATE, self.splitter.saveState())
        self.settings.set(S.DETAIL_SPLITTER, self.detail.splitter.saveState())
        self.settings.set(S.TABLE_HEADER, self.table.horizontalHeader().saveState())
        self.settings.set(S.STAGNATION_DAYS, self.nav.stagnation_days())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._save_notes_before_closing():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)

    def _save_notes_before_closing(self) -> bool:
        """Typed progress text reaches its task before the window goes; False (stay open)
        when a note could not be saved, so the clerk can copy it or try again."""
        self.runner.wait()  # a write in flight finishes, and its outcome is delivered
        QApplication.processEvents()
        self.detail.release_draft()  # after: a failed save may have put text back
        failed = self.note_saver.save_all_now()
        if not failed:
            return True
        shown = self.detail.note_task_id
        held = self.note_saver.take_held(shown) if shown is not None else None
        if held is not None:
            self.detail.restore_draft(held)
        self.notifier.warning(
            "进展未能保存",
            "以下任务填写的进展未能保存到台账："
            + "、".join(f"#{t}" for t in failed)
            + "。\n\n窗口暂不关闭；请检查台账连接后，选中该任务重新保存。",
        )
        return False
