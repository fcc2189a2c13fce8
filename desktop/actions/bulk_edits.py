"""修正字段 on several tasks: open the bulk editor, save it as one undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from core.error_messages import describe
from desktop.editing.undo import BulkCorrectCommand
from desktop.table.rows import TaskRow
from desktop.views.bulk_editor import BulkEditor

if TYPE_CHECKING:
    from desktop.actions.source_pane import SourcePane
    from desktop.editing.undo import LedgerCommand
    from desktop.gateway import LedgerGateway


class BulkHost(Protocol):
    """What bulk 修正字段 needs of the window (the main window is one)."""

    gateway: LedgerGateway
    source_pane: SourcePane
    bulk_editor: BulkEditor | None

    def refresh_rows(self, rows: list[TaskRow]) -> None: ...
    def run_command(self, command: LedgerCommand) -> bool: ...


def common_year(window: BulkHost, rows: list[TaskRow]) -> int | None:
    """The documents' year when all selected tasks share one: bare months resolve to it."""
    try:
        years = {r.year for r in window.gateway.ledger.rows([r.id for r in rows])}
    except Exception as exc:  # without a year the clerk writes it: the field says so
        if describe(exc, window.gateway.ledger.url) is None:
            raise
        return None
    return years.pop() if len(years) == 1 else None


def open_bulk_editor(window: BulkHost, rows: list[TaskRow], parent: QWidget) -> BulkEditor:
    """Open the editor over `parent` (the window as a widget) for the selected `rows`."""
    names = window.source_pane.unit_names()
    editor = BulkEditor(rows, names, common_year(window, rows), parent)
    window.bulk_editor = editor

    def accepted() -> None:
        command = BulkCorrectCommand(
            window.gateway, editor.rows, editor.values(), editor.status(), window.refresh_rows
        )
        editor.deleteLater()
        window.bulk_editor = None
        window.run_command(command)

    editor.accepted.connect(accepted)
    editor.open()
    return editor
