"""Gather one week's report from the ledger: tasks in scope, per-unit counts, the week's changes.

Only the `Ledger` service is used (no SQL here), and overdue / due-soon come from the
ledger's own derivation, so every figure in the workbook matches what the clerk sees in
the ledger's lists and counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from core.ledger import GazetteRow, Ledger, NoteRow, StatusChangeRow, TaskFilter, TaskRow
from core.report.data import (
    ReportData,
    ReportTask,
    WeekChange,
    sort_for_report,
    summarize,
    week_bounds,
)
from core.report.errors import ReportScopeError

YUAN_PER_WAN = 10_000


def local_naive(moment: datetime) -> datetime:
    """Excel has no time zones: show the clerk's wall-clock time."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def amount_wan(amounts: Iterable[dict[str, object]]) -> float | None:
    """Total money of a task in 万元; rates (`2000元/户`) are not totals and are left out."""
    total, found = 0.0, False
    for a in amounts:
        yuan = a.get("yuan")
        if a.get("per") or not isinstance(yuan, (int, float)):
            continue
        total += float(yuan)
        found = True
    return total / YUAN_PER_WAN if found else None


def report_task(row: TaskRow) -> ReportTask:
    note = row.latest_note
    return ReportTask(
        task_id=row.id,
        doc_number=row.doc_number,
        doc_title=row.doc_title,
        text=row.text,
        leader=row.leader,
        lead_units=row.lead_units,
        support_units=row.support_units,
        deadline=row.deadline,
        amount_wan=amount_wan(row.amounts),
        status=row.status,
        progress=note.progress if note else None,
        problems=note.problems if note else None,
        next_steps=note.next_steps if note else None,
        updated_at=_updated_at(row),
        due_state=row.due_state,
    )


def _updated_at(row: TaskRow) -> datetime | None:
    """更新时间 means the clerk's last progress update, not the import of the gazette.

    The latest note's time when there is one; otherwise the last activity once the task
    has left 未开始 (a status change); blank for a task nobody has touched yet.
    """
    if row.latest_note is not None:
        return local_naive(row.latest_note.at)
    if row.status != "not_started":
        return local_naive(row.last_activity_at)
    return None


def _change_kind(h: StatusChangeRow) -> str:
    if h.to_status == "done":
        return "done"
    if h.to_status == "in_progress" and h.from_status in (None, "not_started"):
        return "started"
    return "status"


def _note_text(n: NoteRow) -> str:
    parts = [
        (label, text)
        for label, text in (
            ("进展情况", n.progress),
            ("存在问题", n.problems),
            ("下步措施", n.next_steps),
        )
        if text
    ]
    return "\n".join(f"{label}：{text}" for label, text in parts)


def _scope_county(gazettes: list[GazetteRow], rows: list[TaskRow]) -> str | None:
    """The county the report speaks for: the one county of the scope's gazettes, else none.

    A ledger holding several counties' gazettes must not title its report after whichever
    county has the most; the title then stays neutral. Only gazettes that hold a task in
    scope count (a unit's report over a mixed ledger may still be one county's).
    """
    in_scope = {r.gazette_id for r in rows}
    counties = {g.county for g in gazettes if g.county and (g.id in in_scope or not rows)}
    return counties.pop() if len(counties) == 1 else None


def week_window(week_of: date) -> tuple[date, date, datetime, datetime]:
    """Monday, Sunday, and the week as UTC instants [Monday 00:00, next Monday 00:00) local."""
    monday, sunday = week_bounds(week_of)
    start = datetime.combine(monday, time.min).astimezone().astimezone(UTC)
    end = datetime.combine(sunday + timedelta(days=1), time.min).astimezone().astimezone(UTC)
    return monday, sunday, start, end


def collect_report(
    ledger: Ledger,
    week_of: date,
    *,
    unit: str | None = None,
    gazette_id: int | None = None,
) -> ReportData:
    """ReportData for the week holding `week_of`, over all tasks, one unit's, or one gazette's.

    `unit` is alias-aware and matches the unit as lead or support (as the ledger's own
    `tasks --unit` does). Statuses are today's; the week selects 本周完成 and 本周变化.
    """
    gazettes = ledger.gazettes()
    scope: list[str] = []
    if gazette_id is not None:
        gazette = next((g for g in gazettes if g.id == gazette_id), None)
        if gazette is None:
            raise ReportScopeError(f"台账中没有编号为 {gazette_id} 的公报")
        gazettes = [gazette]
        scope.append(f"公报：{gazette.title or gazette.file_name}")
    rows = ledger.tasks(TaskFilter(unit=unit, gazette_id=gazette_id))  # unknown unit raises
    if unit:
        canonical = next(
            (u.name for u in ledger.units() if unit == u.name or unit in u.aliases), unit
        )
        scope.append(f"单位：{canonical}（牵头或配合）")

    tasks = {row.id: report_task(row) for row in rows}
    monday, sunday, start, end = week_window(week_of)
    history = [h for h in ledger.history_between(start, end) if h.task_id in tasks]
    notes = [n for n in ledger.notes_between(start, end) if n.task_id in tasks]
    # Completed this week and still completed now (a mistaken 已完成 undone is not counted).
    done_ids = {
        h.task_id for h in history if h.to_status == "done" and tasks[h.task_id].status == "done"
    }
    changes = [
        WeekChange(
            task=tasks[h.task_id],
            at=local_naive(h.at),
            kind=_change_kind(h),
            from_status=h.from_status,
            to_status=h.to_status,
            by=h.by,
            note=h.note,
        )
        for h in history
    ] + [
        WeekChange(
            task=tasks[n.task_id], at=local_naive(n.at), kind="note", by=n.by, note=_note_text(n)
        )
        for n in notes
    ]
    changes.sort(key=lambda c: (c.at, c.task.task_id))

    units, totals = summarize(list(tasks.values()), done_ids)
    return ReportData(
        county=_scope_county(gazettes, rows),
        period_start=monday,
        period_end=sunday,
        generated_at=local_naive(ledger.now()),
        tasks=sort_for_report(list(tasks.values()), [u.unit for u in units]),
        units=units,
        totals=totals,
        changes=changes,
        scope="；".join(scope) or "全部任务",
    )
