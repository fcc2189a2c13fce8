"""The detail panel at 1366×768: note boxes tall enough to write in and resizable; 详情
shows the task's latest progress note (issue 17)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from seedfiles import seed_path


def test_note_boxes_have_room_and_grow_with_the_splitter(window, gateway, qtbot) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.table.selectRow(0)
    QApplication.processEvents()
    edit = window.detail.progress_edit
    line = edit.fontMetrics().lineSpacing()
    assert edit.height() >= 4.5 * line  # was two lines (48 px)
    assert window.detail.problems_edit.height() >= 2 * line
    assert window.detail.tabs.height() >= 200  # 详情 still readable
    before = edit.height()
    splitter = window.detail.splitter
    top, bottom = splitter.sizes()
    splitter.setSizes([top - 150, bottom + 150])  # the clerk drags the handle up
    QApplication.processEvents()
    assert edit.height() > before + 30


def test_detail_shows_the_latest_progress_note(window, gateway, ledger) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    window.table.selectRow(0)
    task_id = window.selected_rows()[0].id
    assert "最新进展" in window.detail.detail_view.toPlainText()
    window.detail.progress_edit.setPlainText("已完成招标")
    window.detail.problems_edit.setPlainText("资金未到位")
    window.detail.note_button.click()
    text = window.detail.detail_view.toPlainText()
    line = text.split("最新进展", 1)[1].split("来源", 1)[0]
    assert "已完成招标" in line and "资金未到位" in line and "测试员" in line
    assert ledger.task(task_id).task.latest_note.progress == "已完成招标"
