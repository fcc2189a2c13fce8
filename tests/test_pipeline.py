"""The pipeline end to end: encodings, 目录, finder orchestration, non-gazette input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from seedfiles import seed_path

import core
from core.errors import NotGazetteError
from core.pipeline import extract_file


@pytest.fixture(scope="module")
def seed003() -> core.ExtractionResult:
    return extract_file(seed_path("003"))


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("gb18030", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-le", b""), ("utf-8", b"\xef\xbb\xbf")],
)
def test_same_issue_in_another_encoding_gives_the_same_result(
    tmp_path: Path, seed003: core.ExtractionResult, encoding: str, bom: bytes
) -> None:
    text = seed_path("003").read_text(encoding="utf-8")
    f = tmp_path / "issue.txt"
    f.write_bytes(bom + text.encode(encoding))
    res = extract_file(f)
    assert res.text_sha256 == seed003.text_sha256
    assert [d.to_dict() for d in res.documents] == [d.to_dict() for d in seed003.documents]
    assert [t.to_dict() for t in res.tasks] == [t.to_dict() for t in seed003.tasks]
    assert res.gazette == seed003.gazette


def test_core_extract_returns_typed_result(seed003: core.ExtractionResult) -> None:
    res = core.extract(seed_path("003"))
    assert isinstance(res, core.ExtractionResult)
    assert res.gazette.county == "交城县"
    assert res.source_format == "text" and res.encoding == "utf-8"
    assert len(res.text_sha256) == 64


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_toc_and_cover_yield_no_tasks(prefix: str) -> None:
    res = extract_file(seed_path(prefix))
    toc = next(d for d in res.documents if d.is_toc)
    assert all(t.line > toc.last_line for t in res.tasks)
    assert [t.line for t in res.tasks] == sorted(t.line for t in res.tasks)


FINDERS_SRC = """
from core.finders.base import FinderResult
from core.model import Task

def _task(ctx, sl, kind):
    return Task(doc_number=None, doc_title=None, section=None, kind=kind, ref=None,
                group=None, leader=None, text=sl.text, line=sl.no)

def find_first(ctx):
    hits = [sl for sl in ctx.lines if "责任单位" in sl.text]
    return FinderResult(tasks=[_task(ctx, sl, "table") for sl in hits[:1]],
                        claimed={sl.no for sl in hits[:1]})

def find_all(ctx):
    hits = [sl for sl in ctx.lines if "责任单位" in sl.text]
    return FinderResult(tasks=[_task(ctx, sl, "inline") for sl in hits])

def find_boom(ctx):
    if ctx.document.doc_number == "测政发〔2024〕2号":
        raise RuntimeError("finder bug")
    return FinderResult()
"""


@pytest.fixture
def fake_finders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    pkg = tmp_path / "fakefinders"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    src = textwrap.dedent(FINDERS_SRC)
    for name in ("first", "all", "boom"):
        (pkg / f"{name}.py").write_text(src + f"\nfind = find_{name}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    names = ["fakefinders.first", "fakefinders.all", "fakefinders.boom"]
    monkeypatch.setattr("core.pipeline.FINDERS", names)
    return names


NOTICES = """\
测县人民政府
关于甲的通知
测政发〔2024〕1号

一、做好甲。（责任单位：县发改局）
二、做好乙。（责任单位：县财政局）

测县人民政府
2024年3月1日

测县人民政府
关于乙的通知
测政发〔2024〕2号

一、做好丙。（责任单位：县水利局）

测县人民政府
2024年4月1日
"""


def test_finders_run_in_order_and_claimed_lines_are_not_reported_twice(
    tmp_path: Path, fake_finders: list[str]
) -> None:
    f = tmp_path / "notices.txt"
    f.write_text(NOTICES, encoding="utf-8")
    res = extract_file(f)
    got = [(t.line, t.kind, t.doc_number, t.doc_title) for t in res.tasks]
    # Document 1: the first finder claims line 5; the second adds only line 6.
    # Document 2: its last finder crashes; what the others found survives, plus a warning.
    assert got == [
        (5, "table", "测政发〔2024〕1号", "关于甲的通知"),
        (6, "inline", "测政发〔2024〕1号", "关于甲的通知"),
        (15, "table", "测政发〔2024〕2号", "关于乙的通知"),
    ]
    assert len(res.warnings) == 1
    assert "测政发〔2024〕2号" in res.warnings[0]
    assert [d.issue_date for d in res.documents] == ["2024-03-01", "2024-04-01"]


def test_single_notice_without_doc_number_is_one_document(tmp_path: Path) -> None:
    f = tmp_path / "notice.txt"
    f.write_text("关于做好防汛工作的通知\n一、加强值守。（责任单位：县水利局）\n", encoding="utf-8")
    res = extract_file(f)
    assert [d.title for d in res.documents] == ["关于做好防汛工作的通知"]
    assert res.gazette.title is None


@pytest.mark.parametrize(
    "content",
    [
        "# Project\n\nThis README explains how to install and run the tool.\n" * 5,
        "第一章\n\n天色渐晚，他沿着河边慢慢走回家，心里想着明天的事情。\n" * 20,
    ],
)
def test_non_gazette_text_is_refused(tmp_path: Path, content: str) -> None:
    f = tmp_path / "readme.txt"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(NotGazetteError) as exc:
        extract_file(f)
    assert "readme.txt" in str(exc.value)


def test_a_page_without_salutation_or_labels_is_still_a_government_text(tmp_path: Path) -> None:
    """Another place's web page may print neither 文号, salutation nor a role label: unit
    names with a duty word still make it a government text, whose tasks are read."""
    f = tmp_path / "page.txt"
    f.write_text(
        "全市教育重点工作安排\n"
        "一、推进义务教育优质均衡发展。（市教育局）\n"
        "二、加快托育服务体系建设，由市卫健委会同市教育局负责。\n",
        encoding="utf-8",
    )
    res = extract_file(f)
    assert [t.lead_units for t in res.tasks][:1] == [["市教育局"]]


def test_sector_units_without_a_level_prefix_make_a_government_text(tmp_path: Path) -> None:
    """`交通部门，负责…。教育部门，负责…`: three units named by sector and a duty word."""
    f = tmp_path / "page.txt"
    f.write_text(
        "交通部门,负责通村公路建设。教育部门,负责义务教育。水利部门,负责饮水安全工程。\n",
        encoding="utf-8",
    )
    extract_file(f)  # not refused


def test_a_story_naming_a_hospital_is_still_no_government_text(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    story = "第一章\n他从医院出来，沿着河边走回家，心里想着明天的事情。\n" * 5
    f.write_text(story, encoding="utf-8")
    with pytest.raises(NotGazetteError):
        extract_file(f)


def test_a_town_work_plan_table_of_offices_is_a_government_text(tmp_path: Path) -> None:
    """A town's 重点工作 plan names its own offices (`乡村振兴办`, `…工作领导小组`), with no
    level prefix and no 文号: still a government text, not refused."""
    f = tmp_path / "plan.txt"
    f.write_text(
        "某镇2024年度重点工作计划执行情况\n序号\t重点工作\t责任领导\t责任科室\t完成情况\n"
        "1\t水库工程政策处理\t张某\t水库工程政策处理工作领导小组\t进度达60%。\n"
        "2\t美丽城镇建设\t李某\t乡村振兴办\t完成投资3000万元。\n",
        encoding="utf-8",
    )
    extract_file(f)  # not refused


def test_a_town_report_handing_projects_to_its_offices_is_a_government_text(
    tmp_path: Path,
) -> None:
    """`由镇公路站负责的…项目`: a town's offices handed their projects one by one, no 文号 and
    no label; read (each project leads its office), not refused."""
    f = tmp_path / "report.txt"
    f.write_text(
        "关于2021年重点项目建设推进情况的报告\n"
        "1.由镇公路站负责的农村道路硬化项目，建设自然村内道路约12公里，预计2021年10月底完成。\n"
        "2.由镇经济发展办负责的光伏发电项目，新建100兆瓦光伏发电站。\n",
        encoding="utf-8",
    )
    res = extract_file(f)
    assert [(t.lead_units, t.deadline) for t in res.tasks] == [
        (["镇公路站"], "2021-10-31"),
        (["镇经济发展办"], None),
    ]
