"""Adding, deleting, notes, amounts, excerpts and the document tree, on real widgets over a
real ledger; every edit undone and redone. Writes run on the TaskRunner."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.table.rows import NO_DOCUMENT


@pytest.fixture
def loaded(window, gateway):  # type: ignore[no-untyped-def]
    """The window with seed 000 imported through the gateway and shown."""
    gateway.import_path(seed_path("000"))
    window.reload()
    assert window.model.rowCount() > 0
    return window


def _select(window, task_id: int) -> None:  # type: ignore[no-untyped-def]
    window.table.clearSelection()
    window.select_task(task_id)
    assert [r.id for r in window.selected_rows()] == [task_id]


def test_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Y") in window.redo_action.shortcuts()
    assert window.new_task_action.text() == "新增任务…"


def test_new_task_dialog_adds_a_manual_task_undo_redo(loaded, ledger) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    _select(window, window.model.row_at(0).id)
    total = window.model.total_count
    window.new_task()
    dialog = window.new_task_dialog
    assert dialog.gazette_combo.currentData() == window.selected_rows()[0].gazette_id
    assert dialog.document_combo.count() > 1  # the gazette's documents are offered
    dialog.document_combo.setCurrentIndex(1)
    doc_id = dialog.document_combo.currentData()
    dialog._accept()
    assert dialog.error.text() == "任务内容不能为空" and not ledger.tasks(
        TaskFilter(text="补录甲号")
    )
    dialog.text_edit.setPlainText("补录甲号：完成示范街区整治。")
    dialog.lead_edit.setText("县住建局、县城管局")
    dialog.deadline_edit.setText("2030-06-30")
    dialog.amounts_edit.setText("24万元；0.9元/棒")
    dialog._accept()
    [task] = ledger.tasks(TaskFilter(text="补录甲号"))
    assert task.manual and task.document_id == doc_id
    assert task.lead_units == ("县住建局", "县城管局") and str(task.deadline) == "2030-06-30"
    assert [a["yuan"] for a in task.amounts] == [240000, 0.9]
    assert window.model.total_count == total + 1
    assert f"全部公报（{total + 1}）" == window.nav.tree.topLevelItem(0).text(0)
    assert any(
        "县城管局" in window.nav.units.item(i).text() for i in range(window.nav.units.count())
    )
    assert [r.id for r in window.selected_rows()] == [task.id]
    assert "人工新增" in window.detail.detail_view.toPlainText()

    window.undo_action.trigger()
    assert task.id not in ledger.task_ids() and window.model.row_for_id(task.id) is None
    assert window.model.total_count == total
    assert f"全部公报（{total}）" == window.nav.tree.topLevelItem(0).text(0)
    window.redo_action.trigger()
    assert task.id in ledger.task_ids() and window.model.row_for_id(task.id) is not None
    assert ledger.count() == total + 1  # redo brought the same task back, not a copy


def test_delete_asks_first_and_undo_restores(loaded, ledger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    victim = window.model.row_at(0)
    _select(window, victim.id)
    total = window.model.total_count
    asked: list[str] = []

    def answer(reply):  # type: ignore[no-untyped-def]
        def question(_parent, title, text, *_args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    window.detail.delete_button.click()
    assert len(asked) == 1 and "撤销" in asked[0]
    assert victim.id in ledger.task_ids() and window.model.total_count == total

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.delete_action.trigger()
    assert victim.id not in ledger.task_ids()
    assert window.model.row_for_id(victim.id) is None and window.model.total_count == total - 1
    assert window.count_label.text() == f"显示 {total - 1} / 共 {total - 1} 项任务"

    window.undo_action.trigger()
    assert victim.id in ledger.task_ids() and window.model.total_count == total
    assert ledger.task(victim.id).task.text == victim.text
    window.redo_action.trigger()
    assert victim.id not in ledger.task_ids()


def test_saved_note_is_undoable(loaded, ledger) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    task_id = window.model.row_at(0).id
    _select(window, task_id)
    window.detail.progress_edit.insertPlainText("已完成招标")
    window.detail.note_button.click()
    assert [n.progress for n in ledger.task(task_id).notes] == ["已完成招标"]
    assert window.undo_action.text() == "撤销 保存进展"
    window.undo_action.trigger()
    assert ledger.task(task_id).notes == ()
    assert "已完成招标" not in window.detail.history_view.toPlainText()
    window.redo_action.trigger()
    assert [n.progress for n in ledger.task(task_id).notes] == ["已完成招标"]
    assert "已完成招标" in window.detail.history_view.toPlainText()


def test_amounts_are_corrected_shown_and_undone(loaded, ledger) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    task_id = window.model.row_at(0).id
    _select(window, task_id)
    before = ledger.task(task_id).task.amounts
    window.edit_task()
    editor = window.editor
    editor.edits["amounts"].setText("没有数额")
    editor._accept()
    assert "金额" in editor.error.text() and editor.result() == 0
    editor.edits["amounts"].setText("24万元；0.9元/棒")
    editor._accept()
    task = ledger.task(task_id).task
    assert [(a["yuan"], a["per"]) for a in task.amounts] == [(240000, None), (0.9, "棒")]
    assert "24万元；0.9元/棒" in window.detail.detail_view.toPlainText()
    window.edit_task()  # shown back in the editor as typed
    assert window.editor.edits["amounts"].text() == "24万元；0.9元/棒"
    window.editor.reject()
    window.undo_action.trigger()
    assert ledger.task(task_id).task.amounts == before


def test_excerpt_comes_from_the_ledger_not_the_file(
    qtbot, ledger, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A window opened later, over a ledger whose source file is gone, shows the excerpt."""
    from core import extract
    from desktop.gateway import LedgerGateway
    from desktop.main_window import MainWindow
    from desktop.workers import SyncTaskRunner

    copy = tmp_path / "公报.txt"
    copy.write_bytes(seed_path("002").read_bytes())
    result = extract(copy)
    ledger.import_result(result)
    copy.unlink()
    win = MainWindow(LedgerGateway(ledger, lambda: "测试员"), settings, SyncTaskRunner())
    qtbot.addWidget(win)
    win.reload()
    row = next(r for r in ledger.tasks() if r.line > 3)
    _select(win, row.id)
    shown = win.detail.source_view.toPlainText()
    assert "原文摘录" in shown
    target = " ".join(result.text.splitlines()[row.line - 1].split())  # tabs render as spaces
    assert target and target in " ".join(shown.split())


def test_document_node_filters_by_document_id(loaded, ledger) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    gazette = window.nav.tree.topLevelItem(0).child(0)
    doc_node = gazette.child(0)
    gazette_id, document_id = doc_node.data(0, 0x0100)
    assert gazette_id == gazette.data(0, 0x0100)[0]
    assert document_id not in (None, NO_DOCUMENT)
    window.nav.tree.setCurrentItem(doc_node)
    shown = window.model.rowCount()
    assert shown == ledger.count(TaskFilter(document_id=document_id)) > 0
    assert all(window.model.row_at(r).document_id == document_id for r in range(shown))
    assert shown < window.model.total_count


def test_locked_ledger_write_keeps_the_window_responsive(
    qtbot, gateway, ledger, settings, notifier
) -> None:  # type: ignore[no-untyped-def]
    """Another process holds the write lock: the status change waits off the GUI thread,
    timers keep firing, and the edit lands (and becomes undoable) once the lock is gone."""
    from desktop.main_window import MainWindow
    from desktop.workers import TaskRunner

    gateway.import_path(seed_path("002"))
    runner = TaskRunner()
    win = MainWindow(gateway, settings, runner, notifier)
    qtbot.addWidget(win)
    win.reload()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=10_000)
    task_id = win.model.row_at(0).id
    _select(win, task_id)

    path = ledger.engine.url.database
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the write lock, as an importing process holds it
    try:
        assert win.change_status("done", "")
        assert win.writing and not win.undo_action.isEnabled()
        ticks: list[int] = []
        timer = QTimer(win, interval=20)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)  # the event loop runs
        assert win.writing and ledger.task(task_id).task.status == "not_started"
        assert not win.change_status("suspended", "")  # one write at a time
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    qtbot.waitUntil(lambda: not win.writing, timeout=20_000)
    assert ledger.task(task_id).task.status == "done"
    assert win.model.row_at(win.model.row_for_id(task_id)).status == "done"
    assert win.undo_stack.count() == 1 and not notifier.messages
    win.undo_action.trigger()
    qtbot.waitUntil(lambda: not win.writing, timeout=20_000)
    assert ledger.task(task_id).task.status == "not_started"
    runner.wait()
