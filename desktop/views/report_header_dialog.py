"""报表抬头: the office's name and 填报单位 / 联系人 / 电话, kept in the ledger.

They belong to the ledger, not to the workstation: every clerk of a shared ledger prints
the same header on the 周报 and the 催办通知单.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import TaizhangError
from core.ledger import ReportSettings
from desktop.errors import Notifier
from desktop.gateway import LedgerGateway
from desktop.workers import TaskRunner

FIELDS = (
    ("office", "督查机构名称", "如：某某县人民政府督查室"),
    ("reporter", "填报单位", "留空则用督查机构名称"),
    ("contact", "联系人", ""),
    ("phone", "联系电话", ""),
)


class ReportHeaderDialog(QDialog):
    def __init__(
        self,
        gateway: LedgerGateway,
        runner: TaskRunner,
        notifier: Notifier,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway, self.runner, self.notifier = gateway, runner, notifier
        self.setWindowTitle("报表抬头")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label, hint in FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setMinimumWidth(320)
            form.addRow(label, edit)
            self.edits[key] = edit
        layout.addLayout(form)
        note = QLabel("保存在台账中，周报和催办通知单都用这些信息；共用台账的同事看到的也一样。")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.runner.run_task(lambda _ctx: gateway.report_settings(), self._loaded, self._failed)

    def _loaded(self, current: ReportSettings) -> None:
        for key, edit in self.edits.items():
            edit.setText(getattr(current, key))

    def values(self) -> ReportSettings:
        return ReportSettings(**{k: e.text().strip() for k, e in self.edits.items()})

    def save(self) -> None:
        values = self.values()
        self.buttons.setEnabled(False)
        self.runner.run_task(
            lambda _ctx: self.gateway.set_report_settings(values), self._saved, self._failed
        )

    def _saved(self, _current: ReportSettings) -> None:
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        message = str(exc) if isinstance(exc, TaizhangError) else f"内部错误：{exc}"
        self.notifier.warning("无法读取或保存报表抬头", message)
