"""A report table: header row, data rows, column widths and row heights, print setup.

Shared by every sheet of the weekly report and by the unit feedback sheets, so they all
print alike: A4 landscape, one page wide, header repeated, numbered pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.report.cells import (
    clean_text,
    display_width,
    line_width,
    needs_quote,
    wrapped_lines,
)
from core.report.styles import StyleBook

LINE_HEIGHT = 13.5  # points per printed line of 10 pt 宋体
MAX_ROW_HEIGHT = 409  # Excel's limit


@dataclass(frozen=True)
class Column:
    """A report column: its header, how its cells look, and how wide it may grow."""

    header: str
    kind: str  # text | wrap | short | int | date | datetime | money | percent
    max_width: int = 40
    min_width: int = 6


class TableSheet:
    """Writes a header row and data rows, tracking column widths and row heights.

    Big tables (`bordered=False`) draw no cell borders: the grid is printed instead
    (`gridLines`), so an empty cell of an unhighlighted row needs no cell at all. That
    cuts the cells openpyxl must build and save for 20,000 tasks by about a third, and
    the printed sheet looks the same as a bordered one.

    Rows go straight into the worksheet's cell store (`ws._cells`) instead of through
    `ws.append`, which would create a cell object for every empty value too; this and
    the pre-resolved styles are what keep a 20,000-task report within seconds.
    """

    def __init__(
        self,
        ws: Worksheet,
        columns: Sequence[Column],
        styles: StyleBook,
        header_row: int = 1,
        bordered: bool = True,
    ) -> None:
        self.ws = ws
        self.columns = columns
        self.styles = styles
        self.header_row = header_row
        self.bordered = bordered
        self.row = header_row
        self.widths = [max(c.min_width, display_width(c.header) + 2) for c in columns]
        for col, column in enumerate(columns, start=1):
            cell = ws.cell(row=header_row, column=col, value=column.header)
            cell._style = styles.get("header")

    def append(self, values: Sequence[Any], fill: str | None = None, bold: bool = False) -> None:
        """One data row; strings are always stored as text, never as formulas."""
        self.row += 1
        row, ws, styles, bordered = self.row, self.ws, self.styles, self.bordered
        cells = ws._cells  # openpyxl's cell store; see the class docstring
        lines = 1
        for idx, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            if value is None or value == "":
                if fill is None and not bordered:
                    continue  # nothing to show: no cell at all
                cell = Cell(ws, row=row, column=idx + 1)
                cell._style = styles.get(column.kind, fill, bold, False, bordered)
            elif isinstance(value, str):
                value = clean_text(value)
                lines = max(lines, self._measure(idx, column, value))
                style = styles.get(column.kind, fill, bold, needs_quote(value), bordered)
                # Never a formula, whatever the text starts with. The text is already
                # cleaned, so openpyxl's own value binding (which would turn "=…" into a
                # formula and re-check the characters) is skipped.
                cell = Cell(ws, row=row, column=idx + 1, style_array=style)
                cell._value = value
                cell.data_type = "s"
            else:
                style = styles.get(column.kind, fill, bold, False, bordered)
                cell = Cell(ws, row=row, column=idx + 1, value=value, style_array=style)
            cells[(row, idx + 1)] = cell
        if lines > 1:
            ws.row_dimensions[row].height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)

    def _measure(self, idx: int, column: Column, value: str) -> int:
        """Widen the column for `value` (up to its maximum); return the lines it wraps to."""
        wraps = column.kind in ("wrap", "text")
        current, cap = self.widths[idx], column.max_width
        if (
            "\n" not in value
            and (not wraps or 2 * len(value) < cap)
            and (current >= min(2 * len(value) + 2, cap))
        ):
            return 1  # cannot widen the column or wrap: skip measuring
        if "\n" in value:
            width = display_width(value)
            lines = wrapped_lines(value, column.max_width)
        else:
            width = line_width(value)
            lines = max(1, math.ceil(width / max(column.max_width - 1, 1)))
        if current < cap:
            self.widths[idx] = min(max(current, width + 2), cap)
        return lines if wraps else 1

    def section(self, heading: str) -> None:
        """A part heading across the whole table (一、已逾期任务…), bold on a grey band."""
        self.row += 1
        last_col = get_column_letter(len(self.columns))
        cell = self.ws.cell(row=self.row, column=1, value=clean_text(heading))
        cell._style = self.styles.get("section")
        self.ws.merge_cells(f"A{self.row}:{last_col}{self.row}")
        self.ws.row_dimensions[self.row].height = LINE_HEIGHT + 6

    def note(self, text: str) -> None:
        """A grey remark under the header (e.g. 本周无逾期任务), outside the filter range."""
        self.row += 1
        cell = self.ws.cell(row=self.row, column=min(3, len(self.columns)), value=text)
        cell._style = self.styles.get("empty_note")

    def finish(self, filter_to_row: int | None = None) -> None:
        """Freeze and filter the header, set widths, and make the sheet print well."""
        ws = self.ws
        last_col = get_column_letter(len(self.columns))
        ws.freeze_panes = f"A{self.header_row + 1}"
        last_row = self.row if filter_to_row is None else filter_to_row
        ws.auto_filter.ref = f"A{self.header_row}:{last_col}{max(last_row, self.header_row)}"
        for idx, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(idx)].width = width
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        setup_print(ws)
        ws.print_options.gridLines = not self.bordered


def setup_print(ws: Worksheet) -> None:
    """A4 landscape, one page wide (as many pages tall as needed), numbered pages."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 10
