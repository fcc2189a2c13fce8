"""办结申请: units' 申请办结 awaiting the clerk — confirm (task → 已完成) or dismiss."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.feedback import CompletionRequestRow
from core.ledger import STATUS_LABELS

HEADERS = ["单位", "任务", "当前状态", "预计完成", "来自文件"]


class CompletionRequestsDialog(QDialog):
    """`resolve(request, confirm)` is the window's undoable command; the list then reloads."""

    def __init__(
        self,
        load: Callable[[], list[CompletionRequestRow]],
        resolve: Callable[[CompletionRequestRow, bool], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.load, self.resolve = load, resolve
        self.requests: list[CompletionRequestRow] = []
        self.setWindowTitle("办结申请")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.info = QLabel()
        layout.addWidget(self.info)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 380)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.confirm_button = QPushButton("确认办结")
        self.confirm_button.clicked.connect(lambda: self._resolve(True))
        self.dismiss_button = QPushButton("不同意")
        self.dismiss_button.clicked.connect(lambda: self._resolve(False))
        row.addWidget(self.confirm_button)
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.requests = self.load()
        self.table.setRowCount(len(self.requests))
        for i, r in enumerate(self.requests):
            values = [
                r.unit,
                r.task_text,
                STATUS_LABELS.get(r.task_status, r.task_status),
                r.expected_on.isoformat() if r.expected_on else "",
                r.file_name,
            ]
            for col, text in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.info.setText(
            f"共 {len(self.requests)} 项办结申请待确认。确认后任务改为“已完成”，可撤销。"
            if self.requests
            else "没有待确认的办结申请。"
        )
        for b in (self.confirm_button, self.dismiss_button):
            b.setEnabled(bool(self.requests))

    def _resolve(self, confirm: bool) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.requests):
            self.resolve(self.requests[row], confirm)
        self.refresh()
