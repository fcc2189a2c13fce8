"""Project tables: real rows of seeds 002 and 000, and an unseen-style project table."""

from __future__ import annotations

import pytest
from seedfiles import seed_path

from core.finders.base import DocumentContext
from core.finders.tabular import projects
from core.model import Document, Task
from core.text.normalize import normalize_lines


def _ctx(text: str, year: int = 2023, lo: int = 1, hi: int = 10**9) -> DocumentContext:
    lines = [sl for sl in normalize_lines(text) if lo <= sl.no <= hi]
    doc = Document(
        title="测试文件",
        doc_number="测政发〔2023〕3号",
        issuer=None,
        issue_date=f"{year}-05-10",
        first_line=lo,
        last_line=hi,
    )
    return DocumentContext(document=doc, lines=lines, year=year)


@pytest.fixture(scope="module")
def zhongyang() -> list[Task]:
    """中阳县2023年统筹整合使用财政涉农资金项目计划表 (seed 002, 中政发〔2023〕3号)."""
    text = seed_path("002").read_text(encoding="utf-8")
    return projects.find(_ctx(text, lo=150, hi=580)).tasks


def _row(tasks: list[Task], ref: str) -> Task:
    (t,) = [t for t in tasks if t.ref == ref]
    return t


def _yuan(t: Task) -> list[float]:
    return sorted(a.yuan for a in t.amounts)


def test_every_project_row_once(zhongyang: list[Task]) -> None:
    # 125 projects; 合计/category rows skipped, rows 46-50 printed twice kept once
    assert [t.ref for t in zhongyang] == [str(n) for n in range(1, 126)]


def test_row_with_wan_yuan_from_header_line(zhongyang: list[Task]) -> None:
    t = _row(zhongyang, "1")
    assert t.line == 248
    assert t.group == "(一)黑木耳菌棒奖补项目13个"
    assert t.text == (
        "宁乡镇黑木耳菌棒奖补项目：栽植黑木耳菌棒40万棒，补贴标准：0.9元/棒，第一批安排补贴0.6元/棒。"
    )
    assert t.lead_units == ["宁乡镇"]
    assert t.other_units == {"主管部门": ["农业农村局"], "建设单位": ["宁乡镇"]}
    assert (t.deadline, t.deadline_text) == ("2023-12-31", "2023.4-2023.12")
    assert _yuan(t) == [0.6, 0.9, 240_000]
    assert {a.per for a in t.amounts if a.yuan < 1} == {"棒"}


def test_schedule_range_end_and_text_amounts(zhongyang: list[Task]) -> None:
    t = _row(zhongyang, "18")
    assert (t.deadline, t.deadline_text) == ("2023-11-30", "2022.11-2023.11")
    assert _yuan(t) == [80, 8_938_900, 8_938_900, 10_000_000]
    late = _row(zhongyang, "49")
    assert late.deadline == "2024-08-31"


def test_spaced_cells_and_performance_target_money(zhongyang: list[Task]) -> None:
    t = _row(zhongyang, "27")
    assert t.text.startswith("枣坪村集体养殖基地改扩建项目：总投资80万元")
    assert t.lead_units == ["武家庄镇"]
    assert t.other_units["主管部门"] == ["农业农村局"]
    assert _yuan(t) == [1450, 71_000, 800_000, 800_000]  # 绩效目标 amounts kept
    spaced = _row(zhongyang, "125")
    assert spaced.lead_units == ["各乡镇"]
    assert spaced.other_units == {"主管部门": ["乡村振兴局"], "建设单位": ["各乡镇"]}
    assert spaced.deadline_text == "2023.4-2023.12"


def test_category_groups_follow_the_nesting(zhongyang: list[Task]) -> None:
    assert _row(zhongyang, "55").group == "(一)产业园区路桥建设项目10个"
    assert _row(zhongyang, "112").group == "四、乡村振兴示范村建设项目5个"


def test_unit_from_document_figures_and_project_unit_as_lead() -> None:
    """000's table states no money unit; the body's `480 万元` decides (万元). It has no
    责任单位 column, so 项目单位 leads, 行业部门 is kept, 责任人 names the person."""
    text = seed_path("000").read_text(encoding="utf-8")
    found = projects.find(_ctx(text, lo=367, hi=524)).tasks
    t = next(t for t in found if t.ref == "65")
    assert t.text.startswith("2023年脱贫人口小额贷款贴息：")
    assert t.lead_units == ["县乡村振兴局"]
    assert t.other_units == {"行业部门": ["县乡村振兴局"]}
    assert t.person == "李志鸿"
    assert (t.deadline, t.deadline_text) == ("2023-10-31", "2023/10/31")
    assert _yuan(t) == [4_800_000, 90_000_000]
    assert all(t.deadline != "2023-03-01" for t in found)  # 开工时间 is a start


def test_unseen_project_table_with_bracketed_unit() -> None:
    text = "\n".join(
        [
            "附件",
            "2024年重点建设项目表",
            "编号\t工程名称\t建设内容\t总投资（亿元）\t牵头单位\t实施单位\t计划完成时间",
            "一、交通基础设施",
            "1\t城区环线道路\t新建道路5公里。\t1.2\t县交通局\t县城投公司\t2024年11月",
            "\t小计\t\t1.2\t\t\t",
        ]
    )
    (t,) = projects.find(_ctx(text, year=2024)).tasks
    assert t.text == "城区环线道路：新建道路5公里。"
    assert t.group == "一、交通基础设施"
    assert t.lead_units == ["县交通局"]
    assert t.other_units == {"实施单位": ["县城投公司"]}
    assert t.deadline == "2024-11-30"
    assert _yuan(t) == [120_000_000]


def test_name_list_is_not_a_project_table() -> None:
    text = "序号\t项目编号\t项目类型\t项目名称\t申报单位\n1\tⅠ-1\t民间文学\t黑茶山传说\t县文旅局\n"
    assert projects.find(_ctx(text)).tasks == []


_PACKAGE_TABLE = """关于实施投资工程包的意见
附件：2016年度第一批投资工程包汇总表
序号\t工程包及项目名称\t2016年计划完成投资(亿元)\t投资重点内容\t推进单位\t牵头部门
一\t易地扶贫搬迁工程包\t3.30\t实施搬迁群众住房建设。\t区国有资产投资集团有限公司\t区环境与国土资源局
二\t城市公共停车场工程包\t0.50\t计划开工建设立体停车楼。\t区交通投资集团有限公司\t区交通与建设局
"""


def test_plan_column_scoped_to_a_year_dates_every_row() -> None:
    """`2016年计划完成投资` over a table with no 完成时限 column: each row is that year's
    target, due at its end (DOMAIN.md: a target scoped to a year → 12-31)."""
    tasks = projects.find(_ctx(_PACKAGE_TABLE, year=2016)).tasks
    assert [t.deadline for t in tasks] == ["2016-12-31", "2016-12-31"]
    assert tasks[0].lead_units == ["区环境与国土资源局"]


def test_a_deadline_column_outranks_the_year_scope() -> None:
    """pt_bdb's 建设年限 decides, not its `2016年工作目标` column (devset2, real text)."""
    from real_documents import DEVSET2_DIR

    text = (DEVSET2_DIR / "pt_bdb_2016.txt").read_text(encoding="utf-8")
    tasks = projects.find(_ctx(text, year=2016)).tasks
    by_line = {t.line: t for t in tasks}
    assert by_line[35].deadline == "2018-12-31"  # 建设年限 2016-2018


def test_a_cumulative_or_two_year_header_sets_no_scope() -> None:
    table = _PACKAGE_TABLE.replace("2016年计划完成投资", "至2015年底完成投资")
    assert [t.deadline for t in projects.find(_ctx(table, year=2016)).tasks] == [None, None]
