"""The task table's model: every row in memory, filtered and sorted as index lists.

No QSortFilterProxyModel: the proxy calls back into Python once per comparison and took
20+ s to sort 100,000 rows. Here a filter is one list comprehension and a sort one
`sorted()` over cached keys; the view only ever sees `self._visible`, a list of indices
into `self._rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from desktop.table.rows import (
    LIGHT_AMBER,
    LIGHT_GREEN,
    LIGHT_NONE,
    LIGHT_RED,
    FilterSpec,
    TaskRow,
    filter_indices,
)

COL_LIGHT = 0
COL_TEXT = 1
COL_LEAD = 2
COL_SUPPORT = 3
COL_DEADLINE = 4
COL_DAYS_LEFT = 5
COL_AMOUNT = 6
COL_STATUS = 7
COL_SOURCE = 8
HEADERS = (
    "",
    "任务",
    "牵头单位",
    "配合单位",
    "完成时限",
    "剩余天数",
    "金额(万元)",
    "状态",
    "来源(文号)",
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # value the column sorts by
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 2

LIGHT_COLORS = {LIGHT_RED: "#d93025", LIGHT_AMBER: "#f29900", LIGHT_GREEN: "#188038"}
LIGHT_TIPS = {LIGHT_RED: "已逾期", LIGHT_AMBER: "7天内到期", LIGHT_GREEN: "已完成", LIGHT_NONE: ""}
_FAR = date.max.toordinal() + 1  # tasks without a deadline sort after every date

Index = QModelIndex | QPersistentModelIndex


def _light_icon(color: str) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(QColor(color).darker(130))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pix)


def format_amount(yuan: float | None) -> str:
    if yuan is None:
        return ""
    wan = yuan / 10_000
    return f"{wan:,.2f}".rstrip("0").rstrip(".") if wan != int(wan) else f"{int(wan):,}"


class TaskTableModel(QAbstractTableModel):
    """Rows of `TaskRow`; `set_filter` and `sort` rearrange which ones are visible."""

    def __init__(
        self,
        today: Callable[[], date] = date.today,
        parent: Any = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """`today` and `now` come from the ledger's clock, so `--today` moves due dates
        and 超过N天未更新 together (without `now`: this time of day on `today`)."""
        super().__init__(parent)
        self._today_fn = today
        self._now_fn = now or (
            lambda: datetime.combine(self._today_fn(), datetime.now().time()).astimezone(UTC)
        )
        self._rows: list[TaskRow] = []
        self._visible: list[int] = []
        self._spec = FilterSpec()
        self._kept: frozenset[int] = frozenset()  # ids shown even when the filter drops them
        self._sort_col = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._keys: dict[int, list[Any]] = {}
        self._icons: dict[str, QIcon] = {}

    # --- data in -------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys.clear()
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_filter(self, spec: FilterSpec, keep: frozenset[int] = frozenset()) -> None:
        """Show the rows `spec` lets through, plus the tasks `keep` names: a task the clerk
        just edited stays in view (and selectable) even when the edit moved it out of the
        filter, until the clerk sets another filter."""
        self.beginResetModel()
        self._spec, self._kept = spec, keep
        self._visible = self._compute_visible()
        self.endResetModel()

    @property
    def kept(self) -> frozenset[int]:
        return self._kept

    def replace_rows(self, rows: Sequence[TaskRow]) -> None:
        """Swap in fresh versions of rows after an edit, keeping the view's order.

        A row not in the table yet (a task added by hand, or brought back by 撤销) is
        appended; a `retired` row (deleted) leaves the table.
        """
        by_id = {r.id: r for r in rows}
        changed = structure = False
        kept: list[TaskRow] = []
        for old in self._rows:
            new = by_id.pop(old.id, None)
            if new is None:
                kept.append(old)
                continue
            changed = True
            if new.retired:
                structure = True
            else:
                kept.append(new)
        added = [r for r in by_id.values() if not r.retired]
        if added:
            kept.extend(added)
            structure = True
        if structure:
            self.set_rows(kept)
        elif changed:
            self._rows = kept
            self._keys.clear()
            if self._visible:
                bottom_right = self.index(len(self._visible) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), bottom_right)

    @property
    def filter_spec(self) -> FilterSpec:
        return self._spec

    @property
    def total_count(self) -> int:
        return len(self._rows)

    def all_rows(self) -> list[TaskRow]:
        return list(self._rows)

    def row_at(self, row: int) -> TaskRow:
        return self._rows[self._visible[row]]

    def row_for_id(self, task_id: int) -> int | None:
        for pos, i in enumerate(self._visible):
            if self._rows[i].id == task_id:
                return pos
        return None

    def _compute_visible(self) -> list[int]:
        today = self._today_fn()
        visible = filter_indices(self._rows, self._spec, today, self._now_fn())
        if self._kept:
            shown = set(visible)
            visible += [
                i for i, r in enumerate(self._rows) if r.id in self._kept and i not in shown
            ]
            visible.sort()
        return self._sorted(visible)

    # --- sorting -------------------------------------------------------------------------
    def _sort_keys(self, column: int) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            today = self._today_fn()
            rows = self._rows
            if column == COL_LIGHT:
                rank = {LIGHT_RED: 0, LIGHT_AMBER: 1, LIGHT_NONE: 2, LIGHT_GREEN: 3}
                keys = [rank[r.light(today)] for r in rows]
            elif column in (COL_DEADLINE, COL_DAYS_LEFT):
                keys = [r.deadline.toordinal() if r.deadline else _FAR for r in rows]
            elif column == COL_AMOUNT:
                keys = [r.amount_yuan if r.amount_yuan is not None else -1.0 for r in rows]
            elif column == COL_TEXT:
                keys = [r.text for r in rows]
            elif column == COL_LEAD:
                keys = [r.lead_units[0] if r.lead_units else "" for r in rows]
            elif column == COL_STATUS:
                keys = [r.status_label for r in rows]
            else:
                keys = [str(self._display(r, column, today)) for r in rows]
            self._keys[column] = keys
        return keys

    def _sorted(self, visible: list[int]) -> list[int]:
        if self._sort_col < 0:
            return visible
        keys = self._sort_keys(self._sort_col)
        reverse = self._order == Qt.SortOrder.DescendingOrder
        return sorted(visible, key=keys.__getitem__, reverse=reverse)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [(self._visible[p.row()], p.column()) for p in old_persistent]
        self._sort_col, self._order = column, order
        self._visible = self._sorted(self._visible)
        where = {src: pos for pos, src in enumerate(self._visible)}
        new = [self.index(where[src], col) for src, col in old_ids]
        self.changePersistentIndexList(old_persistent, new)
        self.layoutChanged.emit()

    # --- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_LIGHT:
                return "红：已逾期　黄：7天内到期　绿：已完成"
        return None

    def _display(self, r: TaskRow, column: int, today: date) -> Any:
        if column == COL_TEXT:
            return r.text
        if column == COL_LEAD:
            return "、".join(r.lead_units)
        if column == COL_SUPPORT:
            return "、".join(r.support_units)
        if column == COL_DEADLINE:
            return r.deadline.isoformat() if r.deadline else ""
        if column == COL_DAYS_LEFT:
            left = r.days_left(today)
            return "" if left is None else left
        if column == COL_AMOUNT:
            return format_amount(r.amount_yuan)
        if column == COL_STATUS:
            return r.status_label
        if column == COL_SOURCE:
            return r.doc_number or r.doc_title or ""
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        r = self._rows[self._visible[index.row()]]
        col = index.column()
        today = self._today_fn()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col, today)
        if role == SORT_ROLE:
            return self._sort_keys(col)[self._visible[index.row()]]
        if role == TASK_ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DecorationRole and col == COL_LIGHT:
            light = r.light(today)
            if light == LIGHT_NONE:
                return None
            if light not in self._icons:
                self._icons[light] = _light_icon(LIGHT_COLORS[light])
            return self._icons[light]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_LIGHT:
                return LIGHT_TIPS[r.light(today)] or None
            if col == COL_TEXT:
                return r.text
            if col == COL_SOURCE:
                return r.doc_title
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_DAYS_LEFT, COL_AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        is_late_days = col == COL_DAYS_LEFT and r.light(today) == LIGHT_RED
        if role == Qt.ItemDataRole.ForegroundRole and is_late_days:
            return QBrush(QColor(LIGHT_COLORS[LIGHT_RED]))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
