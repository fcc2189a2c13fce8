"""How the task table's columns share its width, so every column fits on an office screen.

The task text is long and the detail panel shows it in full, so it is the one column that
stretches and elides: it takes whatever width the others leave. The others get widths measured
from their header and a typical value in the table's own font (a CJK font on Windows is
wider than the one on a Linux desktop), so at 1366×768, the commonest office screen, the
来源(文号) column is on screen instead of past the right edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.table.task_table_model import (
    COL_AMOUNT,
    COL_DAYS_LEFT,
    COL_DEADLINE,
    COL_LEAD,
    COL_LIGHT,
    COL_SOURCE,
    COL_STATUS,
    COL_SUPPORT,
    COL_TEXT,
    HEADERS,
)

LIGHT_WIDTH = 28
TEXT_MIN_WIDTH = 160
# A typical value per column: the width it gets is the wider of this and its header.
SAMPLES = {
    COL_LEAD: "县农业农村局、",
    COL_SUPPORT: "县财政局、",
    COL_DEADLINE: "2023-12-31",
    COL_DAYS_LEFT: "-1787",
    COL_AMOUNT: "26034.00",
    COL_STATUS: "进行中",
    COL_SOURCE: "兴政发〔2023〕134号",
}
CELL_PADDING = 14  # the cell's margins
HEADER_PADDING = 20  # margins plus the sort arrow


def default_widths(table: QTableView) -> dict[int, int]:
    """Column → width in pixels for every column but the stretching text column."""
    cells = table.fontMetrics()
    heads = table.horizontalHeader().fontMetrics()
    widths = {COL_LIGHT: LIGHT_WIDTH}
    for col, sample in SAMPLES.items():
        widths[col] = max(
            cells.horizontalAdvance(sample) + CELL_PADDING,
            heads.horizontalAdvance(HEADERS[col]) + HEADER_PADDING,
        )
    return widths


def apply_column_policy(table: QTableView) -> None:
    """Resize modes: every column keeps its width; `TextColumnFitter` sizes the text column.

    Also re-applied after restoring a saved header: a layout saved by an older version
    (last column stretching) would push columns off screen again. (The fitter sizes the
    text column itself rather than using QHeaderView's Stretch mode, whose bookkeeping a
    model reset leaves stale: the column then shrinks to a few pixels and stays there.)
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(COL_LIGHT, QHeaderView.ResizeMode.Fixed)
    header.setMinimumSectionSize(24)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)


def apply_default_layout(table: QTableView) -> None:
    apply_column_policy(table)
    header = table.horizontalHeader()
    for col, width in default_widths(table).items():
        header.resizeSection(col, width)


class TextColumnFitter(QObject):
    """The text column takes the width the other columns leave, but never less than
    TEXT_MIN_WIDTH: on a narrow screen (1024 px) the table scrolls sideways instead of
    squeezing the task text to nothing. Refitted when the table or another column is
    resized, or the model is reset."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._section_resized)
        table.model().modelReset.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, logical: int, _old: int, _new: int) -> None:
        if logical != COL_TEXT:  # the clerk may still widen the text column by hand
            self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != COL_TEXT and not header.isSectionHidden(c)
        )
        width = max(TEXT_MIN_WIDTH, self.table.viewport().width() - others)
        if header.sectionSize(COL_TEXT) != width:
            header.resizeSection(COL_TEXT, width)
