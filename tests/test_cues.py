"""What was not assigned (issue 12 point 3): responsibility cues no task took, on real text.

The cue finder is tested with a given set of taken lines, so these tests hold whatever the
finders (improved in parallel) extract today; the end-to-end tests use a seed document whose
every task the extractor finds, and the corpus documents that assign nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import SHARED, seed_path

from core.cli.extract_cmd import format_summary
from core.cues import FLAG_REASON, find_cues, is_flagged, missed_cues
from core.cues.detect import (
    REASON_BRACKET,
    REASON_LABEL,
    REASON_TABLE_ROW,
    REASON_UNIT_HEADING,
)
from core.cues.names import is_unit_name, unit_names
from core.errors import NotGazetteError
from core.model import Document, ExtractionResult, Gazette, MissedCue
from core.pipeline import extract_file
from core.structure.documents import split_documents
from core.text.lines import SourceLine
from core.text.normalize import normalize_lines

DEVSET2 = SHARED / "devset2"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).parent / "fixtures_unseen"
HELDOUT = Path(__file__).parent / "heldout" / "texts"


def _doc_lines(path: Path, line: int | None = None) -> list[SourceLine]:
    """The normalized lines of the document holding `line` (the first non-目录 one by
    default), as the pipeline hands them to the finders."""
    lines = normalize_lines(path.read_text(encoding="utf-8"))
    docs = [d for d in split_documents(lines) if not d.is_toc]
    doc = docs[0] if line is None else next(d for d in docs if d.first_line <= line <= d.last_line)
    return [sl for sl in lines if doc.first_line <= sl.no <= doc.last_line]


# --- unit names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "区农发局",
        "区交通与建设局",
        "澳前片区开发管理局",
        "平潭综合实验区堤防建设工程有限公司",
        "县住房和城乡建设局",
        "县应急管理局（县安委办）",
        "各乡镇",
        "县直各部门",
        "各区属国企",
        "平潭出入境检验检疫局",
        "金罗镇",
    ],
)
def test_unit_names_are_recognised(name: str) -> None:
    assert is_unit_name(name)


@pytest.mark.parametrize(
    "text",
    [
        "含社区",
        "2016－2018年",
        "以下简称区农发局",
        "闽政〔2016〕6号",
        "此件详见县政府网站",
        "矿产勘查开发与保护布局",
        "研究县属国有企业破产重组",
        "谢秀桐",
        "各行政村",
    ],
)
def test_words_that_only_look_like_units_are_not(text: str) -> None:
    assert not unit_names(text)


# --- cues on real documents with a given set of taken lines --------------------------------

_BDB_LABELS = [9, 10, 12, 14, 15, 17, 18]  # 牵头单位：… / 推进单位：… / 牵头推进单位：…
_BDB_ROWS = [*range(32, 71), 72, *range(74, 87), 88]  # the 54 project rows


def test_labelled_units_and_a_project_table_are_all_reported_when_nothing_took_them() -> None:
    """pt_bdb_2016: four items each followed by 牵头单位/推进单位 lines, then a 54-row project
    table whose header names 分级管理单位. With no task, every labelled line and every
    project row is missed; the 合计 row, the category rows and the header are not cues, nor
    are the addressee line, the signature or the 印发 line."""
    lines = _doc_lines(DEVSET2 / "pt_bdb_2016.txt")
    missed = missed_cues(lines, taken=set())
    by_reason = {m.line: m.reason for m in missed}
    assert [n for n, r in by_reason.items() if r == REASON_LABEL] == _BDB_LABELS
    assert [n for n, r in by_reason.items() if r == REASON_TABLE_ROW] == _BDB_ROWS
    assert len(missed) == len(_BDB_LABELS) + len(_BDB_ROWS)
    assert missed[0] == MissedCue(9, "牵头单位：区交通与建设局。", REASON_LABEL)
    assert is_flagged(find_cues(lines), missed, task_count=0)
    assert is_flagged(find_cues(lines), missed, task_count=3)  # a stray few tasks


def test_labelled_lines_under_a_taken_item_are_taken_with_it() -> None:
    """A task starting at item 一 (line 8) takes the 牵头单位/推进单位 lines below it, not
    those of item 二."""
    lines = _doc_lines(DEVSET2 / "pt_bdb_2016.txt")
    missed = {m.line for m in missed_cues(lines, taken={8, *_BDB_ROWS})}
    assert missed == set(_BDB_LABELS) - {9, 10}


def test_bare_unit_brackets_closing_items_are_reported() -> None:
    """pt_canzhuo_2016: 41 measures closed by `（区农发局）`, `（区教育局、区市场监管局）`,
    `（区经发局、各有关乡镇）`. The covering notice (addressees, 请…认真组织实施), the
    signature and the closing 保障措施 (`各有关部门要…`) are no cues."""
    lines = _doc_lines(DEVSET2 / "pt_canzhuo_2016.txt")
    missed = missed_cues(lines, taken=set())
    assert len(missed) == 41
    assert {m.reason for m in missed} == {REASON_BRACKET}
    got = {m.line: m.text for m in missed}
    assert got[22].endswith("（区农发局）")
    assert got[67].endswith("（区教育局、区市场监管局）")
    assert got[81].endswith("（区经发局、各有关乡镇）")
    assert not set(got) & {7, 8, 10, 11, *range(82, 90)}
    # A task starting at item 6 (line 53) takes the bracket printed two lines below it.
    assert 55 not in {m.line for m in missed_cues(lines, taken={53})}
    assert 55 in got


def test_list_headings_are_taken_by_the_items_beneath_them() -> None:
    """h06 (a 《政府工作报告》 division list): `（二）县财政局` and `（一）县发改局牵头，县财政局
    配合` head the numbered items below; once those items are taken, so are the headings."""
    lines = _doc_lines(HELDOUT / "h06_baogao_fengong_list.txt")
    cues = find_cues(lines)
    headings = [c.line for c in cues if c.reason == REASON_UNIT_HEADING]
    assert len(headings) >= 8
    item_lines = {sl.no for sl in lines if sl.no not in headings}
    assert missed_cues(lines, taken=item_lines) == []
    assert [m.line for m in missed_cues(lines, taken=set())] == [c.line for c in cues]


def test_rosters_contact_tables_and_lists_of_units_are_no_cues() -> None:
    """Seed 002: a 消防安全重点单位 table (单位名称 · 是否为高危单位 …) lists units without
    dividing work, a 领导小组 roster names people and their posts; seed 001 lists the
    units awarded 节水型 status as `1.县委办` / `2.人大办`; fixture j ends with a 联络员
    table (乡镇 · 姓名 · 职务 · 联系电话)."""
    fire = _doc_lines(seed_path("002"), 2316)
    assert not [c for c in find_cues(fire) if 2310 <= c.line <= 2420]
    roster = _doc_lines(seed_path("002"), 3540)
    assert not [c for c in find_cues(roster) if 3520 <= c.line <= 3560]
    awarded = _doc_lines(seed_path("001"), 2640)
    assert not [c for c in find_cues(awarded) if 2630 <= c.line <= 2670]
    contacts = _doc_lines(FIXTURES / "notice_j_categories_page_break.txt")
    assert 23 not in {c.line for c in find_cues(contacts)}


# --- end to end -------------------------------------------------------------------------


def test_a_seed_document_whose_every_task_is_found_reports_nothing() -> None:
    """Seed 003, 交政办发〔2024〕6号: 21 `（责任部门：…）` annotations, 21 tasks found — every
    cue is taken, nothing is missed, nothing flagged."""
    result = extract_file(seed_path("003"))
    doc = next(d for d in result.documents if d.doc_number == "交政办发〔2024〕6号")
    tasks = [t for t in result.tasks if t.doc_number == doc.doc_number]
    assert len(tasks) >= 21
    lines = _doc_lines(seed_path("003"), doc.first_line)
    assert len(find_cues(lines)) >= 21  # the cues exist; they are all taken
    assert doc.missed == []
    assert not doc.flagged


@pytest.mark.parametrize(
    "name", ["pt_2645_2015.txt", "pt_4812_2016.txt", "pt_25206_2021.txt", "pt_96585_2025.txt"]
)
def test_corpus_documents_that_assign_nothing_report_nothing(name: str) -> None:
    """Four real notices that divide no work: no task, no flag, no missed cue. The hard
    negative's `下一步，区招商局将会同区效能办…` is the issuer's general intention, not a
    division among units (会同 names a partner, and no item is assigned), so it is not
    reported either."""
    path = CORPUS / name
    lines = normalize_lines(path.read_text(encoding="utf-8"))
    assert find_cues(lines) == []
    try:
        result = extract_file(path)
    except NotGazetteError:
        return  # refused as no government document at all: nothing to report
    assert result.tasks == []
    assert all(not d.flagged and d.missed == [] for d in result.documents)


def test_extract_output_lists_missed_cues_per_document_and_json_carries_them() -> None:
    doc = Document("关于实施“补短板”项目的通知", "岚综管办〔2016〕115号", None, None, 1, 90)
    doc.missed = [
        MissedCue(12, "牵头推进单位：区交通与建设局、区规划局。", REASON_LABEL),
        *(MissedCue(n, f"{n}\t某项目\t区交投集团", REASON_TABLE_ROW) for n in (32, 33, 34)),
    ]
    doc.flagged = True
    result = ExtractionResult("x.txt", Gazette(), [doc], [])
    text = format_summary(result)
    assert f"！{FLAG_REASON}" in text
    assert "可能遗漏（4 处）：" in text
    assert f"第12行  牵头推进单位：区交通与建设局、区规划局。  —— {REASON_LABEL}" in text
    assert "第32–34行（3 行）" in text  # a run of table rows prints as one range
    as_json = result.to_dict()["documents"][0]
    assert as_json["flagged"] is True
    assert as_json["missed"][0] == {
        "line": 12,
        "text": "牵头推进单位：区交通与建设局、区规划局。",
        "reason": REASON_LABEL,
    }


def _flagged(tmp_path: Path, text: str) -> list[bool]:
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    return [d.flagged for d in extract_file(f).documents]


def test_a_flattened_table_with_a_units_column_is_flagged_not_silent(tmp_path: Path) -> None:
    """A table printed one cell per line in a layout no finder reads (no 序号 column, rows
    opening with a category, unit names on lines of their own) yields no task: the
    document is flagged."""
    text = (
        "某县2023年民生工程进度表\n类别\n项目名称\n牵头单位\n"
        "就业促进\n城镇新增就业1100人\n县人社局\n"
        "养老服务\n规范运营4家敬老院\n县民政局\n"
        "殡葬改革\n新建公墓7个\n县民政局\n"
    )
    assert _flagged(tmp_path, text) == [True]


def test_a_paragraph_of_unit_duties_no_finder_read_is_flagged(tmp_path: Path) -> None:
    text = (
        "关于成立检验检测攻坚领导小组的通知\n"
        "领导小组办公室设在县市场监管局,财政局负责保障资金,人社局负责人才引进,"
        "机关事务服务中心负责协调场地。\n"
    )
    assert _flagged(tmp_path, text) == [True]


def test_a_covering_notice_naming_a_few_units_is_not_flagged(tmp_path: Path) -> None:
    text = (
        "关于印发某县节约用水管理办法的通知\n各乡镇人民政府，县直各单位：\n"
        "现将办法印发给你们，请认真贯彻执行。本办法由县水利局负责解释。\n某县人民政府办公室\n"
    )
    assert _flagged(tmp_path, text) == [False]
