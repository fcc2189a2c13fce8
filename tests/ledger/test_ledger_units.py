"""Unit aliases: merging makes filters and counts follow the canonical unit."""

from __future__ import annotations

import pytest
from ledger_factories import make_result, make_task

from core.ledger import Ledger, TaskFilter, UnitMergeError


def test_merge_moves_tasks_and_filters_follow_alias(ledger: Ledger) -> None:
    ledger.import_result(
        make_result(
            [
                make_task("甲。", "1", lead_units=["县发改局"]),
                make_task("乙。", "2", lead_units=["县发展和改革局"]),
                make_task("丙。", "3", lead_units=["县 发 改 局", "县发展和改革局"]),
            ]
        )
    )
    unit = ledger.merge_unit("县发改局", "县发展和改革局", by="甲")
    assert unit.name == "县发展和改革局" and unit.aliases == ("县发改局",)
    assert unit.task_count == 3
    names = {u.name for u in ledger.units()}
    assert "县发改局" not in names
    for name in ("县发改局", "县发展和改革局"):
        assert ledger.count(TaskFilter(unit=name)) == 3
    counts = {c.unit: c.total for c in ledger.unit_counts()}
    assert counts == {"县发展和改革局": 3}
    # the task that named both keeps one canonical lead, but the printed names stay
    row = next(r for r in ledger.tasks() if r.ref == "3")
    assert row.lead_units == ("县发展和改革局",)
    printed = [p for _, p, _ in ledger.task(row.id).printed_units]
    assert "县 发 改 局" in printed


def test_later_imports_resolve_the_alias(ledger: Ledger) -> None:
    ledger.merge_unit("县发改局", "县发展和改革局")
    ledger.import_result(make_result([make_task("丁。", "1", lead_units=["县发改局"])]))
    assert ledger.tasks()[0].lead_units == ("县发展和改革局",)


def test_merge_into_itself_is_refused(ledger: Ledger) -> None:
    ledger.import_result(make_result([make_task("甲。", "1", lead_units=["县财政局"])]))
    with pytest.raises(UnitMergeError):
        ledger.merge_unit("县财政局", "县财政局")


def test_merging_twice_is_harmless(ledger: Ledger) -> None:
    ledger.import_result(make_result([make_task("甲。", "1", lead_units=["县发改局"])]))
    ledger.merge_unit("县发改局", "县发展和改革局")
    again = ledger.merge_unit("县发改局", "县发展和改革局")
    assert again.aliases == ("县发改局",) and again.task_count == 1
