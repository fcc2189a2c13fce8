"""Review one returned sheet before filing it: the unit's words beside the ledger's.

The clerk ticks rows (all new rows are ticked, conflicts are not), edits a cell by
double-clicking it, and presses 登记; `accepted` then fires and the caller files the
checked rows in one transaction (an undoable command on the main window).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.feedback import STATE_LABELS, ReplyReview, ReplyValues
from core.feedback.sheet_format import week_label
from desktop.views.feedback_review_model import COL_TASK, ReviewModel


class FeedbackReviewDialog(QDialog):
    def __init__(self, review: ReplyReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(f"登记单位反馈 — {review.unit}")
        self.resize(1200, 560)
        layout = QVBoxLayout(self)
        counts = review.counts()
        summary = "，".join(f"{STATE_LABELS[k]} {n} 项" for k, n in counts.items() if n)
        title = f"<b>{escape(review.unit)}</b>　{week_label(review.week)}"
        self.header = QLabel(f"{title}　文件：{escape(review.file_name)}<br>{summary}")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.model = ReviewModel(review, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((44, 44, 260, 200, 140, 140, 90, 170, 220)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_TASK, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        self.note = QLabel(
            "勾选的行登记为该单位的进展（来源记为本文件）；“冲突”行默认不登记，核对后可勾选；"
            "双击单元格可修改单位填写的内容。申请办结登记为待确认的办结申请。"
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555")
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.all_button = QPushButton("全部接受")
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button = QPushButton("全部不接受")
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.file_button = self.buttons.addButton("登记", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.buttons)
        layout.addLayout(row)

    def accepted_values(self) -> dict[int, ReplyValues]:
        return self.model.accepted()
