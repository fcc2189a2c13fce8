"""Three assigning forms first seen in Pingtan documents outside the corpus, on synthetic
snippets written for these tests (same shape, own wording; no shared text has them):
- a reply item handing several units their own duties, clause by clause, split at `；`;
- a package list whose `牵头部门：` / `推进单位：` lines close the package, after its last
  numbered measure;
- a package table with a `推进单位` column, an `投资…内容` column and package rows that
  carry only a subtotal over `（一）…` sub-rows;
- a work-requirement item handing units their duties in one sentence of `，`-clauses;
- a task table with an empty 工作要求 cell, and a `N.任务\t要求` row under spanned units cells.
"""

from __future__ import annotations

from pathlib import Path

from core.model import Task
from core.pipeline import extract_file

_REPLY = """\
某区管委会关于同意某地块公开出让方案的批复
岚政文〔2024〕8号
区自然资源局：
你局《关于某地块出让方案的请示》收悉。经研究，现批复如下：
一、出让工作由你局组织，出让全过程由区纪检监察室进行监督；区建设局负责审核规划条件并出具意见；东部片区指挥部确保宗地按时交付；区公共资源中心承担具体交易工作。
二、同意你局报送的起始价及竞买保证金等事项。
此复。
某区管委会
2024年3月1日
"""

_PACKAGES = """\
某区管委会办公室关于实施民生工程包的意见
岚政办〔2024〕12号
一、重点领域
（一）城乡供水工程包，全年力争完成投资1.2亿元
1.投资重点
建设二期净水厂一座，改造老旧供水管网30公里。
2.主要措施
（1）用好专项债券资金，拓宽融资渠道。
（2）简化管网改造审批流程。
牵头部门：区建设局
推进单位：区水务公司、区国投公司
（二）乡村道路工程包，全年力争完成投资0.8亿元
1.投资重点
新建和改造农村公路60公里。
2.主要措施
（1）落实以奖代补政策，调动乡镇积极性。
（2）建立道路养护长效机制。
牵头部门：区交通局
推进单位：区交投公司
"""

_OWN_UNITS = """\
某区管委会关于印发国企提升行动方案的通知
岚政〔2024〕5号
一、主要任务
（一）经营指标提升
1.明确年度目标。力争营业收入增长一成。
责任单位：各区属国企
2.加强成本管控。压减非生产性支出。
责任单位：区国资局
"""

_TABLE = """\
某区管委会关于下达年度投资工程包的通知
岚政〔2024〕9号
附件
年度投资工程包汇总表
序号\t工程包及项目名称\t年度计划投资(亿元)\t投资重点内容\t推进单位\t牵头部门
一\t城乡供水工程包\t1.20\t建设二期净水厂一座\t区水务公司\t区建设局
二\t信息网络工程包\t0.90\t\t\t
（一）光纤网络建设\t0.40\t新建安置房小区通信配套\t区国投公司\t区通信办
（二）无线网络覆盖\t0.50\t新建基站八十座\t区电信公司、区移动公司\t区通信办
三\t乡村道路工程包\t0.80\t改造农村公路\t区交投公司\t区交通局
"""


def _tasks(tmp_path: Path, text: str) -> list[Task]:
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    return extract_file(f).tasks


def test_reply_clauses_are_one_task_each_with_their_own_unit(tmp_path: Path) -> None:
    got = [(t.text, t.lead_units, t.support_units) for t in _tasks(tmp_path, _REPLY)]
    assert got == [
        ("出让工作由你局组织", ["区自然资源局"], []),  # 你局: the addressee
        ("出让全过程由区纪检监察室进行监督", ["区纪检监察室"], []),
        ("区建设局负责审核规划条件并出具意见", ["区建设局"], []),
        ("东部片区指挥部确保宗地按时交付", ["东部片区指挥部"], []),
        ("区公共资源中心承担具体交易工作", ["区公共资源中心"], []),
    ]


def test_package_labels_close_the_package_heading(tmp_path: Path) -> None:
    got = [(t.text, t.ref, t.lead_units, t.support_units) for t in _tasks(tmp_path, _PACKAGES)]
    assert got == [
        (
            "城乡供水工程包，全年力争完成投资1.2亿元",
            "一/(一)",
            ["区建设局"],
            ["区水务公司", "区国投公司"],
        ),
        ("乡村道路工程包，全年力争完成投资0.8亿元", "一/(二)", ["区交通局"], ["区交投公司"]),
    ]


def test_items_with_their_own_labels_keep_them(tmp_path: Path) -> None:
    got = [(t.text, t.lead_units) for t in _tasks(tmp_path, _OWN_UNITS)]
    assert got == [
        ("明确年度目标。力争营业收入增长一成。", ["各区属国企"]),
        ("加强成本管控。压减非生产性支出。", ["区国资局"]),
    ]


def test_package_table_rows_sub_rows_and_support_column(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, _TABLE)
    got = [(t.text, t.group, t.lead_units, t.support_units) for t in tasks]
    assert got == [
        ("城乡供水工程包：建设二期净水厂一座", None, ["区建设局"], ["区水务公司"]),
        ("光纤网络建设：新建安置房小区通信配套", "信息网络工程包", ["区通信办"], ["区国投公司"]),
        (
            "无线网络覆盖：新建基站八十座",
            "信息网络工程包",
            ["区通信办"],
            ["区电信公司", "区移动公司"],
        ),
        ("乡村道路工程包：改造农村公路", None, ["区交通局"], ["区交投公司"]),  # the next package
    ]
    assert tasks[0].other_units == {"推进单位": ["区水务公司"]}
    assert [a.yuan for a in tasks[2].amounts] == [50_000_000]


_DIVISION = """\
某区管委会关于开展建材市场专项整治的通知
岚政办〔2024〕20号
一、责任分工
（一）区市场监管局牵头价格调查工作。区市场监管局负责调查企业串通定价线索。区国投集团、城投集团，负责统计本集团项目采购价格。区税务局，负责核查涉税违法线索。
（二）区交建局牵头质量整治工作。区交建局负责抽检工程质量。区经发局，负责分析供求情况。
（三）区执法局，负责核查运输车辆抛洒滴漏线索。
二、职责分工
（一）区住建局：对已取得资质的企业，开展年度复核。
（二）项目所在乡镇政府及派出所：对辖区内的违规企业，配合做好劝导工作。
"""


def test_units_with_their_own_part_support_the_lead_paragraph(tmp_path: Path) -> None:
    got = {t.ref: (t.lead_units, t.support_units) for t in _tasks(tmp_path, _DIVISION)}
    assert got == {
        "一/(一)": (["区市场监管局"], ["区国投集团", "城投集团", "区税务局"]),
        "一/(二)": (["区交建局"], ["区经发局"]),
        "一/(三)": (["区执法局"], []),  # `<unit>，负责…`
        "二/(一)": (["区住建局"], []),  # under a duty heading, whatever the first word
        "二/(二)": (["项目所在乡镇政府", "派出所"], []),  # `A及B`; 所在 is part of a name
    }


_COMMA_DUTIES = """\
某区关于开展食品市场专项检查的工作方案
为规范食品市场秩序，制定本方案。
一、检查内容
重点检查无证经营和过期食品。
二、工作要求
（一）加强领导。成立专项检查领导小组，负责统筹协调。
（二）明确分工，压实责任。建立部门协作机制，合力推进检查。区市场监管局负责组织开展市场巡查，各街道派人员配合做好辖区巡查工作，区公安分局负责查办涉嫌犯罪案件，区融媒体中心负责宣传报道工作。检查领导小组办公室负责汇总各类报表和阶段总结，确保检查取得成效。
（三）严格执法。对发现的问题依法处理。
"""


def test_comma_clauses_of_unit_duties_are_one_task_each(tmp_path: Path) -> None:
    """`A负责…，B派人员配合…，C负责…，D负责…。E负责…` after a preamble sentence: one task per
    duty clause, the 配合 units supporting the clause they follow; the preamble is none."""
    got = [(t.text, t.lead_units, t.support_units) for t in _tasks(tmp_path, _COMMA_DUTIES)]
    assert got == [
        ("组织开展市场巡查，各街道派人员配合做好辖区巡查工作", ["区市场监管局"], ["各街道"]),
        ("查办涉嫌犯罪案件", ["区公安分局"], []),
        ("宣传报道工作", ["区融媒体中心"], []),
        ("汇总各类报表和阶段总结", ["检查领导小组办公室"], []),  # its first clause
    ]


_EMPTY_REQUIREMENT = """\
某区农业局2024年信息公开重点任务分解表
工作任务\t区级牵头部门\t本局责任科室\t工作要求
一、推进执法公开
1.公开年度抽查计划\t区市场监管局\t办公室牵头，各科室配合\t在门户网站公布抽查计划并及时更新。
2.公开抽查对象名录\t名录按季度更新，接受社会监督。
3.公开执法检查结果\t区司法局\t执法科牵头落实\t
4.公开行政处罚决定\t区司法局\t法规科牵头落实\t处罚决定作出后7个工作日内公开。
"""


def test_a_row_without_requirement_is_its_numbered_task_name(tmp_path: Path) -> None:
    """An empty 工作要求 cell is not a row that lost its leading cell: the row is not shifted
    (its units cell would become the text) and its numbered task name is the task, led by
    the bureau's own 本局责任科室 cell."""
    got = [(t.text, t.lead_units) for t in _tasks(tmp_path, _EMPTY_REQUIREMENT)]
    assert ("公开执法检查结果", ["执法科"]) in got
    assert not any("牵头落实" in text for text, _units in got)
    assert len(got) == 4


def test_a_row_under_spanned_unit_cells_is_its_own_task_with_their_units(
    tmp_path: Path,
) -> None:
    """`2.任务名\t要求` under a row whose units cells span down: the name stays in the first
    column, the 要求 in the last, and the spanned units are the row above's (the bureau's own
    本局责任科室 cell leads)."""
    got = [(t.text, t.lead_units) for t in _tasks(tmp_path, _EMPTY_REQUIREMENT)]
    assert got[1] == ("公开抽查对象名录：名录按季度更新，接受社会监督。", ["办公室"])
    assert got[0] == ("公开年度抽查计划：在门户网站公布抽查计划并及时更新。", ["办公室"])
