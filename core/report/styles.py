"""The report's look: fonts, fills, borders and number formats, built once per workbook.

Styling 280,000 cells one attribute at a time is what makes openpyxl slow, so each
combination (column kind × row fill × bold × quoted) is resolved to openpyxl's style
array once and then copied onto cells.
"""

from __future__ import annotations

from copy import copy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray

FONT_NAME = "宋体"
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
# Excel's own "bad / neutral / good" colours, which clerks recognise.
ROW_FILLS: dict[str, PatternFill] = {
    "overdue": PatternFill("solid", fgColor="FFC7CE"),
    "due_soon": PatternFill("solid", fgColor="FFEB9C"),
    "done": PatternFill("solid", fgColor="C6EFCE"),
    "total": TOTAL_FILL,
}
ROW_FONT_COLORS = {"overdue": "9C0006", "due_soon": "9C5700", "done": "006100"}

NUMBER_FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "stamp": 'm"月"d"日" hh:mm',
    "money": "#,##0.00",
    "int": "0",
    "percent": "0.0%",
}
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTERED_KINDS = {"date", "datetime", "stamp", "int", "percent", "short"}


class StyleBook:
    """Resolved style arrays of one workbook, keyed by what a cell needs."""

    def __init__(self, workbook: Workbook) -> None:
        self._scratch = workbook.create_sheet("_styles")
        self._workbook = workbook
        self._cache: dict[tuple[str, str | None, bool, bool, bool], StyleArray] = {}

    def close(self) -> None:
        """Remove the scratch sheet; the resolved styles stay in the workbook."""
        self._workbook.remove(self._scratch)

    def get(
        self,
        kind: str,
        fill: str | None = None,
        bold: bool = False,
        quoted: bool = False,
        bordered: bool = True,
    ) -> StyleArray:
        """The style array for a cell; shared between cells, so callers must not mutate it."""
        key = (kind, fill, bold, quoted, bordered)
        style = self._cache.get(key)
        if style is None:
            style = self._cache[key] = self._build(*key)
        return style

    def _build(
        self, kind: str, fill: str | None, bold: bool, quoted: bool, bordered: bool
    ) -> StyleArray:
        cell = self._scratch.cell(row=1, column=1)
        if kind == "header":
            cell.font = Font(name=FONT_NAME, size=11, bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif kind == "title":
            cell.font = Font(name=FONT_NAME, size=16, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center")
        elif kind == "section":
            cell.font = Font(name=FONT_NAME, size=11, bold=True)
            cell.fill = TOTAL_FILL
            cell.alignment = Alignment(horizontal="left", vertical="center")
        elif kind == "subtitle":
            cell.font = Font(name=FONT_NAME, size=10)
            cell.alignment = Alignment(horizontal="left", vertical="center")
        elif kind == "empty_note":
            cell.font = Font(name=FONT_NAME, size=10, italic=True, color="808080")
        else:
            color = ROW_FONT_COLORS.get(fill or "")
            cell.font = Font(name=FONT_NAME, size=10, bold=bold, color=color)
            if fill:
                cell.fill = ROW_FILLS[fill]
            cell.alignment = Alignment(
                horizontal="center" if kind in CENTERED_KINDS else None,
                vertical="top",
                wrap_text=kind in ("wrap", "text"),
            )
            cell.number_format = NUMBER_FORMATS.get(kind, "General")
        if bordered and kind not in ("title", "subtitle", "empty_note", "section"):
            cell.border = BORDER
        if quoted:
            cell.quotePrefix = True
        style = copy(cell._style)
        cell._style = StyleArray()
        return style
