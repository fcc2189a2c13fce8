"""Every document of an issue, its text and task spans, missed cues, dismissals, tasks added
from the source with provenance, and corrections of many tasks in one transaction."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ledger_factories import make_result, make_task, sample_tasks
from seedfiles import SHARED

from core import extract
from core.ledger import InvalidFieldError, Ledger, TaskFilter
from core.ledger.editing.manual_tasks import Provenance
from core.ledger.reading.spans import task_extent
from core.model import Document, ExtractionResult, MissedCue

CANZHUO = SHARED / "devset2" / "pt_canzhuo_2016.txt"
REASON = "有责任单位标注，但未能对应到任务"


def _line_of(path: Path, start: str) -> int:
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(start):
            return no
    raise AssertionError(start)


def _canzhuo_with_cues(path: Path = CANZHUO) -> tuple[ExtractionResult, list[int]]:
    """The real extraction, with cues on item lines no task starts on (the contract the
    cue finder fills; set here so the test does not depend on its progress)."""
    result = extract(path)
    lines = [
        _line_of(CANZHUO, p) for p in ("1.推广绿色生产技术", "2.推进农业标准化", "3.开展专项整治")
    ]
    # Missed on purpose, should the extractor one day find them.
    result.tasks = [t for t in result.tasks if t.line not in lines]
    texts = CANZHUO.read_text(encoding="utf-8").splitlines()
    [doc] = [d for d in result.documents if not d.is_toc]
    doc.missed = [MissedCue(n, texts[n - 1][:30], REASON) for n in lines]
    return result, lines


def test_every_document_is_listed_with_counts_and_open_cues(ledger: Ledger) -> None:
    result, cue_lines = _canzhuo_with_cues()
    result.documents.append(
        Document("另一份没有任务的通知", "岚综管办〔2016〕88号", None, None, 90, 95, flagged=True)
    )
    gid = ledger.import_result(result).gazette_id
    docs = ledger.documents(gid)
    assert [d.doc_number for d in docs] == ["岚综管办〔2016〕87号", "岚综管办〔2016〕88号"]
    first, empty = docs
    assert first.task_count == len(result.tasks) and first.open_cues == len(cue_lines) > 0
    assert first.needs_review and not first.flag_open
    assert empty.task_count == 0 and empty.flag_open and empty.needs_review


def test_document_text_spans_and_cues_survive_the_file_moving(
    ledger: Ledger, tmp_path: Path
) -> None:
    copy = tmp_path / CANZHUO.name
    shutil.copy(CANZHUO, copy)
    result, cue_lines = _canzhuo_with_cues(copy)
    gid = ledger.import_result(result).gazette_id
    copy.unlink()
    [doc] = ledger.documents(gid)
    text = ledger.document_text(doc.id)
    assert [ln.no for ln in text.lines] == list(range(doc.first_line, doc.last_line + 1))
    assert text.lines[0].text == CANZHUO.read_text(encoding="utf-8").splitlines()[0]
    assert [c.line for c in text.cues] == cue_lines and all(c.open for c in text.cues)
    for task in result.tasks:
        span = next(s for s in text.spans if s.first == task.line)
        assert span.first <= span.last


def test_task_extent_follows_the_words_of_the_task() -> None:
    lines = [
        "6.开展保健食品专项检查。定期开展对保健食品生产经营企",
        "业的执法检查，开展重点产品抽查，整治夸大和虚假宣传保健功",
        "能的违法行为。（区市场监管局）",
        "（五）食品流通环节",
    ]
    text = (
        "开展保健食品专项检查。定期开展对保健食品生产经营企业的执法检查，"
        "开展重点产品抽查，整治夸大和虚假宣传保健功能的违法行为。"
    )
    assert task_extent(lines, 1, 4, text) == 3
    labelled = ["1.建设停车平台。", "牵头单位：区住建局", "完成时限：年底前", "2.另一项。"]
    assert task_extent(labelled, 1, 4, "建设停车平台。") == 3


def test_task_added_from_the_source_records_provenance_and_covers_its_cue(
    ledger: Ledger,
) -> None:
    result, cue_lines = _canzhuo_with_cues()
    gid = ledger.import_result(result).gazette_id
    [doc] = ledger.documents(gid)
    no = cue_lines[0]
    p = ledger.prefill_task(doc.id, no, no)
    assert p.lead_units == ("区农发局",) and p.year == 2016 and p.line == no
    row = ledger.add_task(
        p.gazette_id,
        p.text,
        document_id=p.document_id,
        lead_units=p.lead_units,
        support_units=p.support_units,
        deadline="2016-12-31",
        provenance=Provenance(
            line=p.line,
            last_line=p.last_line,
            section=p.section,
            group=p.group,
            ref=p.ref,
            deadline_text="年底前",
        ),
        by="王五",
    )
    assert row.manual and row.line == no and row.document_id == doc.id
    assert (row.section, row.group, row.ref) == ("二、目标任务", "种植养殖环节", "二/(一)/1")
    assert row.deadline_text == "年底前" and row.lead_units == ("区农发局",)
    [after] = ledger.documents(gid)
    assert after.task_count == doc.task_count + 1 and after.open_cues == doc.open_cues - 1
    covered = {c.line: c.covered for c in ledger.document_text(doc.id).cues}
    assert covered[no] and not any(v for k, v in covered.items() if k != no)
    span = next(s for s in ledger.document_text(doc.id).spans if s.task_id == row.id)
    assert (span.first, span.last, span.manual) == (no, no, True)


def test_provenance_outside_the_document_is_refused(ledger: Ledger) -> None:
    result, _ = _canzhuo_with_cues()
    gid = ledger.import_result(result).gazette_id
    [doc] = ledger.documents(gid)
    with pytest.raises(InvalidFieldError):
        ledger.prefill_task(doc.id, doc.last_line + 1, doc.last_line + 2)
    with pytest.raises(InvalidFieldError):
        ledger.add_task(gid, "x", document_id=doc.id, provenance=Provenance(line=9999))


def test_dismissals_are_remembered_and_survive_a_reissue(ledger: Ledger) -> None:
    result, cue_lines = _canzhuo_with_cues()
    gid = ledger.import_result(result).gazette_id
    [doc] = ledger.documents(gid)
    cues = ledger.document_text(doc.id).cues
    assert ledger.dismiss_cues([cues[0].id], by="王五") == [cues[0].id]
    assert ledger.documents(gid)[0].open_cues == len(cue_lines) - 1
    # a corrected re-issue (new text, same file name, tasks in common) keeps the dismissal
    again, _ = _canzhuo_with_cues()
    again.text += "\n"
    again.text_sha256 = ""
    assert ledger.import_result(again).outcome == "reissue_updated"
    after = ledger.document_text(doc.id).cues
    assert [c.dismissed for c in after] == [True] + [False] * (len(cue_lines) - 1)
    # undo: restored
    assert ledger.dismiss_cues([after[0].id], dismissed=False) == [after[0].id]
    assert ledger.documents(gid)[0].open_cues == len(cue_lines)


def test_dismissing_a_document_clears_its_flag_and_cues_and_undo_restores(
    ledger: Ledger,
) -> None:
    result, cue_lines = _canzhuo_with_cues()
    result.documents[0].flagged = True
    result.tasks = []
    gid = ledger.import_result(result).gazette_id
    [doc] = ledger.documents(gid)
    assert doc.flag_open and doc.open_cues == len(cue_lines)
    dismissed = ledger.dismiss_document(doc.id, by="王五")
    [after] = ledger.documents(gid)
    assert not after.needs_review and len(dismissed) == len(cue_lines)
    ledger.dismiss_document(doc.id, dismissed=False)
    ledger.dismiss_cues(dismissed, dismissed=False)
    assert ledger.documents(gid)[0].needs_review


def test_pdf_pages_are_kept_for_every_line(ledger: Ledger) -> None:
    body = "\n".join(f"第{i}行" for i in range(1, 11))
    result = make_result([make_task("第3行", "1", line=3)], text=body)
    result.pages = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3]
    result.documents[0].last_line = 10
    gid = ledger.import_result(result).gazette_id
    [doc] = ledger.documents(gid)
    pages = [ln.page for ln in ledger.document_text(doc.id).lines]
    assert pages == result.pages
    p = ledger.prefill_task(doc.id, 5, 5)
    assert p.page == 2


def test_correct_fields_is_one_transaction(ledger: Ledger) -> None:
    ledger.import_result(make_result(sample_tasks()))
    rows = ledger.tasks()
    ids = [r.id for r in rows]
    changed = ledger.correct_fields([(i, "deadline", "2025-12-31") for i in ids], by="王五")
    assert [r.id for r in changed] == ids
    assert {str(r.deadline) for r in ledger.tasks()} == {"2025-12-31"}
    # one bad value: nothing at all changes
    bad = [(ids[0], "deadline", "2026-01-31"), (ids[1], "deadline", "不是日期")]
    with pytest.raises(InvalidFieldError):
        ledger.correct_fields(bad, by="王五")
    assert {str(r.deadline) for r in ledger.tasks()} == {"2025-12-31"}
    units = ledger.correct_fields([(i, "lead_units", ["县城管局"]) for i in ids[:2]])
    assert all(r.lead_units == ("县城管局",) for r in units)
    assert len(ledger.tasks(TaskFilter(unit="县城管局"))) == 2
