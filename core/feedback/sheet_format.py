"""The layout both sides agree on: sheet names, columns, the hidden identity sheet, checksums.

Export writes it, read-back checks it; keeping it in one module means a change of layout
cannot leave the reader behind. The format string is versioned so an old sheet can still
be recognised (and refused with a clear message) after a change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime

from core.report.table import Column

FORMAT = "taizhang-feedback/1"
MAIN_SHEET = "反馈表"
META_SHEET = "反馈表信息"
TITLE_ROWS = 4  # title, period/reply-by, instructions, blank before the header
HEADER_ROW = TITLE_ROWS + 1

# Locked columns first, then what the unit fills in, then the hidden task id.
COLUMNS = [
    Column("序号", "int", 5, 5),
    Column("文号", "text", 13, 13),
    Column("任务内容", "wrap", 36, 36),
    Column("完成时限", "date", 11, 11),
    Column("当前状态", "short", 8, 8),
    Column("本周进展", "wrap", 26, 26),
    Column("存在问题", "wrap", 17, 17),
    Column("下步措施", "wrap", 17, 17),
    Column("申请办结", "short", 8, 8),
    Column("预计完成时间", "date", 12, 12),
    Column("任务编号", "int", 6, 6),
]
COL_REF, COL_DOC, COL_TEXT, COL_DEADLINE, COL_STATUS = 1, 2, 3, 4, 5
COL_PROGRESS, COL_PROBLEMS, COL_NEXT, COL_DONE, COL_EXPECTED, COL_ID = 6, 7, 8, 9, 10, 11
LOCKED_FIELDS = {"doc": COL_DOC, "text": COL_TEXT, "deadline": COL_DEADLINE, "status": COL_STATUS}
LOCKED_LABELS = {"doc": "文号", "text": "任务内容", "deadline": "完成时限", "status": "当前状态"}
EDITABLE = (COL_PROGRESS, COL_PROBLEMS, COL_NEXT, COL_DONE, COL_EXPECTED)
YES, NO = "是", "否"
ROLE_LABELS = {"lead": "牵头", "support": "配合", "collective": "成员单位"}


def cell_text(value: object) -> str:
    """A cell as the text the checksum covers: dates as ISO, numbers plain, blanks empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def checksum(
    ledger_id: str, batch_id: str, task_id: int, role: str, locked: Mapping[str, str]
) -> str:
    """Fingerprint of one row's locked cells, bound to this ledger, batch and task."""
    parts = [ledger_id, batch_id, str(task_id), role] + [locked[k] for k in LOCKED_FIELDS]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def week_label(monday: date) -> str:
    """`2023年10月9日至10月15日`."""
    from datetime import timedelta

    sunday = monday + timedelta(days=6)
    end = f"{sunday.month}月{sunday.day}日" if sunday.year == monday.year else cn_date(sunday)
    return f"{cn_date(monday)}至{end}"


def safe_file_part(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name).strip() or "单位"
