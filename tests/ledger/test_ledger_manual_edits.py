"""Tasks added and deleted by hand, notes removed, amounts corrected, source excerpts."""

from __future__ import annotations

from pathlib import Path

import pytest
from ledger_factories import make_result, make_task, sample_tasks
from seedfiles import seed_path

from core import extract
from core.ledger import InvalidFieldError, Ledger, TaskFilter


@pytest.fixture
def gazette_id(ledger: Ledger) -> int:
    return ledger.import_result(make_result(sample_tasks())).gazette_id


def test_added_task_is_manual_listed_and_in_history(ledger: Ledger, gazette_id: int) -> None:
    before = ledger.count()
    row = ledger.add_task(
        gazette_id,
        "  补充：完成背街小巷整治。 ",
        lead_units="县住建局、县城管局",
        support_units=["县财政局"],
        deadline="2024-09-30",
        amounts="24万元；0.9元/棒",
        by="王五",
    )
    assert row.manual and row.kind == "manual" and row.text == "补充：完成背街小巷整治。"
    assert row.lead_units == ("县住建局", "县城管局") and row.support_units == ("县财政局",)
    assert str(row.deadline) == "2024-09-30" and row.status == "not_started"
    assert [(a["yuan"], a["per"]) for a in row.amounts] == [(240000, None), (0.9, "棒")]
    assert ledger.count() == before + 1
    assert row.id in ledger.task_ids(TaskFilter(unit="县城管局"))
    [h] = ledger.task(row.id).history
    assert (h.from_status, h.to_status, h.by) == (None, "not_started", "王五")


def test_add_task_refuses_empty_text_and_foreign_document(ledger: Ledger, gazette_id: int) -> None:
    with pytest.raises(InvalidFieldError):
        ledger.add_task(gazette_id, "   ")
    other = ledger.import_result(
        make_result([make_task("别的任务。", "1")], source="/data/另一期.txt", issue=2)
    )
    doc = ledger.tasks(TaskFilter(gazette_id=other.gazette_id))[0].document_id
    assert doc is not None
    with pytest.raises(InvalidFieldError):
        ledger.add_task(gazette_id, "任务", document_id=doc)
    ok = ledger.add_task(other.gazette_id, "挂在文件下的任务。", document_id=doc)
    assert ok.document_id == doc and ok.doc_number == "兴政发〔2024〕5号"


def test_delete_hides_keeps_history_and_restore_brings_back(
    ledger: Ledger, gazette_id: int
) -> None:
    task = ledger.tasks()[0]
    ledger.add_note(task.id, progress="已开工")
    version = ledger.rows([task.id])[0].version
    assert version == task.version + 1  # the note bumped it
    gone = ledger.delete_task(task.id, by="王五", expected_version=version)
    assert gone.retired
    assert task.id not in ledger.task_ids()
    assert ledger.count() == 3
    back = ledger.restore_task(task.id, by="王五")
    assert not back.retired and task.id in ledger.task_ids()
    detail = ledger.task(task.id)
    assert [n.progress for n in detail.notes] == ["已开工"]
    assert [(c.field, c.new_value, c.by) for c in detail.corrections] == [
        ("deleted", True, "王五"),
        ("deleted", False, "王五"),
    ]


def test_reissue_keeps_manual_tasks_and_deleted_tasks_stay_deleted(
    ledger: Ledger, gazette_id: int
) -> None:
    manual = ledger.add_task(gazette_id, "人工补录的任务。")
    victim = next(r for r in ledger.tasks() if r.ref == "2")
    ledger.delete_task(victim.id)
    # A corrected re-issue (same county/year/issue, new text) still printing task 2.
    tasks = sample_tasks()
    tasks[0].text = "完成老旧小区改造15个。"
    report = ledger.import_result(make_result(tasks, text="重新下发的全文"))
    assert report.outcome == "reissue_updated"
    ids = ledger.task_ids()
    assert manual.id in ids
    assert victim.id not in ids
    assert ledger.task(manual.id).task.text == "人工补录的任务。"


def test_delete_note_removes_it(ledger: Ledger, gazette_id: int) -> None:
    task = ledger.tasks()[0]
    note = ledger.add_note(task.id, progress="写错了")
    row = ledger.delete_note(note.id, by="王五")
    assert row.id == task.id and row.latest_note is None
    assert ledger.task(task.id).notes == ()
    with pytest.raises(InvalidFieldError):
        ledger.delete_note(note.id)


def test_amounts_are_correctable_from_text(ledger: Ledger, gazette_id: int) -> None:
    task = next(r for r in ledger.tasks() if r.amounts)
    row = ledger.correct_field(task.id, "amounts", "24万元；0.9元/棒")
    assert [a["text"] for a in row.amounts] == ["24万元", "0.9元/棒"]
    assert row.amounts[0]["yuan"] == 240000 and row.amounts[1]["per"] == "棒"
    assert "amounts" in row.corrected_fields
    [c] = ledger.task(task.id).corrections
    assert c.old_value == [dict(a) for a in task.amounts]
    with pytest.raises(InvalidFieldError):
        ledger.correct_field(task.id, "amounts", "没有金额")
    assert ledger.correct_field(task.id, "amounts", "").amounts == ()


def test_source_excerpt_from_stored_text_marks_the_target(tmp_path: Path) -> None:
    seed = seed_path("000")
    result = extract(seed)
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}") as ledger:
        ledger.import_result(result)
    # The file is not needed any more: the text lives in the ledger (reopened here).
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}") as ledger:
        row = next(r for r in ledger.tasks() if r.line > 10)
        lines = ledger.source_excerpt(row.id, context=3)
        source = result.text.splitlines()
        assert [x.no for x in lines] == list(range(row.line - 3, row.line + 4))
        assert [x.no for x in lines if x.target] == [row.line]
        assert all(x.text == source[x.no - 1] for x in lines)
        first = ledger.source_excerpt(row.id, context=0)
        assert len(first) == 1 and first[0].target
        manual = ledger.add_task(row.gazette_id, "人工任务。")
        assert ledger.source_excerpt(manual.id) == []
