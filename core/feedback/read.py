"""回收, first step: read a returned sheet with openpyxl, checking only the file itself.

Everything that can be told without the ledger is told here: an old binary format, a file
that is no workbook, a workbook this program did not write, a renamed sheet, bad values in
the fill-in columns. Matching against the ledger is `review`.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from core.feedback import sheet_format as F
from core.feedback.errors import FeedbackFileError
from core.feedback.model import ReplyFile, ReplyRow, ReplyValues

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls / .et / .doc: the old binary formats
LEGACY_SUFFIXES = (".xls", ".et", ".ett", ".xlt")
SAVE_AS_HINT = (
    "这是旧版 Excel/WPS 表格格式，无法读取。请用 Excel 或 WPS 打开该文件，"
    "选择“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再导入另存的 .xlsx 文件"
)
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
# Excel's serial day 1 is 1900-01-01 (with the 1900 leap-year bug: serial 60 is no date).
_EXCEL_EPOCH = date(1899, 12, 30)


def _text(value: Any) -> str:
    return F.cell_text(value)


def _parse_date(value: Any) -> date | str | None:
    """A date cell, typed text (2024-06-30 / 2024年6月30日 / 2024/6/30) or an Excel serial;
    returns the text itself when it is none of these (reported as a problem)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 1 < value < 80000:
        from datetime import timedelta

        return _EXCEL_EPOCH + timedelta(days=int(value))
    m = _DATE.match(str(value))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return str(value).strip()


def is_feedback_workbook(path: Path) -> bool:
    """Whether `path` is a sheet this program sent out (it has the hidden identity sheet):
    how the window tells a returned reply from a gazette dropped on it."""
    if path.suffix.lower() != ".xlsx":
        return False
    try:
        with zipfile.ZipFile(path) as z:
            return F.META_SHEET.encode("utf-8") in z.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def _open(path: Path) -> Any:
    if path.suffix.lower() in LEGACY_SUFFIXES:
        raise FeedbackFileError(path, SAVE_AS_HINT)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise FeedbackFileError(path, f"无法读取文件（{exc.strerror or exc}）") from exc
    if head == OLE_MAGIC:
        raise FeedbackFileError(path, SAVE_AS_HINT)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FeedbackFileError(
            path, "不是有效的 .xlsx 文件（文件已损坏或不是 Excel 表格）"
        ) from exc


def read_reply(path: str | Path) -> ReplyFile:
    """The reply's identity and task rows; raises `FeedbackFileError` for a file that
    cannot be a reply to one of our sheets."""
    path = Path(path)
    wb = _open(path)
    try:
        if F.META_SHEET not in wb.sheetnames:
            raise FeedbackFileError(
                path,
                "不是本台账生成的单位反馈表（缺少隐藏的表单信息）。"
                "请让单位在发出的原表上填写，不要复制到新表",
            )
        meta_rows = [tuple(r) for r in wb[F.META_SHEET].iter_rows(values_only=True)]
        meta = {str(r[0]): _text(r[1]) for r in meta_rows if r and r[0] is not None and len(r) > 1}
        if meta.get("format") != F.FORMAT:
            raise FeedbackFileError(path, "反馈表格式不是本程序所用版本，无法识别")
        sheet = meta.get("sheet", F.MAIN_SHEET)
        if sheet not in wb.sheetnames:
            others = "、".join(f"“{n}”" for n in wb.sheetnames if n != F.META_SHEET)
            raise FeedbackFileError(
                path,
                f"找不到工作表“{sheet}”（现有工作表：{others or '无'}）。工作表可能被改名或删除，"
                f"请把工作表名称改回“{sheet}”后重新导入",
            )
        checksums: dict[int, str] = {}
        in_items = False
        for r in meta_rows:
            if r and r[0] == "task_id":
                in_items = True
                continue
            if in_items and r and r[0] is not None and len(r) >= 3:
                checksums[int(r[0])] = _text(r[2])
        rows = _task_rows(wb[sheet])
    finally:
        wb.close()
    try:
        week = date.fromisoformat(meta.get("week", ""))
    except ValueError as exc:
        raise FeedbackFileError(path, "反馈表的隐藏信息已损坏（周次无法识别）") from exc
    return ReplyFile(
        path=path,
        ledger_id=meta.get("ledger_id", ""),
        batch_id=meta.get("batch_id", ""),
        unit=meta.get("unit", ""),
        week=week,
        rows=tuple(rows),
        checksums=checksums,
    )


def _task_rows(ws: Any) -> list[ReplyRow]:
    out: list[ReplyRow] = []
    ncols = len(F.COLUMNS)
    for n, raw in enumerate(
        ws.iter_rows(min_row=F.HEADER_ROW + 1, values_only=True), start=F.HEADER_ROW + 1
    ):
        cells = list(raw[:ncols]) + [None] * (ncols - len(raw))
        task_id = cells[F.COL_ID - 1]
        if task_id is None or _text(task_id) == "":
            continue  # section headings, blank lines
        try:
            tid = int(float(str(task_id)))
        except ValueError:
            continue
        problems: list[str] = []
        done_text = _text(cells[F.COL_DONE - 1])
        if done_text not in ("", F.YES, F.NO):
            problems.append(f"“申请办结”应填“是”或“否”，实际为“{done_text}”")
        expected = _parse_date(cells[F.COL_EXPECTED - 1])
        if isinstance(expected, str):
            problems.append(f"“预计完成时间”不是日期：“{expected}”")
            expected = None
        values = ReplyValues(
            progress=_text(cells[F.COL_PROGRESS - 1]),
            problems=_text(cells[F.COL_PROBLEMS - 1]),
            next_steps=_text(cells[F.COL_NEXT - 1]),
            request_done=done_text == F.YES,
            expected_on=expected,
        )
        locked = {k: _text(cells[col - 1]) for k, col in F.LOCKED_FIELDS.items()}
        out.append(
            ReplyRow(
                sheet_row=n,
                task_id=tid,
                ref=_text(cells[F.COL_REF - 1]),
                locked=locked,
                values=values,
                problems=tuple(problems),
            )
        )
    return out
