"""Two kinds of failure: errors the clerk can fix (plain message) and bugs (crash report).

Which is which is decided in one place for the CLI and the window alike,
`core.error_messages.describe`; `report_failure` is how every background job's error
reaches the clerk (one Chinese line in a warning box, or a short line for a bug whose
traceback goes to the log). `Notifier` is how every part of the GUI talks to the clerk.
The default one shows window-modal message boxes with `open()` (never `exec()`), so nothing
blocks the event loop; tests pass a `RecordingNotifier` and read what would have been shown.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.error_messages import bug_message, describe

log = logging.getLogger(__name__)

# A button offered under a message: its label and what clicking it does (on the GUI thread).
Action = tuple[str, Callable[[], None]]


class Notifier:
    """Shows messages to the clerk; the GUI never calls QMessageBox directly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self._open: list[QMessageBox] = []

    def _show(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        detail: str = "",
        actions: Sequence[Action] = (),
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent)
        if detail:
            box.setDetailedText(detail)
        # Offered next steps (e.g. 按新版替换此期): a click closes the box, then runs its step.
        buttons: dict[QAbstractButton, Callable[[], None]] = {
            box.addButton(label, QMessageBox.ButtonRole.ActionRole): run for label, run in actions
        }

        def done(_result: int) -> None:
            if box in self._open:
                self._open.remove(box)
            run = buttons.get(box.clickedButton())
            if run is not None:
                run()

        box.finished.connect(done)
        self._open.append(box)
        box.open()

    def info(self, title: str, text: str, detail: str = "", actions: Sequence[Action] = ()) -> None:
        self._show(QMessageBox.Icon.Information, title, text, detail, actions)

    def warning(
        self, title: str, text: str, detail: str = "", actions: Sequence[Action] = ()
    ) -> None:
        self._show(QMessageBox.Icon.Warning, title, text, detail, actions)

    def error(self, title: str, text: str, detail: str = "") -> None:
        self._show(QMessageBox.Icon.Critical, title, text, detail)

    def confirm(self, title: str, text: str) -> bool:
        """A yes/no question; the only blocking call, used before destructive edits."""
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def confirm_destructive(
        self, title: str, text: str, detail: str = "", accept: str = "确认删除"
    ) -> bool:
        """A warning with the list of what will go; 取消 is the default. Blocking, like
        `confirm`: asked while a worker waits for the answer."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        yes = box.addButton(accept, QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        if detail:
            box.setDetailedText(detail)
        box.exec()
        return box.clickedButton() is yes

    def ask_open_folder(self, title: str, text: str, on_yes: Callable[[], None]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.parent)
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Open).setText("打开文件夹")
        box.button(QMessageBox.StandardButton.Close).setText("关闭")

        def done(result: int) -> None:
            if result == QMessageBox.StandardButton.Open:
                on_yes()
            if box in self._open:
                self._open.remove(box)

        box.finished.connect(done)
        self._open.append(box)
        box.open()


@dataclass
class RecordingNotifier(Notifier):
    """A notifier for tests: records (kind, title, text) and answers questions as told."""

    confirm_answer: bool = True
    open_folder_answer: bool = False
    messages: list[tuple[str, str, str]] = field(default_factory=list)
    # Buttons offered under the last message (label, step); a test may run one.
    offered: list[Action] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(None)

    def _show(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        detail: str = "",
        actions: Sequence[Action] = (),
    ) -> None:
        kind = {QMessageBox.Icon.Information: "info", QMessageBox.Icon.Warning: "warning"}
        full = text + ("\n" + detail if detail else "")
        self.messages.append((kind.get(icon, "error"), title, full))
        self.offered = list(actions)

    def confirm(self, title: str, text: str) -> bool:
        self.messages.append(("confirm", title, text))
        return self.confirm_answer

    def confirm_destructive(
        self, title: str, text: str, detail: str = "", accept: str = "确认删除"
    ) -> bool:
        self.messages.append(("confirm", title, text + ("\n" + detail if detail else "")))
        return self.confirm_answer

    def ask_open_folder(self, title: str, text: str, on_yes: Callable[[], None]) -> None:
        self.messages.append(("info", title, text))
        if self.open_folder_answer:
            on_yes()


def report_failure(
    notifier: Notifier,
    title: str,
    exc: BaseException,
    where: str | None = None,
    log_path: Path | None = None,
) -> bool:
    """Tell the clerk why a job failed; returns True when it was a clerk-fixable error.

    `where` names the ledger (URL without password) so a lost server is named. Never shows
    `str(exc)` of a bug: a driver error's text holds SQL, which means nothing to a clerk.
    """
    message = describe(exc, where)
    if message is not None:
        log.warning("%s: %s", title, message.line)
        notifier.warning(title, message.line)
        return True
    log.error("%s", title, exc_info=exc)
    notifier.error(title, bug_message(exc, log_path))
    return False


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """The text a clerk copies into an e-mail to support."""
    lines = [
        "公报督办台账 错误报告",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    """Shows a bug's report, copyable, with the log file's path."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("程序出错")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "程序遇到了一个内部错误。您的台账数据已保存；请把下面的报告复制发给技术支持。"
            + (f"\n日志文件：{log_path}" if log_path else "")
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("复制报告", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())


class ExceptionHandler:
    """`sys.excepthook`: clerk-fixable errors -> plain message, anything else -> crash dialog."""

    def __init__(self, notifier: Notifier, log_path: Path | None) -> None:
        self.notifier = notifier
        self.log_path = log_path
        self.dialogs: list[CrashDialog] = []

    def install(self) -> None:
        sys.excepthook = self

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        message = describe(exc)
        if message is not None:
            log.warning("user error: %s", message.line)
            self.notifier.warning("无法完成操作", message.line)
            return
        log.error("unhandled exception", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        dialog = CrashDialog(crash_report(exc_type, exc, tb), self.log_path, self.notifier.parent)
        self.dialogs.append(dialog)
        dialog.open()
