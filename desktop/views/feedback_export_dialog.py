"""文件 → 生成单位反馈表…: the week, the reply-by date and the folder; one .xlsx per unit."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import TaizhangError
from core.feedback.export import default_reply_by
from core.report.data import week_bounds
from desktop.environment import settings as S
from desktop.errors import Notifier
from desktop.gateway import LedgerGateway
from desktop.views.dialog_parts import add_action_footer, folder_row
from desktop.workers import TaskRunner

log = logging.getLogger(__name__)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FeedbackExportDialog(QDialog):
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
        self.setWindowTitle("生成单位反馈表")
        today = gateway.today()
        monday, _ = week_bounds(today)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.week = _date_edit(today)
        form.addRow("反馈周（该日所在周）", self.week)
        self.reply_by = _date_edit(default_reply_by(monday, today))
        form.addRow("反馈截止", self.reply_by)
        base = settings.get(S.LAST_EXPORT_DIR) or str(Path.home())
        self.out_edit = QLineEdit(str(Path(base) / f"单位反馈表_{monday.isoformat()}"))
        form.addRow("保存到文件夹", folder_row(self, self.out_edit, "保存单位反馈表的文件夹"))
        layout.addLayout(form)
        self.buttons, self.send_button = add_action_footer(self, layout, "生成反馈表", self.send)

    def send(self) -> None:
        from core.feedback import export_sheets

        out = Path(self.out_edit.text().strip())
        week, reply = self.week.date().toPython(), self.reply_by.date().toPython()
        ledger, clerk = self.gateway.ledger, self.gateway.clerk()
        self.send_button.setEnabled(False)
        self.send_button.setText("正在生成…")
        self.runner.run_task(
            lambda _ctx: export_sheets(ledger, out, week, reply_by=reply, by=clerk),
            self._done,
            self._failed,
        )

    def _done(self, run: object) -> None:
        self.last_run = run
        folder = Path(self.out_edit.text().strip())
        self.settings.set(S.LAST_EXPORT_DIR, str(folder.parent))
        self.accept()
        if not getattr(run, "files", ()):
            self.notifier.info("生成单位反馈表", "没有单位有未完成的任务，未生成反馈表。")
            return
        self.notifier.ask_open_folder(
            "单位反馈表已生成",
            f"{run.summary()}\n\n保存在：{folder}",  # type: ignore[attr-defined]
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))),
        )

    def _failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.send_button.setText("生成反馈表")
        if isinstance(exc, TaizhangError):
            self.notifier.warning("无法生成单位反馈表", str(exc))
        else:
            log.error("feedback export failed", exc_info=exc)
            self.notifier.error("无法生成单位反馈表", f"生成时发生内部错误：{exc}")
