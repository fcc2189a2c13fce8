"""分发: one fill-in workbook per unit, its open tasks locked, five columns to fill in.

Each file carries a hidden sheet with the ledger's identity, the batch id and every task's
id and checksum of its locked cells; the ledger records the batch (`feedback_batch`), so a
reply can only be matched to the tasks, week and ledger it was written for.

Files are written to temporary names first; only when all are written is the batch recorded
and are the files given their names (as the 催办通知单 are).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core.feedback import sheet_format as F
from core.feedback.model import ExportRun
from core.feedback.store import ledger_id, record_batches
from core.feedback.units import UnitTasks, select_units
from core.ledger import STATUS_LABELS, Ledger, ReportSettings, TaskRow, default_clerk
from core.report.cells import clean_text, display_width, needs_quote
from core.report.data import week_bounds
from core.report.staging import staged_files
from core.report.styles import StyleBook
from core.report.table import LINE_HEIGHT, setup_print

MIN_ROW_LINES = 3  # room to write in the blank cells


def default_reply_by(monday: date, today: date) -> date:
    """Friday of the week; if that has passed, three days from today."""
    friday = monday + timedelta(days=4)
    return friday if friday >= today else today + timedelta(days=3)


def sheet_file_name(unit: str, monday: date) -> str:
    return f"单位反馈表_{F.safe_file_part(unit)}_{monday.isoformat()}.xlsx"


@dataclass(frozen=True)
class SheetContext:
    ledger_id: str
    batch_id: str
    monday: date
    reply_by: date
    settings: ReportSettings


def locked_values(row: TaskRow) -> dict[str, str]:
    """The locked cells of a task's row, as the checksum covers them."""
    return {
        "doc": clean_text(row.doc_number or row.doc_title or "").strip(),
        "text": clean_text(row.text).strip(),
        "deadline": row.deadline.isoformat() if row.deadline else "",
        "status": STATUS_LABELS.get(row.status, row.status),
    }


class _Styles:
    """Locked (grey) and editable (white, unlocked) variants of the report's cell styles."""

    def __init__(self, wb: Workbook) -> None:
        self.book = StyleBook(wb)
        self._unlocked = wb._protections.add(Protection(locked=False))
        self._cache: dict[tuple[str, bool, bool], StyleArray] = {}

    def get(self, kind: str, editable: bool, quoted: bool = False) -> StyleArray:
        key = (kind, editable, quoted)
        style = self._cache.get(key)
        if style is None:
            base = self.book.get(kind, None if editable else "total", False, quoted, True)
            style = copy(base)
            if editable:
                style.protectionId = self._unlocked
            self._cache[key] = style
        return style


def _title_rows(
    ws: Worksheet, unit: str, ctx: SheetContext, styles: StyleBook, counts: str
) -> None:
    last = get_column_letter(len(F.COLUMNS) - 1)
    s = ctx.settings
    office = s.office or s.reporter or "督查室"
    contact = "，".join(
        v
        for v in (
            f"联系人：{s.contact}" if s.contact else "",
            f"电话：{s.phone}" if s.phone else "",
        )
        if v
    )
    lines = [
        (f"{unit} 重点任务推进情况反馈表", "title", 30.0),
        (
            f"反馈周次：{F.week_label(ctx.monday)}    "
            f"请于{F.cn_date(ctx.reply_by)}前填好发回{office}"
            + (f"（{contact}）" if contact else "")
            + f"    {counts}",
            "subtitle",
            20.0,
        ),
        (
            "填写说明：请只填写白底的“本周进展、存在问题、下步措施、申请办结、预计完成时间”五列；"
            "灰底各列已锁定，请勿改动，也不要改动工作表名称；“申请办结”请选“是”或“否”；"
            "填好后保存为 .xlsx 文件发回。",
            "subtitle",
            30.0,
        ),
    ]
    for row, (text, kind, height) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=clean_text(text))
        cell._style = copy(styles.get(kind))
        if row == 3:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = height


def _row_lines(values: Sequence[Any]) -> int:
    lines = MIN_ROW_LINES
    for column, value in zip(F.COLUMNS, values, strict=False):
        if isinstance(value, str) and column.kind == "wrap":
            # Excel fits about width + 2 display units of 10 pt 宋体 per printed line.
            lines = max(lines, math.ceil(display_width(value) / (column.max_width + 2)))
    return lines


def build_sheet(unit: UnitTasks, ctx: SheetContext) -> tuple[Workbook, list[dict[str, Any]]]:
    """The unit's workbook and the batch items (task id, role, version, locked cells, checksum)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = F.MAIN_SHEET
    styles = _Styles(wb)
    counts = f"牵头 {len(unit.lead)} 项，配合 {len(unit.support)} 项"
    if unit.collective:
        counts += f"，作为成员单位 {len(unit.collective)} 项"
    _title_rows(ws, unit.unit, ctx, styles.book, counts)
    for col, column in enumerate(F.COLUMNS, start=1):
        cell = ws.cell(row=F.HEADER_ROW, column=col, value=column.header)
        cell._style = copy(styles.book.get("header"))
        ws.column_dimensions[get_column_letter(col)].width = column.max_width
    ws.row_dimensions[F.HEADER_ROW].height = 22
    ws.column_dimensions[get_column_letter(F.COL_ID)].hidden = True
    cells = ws._cells
    row = F.HEADER_ROW
    items: list[dict[str, Any]] = []
    last_col = get_column_letter(len(F.COLUMNS) - 1)
    ref = 0
    parts = [
        (role, part, heading)
        for role, part, heading in (
            ("lead", unit.lead, "牵头任务"),
            ("support", unit.support, "配合任务"),
            ("collective", unit.collective, "作为成员单位承担的任务（各乡镇等）"),
        )
        if part
    ]
    for n, (role, part, heading) in enumerate(parts):
        row += 1
        number = "一二三"[n]
        cell = ws.cell(row=row, column=1, value=f"{number}、{heading}（{len(part)}项）")
        cell._style = copy(styles.book.get("section"))
        ws.merge_cells(f"A{row}:{last_col}{row}")
        ws.row_dimensions[row].height = LINE_HEIGHT + 6
        for task in part:
            row += 1
            ref += 1
            locked = locked_values(task)
            values: list[Any] = [
                ref,
                locked["doc"],
                locked["text"],
                task.deadline,
                locked["status"],
                None,
                None,
                None,
                None,
                None,
                task.id,
            ]
            for col, (column, value) in enumerate(zip(F.COLUMNS, values, strict=True), start=1):
                editable = col in F.EDITABLE
                quoted = isinstance(value, str) and needs_quote(value)
                c = Cell(
                    ws, row=row, column=col, style_array=styles.get(column.kind, editable, quoted)
                )
                if isinstance(value, str):
                    c._value, c.data_type = value, "s"
                elif value is not None:
                    c.value = value
                cells[(row, col)] = c
            ws.row_dimensions[row].height = min(_row_lines(values) * LINE_HEIGHT, 409)
            items.append(
                {
                    "task_id": task.id,
                    "role": role,
                    "version": task.version,
                    "locked": locked,
                    "checksum": F.checksum(ctx.ledger_id, ctx.batch_id, task.id, role, locked),
                }
            )
    last_row = row
    _validations(ws, last_row)
    ws.freeze_panes = f"A{F.HEADER_ROW + 1}"
    ws.print_title_rows = f"{F.HEADER_ROW}:{F.HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last_row}"
    setup_print(ws)
    ws.oddHeader.center.text = clean_text(
        f"{unit.unit} 反馈表  {F.week_label(ctx.monday)}"
    ).replace("&", "&&")
    ws.oddHeader.center.size = 10
    ws.protection.sheet = True
    ws.protection.formatRows = False  # the unit may heighten a row for a long reply
    _meta_sheet(wb, unit.unit, ctx, items)
    styles.book.close()
    wb.active = 0
    # Sheets cannot be renamed, moved or unhidden without unprotecting the workbook.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"{unit.unit} 重点任务推进情况反馈表"
    wb.properties.creator = "公报督办台账"
    return wb, items


def _validations(ws: Worksheet, last_row: int) -> None:
    first = F.HEADER_ROW + 1
    if last_row < first:
        return
    done = DataValidation(
        type="list",
        formula1=f'"{F.YES},{F.NO}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="申请办结",
        error="请选择“是”或“否”",
        promptTitle="申请办结",
        prompt="已全部完成、申请销号的选“是”",
        showInputMessage=True,
    )
    letter = get_column_letter(F.COL_DONE)
    done.add(f"{letter}{first}:{letter}{last_row}")
    when = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="预计完成时间",
        error="请填写日期，如 2024-06-30",
    )
    letter = get_column_letter(F.COL_EXPECTED)
    when.add(f"{letter}{first}:{letter}{last_row}")
    ws.add_data_validation(done)
    ws.add_data_validation(when)


def _meta_sheet(wb: Workbook, unit: str, ctx: SheetContext, items: list[dict[str, Any]]) -> None:
    """The hidden identity sheet: who sent it, for which week, and each task's checksum."""
    meta = wb.create_sheet(F.META_SHEET)
    pairs = [
        ("format", F.FORMAT),
        ("ledger_id", ctx.ledger_id),
        ("batch_id", ctx.batch_id),
        ("unit", unit),
        ("week", ctx.monday.isoformat()),
        ("reply_by", ctx.reply_by.isoformat()),
        ("sheet", F.MAIN_SHEET),
    ]
    for key, value in pairs:
        meta.append([key, value])
    meta.append(["task_id", "role", "checksum"])
    for item in items:
        meta.append([item["task_id"], item["role"], item["checksum"]])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


def export_sheets(
    ledger: Ledger,
    out_dir: str | Path,
    week_of: date | None = None,
    *,
    unit: str | None = None,
    reply_by: date | None = None,
    by: str | None = None,
) -> ExportRun:
    """Write one sheet per unit with open tasks into `out_dir` and record the batches."""
    today = ledger.today()
    monday, _ = week_bounds(week_of or today)
    reply = reply_by or default_reply_by(monday, today)
    units, skipped = select_units(ledger, unit)
    lid = ledger_id(ledger)
    settings = ledger.report_settings()
    batches: list[dict[str, Any]] = []
    with staged_files(out_dir, ".反馈表") as files:
        for entry in units:
            ctx = SheetContext(lid, uuid.uuid4().hex, monday, reply, settings)
            wb, items = build_sheet(entry, ctx)
            name = sheet_file_name(entry.file_part or entry.unit, monday)
            wb.save(str(files.stage(Path(out_dir) / name)))
            batches.append(
                {
                    "id": ctx.batch_id,
                    "week": monday,
                    "unit": entry.unit,
                    "file_name": name,
                    "reply_by": reply,
                    "items": items,
                }
            )
        if batches:
            record_batches(ledger, batches, by or default_clerk())
    return ExportRun(
        files=files.targets,
        units=tuple(u.unit for u in units),
        tasks=sum(u.count for u in units),
        week=monday,
        skipped=tuple(skipped),
    )
