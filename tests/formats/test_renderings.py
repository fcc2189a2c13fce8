"""Renderings of one task section by other tools load into the seed's tasks.

Outside checks render a single section of a gazette (its title and 文号 lines, then the task
table or list) with tools the project does not control. These tests do the same at test
time: a DOCX whose table is typed with tab stops instead of a Word table, and (when
LibreOffice is installed) the Word-table DOCX printed to PDF by LibreOffice, whose tall
rows break across pages. The tasks must equal those extracted from the seed text of the
same document.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

import core
from core.formats.docx import load_docx
from core.formats.pdf import load_pdf
from tests.formats.builders import build_docx, libreoffice_pdf
from tests.formats.conftest import SeedDocument
from tests.formats.equivalence import differences

_P_BREAK = re.compile(r"</p> *<p>")
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def typed_table_docx(lines: list[str], path: Path) -> Path:
    """Every seed line a Word paragraph: cells separated by tab stops (leading tabs kept for
    continuation rows), a cell's paragraphs parted by manual line breaks (Shift+Enter)."""
    document = docx.Document()
    for line in lines:
        if line.strip():
            text = _P_BREAK.sub("\n", line).replace("<p>", "").replace("</p>", "")
            document.add_paragraph(text.strip(" "))  # python-docx: \t -> w:tab, \n -> w:br
    document.save(str(path))
    return path


def assert_same_tasks(expected: SeedDocument, path: Path) -> None:
    result = core.extract(path)
    assert expected.tasks
    report = differences(expected.tasks, result.tasks)
    assert not report, report


def test_table_typed_with_tab_stops_gives_the_seed_tasks(
    table_doc: SeedDocument, tmp_path: Path
) -> None:
    path = typed_table_docx(table_doc.lines, tmp_path / "typed.docx")
    assert "<w:tbl>" not in _document_xml(path)
    assert_same_tasks(table_doc, path)


def test_typed_rows_keep_empty_leading_cells_and_parted_cells(
    table_doc: SeedDocument, tmp_path: Path
) -> None:
    lines = load_docx(typed_table_docx(table_doc.lines, tmp_path / "typed.docx")).text
    rows = lines.splitlines()
    assert "\t\t(2) 县安委会每月至少召开一次会议，分析安全形势，解决重大问题。\t县安委办" in rows
    # Rows of one table follow each other; a header typed again opens a new chunk.
    header = "序号\t任务\t主要内容\t责任单位"
    for i, row in enumerate(rows):
        if row == header and i > 0:
            assert rows[i - 1] == ""
        elif "\t" in row and i + 1 < len(rows) and "\t" in rows[i + 1]:
            assert rows[i + 1]  # no blank line inside a run of rows
    assert any("</p> <p>" in row for row in rows)


def test_tab_that_only_indents_is_no_cell(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("\t各乡镇要认真落实安全生产责任。")
    document.add_paragraph("附件：\t重点任务分工")
    document.save(str(tmp_path / "indent.docx"))
    text = load_docx(tmp_path / "indent.docx").text.splitlines()
    assert text[0] == "各乡镇要认真落实安全生产责任。"
    assert text[2] == "附件：\t重点任务分工"  # two pieces: a row, harmless without a header


@needs_soffice
def test_libreoffice_pdf_of_word_table_gives_the_seed_tasks(
    table_doc: SeedDocument, tmp_path: Path
) -> None:
    source = build_docx(table_doc.lines, tmp_path / "table.docx")
    pdf = libreoffice_pdf(source, tmp_path)
    loaded = load_pdf(pdf)
    # LibreOffice lets a tall row break across pages: the rest must rejoin its row.
    rows = loaded.text.splitlines()
    assert not any(r.startswith("\t\t") and r.endswith("\t") and "(" not in r[:4] for r in rows)
    result = core.extract(pdf)
    got = {t.text.replace(" ", "") for t in result.tasks}
    want = {t.text.replace(" ", "") for t in table_doc.tasks}
    # LibreOffice draws Chinese quotes in a fallback font; the text layer may hold them out
    # of order, so the check is on matched tasks rather than exact equality.
    matched = len(got & want)
    assert matched >= 0.9 * len(want), f"{matched} of {len(want)} seed tasks"
    assert len(result.tasks) <= len(table_doc.tasks) + 2


def _document_xml(path: Path) -> str:
    import zipfile

    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


@needs_soffice
def test_libreoffice_pdf_of_text_with_tab_separated_cells_gives_the_seed_tasks(
    table_doc: SeedDocument, tmp_path: Path
) -> None:
    """Plain text printed by LibreOffice: cells jump to tab stops, rows wrap at the margin,
    nothing is ruled. The tab grid turns the jumps back into cells."""
    source = tmp_path / "typed.txt"
    source.write_text("\n".join(line for line in table_doc.lines if line.strip()), "utf-8")
    pdf = libreoffice_pdf(source, tmp_path)
    rows = load_pdf(pdf).text.splitlines()
    assert "序号\t任务\t主要内容\t责任单位" in rows
    assert any(r.startswith("\t\t(2) 县安委会每月至少召开一次会议") for r in rows)
    result = core.extract(pdf)
    pairs = [(want, _closest(want, result.tasks)) for want in table_doc.tasks]
    matched = [(want, got) for want, got in pairs if got is not None]
    # A row wrapped just where a tab jumped loses that tab: most, not all, tasks survive.
    assert len(matched) >= 0.85 * len(table_doc.tasks), f"{len(matched)} of {len(pairs)}"
    assert len(result.tasks) <= len(table_doc.tasks) + 3
    same_units = [1 for want, got in matched if got.lead_units == want.lead_units]
    assert len(same_units) >= 0.75 * len(matched)


def _closest(want: core.Task, tasks: list[core.Task]) -> core.Task | None:
    """The extracted task whose text is nearly the seed task's (spacing aside), if any."""
    from difflib import SequenceMatcher

    key = want.text.replace(" ", "")
    best = max(tasks, key=lambda t: SequenceMatcher(None, key, t.text.replace(" ", "")).ratio())
    ratio = SequenceMatcher(None, key, best.text.replace(" ", "")).ratio() if tasks else 0
    return best if ratio >= 0.9 else None


PROJECT_DOC = ("002", "中政发〔2023〕3号")


@needs_soffice
@pytest.mark.parametrize("typed_in", ["docx", "txt"])
def test_libreoffice_pdf_of_a_project_table_typed_with_tabs_gives_the_text_tasks(
    tmp_path: Path, typed_in: str
) -> None:
    """中阳's 14-column project table typed with tabs (in Word, or as plain text) and
    printed by LibreOffice: every row runs over two or three printed lines, wraps where a
    tab jumps past the margin, and many cells end a hair short of their tab stop. The
    tasks must be those of the text (same text, units and deadline; amounts, whose cells
    are the narrowest, nearly always)."""
    from tests.formats.conftest import seed_document

    expected = seed_document(*PROJECT_DOC)
    if typed_in == "docx":
        source = typed_table_docx(expected.lines, tmp_path / "project.docx")
    else:
        source = tmp_path / "project.txt"
        source.write_text("\n".join(ln for ln in expected.lines if ln.strip()), "utf-8")
    pdf = libreoffice_pdf(source, tmp_path)
    result = core.extract(pdf)
    pairs = [(want, _closest(want, result.tasks)) for want in expected.tasks]
    matched = [(want, got) for want, got in pairs if got is not None]
    f1 = 2 * len(matched) / (len(expected.tasks) + len(result.tasks))
    assert f1 >= 0.95, f"F1 {f1:.3f}: {len(matched)} of {len(expected.tasks)} seed tasks"
    assert all(got.lead_units == want.lead_units for want, got in matched)
    same_deadline = sum(1 for want, got in matched if got.deadline == want.deadline)
    assert same_deadline >= 0.98 * len(matched)
    same_amounts = sum(
        1
        for want, got in matched
        if sorted(a.yuan for a in got.amounts) == sorted(a.yuan for a in want.amounts)
    )
    assert same_amounts >= 0.9 * len(matched)


@needs_soffice
def test_libreoffice_pdf_of_the_safety_table_typed_in_word_gives_the_seed_tasks(
    table_doc: SeedDocument, tmp_path: Path
) -> None:
    """兴县's 重点任务分工 typed with tabs in Word, a cell's sub-items parted by manual line
    breaks, printed by LibreOffice: each break starts a line of its own at the margin, which
    is the cell's next paragraph, not a new row (Word spaces its paragraphs, not the lines
    of one)."""
    pdf = libreoffice_pdf(typed_table_docx(table_doc.lines, tmp_path / "typed.docx"), tmp_path)
    result = core.extract(pdf)
    pairs = [(want, _closest(want, result.tasks)) for want in table_doc.tasks]
    matched = [(want, got) for want, got in pairs if got is not None]
    f1 = 2 * len(matched) / (len(table_doc.tasks) + len(result.tasks))
    assert f1 >= 0.95, f"F1 {f1:.3f}: {len(matched)} of {len(table_doc.tasks)} seed tasks"
    same_units = sum(1 for want, got in matched if got.lead_units == want.lead_units)
    assert same_units >= 0.9 * len(matched)
