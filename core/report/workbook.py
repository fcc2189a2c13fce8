"""Lay out the weekly report workbook (汇总 / 本周重点 / 本周变化 / 任务明细) with openpyxl.

The aim is the workbook an experienced clerk would build by hand: readable on screen
(frozen, filterable header; columns that fit Chinese text; colour for what needs attention)
and readable on paper: every sheet A4 landscape at 9 pt or more, and a default print of a
few pages (汇总 with its chart, then 本周重点); the week's log 本周变化 and the full list
任务明细 print only when the clerk asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.report.atomic import save_atomically
from core.report.cells import (
    clean_text,
    display_width,
    safe_sheet_title,
)
from core.report.data import NO_LEAD_UNIT, ReportData, ReportTask, UnitSummary
from core.report.focus import write_focus
from core.report.styles import StyleBook
from core.report.summary_chart import add_summary_chart
from core.report.table import LINE_HEIGHT, Column, TableSheet

SHEET_SUMMARY = "汇总"
SHEET_FOCUS = "本周重点"
SHEET_CHANGES = "本周变化"
SHEET_TASKS = "任务明细"

# The full list (任务明细): every task, outside the default print (see `limit_print`), yet
# printable at >= 9 pt on A4 landscape when the clerk asks: its widths add up to one page
# width at about 95 % (`tests/report/test_report_print.py` checks every sheet).
TASK_COLUMNS = [
    Column("序号", "int", 5),
    Column("来源文件(文号)", "text", 14, 10),
    Column("任务内容", "wrap", 40, 24),
    Column("牵头单位", "text", 14, 8),
    Column("配合单位", "wrap", 12, 8),
    Column("完成时限", "date", 11, 11),
    Column("剩余天数", "int", 6, 6),
    Column("资金(万元)", "money", 10, 8),
    Column("状态", "short", 6, 6),
    Column("最新进展", "wrap", 26, 12),
    Column("更新时间", "date", 11, 11),
]
CHANGE_COLUMNS = [
    Column("时间", "stamp", 12, 12),
    Column("变化", "short", 8, 8),
    Column("来源文件(文号)", "text", 14, 10),
    Column("任务内容", "wrap", 40, 24),
    Column("牵头单位", "text", 14, 8),
    Column("状态变化", "short", 12, 8),
    Column("进展或说明", "wrap", 36, 16),
    Column("登记人", "short", 8, 6),
]
SUMMARY_COLUMNS = [
    Column("牵头单位", "text", 24, 14),
    Column("任务数", "int", 7),
    Column("已完成", "int", 7),
    Column("推进中", "int", 7),
    Column("未开始", "int", 7),
    Column("暂缓", "int", 6),
    Column("已逾期", "int", 7),
    Column("本周完成", "int", 9),
    Column("完成率", "percent", 8),
]


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


def _header_fields(data: ReportData) -> str:
    """填报单位 / 联系人 / 电话 from the ledger's report settings (blank ones left out)."""
    fields = (
        ("填报单位", data.reporter or data.office),
        ("联系人", data.contact),
        ("电话", data.phone),
    )
    return "    ".join(f"{label}：{value}" for label, value in fields if value)


def _write_summary(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    ncols = len(SUMMARY_COLUMNS)
    last_col = get_column_letter(ncols)
    title = ws.cell(row=1, column=1, value=clean_text(data.title))
    title._style = styles.get("title")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A1:{last_col}1")
    generated = data.generated_at.strftime("%Y-%m-%d %H:%M")
    as_of = data.today
    lines = [
        f"报告期间：{_period(data)}    统计截至：{as_of.year}年{as_of.month}月{as_of.day}日"
        f"    生成时间：{generated}",
        f"范围：{data.scope}",
    ]
    header = _header_fields(data)
    if header:
        lines.append(header)
    if data.feedback_missing:
        names = "、".join(data.feedback_missing)
        lines.append(f"本周未反馈单位（{len(data.feedback_missing)}个）：{names}")
    for row, line in enumerate(lines, start=2):
        sub = ws.cell(row=row, column=1, value=clean_text(line))
        sub.data_type = "s"
        sub._style = styles.get("subtitle")
        ws.merge_cells(f"A{row}:{last_col}{row}")
        if line.startswith("本周未反馈单位"):  # a long list of names wraps in its band
            sub.alignment = Alignment(wrap_text=True, vertical="top")
            width = sum(c.max_width for c in SUMMARY_COLUMNS)
            ws.row_dimensions[row].height = LINE_HEIGHT * -(-display_width(line) // width)
    table = TableSheet(ws, SUMMARY_COLUMNS, styles, header_row=len(lines) + 2)

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

    named = [
        u for u in data.units if not data.is_collective_unit(u.unit) and u.unit != NO_LEAD_UNIT
    ]
    grouped = [u for u in data.units if u not in named]
    for unit in named:
        table.append(values(unit), fill="overdue" if unit.overdue else None)
    if grouped:
        table.section("泛指或集体单位（各乡镇、县直各部门等）及未明确牵头单位的任务")
        for unit in grouped:
            table.append(values(unit), fill="overdue" if unit.overdue else None)
    last_unit_row = table.row
    table.append(values(data.totals), fill="total", bold=True)
    table.finish(filter_to_row=last_unit_row)
    add_summary_chart(ws, table.header_row, named, anchor_col=ncols + 1)


def note_text(t: ReportTask) -> str:
    """最新进展 with 存在问题 / 下步措施 as labelled lines: one readable cell, not three."""
    parts = [t.progress or ""]
    if t.problems:
        parts.append(f"问题：{t.problems}")
    if t.next_steps:
        parts.append(f"措施：{t.next_steps}")
    return "\n".join(p for p in parts if p)


def _write_tasks(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    table = TableSheet(ws, TASK_COLUMNS, styles, bordered=False)
    today = data.today
    for n, t in enumerate(data.tasks, start=1):
        table.append(
            [
                n,
                t.source,
                t.text,
                _units(t.lead_units),
                _units(t.support_units),
                t.deadline,
                t.days_left(today),
                t.amount_wan,
                t.status_label,
                note_text(t),
                t.updated_at.date() if t.updated_at else None,
            ],
            fill=_row_fill(t),
        )
    if not data.tasks:
        table.note("（范围内没有任务）")
    table.finish(filter_to_row=table.row if data.tasks else table.header_row)
    remark = f"全部任务共 {len(data.tasks)} 项，默认只打印表头；需关注的任务见“本周重点”"
    limit_print(ws, table, remark)


def limit_print(ws: Worksheet, table: TableSheet, remark: str) -> None:
    """Keep a long reference sheet out of the default print: its print area is the header
    row, and the page header says why. The clerk who wants it on paper clears the print
    area (页面布局 → 打印区域 → 取消打印区域) and still gets a readable A4 landscape layout."""
    ws.print_area = f"A1:{get_column_letter(len(table.columns))}1"
    ws.oddHeader.left.text = clean_text(remark).replace("&", "&&")
    ws.oddHeader.left.size = 10


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
    remark = f"本周共 {len(data.changes)} 项变化，默认只打印表头；各任务本周情况见“本周重点”"
    limit_print(ws, table, remark)


def build_workbook(data: ReportData) -> Workbook:
    """The report as an in-memory workbook (sheets in the order a reader wants them)."""
    wb = Workbook()
    styles = StyleBook(wb)
    taken: set[str] = set()
    writers = [
        (SHEET_SUMMARY, _write_summary),
        (SHEET_FOCUS, write_focus),
        (SHEET_CHANGES, _write_changes),
        (SHEET_TASKS, _write_tasks),
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
    "SHEET_FOCUS",
    "SHEET_SUMMARY",
    "SHEET_TASKS",
    "build_workbook",
    "write_report",
]
