"""The review table of one returned sheet: accept per row, edit what the unit wrote.

Columns: 登记 (check box, only for rows that can be filed), 序号, 任务, the unit's answers
(text editable, 申请办结 a check box), 台账现状, 处理 (state and reason). Conflicts start
unchecked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.feedback import STATE_LABELS, ReplyReview, ReplyValues, ReviewRow

COL_ACCEPT, COL_REF, COL_TASK, COL_PROGRESS, COL_PROBLEMS, COL_NEXT, COL_DONE = range(7)
COL_LEDGER, COL_STATE = 7, 8
HEADERS = [
    "登记",
    "序号",
    "任务",
    "本周进展",
    "存在问题",
    "下步措施",
    "申请办结",
    "台账现状",
    "处理",
]
EDIT_FIELDS = {COL_PROGRESS: "progress", COL_PROBLEMS: "problems", COL_NEXT: "next_steps"}
STATE_COLORS = {"conflict": "#FFEB9C", "refused": "#FFC7CE", "already": "#EEEEEE", "blank": None}
Index = QModelIndex | QPersistentModelIndex


class ReviewModel(QAbstractTableModel):
    def __init__(self, review: ReplyReview, parent: Any = None) -> None:
        super().__init__(parent)
        self.review = review
        self.rows: list[ReviewRow] = [r for r in review.rows if r.state != "blank"]
        self.values: list[ReplyValues] = [r.values for r in self.rows]
        self.checked: list[bool] = [r.accepted_by_default for r in self.rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def _text(self, row: int, col: int) -> str:
        r, v = self.rows[row], self.values[row]
        if col == COL_REF:
            return r.ref
        if col == COL_TASK:
            return r.text
        if col in EDIT_FIELDS:
            return str(getattr(v, EDIT_FIELDS[col]))
        if col == COL_DONE:
            done = "申请" if v.request_done else ""
            return done + (f"（预计{v.expected_on.isoformat()}）" if v.expected_on else "")
        if col == COL_LEDGER:
            return f"{r.ledger_status}：{r.ledger_note}" if r.ledger_note else r.ledger_status
        if col == COL_STATE:
            return STATE_LABELS[r.state] + (f"：{r.reason}" if r.reason else "")
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ACCEPT:
            if not self.rows[row].acceptable:
                return None
            return Qt.CheckState.Checked if self.checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_DONE:
            if not self.rows[row].acceptable:
                return None
            done = self.values[row].request_done
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col != COL_ACCEPT:
            return self._text(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = STATE_COLORS.get(self.rows[row].state)
            return QBrush(QColor(color)) if color else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        acceptable = self.rows[index.row()].acceptable
        if index.column() in (COL_ACCEPT, COL_DONE) and acceptable:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in EDIT_FIELDS and acceptable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row, col = index.row(), index.column()
        if not index.isValid() or not self.rows[row].acceptable:
            return False
        on = (
            role == Qt.ItemDataRole.CheckStateRole and Qt.CheckState(value) == Qt.CheckState.Checked
        )
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ACCEPT:
            self.checked[row] = on
        elif role == Qt.ItemDataRole.CheckStateRole and col == COL_DONE:
            self.values[row] = self.values[row].edited(request_done=on)
        elif role == Qt.ItemDataRole.EditRole and col in EDIT_FIELDS:
            self.values[row] = self.values[row].edited(**{EDIT_FIELDS[col]: str(value).strip()})
            self.checked[row] = True  # an edited row is one the clerk means to file
        else:
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    def set_all(self, checked: bool) -> None:
        self.beginResetModel()
        self.checked = [checked and r.acceptable for r in self.rows]
        self.endResetModel()

    def accepted(self) -> dict[int, ReplyValues]:
        """Task id → values (as edited) of every checked row: what 登记 files."""
        return {
            r.task_id: v
            for r, v, on in zip(self.rows, self.values, self.checked, strict=True)
            if on and r.acceptable
        }
