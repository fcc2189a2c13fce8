"""A report for a past week is true for that week: statuses, notes, deadlines and overdue
counts as they stood at its end, rebuilt from the ledger's history; its 本周变化 lists
every change of the week (corrections, reminders, tasks added and retired included)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from seedfiles import seed_path

from core.ledger import Ledger, ReminderEntry, TaskFilter
from core.report import collect_report, export_weekly_report


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


WEEK1, WEEK2, WEEK3 = date(2022, 11, 9), date(2022, 11, 16), date(2022, 11, 23)


def at(day: int, hour: int = 2) -> datetime:
    return datetime(2022, 11, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def history(tmp_path: Path) -> Iterator[tuple[Ledger, Clock, dict[str, int]]]:
    """Seed 004 (稷山县, 2022) imported on 1 Nov, then three weeks of a clerk's work."""
    clock = Clock(at(1))
    with Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", clock=clock) as lg:
        lg.import_file(seed_path("004"), by="导入员")
        dated = [r for r in lg.tasks(TaskFilter()) if r.deadline == date(2022, 12, 31)]
        assert len(dated) >= 5
        ids = {k: dated[i].id for i, k in enumerate(["a", "b", "c", "d", "e"])}
        # Week 1 (7–13 Nov): A started, a note on B, E's deadline set to 10 Nov.
        clock.now = at(8)
        lg.set_status(ids["a"], "in_progress", by="王五")
        lg.add_note(ids["b"], progress="第一周：已完成方案编制", by="王五")
        lg.correct_field(ids["e"], "deadline", "2022-11-10", by="王五")
        # Week 2 (14–20 Nov): A done; C's deadline moved to 15 Nov; C reminded.
        clock.now = at(15)
        lg.set_status(ids["a"], "done", by="李四", note="已验收")
        lg.correct_field(ids["c"], "deadline", "2022-11-15", by="李四")
        clock.now = at(17)
        lg.record_reminders([ReminderEntry(ids["c"], "县发改局", "overdue", "逾期2天")], by="李四")
        # Week 3 (21–27 Nov): C done, B's second note, E's deadline moved off overdue,
        # D deleted (retired).
        clock.now = at(22)
        lg.set_status(ids["c"], "done", by="张三")
        lg.add_note(ids["b"], progress="第三周：主体工程完工", by="张三")
        lg.correct_field(ids["e"], "deadline", "2023-03-31", by="张三")
        lg.delete_task(ids["d"], by="张三")
        clock.now = datetime(2022, 12, 5, 2, 0, tzinfo=UTC)  # "today"
        yield lg, clock, ids


def test_middle_week_shows_that_weeks_state_not_todays(
    history: tuple[Ledger, Clock, dict[str, int]],
) -> None:
    lg, _, ids = history
    data = collect_report(lg, WEEK2)
    tasks = {t.task_id: t for t in data.tasks}
    assert data.today == date(2022, 11, 20)  # counted from the week's Sunday
    assert tasks[ids["a"]].status == "done"
    assert tasks[ids["c"]].status == "not_started"  # done only in week 3
    assert tasks[ids["c"]].deadline == date(2022, 11, 15)
    assert tasks[ids["c"]].is_overdue and tasks[ids["c"]].days_left(data.today) == -5
    assert tasks[ids["b"]].progress == "第一周：已完成方案编制"  # not week 3's note
    assert tasks[ids["d"]].status == "not_started"  # deleted only in week 3: still listed
    assert tasks[ids["e"]].deadline == date(2022, 11, 10) and tasks[ids["e"]].is_overdue
    overdue = {t.task_id for t in data.overdue_tasks()}
    assert overdue == {ids["c"], ids["e"]}
    assert data.totals.overdue == 2


def test_week_one_predates_the_corrections(history: tuple[Ledger, Clock, dict[str, int]]) -> None:
    lg, _, ids = history
    data = collect_report(lg, WEEK1)
    tasks = {t.task_id: t for t in data.tasks}
    assert tasks[ids["a"]].status == "in_progress"
    assert tasks[ids["c"]].deadline == date(2022, 12, 31) and not tasks[ids["c"]].is_overdue
    assert data.today == date(2022, 11, 13)
    assert {t.task_id for t in data.overdue_tasks()} == {ids["e"]}


def test_week_changes_list_corrections_reminders_and_retired_tasks(
    history: tuple[Ledger, Clock, dict[str, int]],
) -> None:
    lg, _, ids = history
    week2 = collect_report(lg, WEEK2).changes
    kinds = [(c.task.task_id, c.kind) for c in week2]
    assert (ids["a"], "done") in kinds
    fix = next(c for c in week2 if c.kind == "corrected")
    assert fix.task.task_id == ids["c"]
    assert fix.note == "完成时限：2022-12-31 → 2022-11-15"
    reminded = next(c for c in week2 if c.kind == "reminded")
    assert reminded.task.task_id == ids["c"] and "县发改局" in (reminded.note or "")

    week3 = collect_report(lg, WEEK3)
    moved = [c for c in week3.changes if c.kind == "corrected"]
    # The deadline moved off 逾期 leaves a trace in the week it was moved.
    assert [(c.task.task_id, c.note) for c in moved] == [
        (ids["e"], "完成时限：2022-11-10 → 2023-03-31")
    ]
    assert (ids["d"], "retired") in [(c.task.task_id, c.kind) for c in week3.changes]
    assert ids["d"] not in {t.task_id for t in week3.tasks}  # gone at the week's end
    assert ids["e"] not in {t.task_id for t in week3.overdue_tasks()}


def test_tasks_imported_after_the_week_are_not_in_its_report(
    history: tuple[Ledger, Clock, dict[str, int]],
) -> None:
    lg, clock, _ = history
    clock.now = datetime(2022, 12, 5, 3, 0, tzinfo=UTC)
    lg.import_file(seed_path("003"), by="导入员")
    before = collect_report(lg, WEEK2)
    assert all(t.doc_number is None or "交" not in t.doc_number for t in before.tasks)
    now = collect_report(lg, date(2022, 12, 5))
    assert len(now.tasks) > len(before.tasks)
    assert any(c.kind == "added" for c in now.changes)


def _sheet_rows(ws: Worksheet) -> list[tuple[object, ...]]:
    return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]


def test_workbook_of_the_middle_week(
    history: tuple[Ledger, Clock, dict[str, int]], tmp_path: Path
) -> None:
    lg, _, _ = history
    path = export_weekly_report(lg, WEEK2, out=tmp_path / "周报.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "本周重点", "本周变化", "任务明细"]
    focus = _sheet_rows(wb["本周重点"])
    headings = [
        r[0] for r in focus if isinstance(r[0], str) and r[0][:2] in ("一、", "二、", "三、")
    ]
    assert headings[0] == "一、已逾期任务（2项）"
    changes = _sheet_rows(wb["本周变化"])
    notes = [r[6] for r in changes[1:]]
    assert "完成时限：2022-12-31 → 2022-11-15" in notes
    summary = "\n".join(str(v) for r in _sheet_rows(wb["汇总"]) for v in r if v is not None)
    assert "统计截至：2022年11月20日" in summary
