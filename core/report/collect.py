"""Gather one week's report from the ledger: tasks in scope, per-unit counts, the week's changes.

Only the `Ledger` service is used (no SQL here), and overdue / due-soon come from the
ledger's own derivation, so every figure in the workbook matches what the clerk sees in
the ledger's lists and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from core.ledger import (
    FIELD_LABELS,
    REMINDER_REASONS,
    CorrectionRow,
    GazetteRow,
    Ledger,
    NoteRow,
    ReminderRow,
    StatusChangeRow,
    TaskFilter,
    TaskRow,
    due_state,
)
from core.report.asof import TaskState, existed_at, states_at
from core.report.data import (
    ReportData,
    ReportTask,
    WeekChange,
    sort_for_report,
    summarize,
    week_bounds,
)
from core.report.errors import ReportScopeError
from core.report.unit_labels import collective_labels, labelled, unit_labels

YUAN_PER_WAN = 10_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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


def report_task(
    row: TaskRow,
    state: TaskState | None = None,
    as_of: date | None = None,
    labels: Mapping[int, str] | None = None,
) -> ReportTask:
    """The report's view of a task: today's, or as it stood at the week's end (`state`).

    `labels` (from `unit_labels`) names its units: canonical, county-qualified where two
    counties' units share a name."""
    if state is None:
        note, updated = row.latest_note, _updated_at(row)
        text, lead, support, deadline = row.text, row.lead_units, row.support_units, row.deadline
        status, due = row.status, row.due_state
    else:
        note = state.note
        updated = local_naive(note.at) if note else None
        text, lead, support, deadline = (
            state.text,
            state.lead_units,
            state.support_units,
            state.deadline,
        )
        status = state.status
        due = due_state(state.status, state.deadline, as_of or date.today())
    if labels:
        lead = labelled(lead, row.lead_unit_ids, labels) if lead == row.lead_units else lead
        if support == row.support_units:
            support = labelled(support, row.support_unit_ids, labels)
    return ReportTask(
        task_id=row.id,
        doc_number=row.doc_number,
        doc_title=row.doc_title,
        text=text,
        leader=row.leader,
        lead_units=lead,
        support_units=support,
        deadline=deadline,
        amount_wan=amount_wan(row.amounts),
        status=status,
        progress=note.progress if note else None,
        problems=note.problems if note else None,
        next_steps=note.next_steps if note else None,
        updated_at=updated,
        due_state=due,
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


def import_summary(file_name: str, count: int) -> ReportTask:
    """The stand-in 'task' of a 本周变化 line that reports a whole gazette's import."""
    return ReportTask(
        task_id=0,
        doc_number=None,
        doc_title=file_name,
        text=f"（随公报导入的 {count} 项任务，见“任务明细”）",
        leader=None,
        lead_units=(),
        support_units=(),
        deadline=None,
        amount_wan=None,
        status="not_started",
    )


def _value_text(field: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def _correction_text(c: CorrectionRow) -> str:
    """`完成时限：2024-03-31 → 2024-06-30`, as the clerk reads it in 本周变化."""
    label = FIELD_LABELS.get(c.field, c.field)
    return f"{label}：{_value_text(c.field, c.old_value)} → {_value_text(c.field, c.new_value)}"


def _reminder_text(r: ReminderRow) -> str:
    reason = REMINDER_REASONS.get(r.reason, r.reason)
    parts = [f"向{r.unit}发出催办（{reason}{'，' + r.detail if r.detail else ''}）"]
    if r.reply_by:
        parts.append(f"要求{r.reply_by.month}月{r.reply_by.day}日前反馈")
    return "，".join(parts)


def _issue_label(g: GazetteRow) -> str:
    """公报 scope line with its 期号: `兴县人民政府公报 2023年第1期`."""
    name = g.title or g.file_name
    if g.issue is not None and "期" not in name:
        year = f"{g.year}年" if g.year else ""
        name = f"{name} {year}第{g.issue}期"
    return name


def collect_report(
    ledger: Ledger,
    week_of: date,
    *,
    unit: str | None = None,
    gazette_id: int | None = None,
) -> ReportData:
    """ReportData for the week holding `week_of`, over all tasks, one unit's, or one gazette's.

    `unit` is alias-aware and matches the unit as lead or support (as the ledger's own
    `tasks --unit` does). Every task is shown as it stood at the end of the week (see
    `core.report.asof`), and 剩余天数 / 已逾期 count from the week's Sunday, or from today
    while the week is still running.
    """
    gazettes = ledger.gazettes()
    scope: list[str] = []
    if gazette_id is not None:
        gazette = next((g for g in gazettes if g.id == gazette_id), None)
        if gazette is None:
            raise ReportScopeError(f"台账中没有编号为 {gazette_id} 的公报")
        gazettes = [gazette]
        scope.append(f"公报：{_issue_label(gazette)}")
    # Retired tasks too: one retired after the week still belongs to that week's report.
    rows = ledger.tasks(TaskFilter(unit=unit, gazette_id=gazette_id, include_retired=True))
    if unit:
        canonical = next(
            (u.name for u in ledger.units() if unit == u.name or unit in u.aliases), unit
        )
        scope.append(f"单位：{canonical}（牵头或配合）")

    labels = unit_labels(ledger, rows)  # one 汇总 row per canonical unit
    monday, sunday, start, end = week_window(week_of)
    as_of = min(sunday, ledger.today())
    # The week's end, or now for the running week: changes after it are undone.
    cut = min(end, ledger.now() + timedelta(seconds=1))
    far = max(ledger.now(), end) + timedelta(days=1)
    live = [r for r in rows if existed_at(r, cut)]
    states = states_at(
        live,
        ledger.history_between(cut, far),
        ledger.corrections_between(cut, far),
        ledger.notes_between(EPOCH, cut),
    )
    tasks = {r.id: report_task(r, states[r.id], as_of, labels) for r in live}
    everyone = {r.id: report_task(r, states.get(r.id), as_of, labels) for r in rows}

    history = [h for h in ledger.history_between(start, end) if h.task_id in everyone]
    notes = [n for n in ledger.notes_between(start, end) if n.task_id in everyone]
    fixes = [
        c
        for c in ledger.corrections_between(start, end)
        if c.task_id in everyone and c.field in FIELD_LABELS
    ]
    reminders = [r for r in ledger.reminders_between(start, end) if r.task_id in everyone]
    # Completed this week and still completed at the week's end.
    done_ids = {
        h.task_id
        for h in history
        if h.to_status == "done" and h.task_id in tasks and tasks[h.task_id].status == "done"
    }
    changes = [
        WeekChange(
            task=everyone[h.task_id],
            at=local_naive(h.at),
            kind=_change_kind(h),
            from_status=h.from_status,
            to_status=h.to_status,
            by=h.by,
            note=h.note,
        )
        for h in history
    ]
    changes += [
        WeekChange(
            task=everyone[n.task_id],
            at=local_naive(n.at),
            kind="note",
            by=n.by,
            note=_note_text(n),
        )
        for n in notes
    ]
    changes += [
        WeekChange(
            task=everyone[c.task_id],
            at=local_naive(c.at),
            kind="corrected",
            by=c.by,
            note=_correction_text(c),
        )
        for c in fixes
    ]
    changes += [
        WeekChange(
            task=everyone[r.task_id],
            at=local_naive(r.at),
            kind="reminded",
            by=r.by,
            note=_reminder_text(r),
        )
        for r in reminders
    ]
    imported: dict[str, list[TaskRow]] = {}
    for r in rows:
        if r.created_at is not None and start <= r.created_at < end:
            if r.manual:
                changes.append(
                    WeekChange(
                        task=everyone[r.id],
                        at=local_naive(r.created_at),
                        kind="added",
                        note="手工新增",
                    )
                )
            else:
                imported.setdefault(r.gazette_file, []).append(r)
        if r.retired_at is not None and start <= r.retired_at < end:
            changes.append(
                WeekChange(task=everyone[r.id], at=local_naive(r.retired_at), kind="retired")
            )
    # A gazette imported this week is one line, not one per task: its tasks are new, not
    # news, and must not crowd 本周重点's list of tasks that moved.
    for file_name, added in sorted(imported.items()):
        first = min(added, key=lambda r: (r.created_at or EPOCH, r.id))
        changes.append(
            WeekChange(
                task=import_summary(file_name, len(added)),
                at=local_naive(first.created_at or EPOCH),
                kind="added",
                note=f"导入公报《{file_name}》，新增 {len(added)} 项任务",
            )
        )
    changes.sort(key=lambda c: (c.at, c.task.task_id, c.kind))

    collectives = collective_labels(ledger, labels)
    units, totals = summarize(list(tasks.values()), done_ids, collectives)
    settings = ledger.report_settings()
    from core.feedback.filing import week_replies  # lazy: core.feedback uses core.report

    missing = week_replies(ledger, monday).missing
    if unit:  # a unit's report names only that unit, if it has not replied
        missing = tuple(m for m in missing if m.split("（")[0] == canonical)
    return ReportData(
        county=_scope_county(gazettes, live),
        period_start=monday,
        period_end=sunday,
        generated_at=local_naive(ledger.now()),
        tasks=sort_for_report(list(tasks.values()), [u.unit for u in units]),
        units=units,
        totals=totals,
        changes=changes,
        scope="；".join(scope) or "全部任务",
        as_of=as_of,
        office=settings.office,
        reporter=settings.reporter,
        contact=settings.contact,
        phone=settings.phone,
        collective_units=frozenset(collectives),
        feedback_missing=missing,
    )
