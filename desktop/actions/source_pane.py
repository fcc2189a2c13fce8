"""The document pane under the task table, and what it lets the clerk do from the source.

Kept out of main_window.py: the window calls `install_source_pane` once and
`SourcePane.sync()` whenever the tree or table selection changes. The pane shows the
selected document (or the selected task's document, scrolled to its lines), turns a click
on a highlighted line into selecting that task, opens the prefilled 从原文新增任务 editor,
and saves dismissals (不是任务); every write goes through the window's undoable commands.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QSplitter, QWidget

from core.error_messages import describe
from core.ledger.dto import DocumentText
from desktop.editing.undo import AddTaskCommand, DismissCommand
from desktop.table.rows import NO_DOCUMENT, TaskRow
from desktop.views.document_view import DocumentView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QTableView

    from desktop.editing.undo import LedgerCommand
    from desktop.errors import Notifier
    from desktop.gateway import LedgerGateway
    from desktop.table.task_table_model import TaskTableModel
    from desktop.views.nav_panel import NavPanel
    from desktop.views.source_task_editor import SourceTaskEditor

log = logging.getLogger(__name__)
# Share of the centre column the document text takes below the table at first start.
TABLE_SHARE, TEXT_SHARE = 45, 55


class SourceHost(Protocol):
    """What the pane needs of the window (the main window is one)."""

    gateway: LedgerGateway
    nav: NavPanel
    model: TaskTableModel
    table: QTableView
    notifier: Notifier
    splitter: QSplitter
    centre_splitter: QSplitter | None

    def selected_rows(self) -> list[TaskRow]: ...
    def select_task(self, task_id: int, add: bool = False) -> None: ...
    def run_command(self, command: LedgerCommand) -> bool: ...
    def _show_added(self, rows: list[TaskRow]) -> None: ...
    def statusBar(self) -> QStatusBar: ...


class SourcePane(QObject):
    def __init__(self, window: SourceHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.view = DocumentView()
        self.editor: SourceTaskEditor | None = None
        self._cache: dict[int, DocumentText] = {}
        self._unit_names: list[str] | None = None
        self.view.task_clicked.connect(self._task_clicked)
        self.view.add_requested.connect(self.add_from_source)
        self.view.dismiss_cues_requested.connect(self.dismiss_cues)
        self.view.dismiss_document_requested.connect(self.dismiss_document)

    # --- what to show -------------------------------------------------------------------
    def sync(self) -> None:
        """Show the selected task's document (scrolled to its lines) or the selected one."""
        w = self.window
        rows = w.selected_rows()
        task_id: int | None = None
        doc_id: int | None = None
        if len(rows) == 1:
            task_id, doc_id = rows[0].id, rows[0].document_id
        if doc_id is None:
            _gazette, node = w.nav.selected_node()
            if node not in (None, NO_DOCUMENT):
                doc_id = node
        if doc_id is None:
            # Nothing selected (or several tasks): the text last shown stays to read on.
            if len(rows) == 1:
                self.view.show_document(None, "该任务不属于公报中的某份文件，没有可显示的原文")
            return
        if doc_id != self.view.document_id() or doc_id not in self._cache:
            text = self._text(doc_id)
            if text is None:
                return
            self.view.show_document(text)
        if task_id != self.view.current_task:
            self.view.show_task(task_id)

    def _problem(self, exc: Exception) -> str:
        """The clerk's one line for a failed read (the server away …); a bug re-raises."""
        message = describe(exc, self.window.gateway.ledger.url)
        if message is None:
            raise exc
        self.window.statusBar().showMessage(message.line, 8000)
        return message.line

    def _text(self, doc_id: int) -> DocumentText | None:
        if doc_id not in self._cache:
            try:
                self._cache[doc_id] = self.window.gateway.document_text(doc_id)
            except Exception as exc:  # the server may be away: one line, the window goes on
                self.view.show_document(None, self._problem(exc))
                return None
        return self._cache[doc_id]

    def invalidate(self, rows: list[TaskRow] | None = None) -> None:
        """Drop cached texts whose spans the changed rows may have moved (all: None)."""
        if rows is None:
            self._cache.clear()
            self._unit_names = None
            return
        for r in rows:
            if r.document_id is not None:
                self._cache.pop(r.document_id, None)

    def reload(self) -> None:
        """After tasks were added or marks dismissed: new spans, new marks in the tree."""
        self.invalidate()
        current = self.view.document_id()
        try:
            self.window.nav.set_documents(self.window.gateway.all_documents())
        except Exception as exc:
            self._problem(exc)
        if current is not None:
            text = self._text(current)
            task = self.view.current_task
            if text is not None:
                self.view.show_document(text)
                self.view.show_task(task)

    def _task_clicked(self, task_id: int) -> None:
        w = self.window
        if w.model.row_for_id(task_id) is None:
            w.statusBar().showMessage("该任务不在当前筛选结果中：请清除筛选后再查看", 4000)
            self.view.show_task(task_id)
            return
        if [r.id for r in w.selected_rows()] != [task_id]:
            w.table.clearSelection()
            w.select_task(task_id)

    # --- 从原文新增任务 ---------------------------------------------------------------------
    def unit_names(self) -> list[str]:
        if self._unit_names is None:
            try:
                self._unit_names = self.window.gateway.unit_names()
            except Exception as exc:  # completion is a help: without it the field still works
                self._problem(exc)
                return []
        return self._unit_names

    def add_from_source(self, document_id: int, first: int, last: int) -> SourceTaskEditor | None:
        """Open the prefilled editor for source lines first..last (non-modal); `last` < 0:
        the item starting at `first`."""
        w = self.window
        try:
            prefill = w.gateway.prefill(document_id, first, last if last >= 0 else None)
        except Exception as exc:
            w.notifier.warning("无法从原文新增任务", self._problem(exc))
            return None
        from desktop.views.source_task_editor import SourceTaskEditor

        label = self.view.current.document.label if self.view.current else f"文件 {document_id}"
        if self.editor is not None:
            self.editor.close()
        editor = SourceTaskEditor(prefill, label, self.unit_names(), self.parent_widget)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.save_requested.connect(self._save)
        editor.destroyed.connect(lambda *_a: self._forget(editor))
        self.editor = editor
        editor.show()
        editor.text_edit.setFocus()
        return editor

    def _forget(self, editor: SourceTaskEditor) -> None:
        if self.editor is editor:
            self.editor = None

    def _save(self, values: dict[str, object]) -> None:
        self.window.run_command(AddTaskCommand(self.window.gateway, values, self._added))

    def _added(self, rows: list[TaskRow]) -> None:
        self.window._show_added(rows)
        self.reload()
        self.sync()

    # --- 不是任务 ---------------------------------------------------------------------------
    def dismiss_cues(self, cue_ids: list[int]) -> None:
        command = DismissCommand(self.window.gateway, self._marks_changed, cue_ids=cue_ids)
        self.window.run_command(command)

    def dismiss_document(self, document_id: int) -> None:
        command = DismissCommand(self.window.gateway, self._marks_changed, document_id=document_id)
        self.window.run_command(command)

    def _marks_changed(self, _rows: list[TaskRow]) -> None:
        self.reload()


def install_source_pane(window: SourceHost, parent: QWidget) -> SourcePane:
    """Put the document pane under the task table (a vertical splitter in the centre);
    `parent` is the window as a widget (it owns the pane and the editors it opens)."""
    pane = SourcePane(window, parent)
    outer = window.splitter
    index = outer.indexOf(window.table)
    sizes = outer.sizes()
    centre = QSplitter(Qt.Orientation.Vertical)
    centre.setObjectName("centre_splitter")
    outer.insertWidget(index, centre)
    centre.addWidget(window.table)
    centre.addWidget(pane.view)
    centre.setStretchFactor(0, TABLE_SHARE)
    centre.setStretchFactor(1, TEXT_SHARE)
    centre.setSizes([TABLE_SHARE * 10, TEXT_SHARE * 10])
    outer.setStretchFactor(index, 1)
    outer.setSizes(sizes)
    window.centre_splitter = centre
    return pane
