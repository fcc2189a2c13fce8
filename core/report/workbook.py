"""Lay out the weekly report workbook (汇总 / 任务明细 / 逾期任务 / 本周变化) with openpyxl.

The aim is the workbook an experienced clerk would build by hand: readable on screen
(frozen, filterable header; columns that fit Chinese text; colour for what needs attention)
and ready to print (A4 landscape, one page wide, header repeated, numbered pages).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.report.atomic import save_atomically
from core.report.cells import (
    clean_text,
    display_width,
    line_width,
    needs_quote,
    safe_sheet_title,
    wrapped_lines,
)
from core.report.data import ReportData, ReportTask, UnitSummary
from core.report.styles import StyleBook

SHEET_SUMMARY = "汇总"
SHEET_TASKS = "任务明细"
SHEET_OVERDUE = "逾期任务"
SHEET_CHANGES = "本周变化"
LINE_HEIGHT = 13.5  # points per printed line of 10 pt 宋体
MAX_ROW_HEIGHT = 409  # Excel's limit


@dataclass(frozen=True)
class Column:
    """A report column: its header, how its cells look, and how wide it may grow."""

    header: str
    kind: str  # text | wrap | short | int | date | datetime | money | percent
    max_width: int = 40
    min_width: int = 6


TASK_COLUMNS = [
    Column("序号", "int", 6),
    Column("来源文件(文号)", "text", 22, 10),
    Column("任务内容", "wrap", 50, 30),
    Column("分管领导", "short", 12),
    Column("牵头单位", "text", 20, 10),
    Column("配合单位", "wrap", 24, 10),
    Column("完成时限", "date", 11, 11),
    Column("剩余天数", "int", 9),
    Column("资金(万元)", "money", 14, 10),
    Column("状态", "short", 8),
    Column("最新进展", "wrap", 36, 12),
    Column("存在问题", "wrap", 28, 10),
    Column("下步措施", "wrap", 28, 10),
    Column("更新时间", "datetime", 16, 16),
]
OVERDUE_COLUMNS = [
    Column("序号", "int", 6),
    Column("来源文件(文号)", "text", 22, 10),
    Column("任务内容", "wrap", 56, 30),
    Column("牵头单位", "text", 20, 10),
    Column("完成时限", "date", 11, 11),
    Column("逾期天数", "int", 9),
    Column("状态", "short", 8),
    Column("最新进展", "wrap", 36, 12),
    Column("存在问题", "wrap", 30, 10),
    Column("下步措施", "wrap", 30, 10),
]
CHANGE_COLUMNS = [
    Column("时间", "datetime", 16, 16),
    Column("变化", "short", 10),
    Column("来源文件(文号)", "text", 22, 10),
    Column("任务内容", "wrap", 50, 30),
    Column("牵头单位", "text", 20, 10),
    Column("状态变化", "short", 16),
    Column("进展或说明", "wrap", 40, 16),
    Column("登记人", "short", 10),
]
SUMMARY_COLUMNS = [
    Column("牵头单位", "text", 30, 14),
    Column("任务数", "int", 8),
    Column("已完成", "int", 8),
    Column("推进中", "int", 8),
    Column("未开始", "int", 8),
    Column("暂缓", "int", 8),
    Column("已逾期", "int", 8),
    Column("本周完成", "int", 9),
    Column("完成率", "percent", 8),
]


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
    ws.oddFooter.center.size = 9


def _row_fill(task: ReportTask) -> str | None:
    if task.status == "done":
        return "done"
    if task.due_state in ("overdue", "due_soon"):
        return task.due_state
    return None


def _units(names: Iterable[str]) -> str:
    return "、".join(names)


def _period(data: ReportData) -> str:
    start, end = data.period_start, data.period_end
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def _page_header(ws: Worksheet, data: ReportData, sheet: str) -> None:
    # "&" starts a field code in Excel headers (&P, &N …); a literal one is "&&".
    text = f"{data.title}（{sheet}）  {_period(data)}".replace("&", "&&")
    ws.oddHeader.center.text = clean_text(text)
    ws.oddHeader.center.size = 10


def _write_summary(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    ncols = len(SUMMARY_COLUMNS)
    last_col = get_column_letter(ncols)
    title = ws.cell(row=1, column=1, value=clean_text(data.title))
    title._style = styles.get("title")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A1:{last_col}1")
    generated = data.generated_at.strftime("%Y-%m-%d %H:%M")
    line = f"报告期间：{_period(data)}    生成时间：{generated}    范围：{data.scope}"
    sub = ws.cell(row=2, column=1, value=clean_text(line))
    sub.data_type = "s"
    sub._style = styles.get("subtitle")
    ws.merge_cells(f"A2:{last_col}2")
    table = TableSheet(ws, SUMMARY_COLUMNS, styles, header_row=3)

    def values(u: UnitSummary) -> list[Any]:
        return [
            u.unit,
            u.total,
            u.done,
            u.in_progress,
            u.not_started,
            u.suspended,
            u.overdue,
            u.done_this_week,
            u.completion_rate,
        ]

    for unit in data.units:
        table.append(values(unit), fill="overdue" if unit.overdue else None)
    last_unit_row = table.row
    table.append(values(data.totals), fill="total", bold=True)
    table.finish(filter_to_row=last_unit_row)


def _write_tasks(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    table = TableSheet(ws, TASK_COLUMNS, styles, bordered=False)
    today = data.today
    for n, t in enumerate(data.tasks, start=1):
        table.append(
            [
                n,
                t.source,
                t.text,
                t.leader,
                _units(t.lead_units),
                _units(t.support_units),
                t.deadline,
                t.days_left(today),
                t.amount_wan,
                t.status_label,
                t.progress,
                t.problems,
                t.next_steps,
                t.updated_at,
            ],
            fill=_row_fill(t),
        )
    if not data.tasks:
        table.note("（范围内没有任务）")
    table.finish(filter_to_row=table.row if data.tasks else table.header_row)


def _write_overdue(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    table = TableSheet(ws, OVERDUE_COLUMNS, styles, bordered=False)
    today = data.today
    overdue = data.overdue_tasks()
    for n, t in enumerate(overdue, start=1):
        days = t.days_left(today)
        table.append(
            [
                n,
                t.source,
                t.text,
                _units(t.lead_units),
                t.deadline,
                -days if days is not None else None,
                t.status_label,
                t.progress,
                t.problems,
                t.next_steps,
            ],
            fill="overdue",
        )
    if not overdue:
        table.note("（没有逾期任务）")
    table.finish(filter_to_row=table.row if overdue else table.header_row)


def _write_changes(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    table = TableSheet(ws, CHANGE_COLUMNS, styles, bordered=False)
    for c in data.changes:
        table.append(
            [
                c.at,
                c.kind_label,
                c.task.source,
                c.task.text,
                _units(c.task.lead_units),
                c.status_change,
                c.note,
                c.by,
            ],
            fill="done" if c.kind == "done" else None,
        )
    if not data.changes:
        table.note("（本周没有状态变化或进展登记）")
    table.finish(filter_to_row=table.row if data.changes else table.header_row)


def build_workbook(data: ReportData) -> Workbook:
    """The report as an in-memory workbook (sheets in the order a reader wants them)."""
    wb = Workbook()
    styles = StyleBook(wb)
    taken: set[str] = set()
    writers = [
        (SHEET_SUMMARY, _write_summary),
        (SHEET_TASKS, _write_tasks),
        (SHEET_OVERDUE, _write_overdue),
        (SHEET_CHANGES, _write_changes),
    ]
    first = wb.active
    for i, (name, write) in enumerate(writers):
        title = safe_sheet_title(name, taken)
        taken.add(title)
        if i == 0 and first is not None:
            ws = first
            ws.title = title
        else:
            ws = wb.create_sheet(title, index=i)
        _page_header(ws, data, title)
        write(ws, data, styles)
    styles.close()
    wb.active = 0
    wb.properties.title = data.title
    wb.properties.creator = "公报督办台账"
    return wb


def write_report(data: ReportData, target: Path) -> Path:
    """Build the workbook and save it atomically to `target` (ReportWriteError on failure)."""
    return save_atomically(build_workbook(data), Path(target))


__all__ = [
    "SHEET_CHANGES",
    "SHEET_OVERDUE",
    "SHEET_SUMMARY",
    "SHEET_TASKS",
    "build_workbook",
    "write_report",
]
