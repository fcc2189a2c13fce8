"""DOCX input: real Word files built from seed 000 load into text that extracts the same."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from seedfiles import seed_path

import core
from core.errors import CorruptFileError, EmptyFileError, EncryptedFileError, UnsupportedFormatError
from core.formats import legacy_message
from core.formats.docx import load_docx
from tests.formats.builders import build_docx
from tests.formats.conftest import SeedDocument
from tests.formats.equivalence import differences


def test_table_docx_gives_the_seed_tasks(table_doc: SeedDocument, table_docx: Path) -> None:
    result = core.extract(table_docx)
    assert result.source_format == "docx"
    assert table_doc.tasks, "the seed document must yield tasks for the comparison to mean much"
    assert not differences(table_doc.tasks, result.tasks), differences(
        table_doc.tasks, result.tasks
    )
    assert {t.doc_number for t in result.tasks} == {table_doc.doc_number}


def test_fixture_is_a_real_word_table_with_merges_and_numbering(table_docx: Path) -> None:
    """Guard the fixture itself: the comparison above must exercise merges and 自动编号."""
    xml = zipfile.ZipFile(table_docx).read("word/document.xml").decode("utf-8")
    assert "<w:tbl>" in xml
    assert 'w:vMerge w:val="restart"' in xml
    assert "<w:numPr>" in xml
    # The sub-item numbers live in numbering.xml, not in the text runs.
    assert "(2) 县安委会每月" not in xml
    assert "县安委会每月至少召开一次会议" in xml


def test_table_rows_follow_the_seed_conventions(table_docx: Path) -> None:
    lines = load_docx(table_docx).text.splitlines()
    header = next(line for line in lines if line.startswith("序号\t"))
    assert header == "序号\t任务\t主要内容\t责任单位"
    # A continuation row of a merged 序号/任务 cell prints them empty, and its automatic
    # sub-item number is back in front of the text.
    assert "\t\t(2) 县安委会每月至少召开一次会议，分析安全形势，解决重大问题。\t县安委办" in lines
    # Several paragraphs of one cell come back as <p>…</p> <p>…</p>.
    assert any(line.startswith("4\t突出企业主体责任\t<p>(1) 企业法定代表人") for line in lines)


def _numbering_xml(
    document: docx.document.Document, abstract_id: str, levels: list[tuple[str, str]]
) -> None:
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (
            ("w:start", "1"),
            ("w:numFmt", fmt),
            ("w:lvlText", text),
            ("w:suff", "nothing"),
        ):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), abstract_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)


def _numbered(document: docx.document.Document, text: str, num_id: str, ilvl: int) -> None:
    paragraph = document.add_paragraph(text)
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    paragraph._p.get_or_add_pPr().append(numpr)


def test_word_automatic_numbering_is_recovered(tmp_path: Path) -> None:
    document = docx.Document()
    _numbering_xml(
        document,
        "77",
        [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")],
    )
    _numbered(document, "李靖副县长负责的工作", "77", 0)
    _numbered(document, "应急管理局牵头负责的工作", "77", 1)
    _numbered(document, "牢固树立安全发展理念。", "77", 2)
    _numbered(document, "组建综合应急救援队伍。", "77", 2)
    _numbered(document, "行政审批服务管理局牵头负责的工作", "77", 1)
    _numbered(document, "落实落地“五有套餐”。", "77", 2)
    for _ in range(9):
        _numbered(document, "填充。", "77", 1)
    _numbered(document, "3. 已有编号的不再加编号。", "77", 2)
    _numbered(document, "王五副县长负责的工作", "77", 0)
    path = tmp_path / "numbered.docx"
    document.save(path)
    lines = [line for line in load_docx(path).text.splitlines() if line]
    assert lines[:6] == [
        "一、李靖副县长负责的工作",
        "（一）应急管理局牵头负责的工作",
        "1.牢固树立安全发展理念。",
        "2.组建综合应急救援队伍。",
        "（二）行政审批服务管理局牵头负责的工作",
        "1.落实落地“五有套餐”。",  # a lower level restarts under a new heading
    ]
    assert lines[-3] == "（十一）填充。"
    assert lines[-2] == "3. 已有编号的不再加编号。"
    assert lines[-1] == "二、王五副县长负责的工作"


def test_merged_units_cell_applies_to_every_sub_item(tmp_path: Path) -> None:
    """One 责任单位 cell spanning two sub-item rows belongs to both sub-items."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    for c, text in enumerate(["序号", "任务", "主要内容", "责任单位"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "做好源头把关"
    table.cell(1, 2).text = "(1) 严格规划。"
    table.cell(2, 2).text = "(2) 严禁承接淘汰项目。"
    table.cell(1, 3).text = "县发改局、县工信局"
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 3).merge(table.cell(2, 3))
    path = tmp_path / "merged.docx"
    document.save(path)
    assert load_docx(path).text.splitlines() == [
        "序号\t任务\t主要内容\t责任单位",
        "1\t做好源头把关\t(1) 严格规划。\t县发改局、县工信局",
        "\t\t(2) 严禁承接淘汰项目。\t县发改局、县工信局",
    ]


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_files_are_refused_with_conversion_advice(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"公报{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    with pytest.raises(UnsupportedFormatError) as info:
        core.extract(path)
    assert path.name in str(info.value)
    assert "另存为" in str(info.value) and ".docx" in str(info.value)
    message = legacy_message(path)
    assert suffix in message and "另存为" in message and ".docx" in message


def test_old_word_file_renamed_to_docx_gets_the_legacy_advice(tmp_path: Path) -> None:
    path = tmp_path / "改了后缀.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    with pytest.raises(UnsupportedFormatError, match="另存为"):
        load_docx(path)


def test_encrypted_docx_is_reported_as_encrypted(tmp_path: Path) -> None:
    # Word stores a password-protected .docx as an OLE container with an EncryptionInfo
    # stream (the stream directory names are UTF-16).
    path = tmp_path / "加密.docx"
    body = b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)
    with pytest.raises(EncryptedFileError) as info:
        core.extract(path)
    assert "加密.docx" in str(info.value)


def test_truncated_docx_is_corrupt(table_docx: Path, tmp_path: Path) -> None:
    data = table_docx.read_bytes()
    path = tmp_path / "截断.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError) as info:
        core.extract(path)
    assert "截断.docx" in str(info.value)


def test_empty_docx_is_reported_empty(tmp_path: Path) -> None:
    path = tmp_path / "空.docx"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        load_docx(path)


@pytest.mark.slow
def test_whole_issue_docx_gives_the_seed_tasks(tmp_path: Path) -> None:
    """Seed 002 as one Word file (project tables of 14 columns, lists, notices): same tasks."""
    seed = seed_path("002")
    path = build_docx(seed.read_text(encoding="utf-8").splitlines(), tmp_path / "002.docx")
    expected = core.extract(seed).tasks
    report = differences(expected, core.extract(path).tasks)
    assert not report, report
