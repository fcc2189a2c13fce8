"""A progress note belongs to the task it was typed for (issue 17).

The clerk types into 进展情况 for task A and then leaves A: by mouse, by keyboard, by a
search that hides A, or by closing the window. Whatever the way out, the note lands on A
(saved, undoable) and never on the task selected next; nothing typed is lost.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from seedfiles import seed_path

from desktop.table.task_table_model import COL_TEXT

TYPED = "tender done"  # qtbot types ASCII only


@pytest.fixture
def shown(window, gateway, qtbot):  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.model.rowCount() > 2
    return window


def _type_note_for_first_row(window, qtbot) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Click row 0 (task A), type into 进展情况; returns (A, B) with B the next row's task."""
    table = window.table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(window.model.index(0, COL_TEXT)).center(),
    )
    a, b = window.model.row_at(0).id, window.model.row_at(1).id
    assert [r.id for r in window.selected_rows()] == [a]
    window.detail.progress_edit.setFocus()
    qtbot.keyClicks(window.detail.progress_edit, TYPED)
    return a, b


def _notes(ledger, task_id: int) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [n.progress for n in ledger.task(task_id).notes]


def test_mouse_click_on_another_row_saves_the_note_to_the_first(shown, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    a, b = _type_note_for_first_row(shown, qtbot)
    table = shown.table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(shown.model.index(shown.model.row_for_id(b), COL_TEXT)).center(),
    )
    assert [r.id for r in shown.selected_rows()] == [b]
    qtbot.waitUntil(lambda: _notes(ledger, a) == [TYPED])
    assert _notes(ledger, b) == []
    assert shown.detail.progress_edit.toPlainText() == ""  # B's box starts empty
    assert f"#{a}" in shown.statusBar().currentMessage()
    # Saving 保存进展 now, with B selected, writes nothing anywhere (nothing typed for B).
    shown.detail.note_button.click()
    assert _notes(ledger, b) == [] and _notes(ledger, a) == [TYPED]
    # The automatic save is an ordinary undoable edit.
    assert shown.undo_action.text() == "撤销 保存进展"
    shown.undo_action.trigger()
    assert _notes(ledger, a) == []


def test_keyboard_down_saves_the_note_to_the_first(shown, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    a, b = _type_note_for_first_row(shown, qtbot)
    shown.table.setFocus()
    qtbot.keyClick(shown.table, Qt.Key.Key_Down)
    assert [r.id for r in shown.selected_rows()] == [b]
    qtbot.waitUntil(lambda: _notes(ledger, a) == [TYPED])
    assert _notes(ledger, b) == []
    # Typing for B and pressing 保存进展 saves to B only.
    qtbot.keyClicks(shown.detail.progress_edit, "b note")
    shown.detail.note_button.click()
    assert _notes(ledger, b) == ["b note"] and _notes(ledger, a) == [TYPED]


def test_search_that_hides_the_task_saves_its_note(shown, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    a, b = _type_note_for_first_row(shown, qtbot)
    qtbot.keyClick(shown, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert shown.search.hasFocus()
    needle = next(  # a word of B's text that A's haystack lacks
        w
        for w in (shown.model.row_at(1).text[i : i + 4] for i in range(40))
        if w.strip() and w.lower() not in shown.model.row_at(0).search_blob
    )
    shown.search.insert(needle)
    qtbot.waitUntil(lambda: shown.model.row_for_id(a) is None)
    qtbot.waitUntil(lambda: _notes(ledger, a) == [TYPED])
    assert _notes(ledger, b) == []
    shown.search.clear()
    qtbot.waitUntil(lambda: shown.model.row_for_id(a) is not None)
    shown.select_task(b)
    shown.detail.note_button.click()
    assert _notes(ledger, b) == [] and _notes(ledger, a) == [TYPED]


def test_closing_the_window_saves_the_note(shown, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    a, b = _type_note_for_first_row(shown, qtbot)
    shown.close()
    assert _notes(ledger, a) == [TYPED]
    assert _notes(ledger, b) == []


def test_a_note_whose_save_failed_comes_back_in_its_task(
    shown, ledger, qtbot, monkeypatch, notifier
) -> None:  # type: ignore[no-untyped-def]
    """A save that fails keeps the text: it is back in the box when A is selected again."""
    from core.errors import TaizhangError

    a, b = _type_note_for_first_row(shown, qtbot)

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise TaizhangError("台账暂时无法写入")

    monkeypatch.setattr(shown.gateway, "add_note", refuse)
    shown.select_task(b)
    qtbot.waitUntil(lambda: bool(notifier.messages))
    assert notifier.messages[-1][1] == f"任务 #{a} 的进展未能保存"
    assert _notes(ledger, a) == [] and _notes(ledger, b) == []
    assert shown.detail.progress_edit.toPlainText() == ""
    monkeypatch.undo()
    shown.select_task(a)
    assert shown.detail.progress_edit.toPlainText() == TYPED  # the draft is back on A
    shown.detail.note_button.click()
    assert _notes(ledger, a) == [TYPED] and _notes(ledger, b) == []


def test_note_left_during_a_write_in_flight_is_saved_after_it(
    qtbot, gateway, ledger, settings, notifier
) -> None:  # type: ignore[no-untyped-def]
    """Real worker threads: a status change is being saved when the clerk moves on; the
    note waits for it (one write at a time) instead of being refused, then lands on A."""
    from desktop.main_window import MainWindow
    from desktop.workers import TaskRunner

    gateway.import_path(seed_path("002"))
    runner = TaskRunner()
    win = MainWindow(gateway, settings, runner, notifier)
    qtbot.addWidget(win)
    win.reload()
    qtbot.waitUntil(lambda: win.model.rowCount() > 1, timeout=10_000)
    a, b = win.model.row_at(0).id, win.model.row_at(1).id
    win.select_task(a)
    win.detail.progress_edit.insertPlainText("已完成招标")
    assert win.change_status("in_progress", "")
    assert win.writing
    win.select_task(b)  # A's note is queued behind the status change
    qtbot.waitUntil(lambda: _notes(ledger, a) == ["已完成招标"], timeout=20_000)
    qtbot.waitUntil(lambda: not win.writing, timeout=20_000)
    assert _notes(ledger, b) == [] and not notifier.messages
    assert ledger.task(a).task.status == "in_progress"
    runner.wait()


def test_close_keeps_the_window_open_when_the_note_cannot_be_saved(
    shown, ledger, qtbot, monkeypatch, notifier
) -> None:  # type: ignore[no-untyped-def]
    from core.errors import TaizhangError

    a, _b = _type_note_for_first_row(shown, qtbot)

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise TaizhangError("台账暂时无法写入")

    monkeypatch.setattr(shown.gateway, "add_note", refuse)
    assert not shown.close()  # refused: the text would be lost
    assert shown.isVisible()
    assert notifier.messages[-1][1] == "进展未能保存" and f"#{a}" in notifier.messages[-1][2]
    assert _notes(ledger, a) == []
    monkeypatch.undo()
    shown.select_task(a)
    assert shown.detail.progress_edit.toPlainText() == TYPED
    assert shown.close()
    assert _notes(ledger, a) == [TYPED]
