"""When another clerk saved a task first: show who changed what and when, then let the clerk
reload (take theirs) or overwrite (apply mine on top). Nothing is silently overwritten:
overwriting is an explicit choice, and both clerks' changes stay in the task's history.

The main window calls `resolve_conflict` where an edit raised `EditConflict`. This module
sits below the window: it knows the window only as a `ConflictHost` (what it calls on it),
so it imports nothing from main_window or window_edits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import TaizhangError
from core.ledger import EditConflict

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoCommand, QUndoStack
    from PySide6.QtWidgets import QStatusBar

    from desktop.editing.undo import LedgerCommand
    from desktop.errors import Notifier


class ConflictHost(Protocol):
    """What `resolve_conflict` needs of the window (the main window is one)."""

    notifier: Notifier
    undo_stack: QUndoStack

    def reload(self) -> None: ...
    def statusBar(self) -> QStatusBar: ...


Choice = Literal["reload", "overwrite"]
RELOAD_TEXT = "重新载入（采用对方的修改）"
OVERWRITE_TEXT = "覆盖保存（以我的修改为准）"


def conflict_text(exc: EditConflict) -> str:
    who = exc.changed_by or "其他用户"
    when = exc.changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if exc.changed_at else "刚才"
    what = exc.change or "修改了该任务"
    return (
        f"任务 {exc.task_id} 在您打开之后已被 {who} 于 {when} 修改：{what}。\n\n"
        "重新载入：放弃本次修改，显示对方保存后的内容。\n"
        "覆盖保存：在对方修改的基础上再保存您的修改；双方的修改都会记入历史。"
    )


class ConflictDialog(QMessageBox):
    """A warning box with the two ways out; Esc / closing means the safe one (reload)."""

    def __init__(self, exc: EditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("任务已被他人修改")
        self.setText(conflict_text(exc))
        self.reload_button = self.addButton(RELOAD_TEXT, QMessageBox.ButtonRole.RejectRole)
        self.overwrite_button = self.addButton(OVERWRITE_TEXT, QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.reload_button)
        self.setEscapeButton(self.reload_button)

    def choice(self) -> Choice:
        return "overwrite" if self.clickedButton() is self.overwrite_button else "reload"


def ask_conflict(parent: QWidget | None, exc: EditConflict) -> Choice:
    dialog = ConflictDialog(exc, parent)
    dialog.exec()
    return dialog.choice()


def drop_version_checks(command: QUndoCommand) -> None:
    """Make a command save without `expected_version` (the clerk chose to overwrite).

    Commands guard their first save with the versions they were built from (`first`);
    composite commands hold their parts in `parts`.
    """
    if hasattr(command, "first"):
        command.first = False
    if hasattr(command, "expected_version"):
        command.expected_version = None
    for part in getattr(command, "parts", ()):
        drop_version_checks(part)


def resolve_conflict(
    window: ConflictHost, command: LedgerCommand, exc: EditConflict, parent: QWidget | None = None
) -> bool:
    """Ask the clerk; overwrite re-applies the command unguarded (and makes it undoable),
    reload fetches what the other clerk saved. Returns whether the clerk's edit was saved.
    The question box is parented to `parent`, else to `window` when it is a widget."""
    owner = parent if parent is not None else window if isinstance(window, QWidget) else None
    if ask_conflict(owner, exc) == "reload":
        window.reload()
        window.statusBar().showMessage(f"已重新载入 {exc.changed_by or '他人'} 保存的内容", 5000)
        return False
    drop_version_checks(command)
    try:
        command.apply()
    except TaizhangError as again:
        window.notifier.warning("无法保存", str(again))
        window.reload()
        return False
    window.undo_stack.push(command)
    window.statusBar().showMessage("已覆盖保存；双方的修改均已记入历史", 5000)
    return True
