"""Window shortcuts keep working while a text box has focus.

A QLineEdit claims some Ctrl+letter keys through ShortcutOverride: under the GNOME and KDE
keyboard schemes Ctrl+E means "end of line", so with the cursor in the search box 导出周报
(Ctrl+E) did nothing. This filter lets the window's own shortcuts through, except the keys
a clerk edits text with (undo, cut/copy/paste, select all, Delete, cursor movement by
Home/End), which stay the box's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

SK = QKeySequence.StandardKey
# Standard keys a text box keeps even when a window action is bound to the same key.
EDITING_KEYS = (
    SK.Undo,
    SK.Redo,
    SK.Cut,
    SK.Copy,
    SK.Paste,
    SK.SelectAll,
    SK.Delete,
    SK.Backspace,
    SK.MoveToStartOfLine,
    SK.MoveToEndOfLine,
    SK.DeleteStartOfWord,
    SK.DeleteEndOfWord,
)
# Plain keys that are always text editing (our actions never use them unmodified).
_PLAIN_EDITING = {QKeySequence("Home"), QKeySequence("End"), QKeySequence("Del")}


def _editing_keys() -> set[QKeySequence]:
    keys = set(_PLAIN_EDITING)
    for standard in EDITING_KEYS:
        keys.update(QKeySequence.keyBindings(standard))
    return keys


class ShortcutPassThrough(QObject):
    """Event filter on a text box: a ShortcutOverride for one of `actions`' shortcuts is
    refused (not accepted), so Qt triggers the window's action instead of typing the key."""

    def __init__(self, editor: QWidget, actions: Callable[[], Iterable[QAction]]) -> None:
        super().__init__(editor)
        self._actions = actions
        self._editing = _editing_keys()
        editor.installEventFilter(self)

    def window_keys(self) -> set[QKeySequence]:
        keys: set[QKeySequence] = set()
        for action in self._actions():
            if action.isEnabled():
                keys.update(s for s in action.shortcuts() if not s.isEmpty())
        return keys - self._editing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if pressed in self.window_keys():
                event.ignore()
                return True
        return False
