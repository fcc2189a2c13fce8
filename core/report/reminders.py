"""催办通知单: one Word notice per unit naming its late or idle tasks, logged in the ledger.

Chasing late units is the clerk's weekly phone round; a printed notice with each task, its
文号, its original and current deadline and how late or idle it is, and a date to reply
by, replaces it. Every task named is logged (`Ledger.record_reminders`), so the task's
history and the week's 本周变化 show who was reminded, when and why.

The notice goes to the task's lead units (牵头单位); a task with none names its other
units. Files are written first, to temporary names; only when all are written is the
reminder logged and are the files given their names, so a failure leaves neither a
logged reminder without its notice nor a stray half-written file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.ledger import (
    REMINDER_REASONS,
    CorrectionRow,
    Ledger,
    ReminderEntry,
    ReportSettings,
    TaskFilter,
    TaskRow,
)
from core.report.staging import staged_files

FONT = "宋体"
REPLY_DAYS = 3  # default: reply within three days
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ReminderItem:
    """One task in one unit's notice."""

    task: TaskRow
    reason: str  # overdue | due_soon | idle
    detail: str  # 逾期12天 / 3天后到期 / 21天未更新
    original_deadline: date | None


@dataclass
class UnitNotice:
    unit: str
    items: list[ReminderItem] = field(default_factory=list)


@dataclass(frozen=True)
class ReminderRun:
    """What one 催办 action wrote: one file per unit, and how many tasks were logged."""

    files: tuple[Path, ...]
    units: tuple[str, ...]
    tasks_logged: int


def _reason(row: TaskRow, today: date, idle_days: int | None, kinds: set[str]) -> tuple[str, str]:
    if "overdue" in kinds and row.due_state == "overdue" and row.deadline:
        return "overdue", f"逾期{(today - row.deadline).days}天"
    if "due_soon" in kinds and row.due_state == "due_soon" and row.deadline:
        days = (row.deadline - today).days
        return "due_soon", "今天到期" if days == 0 else f"{days}天后到期"
    if "idle" in kinds and idle_days is not None:
        idle = (today - row.last_activity_at.astimezone().date()).days
        if idle >= idle_days:
            return "idle", f"{idle}天未更新"
    return "", ""


def _original_deadlines(corrections: Iterable[CorrectionRow]) -> dict[int, date | None]:
    """The deadline each corrected task had before its first deadline correction."""
    first: dict[int, date | None] = {}
    for c in corrections:
        if c.field == "deadline" and c.task_id not in first:
            value = c.old_value
            first[c.task_id] = date.fromisoformat(value[:10]) if isinstance(value, str) else None
    return first


def select_notices(
    ledger: Ledger,
    *,
    overdue: bool = True,
    due_soon: bool = False,
    idle_days: int | None = None,
    unit: str | None = None,
    today: date | None = None,
) -> list[UnitNotice]:
    """The notices to send: per unit (lead units first), its open tasks that are overdue,
    due within 7 days, or idle for `idle_days`; units in name order, tasks by deadline."""
    day = today or ledger.today()
    kinds = {k for k, on in (("overdue", overdue), ("due_soon", due_soon)) if on}
    if idle_days is not None:
        kinds.add("idle")
    if not kinds:
        return []
    rows = ledger.tasks(TaskFilter(unit=unit, status=("not_started", "in_progress")), today=day)
    originals = _original_deadlines(
        ledger.corrections_between(EPOCH, ledger.now() + timedelta(days=1))
    )
    notices: dict[str, UnitNotice] = defaultdict(lambda: UnitNotice(""))
    for row in rows:
        reason, detail = _reason(row, day, idle_days, kinds)
        if not reason:
            continue
        original = originals.get(row.id, row.deadline)
        for name in row.lead_units or row.support_units:
            if unit and name != unit and row.lead_units and unit not in row.lead_units:
                continue
            notice = notices[name]
            notice.unit = name
            notice.items.append(ReminderItem(row, reason, detail, original))
    out = sorted(notices.values(), key=lambda n: n.unit)
    for n in out:
        n.items.sort(key=lambda i: (i.task.deadline or date.max, i.task.id))
    return out


def _set_font(run: object, size: float, bold: bool = False) -> None:
    run.font.name = FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    # East Asian text takes its font from w:eastAsia, not w:ascii.
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # type: ignore[attr-defined]


def _paragraph(
    doc: object, text: str, size: float = 12, bold: bool = False, align: int | None = None
) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        p.alignment = align
    _set_font(p.add_run(text), size, bold)


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def build_notice(
    notice: UnitNotice, settings: ReportSettings, today: date, reply_by: date
) -> object:
    """The notice as a python-docx Document: A4 landscape, title, addressee, a table of
    tasks (序号, 文号, 任务, 原定时限, 现时限, 情况) and the reply instruction."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(1.8)
    office = settings.office or settings.reporter or "督查室"
    _paragraph(doc, "催办通知单", 20, True, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, f"{office}    {_cn_date(today)}", 11, False, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, f"{notice.unit}：", 14, True)
    _paragraph(
        doc,
        f"经督办台账核对，贵单位牵头（或承办）的以下 {len(notice.items)} 项任务已逾期、即将到期"
        f"或长期未报送进展。请抓紧推进，并于{_cn_date(reply_by)}前将推进情况、存在问题和"
        "下步措施书面反馈。",
        12,
    )
    headers = ["序号", "文号", "任务", "原定时限", "现时限", "情况"]
    widths = [Cm(1.2), Cm(4.6), Cm(11.6), Cm(2.6), Cm(2.6), Cm(3.1)]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # the widths below, not equal columns
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(cell.paragraphs[0].add_run(text), 11, True)
    for n, item in enumerate(notice.items, start=1):
        t = item.task
        values = [
            str(n),
            t.doc_number or t.doc_title or "",
            t.text,
            item.original_deadline.isoformat() if item.original_deadline else "—",
            t.deadline.isoformat() if t.deadline else "—",
            item.detail,
        ]
        cells = table.add_row().cells
        for i, (cell, text, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.width = width
            if i != 2:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(cell.paragraphs[0].add_run(text), 10.5)
    contact = "，".join(
        v
        for v in (
            f"联系人：{settings.contact}" if settings.contact else "",
            f"电话：{settings.phone}" if settings.phone else "",
        )
        if v
    )
    _paragraph(doc, "", 6)
    _paragraph(doc, f"反馈截止：{_cn_date(reply_by)}。{contact}", 12)
    _paragraph(doc, office, 12, False, WD_ALIGN_PARAGRAPH.RIGHT)
    return doc


def notice_file_name(unit: str, today: date) -> str:
    safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in unit).strip() or "单位"
    return f"催办通知单_{safe}_{today.isoformat()}.docx"


def send_reminders(
    ledger: Ledger,
    out_dir: str | Path,
    notices: list[UnitNotice],
    *,
    reply_by: date | None = None,
    by: str | None = None,
) -> ReminderRun:
    """Write one .docx per unit into `out_dir` and log every task named (see module doc)."""
    today = ledger.today()
    reply = reply_by or today + timedelta(days=REPLY_DAYS)
    settings = ledger.report_settings()
    with staged_files(out_dir, ".催办") as files:
        for notice in notices:
            path = files.stage(Path(out_dir) / notice_file_name(notice.unit, today))
            build_notice(notice, settings, today, reply).save(str(path))  # type: ignore[attr-defined]
        entries = [
            ReminderEntry(
                task_id=item.task.id,
                unit=notice.unit,
                reason=item.reason,
                detail=item.detail,
                file_name=notice_file_name(notice.unit, today),
                reply_by=reply,
            )
            for notice in notices
            for item in notice.items
        ]
        logged = ledger.record_reminders(entries, by=by) if entries else 0
    return ReminderRun(
        files=files.targets,
        units=tuple(n.unit for n in notices),
        tasks_logged=logged,
    )


__all__ = [
    "REMINDER_REASONS",
    "ReminderItem",
    "ReminderRun",
    "UnitNotice",
    "build_notice",
    "select_notices",
    "send_reminders",
]
