"""A hint drawn over the task table when it shows no rows.

An empty white grid tells a new clerk nothing: the first time, the table says where gazettes
come from (drop them here, or 导入公报 / Ctrl+O); when filters hide every task, it says so and
how to get them back, so an empty result is not mistaken for an empty ledger.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from desktop.table.task_table_model import TaskTableModel

EMPTY_LEDGER = (
    "<p style='font-size:15pt'>台账中还没有任务</p>"
    "<p>将公报文件（.txt、.pdf、.docx）拖到此处导入，<br>"
    "或点击工具栏的“导入公报”（Ctrl+O）。</p>"
)
NO_MATCH = (
    "<p style='font-size:13pt'>没有符合当前筛选条件的任务</p>"
    "<p>可清空搜索框，或在左侧选择“全部”“全部公报”“全部单位”。</p>"
)
LOADING = "<p>正在读取台账…</p>"


class EmptyStateOverlay(QObject):
    """Keeps a centred label over `view`'s viewport, visible only while the model is empty."""

    def __init__(self, view: QAbstractItemView, model: TaskTableModel) -> None:
        super().__init__(view)
        self.view, self.model = view, model
        self.loading = False
        self.label = QLabel(view.viewport())
        self.label.setObjectName("empty_state")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        # Drops land on the window: the label must not swallow them or the clicks.
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.update)
        self.update()

    def set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.update()

    def text(self) -> str:
        if self.loading and self.model.total_count == 0:
            return LOADING
        return EMPTY_LEDGER if self.model.total_count == 0 else NO_MATCH

    def update(self, *_args: object) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            self.label.setText(self.text())
            self.label.setGeometry(self.view.viewport().rect().adjusted(24, 24, -24, -24))
        self.label.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self.view.viewport().rect().adjusted(24, 24, -24, -24))
        return False
