"""Task-division tables: real rows of seed 000 (重点任务分工) and unseen-style tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seedfiles import seed_path

from core.finders.base import DocumentContext
from core.finders.tabular import tables
from core.finders.tabular.table_cells import Item, assign_groups, split_items
from core.finders.tabular.table_grid import Role, classify
from core.model import Document, Task
from core.text.normalize import normalize_lines


def _ctx(text: str, year: int = 2023, lo: int = 1, hi: int = 10**9) -> DocumentContext:
    lines = [sl for sl in normalize_lines(text) if lo <= sl.no <= hi]
    doc = Document(
        title="测试文件",
        doc_number="测政发〔2023〕1号",
        issuer=None,
        issue_date=f"{year}-03-27",
        first_line=lo,
        last_line=hi,
    )
    return DocumentContext(document=doc, lines=lines, year=year)


@pytest.fixture(scope="module")
def safety_tasks() -> list[Task]:
    """The 重点任务分工 attachment of 兴政发〔2023〕4号 (seed 000)."""
    text = seed_path("000").read_text(encoding="utf-8")
    return tables.find(_ctx(text, lo=280, hi=370)).tasks


def _at(tasks: list[Task], line: int, start: str) -> Task:
    found = [t for t in tasks if t.line == line and t.text.startswith(start)]
    assert len(found) == 1, [(t.line, t.text[:20]) for t in tasks if t.line == line]
    return found[0]


def test_whole_attachment_yields_every_sub_item(safety_tasks: list[Task]) -> None:
    assert len(safety_tasks) == 68
    assert all(t.kind == "table" and t.section == "附件 重点任务分工" for t in safety_tasks)
    assert all(t.lead_units for t in safety_tasks)


def test_row_without_sub_items(safety_tasks: list[Task]) -> None:
    # the row's own name beside its one item: `<name>：<details>` (DOMAIN.md, text)
    t = _at(safety_tasks, 299, "提高政治站位：各部门、各乡镇要认真贯彻落实")
    assert t.ref == "1"
    assert t.group is None
    assert t.lead_units == ["县直各部门", "各乡镇"]
    assert t.support_units == []
    assert t.deadline is None and t.amounts == []


def test_continuation_rows_with_empty_seq(safety_tasks: list[Task]) -> None:
    t = _at(safety_tasks, 301, "县安委会每月至少召开一次会议")
    assert (t.ref, t.group, t.lead_units) == ("2/(2)", "严格党政领导干部责任", ["县安委办"])
    assert t.text == "县安委会每月至少召开一次会议，分析安全形势，解决重大问题。"
    assert t.deadline is None  # 每月: recurring


def test_shifted_sub_item_belongs_to_previous_row(safety_tasks: list[Task]) -> None:
    # printed on the line of 序号3, but (4) continues row 2's (1)-(3)
    t = _at(safety_tasks, 303, "县乡两级党政领导干部")
    assert (t.ref, t.group) == ("2/(4)", "严格党政领导干部责任")
    assert t.lead_units == ["县安委办", "各乡镇"]
    nxt = _at(safety_tasks, 304, "制定完善并落实")
    assert (nxt.ref, nxt.group) == ("3/(1)", "落实部门监管责任")


def test_row_continued_after_repeated_header(safety_tasks: list[Task]) -> None:
    a = _at(safety_tasks, 308, "要根据经济社会发展实际")
    b = _at(safety_tasks, 308, "严格落实矿山安全监管专员制度")
    assert (a.ref, b.ref) == ("3/(3)", "3/(4)")
    assert a.lead_units == ["县委办", "有关各部门", "各乡(镇)"]
    assert b.lead_units == ["县应急管理局", "县能源局", "各乡(镇)"]


def test_p_cell_sub_items_take_units_in_order(safety_tasks: list[Task]) -> None:
    a = _at(safety_tasks, 327, "深入开展、非法违法")
    b = _at(safety_tasks, 327, "完成重点化工企业重点人员")
    assert a.lead_units == ["县应急管理局", "县工信局"]
    assert b.lead_units == ["县应急管理局", "县人社局"]
    c = _at(safety_tasks, 356, "加强领导干部应急管理")
    assert c.lead_units == ["县应急管理局"]
    assert c.support_units == ["县直各部门", "各乡（镇）"]


def test_spaced_out_unit_names_are_repaired(safety_tasks: list[Task]) -> None:
    t = _at(safety_tasks, 310, "严格落实危险化学品")
    assert t.lead_units == [
        "县工信局",
        "县应急管理局",
        "县交通局",
        "县市场监管局",
        "县经济技术开发区",
    ]


def test_shifted_run_takes_its_own_units_group(safety_tasks: list[Task]) -> None:
    # line 324 prints row 11's (3) then row 12's (1)-(3) with two unit groups
    t = _at(safety_tasks, 324, "强化煤矿安全监管专员")
    assert (t.ref, t.lead_units) == ("11/(3)", ["县应急管理局", "县能源局"])
    for start in ("强化非煤矿山转型升级", "推进地下矿山采空区治理", "企业探索推动信息化建设"):
        assert _at(safety_tasks, 324, start).lead_units == [
            "县自然资源局",
            "县应急管理局",
            "县能源局",
        ]


def test_lead_and_support_markers_and_year_target(safety_tasks: list[Task]) -> None:
    t = _at(safety_tasks, 337, "加强各灾种应急指挥体系建设")
    assert t.lead_units == ["县应急管理局"]
    assert "市生态环境局兴县分局" in t.support_units and len(t.support_units) == 8
    assert t.deadline == "2023-12-31"  # 年内完成


def test_split_unit_name_is_glued(safety_tasks: list[Task]) -> None:
    t = _at(safety_tasks, 305, "对危险化学品、燃气")
    assert "市生态环境局兴县分局" in t.lead_units
    assert "局兴县分局" not in t.lead_units and "市生态环境局" not in t.lead_units


UNSEEN = "\n".join(
    [
        "关于印发某县2024年优化营商环境重点任务分工方案的通知",
        "附件",
        "某县2024年优化营商环境重点任务分工",
        "序号\t重点工作\t具体措施\t完成时限\t责任部门\t配合部门",
        "1\t压缩审批时限\t<p>(1) 企业开办全程网办，一个工作日内办结。</p> "
        "<p>(2) 工程建设项目审批时间压减至60个工作日。</p>\t2024年6月底前\t"
        "<p>县行政审批局、县市场监管局</p> <p>县住建局、县自然资源局</p>\t县财政局",
        "2\t加大财政支持\t设立2000万元中小企业发展专项资金。\t年底前\t县财政局、县工信局\t",
        "\t\t落实减税降费政策，按季度通报。\t\t县税务局\t",
        "注：责任部门中列第一位的为牵头单位。",
    ]
)


def test_unseen_columns_order_and_first_listed_footnote() -> None:
    found = tables.find(_ctx(UNSEEN, year=2024)).tasks
    assert [t.ref for t in found] == ["1/(1)", "1/(2)", "2", "2"]
    a, b, c, d = found
    assert a.group == "压缩审批时限"
    assert a.text == "企业开办全程网办，一个工作日内办结。"
    assert (a.lead_units, a.support_units) == (["县行政审批局"], ["县市场监管局", "县财政局"])
    assert (b.lead_units, b.support_units) == (["县住建局"], ["县自然资源局", "县财政局"])
    assert a.deadline == b.deadline == "2024-06-30"
    assert (c.lead_units, c.support_units) == (["县财政局"], ["县工信局"])
    assert c.deadline == "2024-12-31"
    assert [x.yuan for x in c.amounts] == [20_000_000]
    # an unnumbered line under the same row with its own units is its own task
    assert d.text.startswith("落实减税降费政策") and d.lead_units == ["县税务局"]
    assert d.line == c.line + 1


def test_pipe_table_with_short_task_name_and_details() -> None:
    text = (
        "| 主要任务 | 工作内容 | 牵头单位 | 协办单位 | 时间节点 |\n"
        "|---|---|---|---|---|\n"
        "| 农村供水 | 新建集中供水工程3处。 | 县水利局 | 各乡镇 | 2024年10月31日前 |\n"
    )
    (t,) = tables.find(_ctx(text, year=2024)).tasks
    assert (t.group, t.text) == (None, "农村供水：新建集中供水工程3处。")
    assert (t.lead_units, t.support_units, t.deadline) == (["县水利局"], ["各乡镇"], "2024-10-31")


def test_name_lists_and_contents_yield_nothing() -> None:
    text = (
        "附件\n第三批县级非物质文化遗产代表性项目名单\n"
        "序号\t项目编号\t项目类型\t项目名称\t申报单位\n"
        "1\tⅠ-1\t民间文学\t黑茶山传说\t县文旅局\n"
        "目录\n关于印发某方案的通知（某政发〔2023〕4号）\t1\n"
    )
    assert tables.find(_ctx(text)).tasks == []


def test_header_roles_read_by_meaning() -> None:
    assert classify("重 点 任 务") is Role.TASK
    assert classify("目标任务") is Role.CONTENT
    assert classify("时限要求") is Role.DEADLINE
    assert classify("协办单位") is Role.SUPPORT
    assert classify("分管县领导") is Role.LEADER
    assert classify("开工时间") is Role.START
    assert classify("责任单位及责任人") is Role.LEAD
    assert classify("整改责任人") is Role.PERSON


def test_units_pairing_rules() -> None:
    items = [Item(3, "a"), Item(1, "b"), Item(2, "c"), Item(3, "d")]
    assert assign_groups(items, ["X", "Y"]) == ["X", "Y", "Y", "Y"]
    assert assign_groups(items[:2], ["X"]) == ["X", "X"]
    assert assign_groups(items[:2], ["X", "Y", "Z"]) == ["X", "Z"]
    prefix, found = split_items("(1) 甲。 (2) 乙（见附件（2））。")
    assert prefix == "" and [i.number for i in found] == [1, 2]


def test_two_row_header_leader_column_and_page_break_without_header() -> None:
    text = "\n".join(
        [
            "序号\t重点任务\t责任单位\t\t完成时限\t分管县领导",
            "\t\t牵头单位\t配合单位\t\t",
            "1\t推进数字政府建设。\t县政务服务中心\t县财政局、县大数据中心\t2024年9月底前\t张三",
            "\t\t\t\t\t",
            "2\t巩固义务教育成果。\t县教育局\t\t长期坚持\t李四",
            "某县人民政府办公室",
            "3\t提升基层医疗服务能力。\t县卫健局\t县医保局\t2024年12月\t",
        ]
    )
    found = tables.find(_ctx(text, year=2024)).tasks
    assert [(t.ref, t.leader) for t in found] == [("1", "张三"), ("2", "李四"), ("3", None)]
    a, b, c = found
    assert (a.lead_units, a.support_units) == (["县政务服务中心"], ["县财政局", "县大数据中心"])
    assert (a.deadline, b.deadline, c.deadline) == ("2024-09-30", None, "2024-12-31")
    assert c.lead_units == ["县卫健局"] and c.support_units == ["县医保局"]


def test_dot_numbered_items_only_when_the_cell_is_a_list() -> None:
    _, items = split_items("1.开展专项整治。2.建立长效机制。")
    assert [(i.number, i.text) for i in items] == [(1, "开展专项整治。"), (2, "建立长效机制。")]
    _, items = split_items("重点做好两项工作。1.开展专项整治。2.建立长效机制。")
    assert len(items) == 1
    _, items = split_items("完成造林2.5万亩。")
    assert [i.text for i in items] == ["完成造林2.5万亩。"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "序号",
                    "任务",
                    "主要内容",
                    "责任单位",
                    "项目名称",
                    "资金规模",
                    "完成时限",
                    "1",
                    "2",
                    "(1) 甲。",
                    "(2) 乙",
                    "县发改局",
                    "合计",
                    "一、类别",
                    "",
                    "2023.4-2023.12",
                    "24",
                    "牵头单位",
                    "成员单位",
                    "单位：万元",
                    "<p>(3) 丙</p> <p>(1) 丁</p>",
                ]
            ),
            min_size=1,
            max_size=7,
        ),
        max_size=25,
    )
)
def test_finders_never_raise_on_arbitrary_tables(rows: list[list[str]]) -> None:
    from core.finders.tabular import projects

    text = "\n".join("\t".join(r) if len(r) > 1 else r[0] for r in rows)
    ctx = _ctx(text)
    for finder in (tables.find, projects.find):
        result = finder(ctx)
        assert all(t.line in result.claimed for t in result.tasks)


def test_money_column_of_a_task_table_in_header_unit() -> None:
    text = "序号\t工作任务\t责任单位\t资金（万元）\n1\t改造老旧小区12个。\t县住建局\t350\n"
    (t,) = tables.find(_ctx(text, year=2024)).tasks
    assert [(a.yuan, a.text) for a in t.amounts] == [(3_500_000, "350万元")]


def test_units_cell_numbered_like_its_sub_items() -> None:
    from core.finders.tabular.table_cells import unit_groups

    assert unit_groups("①县发改局、县工信局②县文旅局", 2) == ["县发改局、县工信局", "县文旅局"]
    assert unit_groups("（1）县人社局（2）县住建局", 2) == ["县人社局", "县住建局"]
    # a mark that is not a 1, 2 … run from the start is part of the text
    assert unit_groups("县发改局（2）", 2) == ["县发改局（2）"]


def test_wrapped_header_and_lead_beside_responsible_column() -> None:
    text = (
        "附件\n任务分工\n序号\t重点\t牵头\t责任\t完成\n\t任务\t单位\t单位\t时限\n"
        "1\t完成全县耕地质量调查评价工作。\t县农业农村局\t各乡镇\t2023年9月底前\n"
    )
    [t] = tables.find(_ctx(text)).tasks
    assert (t.lead_units, t.support_units, t.deadline) == (
        ["县农业农村局"],
        ["各乡镇"],
        "2023-09-30",
    )


def test_member_duty_row_whose_empty_cell_moved_to_the_end() -> None:
    """Seed 000, 兴政办发〔2023〕2号 附件2: the last member row prints `单位\\t职责\\t` (the
    empty first cell went to the end); it is still that unit's duty."""
    text = seed_path("000").read_text(encoding="utf-8")
    found = tables.find(_ctx(text, lo=1737, hi=1772)).tasks
    [t] = [t for t in found if t.line == 1770]
    assert t.text.startswith("负责组织疏导、运输所辖火车站的滞留旅客")
    assert t.lead_units == ["蔡家崖北站(铁路公司)"]
    assert len(found) == 22  # every 成员单位 row once; 指挥长 rows name people, not units


def test_header_whose_every_cell_wrapped_reads_only_when_joined() -> None:
    """`序 · 重点 · 牵头 · 配合 · 完成` is no header alone; with `号 · 任务 · 单位 …` it is."""
    text = (
        "附件\n任务分工\n序\t重点\t牵头\t配合\t完成\n号\t任务\t单位\t单位\t时限\n"
        "1\t完成全县耕地质量调查评价工作。\t县农业农村局\t各乡镇\t2023年9月底前\n"
        "2\t建立耕地保护网格化监管机制。\t县自然资源局\t县农业农村局、各乡镇\t2023年12月底前\n"
    )
    found = tables.find(_ctx(text)).tasks
    assert [(t.ref, t.lead_units, t.support_units, t.deadline) for t in found] == [
        ("1", ["县农业农村局"], ["各乡镇"], "2023-09-30"),
        ("2", ["县自然资源局"], ["县农业农村局", "各乡镇"], "2023-12-31"),
    ]


def test_task_name_cell_merged_over_several_rows_carries_on() -> None:
    text = (
        "附件\n重点任务分工\n序号\t重点任务\t具体措施\t牵头单位\t完成时限\n"
        "1\t提升教育质量\t新建城区小学1所。\t县教育局\t2024年8月底前\n"
        "2\t\t实施薄弱学校改造工程。\t县教育局\t2024年12月底前\n"
        "3\t提升医疗水平\t建设县医院综合楼。\t县卫健局\t2024年10月底前\n"
    )
    found = tables.find(_ctx(text, year=2024)).tasks
    # a name merged over two rows is their group; a name of one row's item joins its text
    assert [(t.ref, t.group, t.text) for t in found] == [
        ("1", "提升教育质量", "新建城区小学1所。"),
        ("2", "提升教育质量", "实施薄弱学校改造工程。"),
        ("3", None, "提升医疗水平：建设县医院综合楼。"),
    ]


def test_bureau_passing_on_a_higher_table_assigns_its_own_divisions() -> None:
    """A bureau's 分解表 prints the higher body's 牵头部门 beside its own 本局责任处 column:
    the bureau's divisions do the work, the higher lead is kept as a printed role."""
    text = (
        "某局2016年政务公开工作主要任务分解表\n"
        "工作任务\t党工委管委会牵头部门\t本局责任处（单位）\t工作要求\n"
        "1.全面公开权力清单和责任清单\t区行政审批局\t综合处牵头，各处配合落实\t及时动态更新。\n"
        "2.推进精准扶贫信息公开\t区农村发展局\t农业处\t公开扶贫对象。\n"
    )
    found = tables.find(_ctx(text, year=2016)).tasks
    assert [(t.lead_units, t.support_units) for t in found] == [
        (["综合处"], ["各处"]),
        (["农业处"], []),
    ]
    assert found[0].other_units == {"党工委管委会牵头部门": ["区行政审批局"]}


@pytest.mark.parametrize("header", ["本局责任处（单位）", "责任科室", "责任股室", "责任处室"])
def test_a_division_column_is_a_lead_column(header: str) -> None:
    assert classify(header) is Role.LEAD


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("当前进度", Role.OTHER),  # how far the work has got: progress, not a due date
        ("累计进度", Role.OTHER),
        ("进度安排", Role.DEADLINE),
        ("时间进度", Role.DEADLINE),
    ],
)
def test_a_progress_column_is_no_deadline_column(header: str, role: Role) -> None:
    assert classify(header) is role


def test_cells_merged_over_rows_carry_down_but_not_past_a_page_break() -> None:
    """A deadline, leader or units cell merged over several rows prints in its first row
    only: the rows under it keep it, a row's own cell replaces it, and a page break (page
    furniture, no repeated header) ends the span."""
    text = "\n".join(
        [
            "序号\t工作任务\t完成时限\t责任领导\t责任单位",
            "1\t完成河道清淤20公里。\t2024年6月底前\t张三\t县水利局",
            "2\t新建排涝泵站2座。\t\t\t",
            "3\t修复堤防3处。\t\t\t县应急局",
            "4\t开展防汛演练1次。\t2024年5月底前\t\t",
            "某县人民政府办公室",
            "5\t储备防汛物资。\t\t\t县发改局",
        ]
    )
    found = tables.find(_ctx(text, year=2024)).tasks
    assert [(t.ref, t.deadline, t.leader, t.lead_units) for t in found] == [
        ("1", "2024-06-30", "张三", ["县水利局"]),
        ("2", "2024-06-30", "张三", ["县水利局"]),
        ("3", "2024-06-30", "张三", ["县应急局"]),
        ("4", "2024-05-31", "张三", ["县应急局"]),
        ("5", None, None, ["县发改局"]),
    ]
