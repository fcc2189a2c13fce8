"""The unit directory (单位管理): county scoping, undoable merges, rejections, contacts,
collectives and a unit's open tasks."""

from __future__ import annotations

import pytest
from ledger_factories import make_result, make_task

from core.ledger import Ledger, TaskFilter, UnitMergeError


def _two_counties(ledger: Ledger) -> None:
    ledger.import_result(
        make_result([make_task("兴县甲。", "1", lead_units=["县财政局"])], county="兴县")
    )
    ledger.import_result(
        make_result(
            [make_task("交城甲。", "1", lead_units=["县财政局"])],
            county="交城县",
            source="/data/交城县公报2024第1期.txt",
            doc_number="交政发〔2024〕4号",
        )
    )


def test_units_of_different_counties_stay_apart(ledger: Ledger) -> None:
    _two_counties(ledger)
    units = [u for u in ledger.unit_directory() if u.name == "县财政局"]
    assert sorted(u.county for u in units) == ["交城县", "兴县"]
    counts = sorted((c.county, c.total) for c in ledger.unit_counts() if c.unit == "县财政局")
    assert counts == [("交城县", 1), ("兴县", 1)]
    xing = next(u for u in units if u.county == "兴县")
    rows = ledger.tasks(TaskFilter(unit_id=xing.id))
    assert [r.text for r in rows] == ["兴县甲。"]
    assert rows[0].lead_unit_ids == (xing.id,)
    # the name alone still finds both counties' tasks
    assert ledger.count(TaskFilter(unit="县财政局")) == 2
    assert ledger.suggest_unit_merges() == []


def test_the_county_comes_from_the_issuer_when_the_gazette_names_none(ledger: Ledger) -> None:
    result = make_result([make_task("甲。", "1", lead_units=["县水利局"])], county=None)
    ledger.import_result(result)
    assert [u.county for u in ledger.unit_directory()] == ["兴县"]


def _aliases(ledger: Ledger) -> None:
    ledger.import_result(
        make_result(
            [
                make_task("甲。", "1", lead_units=["县发改局"]),
                make_task("乙。", "2", lead_units=["县发展和改革局"]),
                make_task("丙。", "3", lead_units=["县发改局", "县发展和改革局"]),
                make_task("丁。", "4", lead_units=["县财政局"], support_units=["县民政局"]),
                make_task("戊。", "5", lead_units=["县财政局"]),
                make_task("己。", "6", lead_units=["县财政局"]),
            ]
        )
    )


def test_a_suggestion_is_accepted_and_undone(ledger: Ledger) -> None:
    _aliases(ledger)
    [suggestion] = ledger.suggest_unit_merges("兴县")
    assert suggestion.canonical == "县发展和改革局"
    assert set(suggestion.names) == {"县发改局", "县发展和改革局"}
    evidence = next(m.evidence for m in suggestion.members if m.name == "县发改局")
    assert "简称" in evidence
    before = {u.name: u.task_count for u in ledger.unit_directory("兴县")}

    change = ledger.accept_merge("兴县", suggestion.names, suggestion.canonical, by="甲")
    assert change.action == "merge" and "县发展和改革局" in change.summary
    for name in ("县发改局", "县发展和改革局"):
        assert ledger.count(TaskFilter(unit=name)) == 3
    row = next(r for r in ledger.tasks() if r.ref == "3")
    assert row.lead_units == ("县发展和改革局",)
    assert "县发改局" in [p for _, p, _ in ledger.task(row.id).printed_units]
    assert ledger.suggest_unit_merges("兴县") == []
    # later imports resolve the accepted alias
    ledger.import_result(
        make_result(
            [make_task("庚。", "1", lead_units=["县发改局"])],
            source="/data/兴县政府公报2024第2期.txt",
            issue=2,
        )
    )
    assert ledger.count(TaskFilter(unit="县发展和改革局")) == 4

    undone = ledger.undo_unit_change(change.id, by="甲")
    assert undone.undone_at is not None
    after = {u.name: u.task_count for u in ledger.unit_directory("兴县")}
    assert after["县发展和改革局"] == before["县发展和改革局"]
    assert after["县发改局"] == before["县发改局"] + 1  # the later import's task too
    row = next(r for r in ledger.tasks() if r.ref == "3" and r.text == "丙。")
    assert set(row.lead_units) == {"县发改局", "县发展和改革局"}
    history = ledger.unit_history("兴县")
    assert [h.action for h in history] == ["merge"] and history[0].undone_at is not None
    with pytest.raises(UnitMergeError):
        ledger.undo_unit_change(change.id)


def test_a_one_character_difference_between_real_bureaus_is_not_suggested(
    ledger: Ledger,
) -> None:
    _aliases(ledger)
    suggested = {n for s in ledger.suggest_unit_merges() for n in s.names}
    assert "县民政局" not in suggested and "县财政局" not in suggested


def test_a_rejected_suggestion_is_remembered_and_its_undo_forgets(ledger: Ledger) -> None:
    _aliases(ledger)
    [suggestion] = ledger.suggest_unit_merges()
    change = ledger.reject_suggestion("兴县", suggestion.names)
    assert ledger.suggest_unit_merges() == []
    ledger.undo_unit_change(change.id)
    assert len(ledger.suggest_unit_merges()) == 1


def test_rename_contacts_and_kind_are_history_and_undoable(ledger: Ledger) -> None:
    _aliases(ledger)
    unit = next(u for u in ledger.unit_directory() if u.name == "县财政局")
    rename = ledger.rename_unit(unit.id, "兴县财政局")
    contacts = ledger.set_unit_contacts(unit.id, "王芳", "0358-1234567")
    kind = ledger.set_unit_kind(unit.id, "enterprise")
    now = next(u for u in ledger.unit_directory() if u.id == unit.id)
    assert (now.name, now.aliases, now.contact_person, now.phone, now.kind) == (
        "兴县财政局",
        ("县财政局",),
        "王芳",
        "0358-1234567",
        "enterprise",
    )
    assert ledger.count(TaskFilter(unit="县财政局")) == 3
    for change in (kind, contacts, rename):
        ledger.undo_unit_change(change.id)
    back = next(u for u in ledger.unit_directory() if u.id == unit.id)
    assert (back.name, back.aliases, back.contact_person, back.kind) == (
        "县财政局",
        (),
        None,
        "department",
    )
    assert [h.action for h in ledger.unit_history()] == ["rename", "contacts", "kind"]


def test_a_collective_is_expanded_into_the_townships(ledger: Ledger) -> None:
    ledger.import_result(
        make_result(
            [
                make_task("各乡镇开展排查。", "1", lead_units=["各乡（镇）"]),
                make_task("蔚汾镇修路。", "2", lead_units=["蔚汾镇人民政府"]),
                make_task("康宁镇植树。", "3", lead_units=["康宁镇"], support_units=["县林业局"]),
            ]
        )
    )
    units = {u.name: u for u in ledger.unit_directory("兴县")}
    group = units["各乡（镇）"]
    assert group.is_collective and units["蔚汾镇人民政府"].kind == "township"
    candidates = [u.name for u in ledger.collective_candidates(group.id)]
    assert candidates == ["康宁镇", "蔚汾镇人民政府"]
    # a township no gazette named yet is entered by the clerk, and undone
    added = ledger.add_unit("兴县", "魏家滩镇")
    assert [u.name for u in ledger.collective_candidates(group.id)] == [
        "康宁镇",
        "蔚汾镇人民政府",
        "魏家滩镇",
    ]
    with pytest.raises(UnitMergeError):
        ledger.add_unit("兴县", "康宁镇")
    ledger.undo_unit_change(added.id)
    assert len(ledger.collective_candidates(group.id)) == 2
    change = ledger.expand_collective(group.id, [units["康宁镇"].id, units["蔚汾镇人民政府"].id])
    work = ledger.unit_tasks(units["康宁镇"].id)
    assert [ledger.rows([i])[0].text for i in work.lead] == ["康宁镇植树。"]
    assert list(work.via_collectives) == ["各乡（镇）"]
    assert len(work.via_collectives["各乡（镇）"]) == 1
    loads = {w.unit.name: w for w in ledger.unit_workloads("兴县")}
    assert set(loads) == {"康宁镇", "蔚汾镇人民政府", "县林业局"}
    assert loads["康宁镇"] == work
    ledger.undo_unit_change(change.id)
    assert ledger.unit_tasks(units["康宁镇"].id).via_collectives == {}
    forestry = ledger.unit_tasks(units["县林业局"].id)
    assert forestry.lead == () and len(forestry.support) == 1


def test_a_merge_under_a_new_or_aliased_name_undoes_exactly(ledger: Ledger) -> None:
    _aliases(ledger)
    first = ledger.accept_merge("兴县", ["县发改局", "县发展和改革局"], "兴县发展和改革局")
    unit = next(u for u in ledger.unit_directory() if u.name == "兴县发展和改革局")
    assert set(unit.aliases) == {"县发改局", "县发展和改革局"}
    # merging again under one of its aliases renames the unit back to that alias
    second = ledger.accept_merge("兴县", ["兴县发展和改革局", "县民政局"], "县发改局")
    names = {u.name for u in ledger.unit_directory()}
    assert "县发改局" in names and "县民政局" not in names
    ledger.undo_unit_change(second.id)
    unit = next(u for u in ledger.unit_directory() if u.name == "兴县发展和改革局")
    assert set(unit.aliases) == {"县发改局", "县发展和改革局"}
    assert ledger.count(TaskFilter(unit="县民政局")) == 1
    ledger.undo_unit_change(first.id)
    assert {u.name for u in ledger.unit_directory()} >= {"县发改局", "县发展和改革局"}
    assert ledger.count(TaskFilter(unit="县发改局")) == 2
