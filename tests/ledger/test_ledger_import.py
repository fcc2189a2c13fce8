"""Import: one transaction per file, dedupe by text hash, re-issues keep the clerk's work."""

from __future__ import annotations

from dataclasses import replace

import pytest
from ledger_factories import make_result, make_task, sample_tasks
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.ledger import ImportWouldRetireError, Ledger, TaskFilter
from core.ledger.storage.models import GazetteIssue, TaskRecord, TaskUnit


def _counts(ledger: Ledger) -> tuple[int, int, int]:
    with Session(ledger.engine) as s:
        return (
            s.scalar(select(func.count()).select_from(GazetteIssue)) or 0,
            s.scalar(select(func.count()).select_from(TaskRecord)) or 0,
            s.scalar(select(func.count()).select_from(TaskUnit)) or 0,
        )


def test_import_stores_every_task_with_units_and_provenance(ledger: Ledger) -> None:
    result = make_result(sample_tasks())
    report = ledger.import_result(result, by="王五")
    assert report.outcome == "imported"
    assert report.tasks_added == len(result.tasks)
    rows = ledger.tasks()
    assert len(rows) == len(result.tasks)
    by_ref = {r.ref: r for r in rows}
    first = by_ref["1"]
    assert first.lead_units == ("县住建局",)
    assert first.support_units == ("县发改局", "县财政局")
    assert first.amounts[0]["yuan"] == 1.5e8
    assert first.doc_number == "兴政发〔2024〕4号"
    assert first.status == "not_started"
    assert first.year == 2024
    assert first.version == 1
    [g] = ledger.gazettes()
    assert g.imported_by == "王五" and g.task_count == len(result.tasks)


def test_same_text_again_is_already_imported_and_changes_nothing(ledger: Ledger) -> None:
    result = make_result(sample_tasks())
    ledger.import_result(result)
    before = _counts(ledger)
    again = ledger.import_result(replace(result, source="/elsewhere/copy.txt", encoding="gb18030"))
    assert again.outcome == "already_imported"
    assert "已导入过" in again.message
    assert _counts(ledger) == before


def test_failure_midway_leaves_nothing(ledger: Ledger) -> None:
    """A crash inside the import (here: the progress callback raises) rolls back the file."""
    ledger.import_result(make_result([make_task("已有任务。", "1")], issue=9))
    before = _counts(ledger)
    big = make_result([make_task(f"任务{i}。", str(i)) for i in range(1200)], issue=2)

    def boom(done: int, total: int) -> None:
        if done >= 1000:
            raise RuntimeError("simulated crash")

    with pytest.raises(RuntimeError):
        ledger.import_result(big, progress=boom)
    assert _counts(ledger) == before


def test_reissue_updates_extraction_but_keeps_status_notes_and_corrections(
    ledger: Ledger,
) -> None:
    tasks = sample_tasks()
    ledger.import_result(make_result(tasks))
    rows = {r.ref: r for r in ledger.tasks()}
    ledger.set_status(rows["1"].id, "in_progress", by="张三")
    ledger.add_note(rows["1"].id, progress="已完成5个", by="张三")
    ledger.correct_field(rows["2"].id, "deadline", "2024-11-30", by="张三")
    ledger.correct_field(rows["2"].id, "lead_units", ["县水务局"], by="张三")
    ledger.set_status(rows["4"].id, "suspended", by="张三")

    reissued = [
        replace(tasks[0], text="完成老旧小区改造15个。", deadline="2024-09-30"),
        replace(
            tasks[1],
            text="年底前建成第二污水处理厂。",
            deadline="2024-12-31",
            lead_units=["县水利局", "县城投公司"],
        ),
        tasks[2],
        # task "4" dropped (has clerk work → retired); a new task "5" appears
        make_task("新增：开展河道清理。", "5", lead_units=["县水利局"]),
    ]
    report = ledger.import_result(
        make_result(reissued, text="corrected re-issue"), allow_retire=True
    )
    assert report.outcome == "reissue_updated"
    assert (report.tasks_added, report.tasks_retired) == (1, 1)
    assert report.tasks_updated == 2

    after = {r.ref: r for r in ledger.tasks()}
    assert set(after) == {"1", "2", "3", "5"}
    one = after["1"]
    assert one.id == rows["1"].id
    assert one.text == "完成老旧小区改造15个。"
    assert one.status == "in_progress"
    assert one.latest_note is not None and one.latest_note.progress == "已完成5个"
    two = after["2"]
    assert two.text == "年底前建成第二污水处理厂。"  # not corrected: extraction wins
    assert str(two.deadline) == "2024-11-30"  # corrected: clerk wins
    assert two.lead_units == ("县水务局",)  # corrected unit list kept
    retired = ledger.tasks(TaskFilter(include_retired=True))
    assert any(r.ref == "4" and r.retired and r.status == "suspended" for r in retired)
    assert len(ledger.gazettes()) == 1


def test_reissue_retires_dropped_tasks_nobody_touched_and_brings_them_back(
    ledger: Ledger,
) -> None:
    """Even an untouched task is retired, not erased: printed again, it keeps its id."""
    tasks = sample_tasks()
    ledger.import_result(make_result(tasks))
    ids = {r.ref: r.id for r in ledger.tasks()}
    shorter = make_result(tasks[:2], text="shorter re-issue")
    with pytest.raises(ImportWouldRetireError) as refused:
        ledger.import_result(shorter)
    assert {t.task_id for t in refused.value.plan.retire} == {ids["3"], ids["4"]}
    assert ledger.count() == len(tasks)  # refused: nothing changed
    report = ledger.import_result(shorter, allow_retire=refused.value.plan.retire_ids)
    assert (report.tasks_retired, report.tasks_deleted) == (2, 0)
    assert {r.ref for r in ledger.tasks()} == {"1", "2"}
    back = ledger.import_result(make_result(tasks, text="full issue again"))
    assert back.tasks_restored == 2 and back.tasks_added == 0
    assert {r.ref: r.id for r in ledger.tasks()} == ids


def test_other_issue_of_same_county_is_not_a_reissue(ledger: Ledger) -> None:
    ledger.import_result(make_result(sample_tasks(), issue=1))
    report = ledger.import_result(make_result(sample_tasks(), issue=2, text="issue 2"))
    assert report.outcome == "imported" and report.known_documents == ()
    assert ledger.count() == 2 * len(sample_tasks())


def test_repeated_items_without_numbering_stay_distinct(ledger: Ledger) -> None:
    same = [make_task("开展安全检查。", None), make_task("开展安全检查。", None, line=20)]
    ledger.import_result(make_result(same))
    assert ledger.count() == 2
    # and a re-issue matches them one to one (no duplicates, no deletions)
    report = ledger.import_result(make_result(same, text="re-issue"))
    assert (report.tasks_added, report.tasks_deleted) == (0, 0)
    assert ledger.count() == 2


def test_reissue_without_issue_number_is_found_by_file_name_and_shared_tasks(
    ledger: Ledger,
) -> None:
    tasks = sample_tasks()
    anon = dict(county=None, year=None, issue=None, source="/in/关于重点任务分工的通知.txt")
    ledger.import_result(make_result(tasks, **anon))
    first = ledger.tasks()[0]
    ledger.set_status(first.id, "in_progress", by="甲")
    changed = [replace(tasks[0], text="改正后的任务。"), *tasks[1:]]
    report = ledger.import_result(make_result(changed, text="corrected", **anon))
    assert report.outcome == "reissue_updated"
    assert ledger.task(first.id).task.status == "in_progress"
    # same name, nothing in common: a different document, imported on its own
    other = [make_task("完全不同的任务。", "1", doc_number="兴政办发〔2024〕9号")]
    assert ledger.import_result(make_result(other, text="other", **anon)).outcome == "imported"


def test_reissue_updates_a_field_whose_correction_was_undone(ledger: Ledger) -> None:
    tasks = sample_tasks()
    ledger.import_result(make_result(tasks))
    two = next(r for r in ledger.tasks() if r.ref == "2")
    ledger.correct_field(two.id, "deadline", "2024-11-30", by="张三")
    ledger.correct_field(two.id, "deadline", "2024-12-31", by="张三")  # 撤销
    reissued = [tasks[0], replace(tasks[1], deadline="2025-03-31"), *tasks[2:]]
    ledger.import_result(make_result(reissued, text="corrected re-issue"))
    assert str(next(r for r in ledger.tasks() if r.ref == "2").deadline) == "2025-03-31"
