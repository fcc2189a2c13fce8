"""新增任务 starts from what the clerk is looking at, and leaves the window usable (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.views.nav_panel import ID_ROLE


def test_prefilled_from_the_selected_document_and_unit(window, gateway, ledger) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    gateway.import_path(seed_path("002"))
    window.reload()
    second = window.nav.tree.topLevelItem(0).child(1)
    doc_node = second.child(0)
    gazette_id, doc_id = doc_node.data(0, ID_ROLE)
    window.nav.tree.setCurrentItem(doc_node)
    window.nav.units.setCurrentRow(1)
    unit = window.nav.selected_unit()
    window.table.clearSelection()

    window.new_task_action.trigger()
    dialog = window.new_task_dialog
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.windowModality() == Qt.WindowModality.NonModal
    assert dialog.gazette_combo.currentData() == gazette_id
    assert dialog.document_combo.currentData() == doc_id
    assert dialog.lead_edit.text() == unit
    # The window still answers while the editor is open: another row can be selected.
    window.table.selectRow(0)
    assert window.selected_rows()
    dialog.text_edit.setPlainText("补录：完成档案数字化。")
    dialog._accept()
    [task] = ledger.tasks(TaskFilter(text="补录：完成档案数字化"))
    assert (task.gazette_id, task.document_id, task.lead_units) == (gazette_id, doc_id, (unit,))
    assert window.new_task_dialog is None


def test_selected_task_gives_gazette_and_document(window, gateway) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("002"))
    window.reload()
    row = next(
        window.model.row_at(r)
        for r in range(window.model.rowCount())
        if window.model.row_at(r).document_id
    )
    window.select_task(row.id)
    window.new_task()
    dialog = window.new_task_dialog
    assert dialog.gazette_combo.currentData() == row.gazette_id
    assert dialog.document_combo.currentData() == row.document_id
    assert dialog.lead_edit.text() == ""


def test_open_new_task_takes_prefill_values(window, gateway, ledger) -> None:  # type: ignore[no-untyped-def]
    """The entry other editors use (e.g. a task from selected source lines)."""
    gateway.import_path(seed_path("002"))
    window.reload()
    gazette_id = window.nav.gazettes()[0].id
    dialog = window.open_new_task(
        {
            "gazette_id": gazette_id,
            "text": "原文摘出的任务。",
            "lead_units": ["县水利局", "县财政局"],
            "deadline": "2030-06-30",
        }
    )
    assert dialog is window.new_task_dialog and dialog.isVisible()
    assert dialog.values()["lead_units"] == ["县水利局", "县财政局"]
    assert dialog.values()["text"] == "原文摘出的任务。"
    # Asking again brings the same editor forward with the new values, not a second one.
    again = window.open_new_task({"text": "另一条任务。"})
    assert again is dialog and dialog.values()["text"] == "另一条任务。"
    dialog._accept()
    assert ledger.tasks(TaskFilter(text="另一条任务"))


def test_editor_keeps_the_text_when_the_save_cannot_start(window, gateway, ledger) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("002"))
    window.reload()
    dialog = window.open_new_task({"text": "不能丢的任务。"})
    window.writing = True  # another edit is being saved
    dialog._accept()
    assert dialog.isVisible() and dialog.text_edit.toPlainText() == "不能丢的任务。"
    assert "未能保存" in dialog.error.text()
    window.writing = False
    dialog._accept()
    assert ledger.tasks(TaskFilter(text="不能丢的任务"))
