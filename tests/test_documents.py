"""Gazette metadata and the document split, on all five real seeds."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from seedfiles import SHARED, seed_path

from core.model import Document
from core.structure.docnumber import normalize_doc_number, parse_date
from core.structure.documents import split_documents
from core.structure.gazette import read_gazette
from core.text.normalize import normalize_lines
from core.text.reading import read_text_file


def seed_lines(prefix: str):
    return normalize_lines(read_text_file(seed_path(prefix)).text)


def toc_numbers(prefix: str) -> set[str]:
    """文号 the seed's cover and 目录 list (the devset's negative zone), read from the raw text."""
    seed = seed_path(prefix)
    zones = [json.loads(x) for x in (SHARED / "devset" / "NEGATIVE.jsonl").read_text().splitlines()]
    to = next(z["to"] for z in zones if z["seed"] == seed.name)
    region = "".join(t.strip() for t in seed.read_text(encoding="utf-8").split("\n")[:to])
    pat = r"[(（]([\u4e00-\u9fff]{2,6})\s*〔\s*(\d{4})\s*〕\s*(\d+)\s*号\s*[)）]"
    return {f"{m[1]}〔{m[2]}〕{m[3]}号" for m in re.finditer(pat, region)}


@pytest.mark.parametrize(
    ("prefix", "county", "year", "issue", "total", "published"),
    [
        ("000", "兴县", 2023, 2, 8, "2022-07-04"),
        ("001", "兴县", 2023, 4, 10, "2023-12-28"),
        ("002", "中阳县", 2023, 2, None, "2023-06-30"),
        ("003", "交城县", 2024, 2, 13, "2024-06-30"),
        ("004", "稷山县", 2022, 3, 7, "2022-09-30"),
    ],
)
def test_gazette_metadata(prefix, county, year, issue, total, published) -> None:
    g = read_gazette(seed_lines(prefix))
    assert g.title == f"{county}人民政府公报"
    assert (g.county, g.year, g.issue, g.total_issue) == (county, year, issue, total)
    assert g.publication_date == published


def test_single_notice_has_no_gazette_metadata() -> None:
    text = "兴县人民政府\n关于做好2023年安全生产工作的通知\n兴政发〔2023〕4号\n2023年3月27日\n"
    g = read_gazette(normalize_lines(text))
    assert g.to_dict() == {k: None for k in g.to_dict()}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_document_the_toc_lists_is_found_once(prefix: str) -> None:
    docs = split_documents(seed_lines(prefix))
    numbers = [d.doc_number for d in docs if not d.is_toc]
    listed = toc_numbers(prefix)
    assert listed, "the seed's 目录 lists documents"
    assert listed <= set(numbers)
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_documents_tile_the_issue_in_order(prefix: str) -> None:
    lines = seed_lines(prefix)
    docs = split_documents(lines)
    toc = docs[0]
    assert toc.is_toc and toc.title == "目录"
    assert [d.is_toc for d in docs].count(True) == 1
    for a, b in itertools.pairwise(docs):
        assert a.first_line <= a.last_line < b.first_line
    assert docs[-1].last_line == lines[-1].no
    body = [d for d in docs if not d.is_toc]
    # Nearly every document is signed with a date; its year is the 文号's year or close.
    dated = [d for d in body if d.issue_date]
    assert len(dated) >= 0.9 * len(body)
    for d in dated:
        assert (
            abs(int(d.issue_date[:4]) - int(d.doc_number[d.doc_number.index("〔") + 1 :][:4])) <= 1
        )


def _doc(prefix: str, number: str) -> Document:
    return next(d for d in split_documents(seed_lines(prefix)) if d.doc_number == number)


def test_document_header_on_separate_issuer_and_title_lines() -> None:
    d = _doc("000", "兴政发〔2023〕4号")
    assert d.issuer == "兴县人民政府"
    assert d.title == "关于做好2023年安全生产工作的通知"
    assert d.issue_date == "2023-03-27"
    assert d.year == 2023
    raw = seed_path("000").read_text(encoding="utf-8").split("\n")
    assert raw[d.first_line - 1] == "兴县人民政府"
    # The 重点任务分工 attachment belongs to its notice, up to the next document's header.
    assert "严肃责任追究" in raw[d.last_line - 1]


def test_title_wrapped_over_several_lines_with_spaces() -> None:
    d = _doc("000", "兴政函〔2023〕39号")
    assert d.issuer == "兴县人民政府"
    assert d.title.startswith("关于申请评审《山西兴县华润联盛关家崖煤业有限公司")
    assert d.title.endswith("复垦设计报告》的请示")


def test_issuer_and_title_on_one_markdown_line() -> None:
    d = _doc("003", "交政发〔2024〕7号")
    assert d.issuer == "交城县人民政府"
    assert d.title == "关于印发交城县全面加强新形势下森林防灭火工作的实施意见的通知"
    assert d.issue_date == "2024-05-17"


def test_spaced_doc_type_word_in_title() -> None:
    d = _doc("004", "稷政发〔2022〕16号")
    assert d.title == "关于印发稷山县生态环境保护“十四五”规划的通知"
    assert d.issuer == "稷山县人民政府"


def test_quoted_letter_of_another_body_stays_inside_its_parent() -> None:
    docs = split_documents(seed_lines("001"))
    assert all(not (d.doc_number or "").startswith("晋泽源字") for d in docs)
    parent = next(d for d in docs if d.doc_number == "兴政函〔2023〕134号")
    raw = seed_path("001").read_text(encoding="utf-8").split("\n")
    quoted = next(i + 1 for i, t in enumerate(raw) if t.startswith("晋泽源字〔2023〕14号"))
    assert parent.first_line < quoted <= parent.last_line


def test_toc_range_of_seed_003() -> None:
    lines = seed_lines("003")
    toc = split_documents(lines)[0]
    raw = seed_path("003").read_text(encoding="utf-8").split("\n")
    assert raw[toc.first_line - 1] == "## 目 录"
    assert "交政办函〔2024〕10号" in raw[toc.last_line - 1]


def test_file_without_doc_numbers_is_one_document() -> None:
    text = (
        "关于做好防汛工作的通知\n\n一、加强值守。（责任单位：县水利局）\n\n县水利局\n2024年5月6日\n"
    )
    docs = split_documents(normalize_lines(text))
    assert len(docs) == 1
    d = docs[0]
    assert (d.title, d.first_line, d.last_line, d.issue_date) == (
        "关于做好防汛工作的通知",
        1,
        6,
        "2024-05-06",
    )


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("兴政发〔2023〕4 号", "兴政发〔2023〕4号"),
        ("兴政发[2023]4号", "兴政发〔2023〕4号"),
        ("交政办函（2024）10号", "交政办函〔2024〕10号"),
        ("中政办发(2023)14号", "中政办发〔2023〕14号"),
        ("稷政办发【2022】031号", "稷政办发〔2022〕31号"),
        ("没有文号", None),
    ],
)
def test_doc_number_brackets_are_normalized(printed: str, canonical: str | None) -> None:
    assert normalize_doc_number(printed) == canonical


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("2023年3月27日", "2023-03-27"),
        ("2023 年 4 月 10 日", "2023-04-10"),
        ("二〇二三年三月二十七日", "2023-03-27"),
        ("2023年2月30日", None),
        ("年 月 日", None),
    ],
)
def test_parse_date(printed: str, iso: str | None) -> None:
    assert parse_date(printed) == iso


def test_red_header_notice_with_title_below_the_doc_number() -> None:
    text = (
        "兴县人民政府文件\n\n兴政发〔2024〕9号\n\n兴县人民政府\n关于做好2024年防汛工作\n"
        "的通知\n\n各乡（镇）人民政府，县直各有关单位：\n一、加强值守。\n\n兴县人民政府\n"
        "2024年5月6日\n"
    )
    docs = split_documents(normalize_lines(text))
    assert len(docs) == 1
    d = docs[0]
    assert d.doc_number == "兴政发〔2024〕9号"
    assert d.title == "关于做好2024年防汛工作的通知"
    assert d.issuer == "兴县人民政府"
    assert (d.first_line, d.last_line, d.issue_date) == (1, 13, "2024-05-06")


def test_pdf_style_running_headers_keep_the_cover_masthead() -> None:
    body = "\n".join(f"稷山县人民政府公报（季刊）\n第{i}页的正文。\n— {i} —" for i in range(1, 6))
    lines = normalize_lines("稷山县人民政府公报（季刊）\n2022 年第 3 期（总第 7 期）\n" + body)
    g = read_gazette(lines)
    assert (g.county, g.year, g.issue, g.total_issue) == ("稷山县", 2022, 3, 7)
    assert [sl.text for sl in lines].count("稷山县人民政府公报（季刊）") == 1
