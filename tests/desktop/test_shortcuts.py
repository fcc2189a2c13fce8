"""Window shortcuts work while the search box has focus; its own editing keys stay its."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog


def _focus_search(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "abc")
    assert window.search.hasFocus() and window.search.text() == "abc"


def test_ctrl_shortcuts_reach_the_window_from_the_search_box(
    window, qtbot, monkeypatch, notifier
) -> None:  # type: ignore[no-untyped-def]
    _focus_search(window, qtbot)
    qtbot.keyClick(window.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.export_dialog.isVisible()  # 导出周报… opened
    window.export_dialog.reject()

    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert notifier.messages[-1][1] == "无法新增任务"  # 新增任务… ran (no gazette yet)

    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: (asked.append("open"), ([], ""))[1]
    )
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["open"]
    assert window.search.text() == "abc"


def test_search_box_keeps_its_editing_keys(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _focus_search(window, qtbot)
    qtbot.keyClick(window.search, Qt.Key.Key_Home)
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)  # a character, not a task
    assert window.search.text() == "bc"
    qtbot.keyClick(window.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert window.search.text() == ""


def test_pass_through_beats_a_box_that_claims_ctrl_e(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Under the GNOME/KDE keyboard schemes QLineEdit claims Ctrl+E (end of line) through
    ShortcutOverride; the offscreen test platform does not, so a box that claims every
    key stands in for it. With the window's pass-through filter the shortcut still fires,
    while the box keeps Ctrl+A (select all)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit

    from desktop.shortcut_passthrough import ShortcutPassThrough

    class Greedy(QLineEdit):
        def event(self, e):  # type: ignore[no-untyped-def]
            if e.type() == QEvent.Type.ShortcutOverride:
                e.accept()
                return True
            return super().event(e)

    def override(box, key) -> bool:  # type: ignore[no-untyped-def]
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.ControlModifier)
        event.setAccepted(False)
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(box, event)
        return event.isAccepted()  # accepted: the box types the key, no shortcut

    plain, guarded = Greedy(), Greedy()
    qtbot.addWidget(plain)
    window.addToolBar("t").addWidget(guarded)
    ShortcutPassThrough(guarded, window.actions_with_shortcuts)
    assert override(plain, Qt.Key.Key_E)  # what a clerk on GNOME saw: Ctrl+E swallowed
    assert not override(guarded, Qt.Key.Key_E)  # 导出周报 gets it
    assert not override(guarded, Qt.Key.Key_N) and not override(guarded, Qt.Key.Key_O)
    assert override(guarded, Qt.Key.Key_A)  # select all stays the box's
    assert override(guarded, Qt.Key.Key_Z)  # so does undo of the typing


def test_note_box_passes_window_shortcuts_too(window) -> None:  # type: ignore[no-untyped-def]
    boxes = [f._actions for f in window.search_shortcuts]
    assert len(boxes) == 5
    watched = {f.parent() for f in window.search_shortcuts}
    assert window.detail.progress_edit in watched and window.search in watched
