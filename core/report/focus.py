"""本周重点: the one task sheet a superior reads on paper.

Not the whole ledger (that is 任务明细, kept out of the default print) but what needs
attention this week, in three numbered parts: 已逾期, 7天内到期, and the tasks that moved
this week (done, started, new progress, a corrected deadline …). Each task appears once,
in the first part it belongs to; its text is cut to a few printed lines so that a county
of 900 tasks still prints in a handful of pages (the full text stays in 任务明细).
"""

from __future__ import annotations

from collections import defaultdict

from openpyxl.worksheet.worksheet import Worksheet

from core.report.cells import clean_text
from core.report.data import ReportData, ReportTask, WeekChange
from core.report.styles import StyleBook
from core.report.table import Column, TableSheet

FOCUS_COLUMNS = [
    Column("序号", "int", 5),
    Column("来源文件(文号)", "text", 14, 10),
    Column("任务内容", "wrap", 44, 24),
    Column("牵头单位", "wrap", 14, 8),
    Column("完成时限", "date", 11, 11),
    Column("剩余天数", "int", 6, 6),
    Column("状态", "short", 6, 6),
    Column("本周", "wrap", 10, 6),
    Column("最新进展", "wrap", 30, 12),
]
# A task's text and note in this sheet: at most this many characters (two printed lines
# at the column widths above), so a county's week prints in a few pages; the whole text
# is in 任务明细, and the task's name (`<name>：<details>`) comes first, so it is kept.
TEXT_CHARS = 42
NOTE_CHARS = 30


def brief(text: str | None, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, on one paragraph."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def change_summary(changes: list[WeekChange]) -> str:
    """`完成、进展更新` — what happened to one task this week, in order, each kind once."""
    kinds: list[str] = []
    for c in changes:
        if c.kind_label not in kinds:
            kinds.append(c.kind_label)
    return "、".join(kinds)


def parts_of(data: ReportData) -> list[tuple[str, list[ReportTask], str | None]]:
    """The sheet's parts: (heading, tasks, row fill). Each task in its first part only."""
    changed: dict[int, list[WeekChange]] = defaultdict(list)
    for c in data.changes:
        if c.kind != "added":  # a new task is not news until something happens to it
            changed[c.task.task_id].append(c)
    overdue = data.overdue_tasks()
    soon = data.due_soon_tasks()
    listed = {t.task_id for t in overdue} | {t.task_id for t in soon}
    moved = [t for t in data.tasks if t.task_id in changed and t.task_id not in listed]
    return [
        (f"一、已逾期任务（{len(overdue)}项）", overdue, "overdue"),
        (f"二、7天内到期任务（{len(soon)}项）", soon, "due_soon"),
        (f"三、本周有进展或变化的任务（{len(moved)}项）", moved, None),
    ]


def write_focus(ws: Worksheet, data: ReportData, styles: StyleBook) -> None:
    changed: dict[int, list[WeekChange]] = defaultdict(list)
    for c in data.changes:
        changed[c.task.task_id].append(c)
    table = TableSheet(ws, FOCUS_COLUMNS, styles, bordered=True)
    today = data.today
    n = 0
    for heading, tasks, fill in parts_of(data):
        table.section(heading)
        if not tasks:
            table.note("（无）")
            continue
        for t in tasks:
            n += 1
            done_now = t.status == "done" and fill is None
            table.append(
                [
                    n,
                    t.source,
                    brief(t.text, TEXT_CHARS),
                    "、".join(t.lead_units),
                    t.deadline,
                    t.days_left(today),
                    t.status_label,
                    change_summary(changed.get(t.task_id, [])),
                    clean_text(brief(t.progress, NOTE_CHARS)),
                ],
                fill=fill or ("done" if done_now else None),
            )
    table.finish()
