"""PDF input: PDFs printed from seed text load into text that extracts the same tasks."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import seed_path

import core
from core.errors import CorruptFileError, EncryptedFileError, ScannedPdfError
from core.formats.pdf import load_pdf
from core.formats.rebuild import PAGE_NUMBER_RE
from tests.formats.builders import build_encrypted_pdf, build_pdf, build_scanned_pdf
from tests.formats.conftest import SeedDocument
from tests.formats.equivalence import differences


def test_ruled_table_pdf_gives_the_seed_tasks(table_doc: SeedDocument, table_pdf: Path) -> None:
    result = core.extract(table_pdf)
    assert result.source_format == "pdf"
    assert table_doc.tasks
    report = differences(table_doc.tasks, result.tasks)
    assert not report, report
    assert {t.doc_number for t in result.tasks} == {table_doc.doc_number}


def test_task_division_list_pdf_gives_the_seed_tasks(
    list_doc: SeedDocument, list_pdf: Path
) -> None:
    result = core.extract(list_pdf)
    assert list_doc.tasks
    report = differences(list_doc.tasks, result.tasks)
    assert not report, report


def test_tasks_carry_the_page_they_are_printed_on(list_pdf: Path) -> None:
    source = load_pdf(list_pdf)
    lines = source.text.splitlines()
    assert source.pages is not None and len(source.pages) == len(lines)
    assert source.pages == sorted(source.pages)
    last_page = source.pages[-1]
    assert last_page > 3  # the list runs over several pages
    result = core.extract(list_pdf)
    for task in result.tasks:
        assert task.page == source.pages[task.line - 1]
    assert {t.page for t in result.tasks} >= set(range(2, last_page))


def test_table_rows_follow_the_seed_conventions(table_pdf: Path) -> None:
    source = load_pdf(table_pdf)
    lines = source.text.splitlines()
    header = "序号\t任务\t主要内容\t责任单位"
    header_pages = [source.pages[i] for i, line in enumerate(lines) if line == header]
    # The header row is printed on every page the table runs over, and read as printed.
    assert len(header_pages) >= 3 and len(set(header_pages)) == len(header_pages)
    assert "\t\t(2) 县安委会每月至少召开一次会议，分析安全形势，解决重大问题。\t县安委办" in lines
    assert any(line.startswith("4\t突出企业主体责任\t<p>(1) 企业法定代表人") for line in lines)
    # Printed page numbers (— 3 —) and the running head are not text of the gazette.
    assert not any(PAGE_NUMBER_RE.match(line) for line in lines if line)
    assert not any("人民政府公报" in line for line in lines)


def test_wrapped_paragraphs_are_rejoined(table_doc: SeedDocument, table_pdf: Path) -> None:
    """Each body paragraph of the seed is one line again, however many lines it printed on."""
    loaded = set(load_pdf(table_pdf).text.splitlines())
    body = [line for line in table_doc.lines if line.strip() and "\t" not in line]
    long_ones = [line for line in body if len(line) > 120]
    assert long_ones
    assert [line for line in body if line not in loaded] == []


@pytest.mark.parametrize("page_numbers", [False, True], ids=["no-text", "page-numbers-only"])
def test_scanned_pdf_is_refused(tmp_path: Path, page_numbers: bool) -> None:
    path = build_scanned_pdf(tmp_path / "扫描件.pdf", pages=3, page_numbers=page_numbers)
    with pytest.raises(ScannedPdfError) as info:
        core.extract(path)
    assert "扫描件.pdf" in str(info.value)
    assert "该PDF为扫描件（无文字层），暂不支持" in str(info.value)


def test_encrypted_pdf_is_refused(table_doc: SeedDocument, tmp_path: Path) -> None:
    path = build_encrypted_pdf(table_doc.lines, tmp_path / "加密.pdf")
    with pytest.raises(EncryptedFileError) as info:
        core.extract(path)
    assert "加密.pdf" in str(info.value)


def test_pdf_with_only_an_owner_password_is_read(table_doc: SeedDocument, tmp_path: Path) -> None:
    """Offices often forbid printing or copying with an owner password; it opens freely."""
    path = build_encrypted_pdf(table_doc.lines, tmp_path / "限制编辑.pdf", user_password="")
    assert table_doc.lines[0].strip()[:20] in load_pdf(path).text


def test_truncated_pdf_is_refused(table_pdf: Path, tmp_path: Path) -> None:
    data = table_pdf.read_bytes()
    path = tmp_path / "下载中断.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as info:
        core.extract(path)
    assert "下载中断.pdf" in str(info.value)


def test_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "伪装.pdf"
    path.write_bytes("这不是PDF文件".encode() * 100)
    with pytest.raises(CorruptFileError, match=r"伪装\.pdf"):
        load_pdf(path)


@pytest.mark.slow
def test_whole_issue_pdf_gives_the_seed_tasks(tmp_path: Path) -> None:
    """Seed 002 printed whole (project tables of 14 columns, lists, notices): same tasks."""
    seed = seed_path("002")
    path = build_pdf(seed.read_text(encoding="utf-8").splitlines(), tmp_path / "002.pdf")
    expected = core.extract(seed).tasks
    report = differences(expected, core.extract(path).tasks)
    assert not report, report


def test_borderless_table_pdf_gives_the_seed_tasks(table_doc: SeedDocument, tmp_path: Path) -> None:
    """The same table printed with no ruling line at all: columns come from the header."""
    path = build_pdf(table_doc.lines, tmp_path / "borderless.pdf", ruled=False)
    rows = load_pdf(path).text.splitlines()
    assert "序号\t任务\t主要内容\t责任单位" in rows
    assert "\t\t(2) 县安委会每月至少召开一次会议，分析安全形势，解决重大问题。\t县安委办" in rows
    report = differences(table_doc.tasks, core.extract(path).tasks)
    assert not report, report


def test_body_text_is_no_borderless_table(list_doc: SeedDocument, list_pdf: Path) -> None:
    """A task list in running text (numbers, dates, spaced digits) holds no table."""
    assert not any("\t" in line for line in load_pdf(list_pdf).text.splitlines())
