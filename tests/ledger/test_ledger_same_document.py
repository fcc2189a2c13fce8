"""The same 公文 imported twice from different files (gazette .txt, then its DOCX or PDF).

Real files: seed 002 as text, and DOCX/PDF files built from the seed's own lines of one of
its documents (tests/formats/builders.py). The second file must update that document's
tasks in place, never add copies, and keep what the clerk did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import seed_path

import core
from core.ledger import Ledger
from core.ledger.importing.known_documents import document_identity
from core.model import ExtractionResult
from tests.formats.builders import build_docx, build_pdf

DOC = "中政办发〔2023〕4号"  # 重点工作任务分工 of seed 002: a numbered list


@pytest.fixture(scope="module")
def seed002() -> ExtractionResult:
    return core.extract(seed_path("002"))


def document_lines(result: ExtractionResult, doc_number: str) -> tuple[int, list[str]]:
    """First line number and the seed's lines of the (body) document with this 文号."""
    doc = next(d for d in result.documents if d.doc_number == doc_number and not d.is_toc)
    text = Path(result.source).read_text(encoding="utf-8").splitlines()
    return doc.first_line, text[doc.first_line - 1 : doc.last_line]


def test_docx_of_a_document_already_imported_updates_it_without_copies(
    ledger: Ledger, tmp_path: Path, seed002: ExtractionResult
) -> None:
    ledger.import_result(seed002, by="甲")
    total = ledger.count()
    mine = [r for r in ledger.tasks() if r.doc_number == DOC]
    assert len(mine) > 100
    started, noted, corrected, reworded = mine[:4]
    ledger.set_status(started.id, "in_progress", by="乙")
    ledger.add_note(noted.id, progress="已召开专题会议部署", by="乙")
    ledger.correct_field(corrected.id, "text", "人工更正后的任务内容", by="乙")

    # The office's file words two items differently: one the clerk corrected, one not.
    first, lines = document_lines(seed002, DOC)
    for row in (corrected, reworded):
        i = row.line - first
        head = row.text[:6]
        assert head in lines[i]
        lines[i] = lines[i].replace(head, head + "（修订）", 1)
    path = build_docx(lines, tmp_path / "中政办发2023-4.docx")

    report = ledger.import_file(path, by="丙")
    assert report.outcome == "documents_updated"
    assert report.known_documents == (DOC,)
    assert f"已存在的公文：{DOC}，已按更新处理" in report.message
    assert report.tasks_added == 0 and report.tasks_updated == 1
    assert ledger.count() == total
    assert len(ledger.gazettes()) == 1  # no empty issue for the DOCX

    after = {r.id: r for r in ledger.tasks()}
    assert after[started.id].status == "in_progress"
    assert [n.progress for n in ledger.task(noted.id).notes] == ["已召开专题会议部署"]
    assert after[corrected.id].text == "人工更正后的任务内容"  # never overwritten
    assert "（修订）" in after[reworded.id].text
    # Provenance stays with the gazette whose text the excerpt shows.
    assert (after[reworded.id].gazette_id, after[reworded.id].line) == (
        reworded.gazette_id,
        reworded.line,
    )
    assert not any("（修订）" in ln.text for ln in ledger.source_excerpt(reworded.id))

    again = ledger.import_file(path, by="丙")  # the same DOCX once more: nothing changes
    assert again.outcome == "documents_updated" and again.tasks_updated == 0
    assert ledger.count() == total


def test_pdf_first_then_the_gazette_adds_only_the_other_documents(
    ledger: Ledger, tmp_path: Path, seed002: ExtractionResult
) -> None:
    _, lines = document_lines(seed002, DOC)
    pdf = build_pdf(lines, tmp_path / "中政办发2023-4.pdf", running_head="中阳县人民政府公报")
    first = ledger.import_file(pdf, by="甲")
    assert first.outcome == "imported" and first.known_documents == ()
    from_pdf = {r.id: r for r in ledger.tasks()}
    ledger.set_status(next(iter(from_pdf)), "done", by="甲")

    report = ledger.import_result(seed002, by="甲")
    assert report.outcome == "imported"
    assert report.known_documents == (DOC,)
    assert (
        "已按更新处理" in report.message and f"新增 {report.tasks_added} 条任务" in report.message
    )
    in_doc = sum(1 for t in seed002.tasks if t.doc_number == DOC)
    assert report.tasks_added == len(seed002.tasks) - in_doc
    # Exactly the gazette's tasks once: no copy of the document's tasks.
    assert ledger.count() == len(seed002.tasks)
    assert sum(1 for r in ledger.tasks() if r.doc_number == DOC) == in_doc
    assert {r.id for r in ledger.tasks() if r.doc_number == DOC} == set(from_pdf)
    assert ledger.task(next(iter(from_pdf))).task.status == "done"


def test_a_document_new_to_the_ledger_imports_as_usual(
    ledger: Ledger, tmp_path: Path, seed002: ExtractionResult
) -> None:
    ledger.import_result(seed002, by="甲")
    total = ledger.count()
    other = core.extract(seed_path("000"))
    number = "兴政发〔2023〕4号"
    _, lines = document_lines(other, number)
    report = ledger.import_file(build_docx(lines, tmp_path / "兴政发2023-4.docx"), by="甲")
    assert report.outcome == "imported" and report.known_documents == ()
    assert "已存在" not in report.message
    assert report.tasks_added == sum(1 for t in other.tasks if t.doc_number == number) > 0
    assert ledger.count() == total + report.tasks_added


def test_document_identity_is_the_doc_number_else_title_and_date() -> None:
    assert document_identity("中政办发[2023]4号", "x", None) == document_identity(
        "中政办发〔2023〕4号", "另一个标题", "2023-03-21"
    )
    assert document_identity("中政办发〔2023〕4号", "t", None) != document_identity(
        "中政办发〔2023〕5号", "t", None
    )
    titled = document_identity(None, "关于 做好防汛工作的通知", "2023-06-01")
    assert titled == document_identity(None, "关于做好防汛工作的通知", "2023-06-01")
    assert titled != document_identity(None, "关于做好防汛工作的通知", "2024-06-01")
    assert document_identity(None, "政府工作报告", None) is None  # a title alone is not enough
