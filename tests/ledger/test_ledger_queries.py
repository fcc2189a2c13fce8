"""Filters, due windows derived from today, stagnation and counts per unit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from ledger_factories import Clock, make_result, make_task

from core.ledger import Ledger, TaskFilter, UnknownUnitError

TODAY = date(2024, 6, 10)


def _seed(ledger: Ledger) -> dict[str, int]:
    tasks = [
        make_task("逾期任务。", "1", lead_units=["县住建局"], deadline="2024-06-01"),
        make_task("本周到期。", "2", lead_units=["县住建局"], deadline="2024-06-15"),
        make_task(
            "本月到期。",
            "3",
            lead_units=["县水利局"],
            support_units=["县住建局"],
            deadline="2024-06-28",
        ),
        make_task("下月到期。", "4", lead_units=["县水利局"], deadline="2024-07-20"),
        make_task("无时限的污水治理。", "5", lead_units=["县发改局"]),
        make_task("已完成但已过期。", "6", lead_units=["县住建局"], deadline="2024-05-01"),
    ]
    ledger.import_result(make_result(tasks))
    ids = {r.ref or "": r.id for r in ledger.tasks()}
    ledger.set_status(ids["6"], "done", by="甲")
    return ids


def _refs(rows: list) -> set[str]:
    return {r.ref for r in rows}


def test_due_windows_follow_today(ledger: Ledger) -> None:
    _seed(ledger)
    assert _refs(ledger.tasks(TaskFilter(due="overdue"), today=TODAY)) == {"1"}
    assert _refs(ledger.tasks(TaskFilter(due="week"), today=TODAY)) == {"2"}
    assert _refs(ledger.tasks(TaskFilter(due="month"), today=TODAY)) == {"2", "3"}
    # a week later the same rows are judged again: nothing is stored
    later = TODAY + timedelta(days=7)
    assert _refs(ledger.tasks(TaskFilter(due="overdue"), today=later)) == {"1", "2"}
    states = {r.ref: r.due_state for r in ledger.tasks(today=TODAY)}
    assert states == {"1": "overdue", "2": "due_soon", "3": None, "4": None, "5": None, "6": None}


def test_filters_combine(ledger: Ledger) -> None:
    _seed(ledger)
    assert _refs(ledger.tasks(TaskFilter(unit="县住建局"), today=TODAY)) == {"1", "2", "3", "6"}
    lead_only = TaskFilter(unit="县住建局", unit_roles=("lead",))
    assert _refs(ledger.tasks(lead_only, today=TODAY)) == {"1", "2", "6"}
    assert _refs(ledger.tasks(TaskFilter(unit="县住建局", status=("已完成",)))) == {"6"}
    assert _refs(ledger.tasks(TaskFilter(text="污水"))) == {"5"}
    assert _refs(ledger.tasks(TaskFilter(text="100%"))) == set()  # LIKE wildcards escaped
    assert ledger.count(TaskFilter(year=2024)) == 6
    assert ledger.count(TaskFilter(year=2023)) == 0
    assert ledger.count(TaskFilter(doc_number="兴政发〔2024〕4号")) == 6
    with pytest.raises(UnknownUnitError):
        ledger.tasks(TaskFilter(unit="不存在的局"))


def test_order_is_soonest_deadline_first_and_paging_is_consistent(ledger: Ledger) -> None:
    _seed(ledger)
    rows = ledger.tasks(today=TODAY)
    deadlines = [r.deadline for r in rows if r.deadline]
    assert deadlines == sorted(deadlines) and rows[-1].deadline is None
    page = ledger.tasks(limit=2, offset=2, today=TODAY)
    assert [r.id for r in page] == [r.id for r in rows[2:4]]
    assert ledger.rows([rows[3].id, rows[0].id]) == [rows[3], rows[0]]


def test_stagnation_counts_days_since_last_activity(ledger: Ledger, clock: Clock) -> None:
    ids = _seed(ledger)  # task 6 was set done: closed tasks never stagnate
    clock.advance(days=10)
    ledger.add_note(ids["1"], progress="推进中", by="甲")
    clock.advance(days=5)
    assert _refs(ledger.stagnant(14)) == {"2", "3", "4", "5"}
    assert _refs(ledger.stagnant(3)) == {"1", "2", "3", "4", "5"}


def test_unit_counts_by_status_and_derived_states(ledger: Ledger) -> None:
    ids = _seed(ledger)
    ledger.set_status(ids["2"], "in_progress", by="甲")
    counts = {c.unit: c for c in ledger.unit_counts(today=TODAY)}
    zj = counts["县住建局"]
    assert zj.total == 3
    assert zj.by_status == {"not_started": 1, "in_progress": 1, "done": 1, "suspended": 0}
    assert (zj.overdue, zj.due_soon) == (1, 1)
    assert counts["县水利局"].total == 2
    both = {c.unit: c.total for c in ledger.unit_counts(roles=("lead", "support"), today=TODAY)}
    assert both["县住建局"] == 4
    only_open = ledger.unit_counts(TaskFilter(status=("not_started",)), today=TODAY)
    assert sum(c.total for c in only_open) == 4
