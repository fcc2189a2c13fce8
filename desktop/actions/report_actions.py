"""文件 → 生成催办通知单… / 报表抬头…: installed by the main window with one call.

    self.report_actions = install_report_actions(self, file_menu, before=settings_action)

Kept beside the window (as `backup_actions`) so the window does not grow a method per menu.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


class ReportActions(QObject):
    def __init__(self, window: Any, menu: QMenu, before: QAction | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.remind_action = QAction("生成催办通知单…", window)
        self.remind_action.triggered.connect(self.open_reminders)
        self.header_action = QAction("报表抬头…", window)
        self.header_action.triggered.connect(self.open_header)
        if before is not None:
            menu.insertAction(before, self.remind_action)
            menu.insertAction(before, self.header_action)
            menu.insertSeparator(before)
        else:
            menu.addAction(self.remind_action)
            menu.addAction(self.header_action)
        self.dialog: Any = None

    def open_reminders(self) -> None:
        from desktop.views.reminder_dialog import ReminderDialog

        w = self.window
        self.dialog = ReminderDialog(w.gateway, w.settings, w.runner, w.notifier, w)
        self.dialog.open()

    def open_header(self) -> None:
        from desktop.views.report_header_dialog import ReportHeaderDialog

        w = self.window
        self.dialog = ReportHeaderDialog(w.gateway, w.runner, w.notifier, w)
        self.dialog.open()


def install_report_actions(
    window: Any, menu: QMenu, before: QAction | None = None
) -> ReportActions:
    return ReportActions(window, menu, before)
