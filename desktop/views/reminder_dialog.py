"""催办通知单: choose which tasks to chase, preview the count, write one .docx per unit.

The files are written and the reminders logged off the GUI thread; the dialog then offers
to open the folder. Nothing is logged unless every file was written (core.report.reminders).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.errors import TaizhangError
from core.report.reminders import REPLY_DAYS
from desktop.environment import settings as S
from desktop.errors import Notifier
from desktop.gateway import LedgerGateway
from desktop.views.dialog_parts import add_action_footer, folder_row
from desktop.workers import TaskRunner

log = logging.getLogger(__name__)


def default_folder(settings: S.Settings, today: date) -> Path:
    base = settings.get(S.LAST_EXPORT_DIR) or str(Path.home())
    return Path(base) / f"催办通知单_{today.isoformat()}"


class ReminderDialog(QDialog):
    """Non-blocking; `send()` starts the job, `last_run` holds what was written."""

    def __init__(
        self,
        gateway: LedgerGateway,
        settings: S.Settings,
        runner: TaskRunner,
        notifier: Notifier,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway, self.settings, self.runner, self.notifier = (
            gateway,
            settings,
            runner,
            notifier,
        )
        self.last_run: object | None = None
        self._notices: list[object] = []
        self.setWindowTitle("生成催办通知单")
        today = gateway.today()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.overdue = QCheckBox("已逾期")
        self.overdue.setChecked(True)
        self.due_soon = QCheckBox("7天内到期")
        self.idle = QCheckBox("超过")
        self.idle_days = QSpinBox()
        self.idle_days.setRange(1, 365)
        self.idle_days.setSuffix(" 天未更新")
        self.idle_days.setValue(settings.get(S.STAGNATION_DAYS))
        kinds = QHBoxLayout()
        for w in (self.overdue, self.due_soon, self.idle, self.idle_days):
            kinds.addWidget(w)
        kinds.addStretch(1)
        form.addRow("催办哪些任务", kinds)
        self.reply_by = QDateEdit(QDate(today + timedelta(days=REPLY_DAYS)))
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("yyyy-MM-dd")
        form.addRow("反馈截止", self.reply_by)
        self.out_edit = QLineEdit(str(default_folder(settings, today)))
        form.addRow("保存到文件夹", folder_row(self, self.out_edit, "保存催办通知单的文件夹"))
        layout.addLayout(form)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.buttons, self.send_button = add_action_footer(self, layout, "生成通知单", self.send)
        for box in (self.overdue, self.due_soon, self.idle):
            box.toggled.connect(self.update_preview)
        self.idle_days.valueChanged.connect(self.update_preview)
        self.update_preview()

    def choice(self) -> tuple[bool, bool, int | None]:
        idle = self.idle_days.value() if self.idle.isChecked() else None
        return self.overdue.isChecked(), self.due_soon.isChecked(), idle

    def update_preview(self) -> None:
        """Count what would be sent, off the GUI thread (a county's ledger is a query)."""
        overdue, soon, idle = self.choice()
        self.send_button.setEnabled(False)
        self.preview.setText("正在统计…")
        self.runner.run_task(
            lambda _ctx: self.gateway.reminder_notices(
                overdue=overdue, due_soon=soon, idle_days=idle
            ),
            self._show_preview,
            self._failed,
        )

    def _show_preview(self, notices: list[object]) -> None:
        tasks = sum(len(n.items) for n in notices)  # type: ignore[attr-defined]
        if notices:
            self.preview.setText(f"将给 {len(notices)} 个单位各生成一份通知单，共 {tasks} 项任务。")
        else:
            self.preview.setText("没有符合条件的任务。")
        self.send_button.setEnabled(bool(notices))
        self._notices = notices

    def send(self) -> None:
        notices = self._notices
        out = Path(
            self.out_edit.text().strip() or default_folder(self.settings, self.gateway.today())
        )
        reply_by = self.reply_by.date().toPython()
        self.send_button.setEnabled(False)
        self.send_button.setText("正在生成…")
        self.runner.run_task(
            lambda _ctx: self.gateway.send_reminders(notices, out, reply_by),  # type: ignore[arg-type]
            self._done,
            self._failed,
        )

    def _done(self, run: object) -> None:
        self.last_run = run
        files = list(getattr(run, "files", ()))
        folder = files[0].parent if files else Path(self.out_edit.text())
        self.settings.set(S.LAST_EXPORT_DIR, str(folder.parent))
        self.accept()
        logged = getattr(run, "tasks_logged", 0)
        self.notifier.ask_open_folder(
            "催办通知单已生成",
            f"已为 {len(files)} 个单位生成催办通知单（共 {logged} 项任务，已记入任务历史）：\n"
            f"{folder}",
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))),
        )

    def _failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.send_button.setText("生成通知单")
        if isinstance(exc, TaizhangError):
            self.notifier.warning("无法生成催办通知单", str(exc))
        else:
            log.error("reminders failed", exc_info=exc)
            self.notifier.error("无法生成催办通知单", f"生成时发生内部错误：{exc}")
