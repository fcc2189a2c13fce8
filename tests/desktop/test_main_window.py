"""The main window over a real temporary ledger: drop, filters, tracking, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.table.rows import QUICK_OVERDUE
from desktop.table.task_table_model import COL_LEAD, COL_TEXT


def drop(window, paths: list[Path]) -> QDropEvent:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(window.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event


def test_drop_imports_and_fills_table(window, ledger, notifier) -> None:  # type: ignore[no-untyped-def]
    assert window.model.rowCount() == 0
    drop(window, [seed_path("000")])
    total = ledger.count(TaskFilter())
    assert total > 0
    assert window.model.rowCount() == total
    assert window.count_label.text() == f"显示 {total} / 共 {total} 项任务"
    kind, title, text = notifier.messages[-1]
    assert (kind, title) == ("info", "导入完成")
    assert f"{total} 项任务" in text
    # the same file again is reported as skipped and changes nothing
    drop(window, [seed_path("000")])
    assert f"台账中已有、未重复导入 1 个文件：{seed_path('000').name}" in notifier.messages[-1][2]
    assert ledger.count(TaskFilter()) == total


def test_drag_of_unrelated_file_is_refused(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_bad_file_is_named_and_others_still_import(
    window, ledger, notifier, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "空白公报.txt"
    empty.write_text("", encoding="utf-8")
    legacy = tmp_path / "旧格式通知.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    drop(window, [empty, seed_path("002"), legacy])
    kind, _title, text = notifier.messages[-1]
    assert kind == "info"
    assert "空白公报.txt" in text and "旧格式通知.doc" in text
    assert ".docx" in text  # the conversion advice for .doc
    assert window.model.rowCount() == ledger.count(TaskFilter()) > 0


def test_bad_file_alone_shows_non_blocking_message(
    qtbot, gateway, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """With the real notifier the message box opens without exec(): the test goes on."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.main_window import MainWindow
    from desktop.workers import SyncTaskRunner

    win = MainWindow(gateway, settings, SyncTaskRunner())
    qtbot.addWidget(win)
    win.show()
    binary = tmp_path / "损坏.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    drop(win, [binary])
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert "损坏.txt" in boxes[0].text()
    boxes[0].accept()


def test_filters_and_search_change_visible_rows(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    drop(window, [seed_path("000")])
    total = window.model.rowCount()
    needle = window.model.index(0, COL_LEAD).data().split("、")[0]
    window.search.setText(needle)
    window.apply_filter()  # the box debounces typing; apply at once
    shown = window.model.rowCount()
    assert 0 < shown < total
    assert window.count_label.text() == f"显示 {shown} / 共 {total} 项任务"
    for r in range(shown):
        row = window.model.row_at(r)
        assert needle in row.search_blob
    window.search.clear()
    window.apply_filter()
    assert window.model.rowCount() == total
    # a unit in the list narrows to its tasks
    window.nav.units.setCurrentRow(1)
    unit = window.nav.selected_unit()
    assert unit and all(
        unit in window.model.row_at(r).lead_units + window.model.row_at(r).support_units
        for r in range(window.model.rowCount())
    )
    window.nav.units.setCurrentRow(0)
    assert window.model.rowCount() == total
    # quick filter: overdue shows only open tasks whose deadline passed
    window.nav.quick_buttons[QUICK_OVERDUE].click()
    assert window.model.rowCount() < total
    today = window.model._today_fn()
    for r in range(window.model.rowCount()):
        row = window.model.row_at(r)
        assert row.deadline is not None and row.deadline < today


def test_status_edit_persists_shows_in_history_and_undoes(window, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    drop(window, [seed_path("000")])
    window.table.selectRow(0)
    task_id = window.selected_rows()[0].id
    before = ledger.task(task_id).task.status
    combo = window.detail.status_combo
    combo.setCurrentIndex(combo.findData("done"))
    window.detail.status_note.setText("已验收")  # keyClicks only types ASCII
    qtbot.mouseClick(window.detail.status_button, Qt.MouseButton.LeftButton)
    detail = ledger.task(task_id)
    assert detail.task.status == "done"
    assert detail.history[-1].to_status == "done" and detail.history[-1].note == "已验收"
    assert detail.history[-1].by == "测试员"
    assert "已验收" in window.detail.history_view.toPlainText()
    window.undo_action.trigger()
    assert ledger.task(task_id).task.status == before
    window.redo_action.trigger()
    assert ledger.task(task_id).task.status == "done"


def test_status_change_for_many_selected_tasks(window, ledger) -> None:  # type: ignore[no-untyped-def]
    drop(window, [seed_path("000")])
    window.table.selectAll()
    ids = [r.id for r in window.selected_rows()][:3]
    window.table.clearSelection()
    for task_id in ids:
        pos = window.model.row_for_id(task_id)
        window.table.selectionModel().select(
            window.model.index(pos, 0),
            window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows,
        )
    assert window.change_status("in_progress", "")
    assert [ledger.task(i).task.status for i in ids] == ["in_progress"] * 3
    window.undo_stack.undo()
    assert [ledger.task(i).task.status for i in ids] == ["not_started"] * 3


def test_field_correction_and_undo(window, ledger) -> None:  # type: ignore[no-untyped-def]
    drop(window, [seed_path("000")])
    window.table.selectRow(0)
    task_id = window.selected_rows()[0].id
    old_text = ledger.task(task_id).task.text
    window.edit_task()
    editor = window.editor
    editor.text_edit.setPlainText("人工修正后的任务内容")
    editor.edits["deadline"].setText("2030-12-31")
    editor._accept()
    task = ledger.task(task_id).task
    assert task.text == "人工修正后的任务内容"
    assert str(task.deadline) == "2030-12-31"
    assert window.model.index(window.model.row_for_id(task_id), COL_TEXT).data() == task.text
    window.undo_stack.undo()
    assert ledger.task(task_id).task.text == old_text


def test_progress_note_is_saved(window, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    drop(window, [seed_path("000")])
    window.table.selectRow(0)
    task_id = window.selected_rows()[0].id
    window.detail.progress_edit.insertPlainText("已完成招标")
    window.detail.problems_edit.insertPlainText("资金未到位")
    qtbot.mouseClick(window.detail.note_button, Qt.MouseButton.LeftButton)
    notes = ledger.task(task_id).notes
    assert notes[-1].progress == "已完成招标" and notes[-1].problems == "资金未到位"
    assert "资金未到位" in window.detail.history_view.toPlainText()


def test_column_widths_and_sort_are_remembered(qtbot, gateway, settings) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow
    from desktop.workers import SyncTaskRunner

    first = MainWindow(gateway, settings, SyncTaskRunner())
    qtbot.addWidget(first)
    first.table.horizontalHeader().resizeSection(COL_LEAD, 133)
    first.table.sortByColumn(COL_LEAD, Qt.SortOrder.DescendingOrder)
    first.close()
    second = MainWindow(gateway, settings, SyncTaskRunner())
    qtbot.addWidget(second)
    header = second.table.horizontalHeader()
    assert header.sectionSize(COL_LEAD) == 133
    assert header.sortIndicatorSection() == COL_LEAD
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def _columns_on_screen(window) -> tuple[bool, int]:  # type: ignore[no-untyped-def]
    table = window.table
    header = table.horizontalHeader()
    right = max(
        header.sectionViewportPosition(c) + header.sectionSize(c) for c in range(header.count())
    )
    return right <= table.viewport().width(), header.sectionSize(COL_TEXT)


def test_every_column_is_visible_on_a_1366_screen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """1366×768 is the commonest office screen: 来源(文号) must not sit past the right edge,
    and the task text still gets a readable width; narrower, the table scrolls instead of
    squeezing the text column to nothing."""
    from desktop.table.table_layout import TEXT_MIN_WIDTH

    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    visible, text_width = _columns_on_screen(window)
    assert visible and text_width >= TEXT_MIN_WIDTH

    window.resize(1024, 700)
    QApplication.processEvents()
    visible, text_width = _columns_on_screen(window)
    assert not visible and text_width == TEXT_MIN_WIDTH

    window.resize(1366, 768)  # room again: the text column stretches once more
    QApplication.processEvents()
    assert _columns_on_screen(window)[0]


def test_first_start_fits_the_screen_and_the_layout_is_remembered(qtbot, gateway, settings) -> None:  # type: ignore[no-untyped-def]
    """First start on a small screen: the window fits it, never larger. The clerk's window
    size, panel widths and note-box split come back next time."""
    from desktop.main_window import MainWindow
    from desktop.workers import SyncTaskRunner

    first = MainWindow(gateway, settings, SyncTaskRunner())
    qtbot.addWidget(first)
    room = first.screen().availableGeometry()
    assert first.width() <= room.width() and first.height() <= room.height()
    first.resize(700, 500)
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([150, 300, 250])
    first.detail.splitter.setSizes([120, 300])
    nav, detail = first.splitter.sizes()[0], first.detail.splitter.sizes()
    first.close()

    second = MainWindow(gateway, settings, SyncTaskRunner())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (700, 500)
    assert second.splitter.sizes()[0] == nav
    assert second.detail.splitter.sizes() == detail
