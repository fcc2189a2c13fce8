"""修正字段 on several tasks: open the bulk editor, save it as one undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.error_messages import describe
from desktop.rows import TaskRow
from desktop.undo import BulkCorrectCommand
from desktop.views.bulk_editor import BulkEditor

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def common_year(window: MainWindow, rows: list[TaskRow]) -> int | None:
    """The documents' year when all selected tasks share one: bare months resolve to it."""
    try:
        years = {r.year for r in window.gateway.ledger.rows([r.id for r in rows])}
    except Exception as exc:  # without a year the clerk writes it: the field says so
        if describe(exc, window.gateway.ledger.url) is None:
            raise
        return None
    return years.pop() if len(years) == 1 else None


def open_bulk_editor(window: MainWindow, rows: list[TaskRow]) -> BulkEditor:
    editor = BulkEditor(rows, window.source_pane.unit_names(), common_year(window, rows), window)
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
