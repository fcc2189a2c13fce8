"""Assigning forms first met in the blind sets of round 5 (public pages of other provinces'
governments), on synthetic snippets written for these tests: same shape, own wording.

Those pages are third-party text and stay outside the repository; `tests/real_documents.py`
records which sets were measured blind and which were tuned on afterwards.
"""

from __future__ import annotations

from pathlib import Path

from core.model import Task
from core.pipeline import extract_file


def _tasks(tmp_path: Path, text: str) -> list[Task]:
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    return extract_file(f).tasks


_LEADER_IN_ANNOTATION = """\
2023年区《政府工作报告》重点工作任务责任分解方案
一、主要预期目标
1.地区生产总值增长7%以上。(责任领导:王某;牵头单位:区发改局)
2.城乡居民收入稳步增长。（责任领导：王某、李某；牵头单位：区发改局、区农业农村局）
"""


def test_annotation_naming_its_leader_before_its_units(tmp_path: Path) -> None:
    """`（责任领导：X；牵头单位：Y）`: the leader goes to `leader`, the units to the task."""
    got = [(t.lead_units, t.leader) for t in _tasks(tmp_path, _LEADER_IN_ANNOTATION)]
    assert got == [(["区发改局"], "王某"), (["区发改局", "区农业农村局"], "王某、李某")]


_DIVISION_LINES = """\
2021年市《政府工作报告》重点任务分工方案
一、主要预期目标
1.地区生产总值增长6%左右。
分管市领导:张某
部门分工:市发展改革委牵头,各区、各部门配合。
2.一般公共预算收入增长5%左右。
分管市领导：赵某
部门分工：市财政局牵头，各区、各部门配合。
"""


def test_division_label_prints_its_own_roles(tmp_path: Path) -> None:
    """`部门分工：X牵头，Y配合` under an item, after a `分管市领导：` line."""
    got = [
        (t.text, t.lead_units, t.support_units, t.leader) for t in _tasks(tmp_path, _DIVISION_LINES)
    ]
    assert got == [
        ("地区生产总值增长6%左右。", ["市发展改革委"], ["各区", "各部门"], "张某"),
        ("一般公共预算收入增长5%左右。", ["市财政局"], ["各区", "各部门"], "赵某"),
    ]


_HOST_AND_CO_HOST = """\
2013年省《政府工作报告》重点工作分工
一、主要预期目标
(一)地区生产总值增长10%左右。(省发改委负责)(二)公共财政收入增长12%左右。(省财政厅主办,省国税局、地税局协办)
(三)财政收入增长8%左右。（市财政局牵头；市税务局、各县、市、区政府配合）
(四)营造公平准入环境。(市发改委牵头,市投资局、市财政局等市级相关单位,各区县政府配合)
"""


def test_host_co_host_roles_and_county_levels_as_one_collective(tmp_path: Path) -> None:
    """`X主办，Y协办`; `X牵头；Y配合` across a `；`; `各县、市、区政府` is one collective unit;
    `等市级相关单位` is a wrapper, not a name."""
    got = [(t.lead_units, t.support_units) for t in _tasks(tmp_path, _HOST_AND_CO_HOST)]
    assert got == [
        (["省发改委"], []),
        (["省财政厅"], ["省国税局", "地税局"]),
        (["市财政局"], ["市税务局", "各县、市、区政府"]),
        (["市发改委"], ["市投资局", "市财政局", "各区县政府"]),
    ]


_LABEL_AFTER_STOP = """\
2009年省政府重点工作责任分解
一、加快推进重大项目建设
(一)进一步扩大有效投资。责任单位:省发改委牵头,省交通厅、省水利厅配合。
(二)推进现代流通体系建设。〔责任单位:省商务厅、省市场监管局按职责分工负责〕
"""


def test_label_after_the_stop_and_tortoise_shell_brackets(tmp_path: Path) -> None:
    """`…。责任单位：X牵头，Y配合。` on the item's own line; `〔责任单位：…〕` closes an item
    as `（…）` does."""
    got = [(t.text, t.lead_units, t.support_units) for t in _tasks(tmp_path, _LABEL_AFTER_STOP)]
    assert got == [
        ("进一步扩大有效投资。", ["省发改委"], ["省交通厅", "省水利厅"]),
        ("推进现代流通体系建设。", ["省商务厅", "省市场监管局"], []),
    ]


_LEADER_LIST_WITH_CO_UNITS = """\
关于印发2008年市人民政府工作目标责任分解的通知
一、张某市长负责的工作
全面负责市人民政府工作任务的落实。
(一)市审计局牵头的工作
全面加强审计工作。
协同单位:市直各部门和各县区人民政府。
(二)市编办牵头的工作
1.深化行政管理体制改革。
2.稳妥推进乡镇机构改革。
协同单位:市财政局、市人社局等市直有关部门。
二、李某常务副市长负责的工作
(一)市政府办公室牵头的工作
1.加强政府自身建设。
协同单位:市直有关部门。
"""


def test_co_unit_lines_under_a_leader_list_support_the_item_above(tmp_path: Path) -> None:
    """`协同单位：…` after an item of a leaders' division list supports that item; it is no
    item of its own, and the unit heading above is no obligation either."""
    got = [
        (t.text, t.lead_units, t.support_units, t.leader)
        for t in _tasks(tmp_path, _LEADER_LIST_WITH_CO_UNITS)
    ]
    assert got == [
        ("全面加强审计工作。", ["市审计局"], ["市直各部门", "各县区人民政府"], "张某市长"),
        ("深化行政管理体制改革。", ["市编办"], [], "张某市长"),
        (
            "稳妥推进乡镇机构改革。",
            ["市编办"],
            ["市财政局", "市人社局", "市直有关部门"],
            "张某市长",
        ),
        ("加强政府自身建设。", ["市政府办公室"], ["市直有关部门"], "李某常务副市长"),
    ]


_STARRED_TABLE = """\
区政府2024年重点工作目标任务分解落实方案
序号\t项目\t重点工作目标任务\t牵头领导\t责任单位
一、2024年全区经济社会发展主要预期目标
1\t主要预期目标\t1.地区生产总值增长5%以上。\t张 三\t★区发改委、统计局
2.一般公共预算收入增长6%以上。\t★区财政局、税务局
3.规上工业总产值增长5%左右。\t\t★区工信局、统计局
4.工业投资增长10%以上。\t李 四\t★区工信局
"""


def test_one_full_row_then_rows_under_merged_cells_and_an_unexplained_star(
    tmp_path: Path,
) -> None:
    """Only the first row prints every cell; the rows under it print the task, maybe the
    leader, and the units. Each is a task of its own under the merged 项目 category, the
    merged leader carries on, and the one ★ unit leads."""
    tasks = _tasks(tmp_path, _STARRED_TABLE)
    got = [(t.text, t.group, t.lead_units, t.support_units) for t in tasks]
    assert got == [
        ("地区生产总值增长5%以上。", "主要预期目标", ["区发改委"], ["统计局"]),
        ("一般公共预算收入增长6%以上。", "主要预期目标", ["区财政局"], ["税务局"]),
        ("规上工业总产值增长5%左右。", "主要预期目标", ["区工信局"], ["统计局"]),
        ("工业投资增长10%以上。", "主要预期目标", ["区工信局"], []),
    ]
    assert [tasks[0].leader, tasks[1].leader, tasks[3].leader] == ["张三", "张三", "李四"]


_CELLS_WITH_WRAPPED_HEADER = """\
2021年市政府工作报告部署工作责任分工
序号
重点工作
市政府
分管领导
牵头单位
配合单位
备注
强化科技创新支撑能力。
(一)
加强战略科技力量建设。
1
加快建设科技创新轴。
王 某
市科技局
甲区、乙区政府
2
做好国家实验室筹建保障服务工作。
王 某
市科技局
市政府办公厅、市财政局
"""


def test_one_cell_per_line_with_a_wrapped_column_name_and_category_rows(
    tmp_path: Path,
) -> None:
    """A one-cell-per-line table whose `市政府分管领导` column name wraps over two lines and
    whose first rows are category rows: rebuilt, each numbered row is a task; the empty
    备注 cells are simply not printed."""
    got = [
        (t.text, t.leader, t.lead_units, t.support_units)
        for t in _tasks(tmp_path, _CELLS_WITH_WRAPPED_HEADER)
    ]
    assert got == [
        ("加快建设科技创新轴。", "王某", ["市科技局"], ["甲区", "乙区政府"]),
        ("做好国家实验室筹建保障服务工作。", "王某", ["市科技局"], ["市政府办公厅", "市财政局"]),
    ]


_PROVINCIAL_DEPARTMENTS = """\
省人民政府关于落实《政府工作报告》重点工作责任分工的意见
一、全省经济社会发展主要目标
(一)地区生产总值增长7%左右。(省发改委负责)(二)财政收入增长6%左右。(省财政厅主办,省税务局协办)
(三)社会消费品零售总额增长8%以上。(省商务厅负责)
(四)进出口总额增长5%左右。(省商务厅负责)
"""


def test_provincial_departments_and_two_items_on_one_line(tmp_path: Path) -> None:
    """`（省商务厅负责）`: a 厅 is a unit like a 局; the second item run onto the first one's
    line keeps its own number and text."""
    got = [
        (t.ref, t.text, t.lead_units, t.support_units)
        for t in _tasks(tmp_path, _PROVINCIAL_DEPARTMENTS)
    ]
    assert got == [
        ("一/(一)", "地区生产总值增长7%左右。", ["省发改委"], []),
        ("一/(二)", "财政收入增长6%左右。", ["省财政厅"], ["省税务局"]),
        ("一/(三)", "社会消费品零售总额增长8%以上。", ["省商务厅"], []),
        ("一/(四)", "进出口总额增长5%左右。", ["省商务厅"], []),
    ]


_HEADING_OVER_ANNOTATED_PARAGRAPHS = """\
省人民政府办公厅关于落实《政府工作报告》重点工作部门分工的意见
一、保持经济持续健康发展
(一)推动经济稳定增长,必须发挥消费、投资、出口均衡拉动作用。
发挥消费的基础作用,多渠道促进城乡居民增收。(省发展改革委、省商务厅等负责)
发挥投资的关键作用,引导资金投向社会民生领域。(省发展改革委、省财政厅等负责)
(二)完善公路交通网络。
1、加快构建环湖旅游快速通道。(省发改委、省交通运输厅负责。列第一位的为牵头部门,下同)
2、加快国省道升级改造。(省交通运输厅、省财政厅负责)
"""


def test_heading_over_annotated_paragraphs_and_a_reading_note(tmp_path: Path) -> None:
    """A heading line over paragraphs that each close with their own annotation is no part
    of the first one; `（…负责。列第一位的为牵头部门，下同）` is an annotation whose note
    makes the first-listed unit lead (DOMAIN.md: in the whole document)."""
    got = [
        (t.line, t.text, t.lead_units, t.support_units)
        for t in _tasks(tmp_path, _HEADING_OVER_ANNOTATED_PARAGRAPHS)
    ]
    assert got == [
        (4, "发挥消费的基础作用,多渠道促进城乡居民增收。", ["省发展改革委"], ["省商务厅"]),
        (5, "发挥投资的关键作用,引导资金投向社会民生领域。", ["省发展改革委"], ["省财政厅"]),
        (7, "加快构建环湖旅游快速通道。", ["省发改委"], ["省交通运输厅"]),
        (8, "加快国省道升级改造。", ["省交通运输厅"], ["省财政厅"]),
    ]


_LABELS_ON_THE_ITEM_LINE = """\
关于印发某县2024年重点工作任务清单的通知
一、重点任务
1.主要任务：推进老旧小区改造；责任单位：县住建局；完成时限：2024年12月底前。
2.抓好森林防火工作。牵头单位：县林业局；配合单位：县应急管理局、各乡镇；完成时限：长期坚持。
3.开展安全生产大排查。（责任领导：张三；牵头单位：县应急管理局；配合单位：县直有关部门）
"""


def test_semicolon_separated_labels_on_the_item_line(tmp_path: Path) -> None:
    """`主要任务：…；责任单位：…；完成时限：…` and `…。牵头单位：X；配合单位：Y；完成时限：Z`
    on the item's own line; a `；` inside a bracketed annotation is no such cut."""
    got = [
        (t.text, t.lead_units, t.support_units, t.deadline)
        for t in _tasks(tmp_path, _LABELS_ON_THE_ITEM_LINE)
    ]
    assert got == [
        ("推进老旧小区改造", ["县住建局"], [], "2024-12-31"),
        ("抓好森林防火工作。", ["县林业局"], ["县应急管理局", "各乡镇"], None),
        ("开展安全生产大排查。", ["县应急管理局"], ["县直有关部门"], None),
    ]


_DUTY_LIST_WITH_A_MUST_LINE = """\
某县农村人居环境整治实施方案
四、职责分工
县农业农村局负责牵头组织实施农村人居环境整治工作，制定年度计划。
县财政局负责统筹整合涉农资金，保障整治经费。
各乡镇要落实属地责任，组织开展村庄清洁行动。
五、保障措施
有关部门和单位要加强督促检查。
"""


def test_a_must_line_in_a_duty_list_is_that_units_duty(tmp_path: Path) -> None:
    """`各乡镇要落实属地责任…` right after `X负责…` lines of a 职责分工 list is the 乡镇's duty;
    `有关部门和单位要…` names no unit and is none."""
    got = [(t.lead_units, t.text) for t in _tasks(tmp_path, _DUTY_LIST_WITH_A_MUST_LINE)]
    assert got == [
        (["县农业农村局"], "负责牵头组织实施农村人居环境整治工作，制定年度计划。"),
        (["县财政局"], "负责统筹整合涉农资金，保障整治经费。"),
        (["各乡镇"], "要落实属地责任，组织开展村庄清洁行动。"),
    ]


_SQUEEZED_LABELS = """\
某县2024年优化营商环境工作要点
一、提升政务服务效能
1.推进一网通办改革。
责任单位：县行政审批局 完成时限：2024年6月底前
2.深化证照分离改革。
牵头单位：县市场监管局 配合单位：县财政局
序号\t工作任务\t责任单位\t完成时限
1\t推进县城供水管网改造。\t牵头：县住建局；配合：县财政局、县水利局\t2024年10月
"""


def test_labels_whose_separating_space_was_squeezed_and_bare_role_labels(
    tmp_path: Path,
) -> None:
    """Normalization squeezes the space between `县行政审批局 完成时限：`; the labels still
    part; a cell's `牵头：X；配合：Y` names lead and support."""
    got = [
        (t.text, t.lead_units, t.support_units, t.deadline)
        for t in _tasks(tmp_path, _SQUEEZED_LABELS)
    ]
    assert got == [
        ("推进一网通办改革。", ["县行政审批局"], [], "2024-06-30"),
        ("深化证照分离改革。", ["县市场监管局"], ["县财政局"], None),
        ("推进县城供水管网改造。", ["县住建局"], ["县财政局", "县水利局"], "2024-10-31"),
    ]


_HEADERLESS_PIPE_TABLE = """\
某县2021年民生实事项目进展情况
1 | 完成27所学校教育基础设施改造提升。 | 县教育局 | 已安装空调970台。
|
2 | 完成10家居家养老服务照料中心建设。 | 县民政局 | 5家施工中,5家完成建设。
|
3 | 新增婴幼儿照护服务机构6家。 | 县卫生健康局 | 本月继续推进。
|
"""


def test_a_table_printed_without_its_header_row(tmp_path: Path) -> None:
    """Rows numbered 1, 2, 3 with a column of unit names and a column of sentences, their
    header lost (and bars only between cells): each row is a task of the unit in it."""
    got = [(t.line, t.text, t.lead_units) for t in _tasks(tmp_path, _HEADERLESS_PIPE_TABLE)]
    assert got == [
        (2, "完成27所学校教育基础设施改造提升。", ["县教育局"]),
        (4, "完成10家居家养老服务照料中心建设。", ["县民政局"]),
        (6, "新增婴幼儿照护服务机构6家。", ["县卫生健康局"]),
    ]


_SPLIT_DUTIES = """\
关于印发推进县域治理赋权工作实施方案的通知
二、职责分工
市政府各有关部门负责本部门职权范围内赋权事项的下放工作,灵宝市负责下放权限的承接工作。
"""


def test_one_sentence_giving_two_units_their_own_duties(tmp_path: Path) -> None:
    """`X负责…，Y负责…。` under 职责分工 is two duties; a place acting as its government
    (`灵宝市负责…`) is that duty's unit."""
    got = [(t.lead_units, t.text) for t in _tasks(tmp_path, _SPLIT_DUTIES)]
    assert got == [
        (["市政府各有关部门"], "负责本部门职权范围内赋权事项的下放工作"),
        (["灵宝市"], "负责下放权限的承接工作。"),
    ]


def test_square_bracket_annotation_with_an_aliased_unit(tmp_path: Path) -> None:
    text = (
        "某县2021年重点工作\n一、主要目标\n(一)地区生产总值增长11%。"
        "[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,县经济开发区]\n"
    )
    got = [(t.text, t.lead_units, t.support_units) for t in _tasks(tmp_path, text)]
    assert got == [
        ("地区生产总值增长11%。", ["县发改局(粮食局)"], ["各镇人民政府", "县经济开发区"])
    ]


_UNIT_THEN_DUTY_LINES = """\
中考、高考保障职责分工
相关部门
职责分工
区公安分局
维护考点周边安全、试卷运送保管安全保障。
区教育局
负责考试的具体组织、实施和协调工作。
区市场监管局
考点周边宾馆及餐饮卫生检查。
区卫健委
考点医疗服务、体检保障。
"""


def test_unit_names_alone_on_a_line_each_followed_by_its_duties(tmp_path: Path) -> None:
    """A 职责分工 printed as a unit's name on one line and its duties on the next, three
    times or more: each duty line is that unit's task."""
    got = [(t.line, t.lead_units) for t in _tasks(tmp_path, _UNIT_THEN_DUTY_LINES)]
    assert got == [
        (5, ["区公安分局"]),
        (7, ["区教育局"]),
        (9, ["区市场监管局"]),
        (11, ["区卫健委"]),
    ]


def test_two_unit_duty_pairs_are_not_enough(tmp_path: Path) -> None:
    """A signature block or a couple of stray lines is no list: at least three pairs."""
    text = (
        "关于做好安全工作的通知\n区公安分局\n维护考点周边安全、试卷运送保管安全。\n"
        "区教育局\n负责考试的组织、实施工作。\n"
    )
    assert _tasks(tmp_path, text) == []


def test_unit_headings_that_count_their_items(tmp_path: Path) -> None:
    """`一、县发改局牵头的工作（3项）` and `（一）县财政局（2项）`: the count names nothing."""
    text = (
        "某县2024年政府工作报告重点任务分解\n"
        "一、县发改局牵头的工作（2项）\n1.推进重大项目建设。\n2.加强价格监测。\n"
        "二、县财政局牵头的工作(共1项)\n1.加强预算管理。\n"
    )
    got = [(t.line, t.lead_units, t.text) for t in _tasks(tmp_path, text)]
    assert got == [
        (3, ["县发改局"], "推进重大项目建设。"),
        (4, ["县发改局"], "加强价格监测。"),
        (6, ["县财政局"], "加强预算管理。"),
    ]


_INVOLVES_BLANKET = """\
省现代流通体系建设实施方案
一、深化现代流通市场化改革
(一)加强市场体系建设。推进高标准市场体系建设。〔责任单位:省发展改革委、省商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕
(二)优化市场准入环境。实施“证照分离”改革全覆盖。〔责任单位:省市场监管局〕
(三)加快资金拨付进度。(省发展改革委、财政厅牵头;省工业和信息化委、地税局,国家开发银行云南省分行,各州、市人民政府配合)
"""


def test_a_blanket_involving_every_task_and_a_long_support_part(tmp_path: Path) -> None:
    """`具体任务均涉及X，不再做分工，下同` makes X support this item and every later one; the
    supporting units after a `；` may run over commas."""
    got = [(t.lead_units, t.support_units) for t in _tasks(tmp_path, _INVOLVES_BLANKET)]
    assert got == [
        (["省发展改革委", "省商务厅"], ["相关市(州)人民政府"]),
        (["省市场监管局"], ["相关市(州)人民政府"]),
        (
            ["省发展改革委", "财政厅"],
            [
                "省工业和信息化委",
                "地税局",
                "国家开发银行云南省分行",
                "各州、市人民政府",
                "相关市(州)人民政府",
            ],
        ),
    ]


def test_an_outcome_line_between_item_and_units_is_no_part_of_the_task(tmp_path: Path) -> None:
    """`工作成果：…` printed between an item and its `责任单位：` line says what the work yields;
    the task is the item (the line stays claimed, so it is reported nowhere else)."""
    text = (
        "城市群建设2020年重点任务清单\n一、重点规划衔接融合方面\n"
        "1. 做好重大规划的有效衔接。\n工作成果:坚持规划先行,推动各领域规划有序衔接。\n"
        "责任单位:甲市发展改革部门\n"
    )
    got = [(t.text, t.lead_units) for t in _tasks(tmp_path, text)]
    assert got == [("做好重大规划的有效衔接。", ["甲市发展改革部门"])]


def test_a_bracketed_reading_note_at_the_end_of_a_units_line(tmp_path: Path) -> None:
    """`责任单位：A、B、C（列第一位者为牵头或汇总单位，下同）`: the note names no unit; it makes
    the first-listed unit lead here and in the later lines it covers (`下同`)."""
    text = (
        "2024年区政府工作报告重点工作责任分解\n一、王某区长牵头重点工作\n"
        "1.完成60万平方米征拆任务。\n"
        "责任单位：区房屋征收中心、区发改局、古林镇(列第一位者为牵头或汇总单位,下同)\n"
        "2.新建保障性租赁住房1000套。\n责任单位：区住建局、区国资中心\n"
    )
    got = [(t.lead_units, t.support_units) for t in _tasks(tmp_path, text)]
    assert got == [
        (["区房屋征收中心"], ["区发改局", "古林镇"]),
        (["区住建局"], ["区国资中心"]),
    ]


def test_progress_table_with_period_headers_and_rows_short_of_a_merged_column(
    tmp_path: Path,
) -> None:
    """A progress table whose columns are named by a reporting period (`1-10月推进情况`) is a
    table, not data; its rows print one cell fewer than the header (the 全年目标任务 cell is
    merged away), some with an empty last cell: each cell goes under the column its header
    names, so the 牵头单位 leads and the 协同单位 support."""
    text = (
        "2023年区政府重点民生实事项目推进情况(1-11月)\n"
        "序号\t主要任务\t全年目标任务\t分管 领导\t牵头 单位\t责任主体与协同单位\t"
        "1-10月推进情况\t1-11月推进情况\t是否达序\t说明\n"
        "3\t新建口袋公园12个。\t王某\t园林局\t住建局、相关街道\t已完成6个。\t已完成9个。\t是\t\n"
        "4\t改造农贸市场5个。\t李某\t商务局\t市场监管局、各街道\t已开工。\t完成80%。\t否\t"
        "受用地影响,滞后1个月。\n"
    )
    got = [(t.text, t.lead_units, t.support_units, t.leader) for t in _tasks(tmp_path, text)]
    assert got == [
        ("新建口袋公园12个。", ["园林局"], ["住建局", "相关街道"], "王某"),
        ("改造农贸市场5个。", ["商务局"], ["市场监管局", "各街道"], "李某"),
    ]


def test_a_leader_label_line_that_goes_on_with_unit_labels(tmp_path: Path) -> None:
    """`责任领导：X；责任单位：Y；配合单位：Z` under an item: X is its leader, Y leads, Z
    supports (the line is not taken whole as the leader)."""
    text = (
        "某市人民政府办公室关于印发政府工作报告若干重点工作任务的通知\n"
        "一、突出工业转型升级\n"
        "1.加大招商引资力度,引进一批带动能力强的合资合作项目。\n"
        "责任领导:吴某;责任单位:外贸局、发改局;配合单位:相关镇街区,有关部门。\n"
        "2.创建异地商会,为在外创业人员搭建服务平台。\n"
        "责任领导:俞某;责任单位:协作办、工商联;配合单位:民政局。\n"
    )
    got = [(t.leader, t.lead_units, t.support_units) for t in _tasks(tmp_path, text)]
    assert got == [
        ("吴某", ["外贸局", "发改局"], ["相关镇街区", "有关部门"]),
        ("俞某", ["协作办", "工商联"], ["民政局"]),
    ]


def test_a_bracketed_reading_note_closing_an_annotation(tmp_path: Path) -> None:
    """`（责任单位：A、B、C（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同））`: the
    note names no unit (C stays a unit), A leads, and `分别牵头` keeps its own lead units."""
    text = (
        "2023年市政府工作报告重点工作责任分解\n"
        "1.固定资产投资增长10%。\n"
        "责任单位:市发改委、市经信局、市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)\n"
        "2.城乡居民收入增长6%。\n"
        "责任单位:市人力社保局、市农业农村局分别牵头\n"
    )
    got = [(t.lead_units, t.support_units) for t in _tasks(tmp_path, text)]
    assert got == [
        (["市发改委"], ["市经信局", "市卫生健康委"]),
        (["市人力社保局", "市农业农村局"], []),
    ]


def test_a_closing_sentence_putting_units_in_charge(tmp_path: Path) -> None:
    """`…高于上年。由市财政局、农业局，各县（市）、区人民政府负责落实。` on the item's line, or
    on a line of its own under it: the sentence is the item's annotation, not its text;
    `各县（市）、区人民政府` is one collective."""
    text = (
        "关于分解落实2012年政府工作报告重点工作的通知\n"
        "各县（市）、区人民政府，市人民政府各部门：\n"
        "一、为民办好十件实事\n"
        "（一）继续实施种粮农民直接补贴，确保补贴总金额高于上年。"
        "由市财政局、农业局，各县（市）、区人民政府负责落实。\n"
        "（二）新建农村公路500公里。\n"
        "由市交通局牵头，各县（市）、区人民政府负责落实。\n"
    )
    got = [(t.text, t.lead_units, t.support_units) for t in _tasks(tmp_path, text)]
    assert got == [
        (
            "继续实施种粮农民直接补贴，确保补贴总金额高于上年。",
            ["市财政局", "农业局", "各县（市）、区人民政府"],
            [],
        ),
        ("新建农村公路500公里。", ["市交通局"], ["各县（市）、区人民政府"]),
    ]


def test_a_units_cell_printing_one_name_per_paragraph(tmp_path: Path) -> None:
    """A row with one task whose units cell prints each unit in a paragraph of its own
    (`<p>农业股</p><p>乡村产业发展股</p>`) names them all, not the last one only."""
    text = (
        "农业农村局承担政府重点工作完成情况\n"
        "序号\t目标任务\t牵头责任单位\t计划完成时间\n"
        "54\t加强农产品品牌建设,创建基地62万亩。\t<p>农业股</p> <p>乡村产业发展股</p>\t2023年底\n"
        "55\t持续开展农资打假专项治理行动。\t农业执法大队\t2023年底\n"
    )
    got = [t.lead_units for t in _tasks(tmp_path, text)]
    assert got == [["农业股", "乡村产业发展股"], ["农业执法大队"]]


def test_a_units_line_closing_a_run_of_sub_items(tmp_path: Path) -> None:
    """`1.完善应急预案体系` over `(1)`…`(3)`, then `(责任单位：…)` on a line of its own: no
    sub-item names units of its own, so the line closes the run and each sub-item is a task
    (not the heading above, nor the last sub-item alone)."""
    text = (
        "某市人民政府办公厅关于印发应急体系建设规划的通知\n"
        "(一)“一案三制”建设\n"
        "1.完善应急预案体系\n"
        "(1)加强应急预案管理,规范应急预案编制。\n"
        "(2)推进应急预案“精编化”,及时修订完善现有应急预案。\n"
        "(3)加强应急预案演练,推进“双盲”演练。\n"
        "(责任单位:市直各有关单位、各县(市、区)人民政府)\n"
    )
    got = [(t.text, t.lead_units, t.group) for t in _tasks(tmp_path, text)]
    units = ["市直各有关单位", "各县(市、区)人民政府"]
    assert got == [
        ("加强应急预案管理,规范应急预案编制。", units, "完善应急预案体系"),
        ("推进应急预案“精编化”,及时修订完善现有应急预案。", units, "完善应急预案体系"),
        ("加强应急预案演练,推进“双盲”演练。", units, "完善应急预案体系"),
    ]


def test_a_merged_units_cell_whose_row_kept_the_table_width(tmp_path: Path) -> None:
    """A row that lost its `牵头单位` cell to the cell merged from above yet ends on an
    empty cell: its progress note is no unit; the units above carry down."""
    text = (
        "2024年4月民生实事项目进展情况汇总表\n"
        "序号\t项目内容\t月度工作计划\t牵头单位\t落实情况\n"
        "1\t为老年人免费接种流感疫苗24723人。\t4月:制定接种方案。\t县卫生健康局\t已完成。\n"
        "2\t开展结直肠癌筛查7400人。\t4月:完成筛查1480人。\t已完成。完成筛查3495人,完成率47%。\t\n"
        "3\t培训应急救护人员235人。\t4月:完成培训65人。\t县红十字会\t已完成。\n"
    )
    got = [t.lead_units for t in _tasks(tmp_path, text)]
    assert got == [["县卫生健康局"], ["县卫生健康局"], ["县红十字会"]]


def test_a_month_naming_a_column_and_a_figure_that_is_no_unit(tmp_path: Path) -> None:
    """`8月计划进度` names a column (the table is read); the second sub-item's row lost its
    merged 责任单位 cell, and its `72%` belongs under 完成率, never in the units column."""
    text = (
        "项 目 内 容\t8月计划进度\t实际进度情况\t完成率\t责任 单位\t具体分管领导\n"
        "(1)吸收60所民办幼儿园为“公助园”,实现同级同价。\t正式印发文件。\t新吸收8所。\t72%\t"
        "市教育局\t王某\n"
        "(2)组建教共体70对以上。\t继续常态化开展活动。\t完成2022年目标。\t72%\t李某\n"
    )
    got = [(t.text, t.lead_units) for t in _tasks(tmp_path, text)]
    assert got == [
        ("吸收60所民办幼儿园为“公助园”,实现同级同价。", ["市教育局"]),
        ("组建教共体70对以上。", ["市教育局"]),
    ]


def test_a_units_cell_with_commas_stays_put_beside_an_empty_remark(tmp_path: Path) -> None:
    """`县发改局牵头，县财政局配合` in the 牵头单位 column of a row whose 备注 is empty: units,
    however punctuated; the row is not taken for one that lost its units cell."""
    text = (
        "序号\t重点任务\t牵头单位\t备注\n"
        "1\t推进项目建设。\t县住建局\t无\n"
        "2\t加快园区扩容。\t县发改局牵头，县财政局配合\t\n"
    )
    got = [(t.lead_units, t.support_units) for t in _tasks(tmp_path, text)]
    assert got == [(["县住建局"], []), (["县发改局"], ["县财政局"])]


# Round 9 (set O): a target divided among towns in a table of its own.
_QUOTA_TABLE = """\
某县人民政府办公室关于下达2023年油茶种植任务的通知
各乡（镇）人民政府：
现将2023年油茶种植任务分解下达给你们，请抓好落实。
附件
某县2023年油茶种植任务分解表
乡镇\t新种任务（亩）\t低改任务（亩）\t备注
全县合计\t3000\t1200\t
城关镇\t900\t300\t其中县林业投资公司新种任务400亩
东山乡\t700\t400\t
西河镇\t800\t\t
南岭乡\t600\t500\t
"""


def test_a_quota_table_gives_each_town_its_figures(tmp_path: Path) -> None:
    """`乡镇 · 新种任务（亩） · 备注`: each town owes its figures; the total row is no task."""
    got = [(t.lead_units, t.text, t.deadline) for t in _tasks(tmp_path, _QUOTA_TABLE)]
    assert got == [
        (
            ["城关镇"],
            "新种任务（亩）：900；低改任务（亩）：300；其中县林业投资公司新种任务400亩",
            None,
        ),
        (["东山乡"], "新种任务（亩）：700；低改任务（亩）：400", None),
        (["西河镇"], "新种任务（亩）：800", None),
        (["南岭乡"], "新种任务（亩）：600；低改任务（亩）：500", None),
    ]


def test_a_table_of_money_or_results_per_town_is_no_quota(tmp_path: Path) -> None:
    """Funds paid to each town, or each town's results, owe nothing: no target column."""
    funds = _QUOTA_TABLE.replace("新种任务（亩）", "补助资金（万元）").replace(
        "低改任务（亩）", "已完成（亩）"
    )
    assert _tasks(tmp_path, funds) == []


# Round 9 (set O): no 文号 and no date, but the title names the year the work is for.
_TITLED_YEAR = """\
2025年开发区重点工作及责任清单
序号\t重点工作\t责任领导\t责任单位\t完成时限
1\t优化重点项目服务机制，全力服务重大项目落地见效。\t张某\t招商工作部\t全年
2\t推动工业用地腾笼换鸟，盘活存量土地400亩。\t李某\t改革办\t年底前
"""


def test_the_title_year_dates_a_list_without_number_or_date(tmp_path: Path) -> None:
    """`全年` in a 完成时限 column is the year-end of the year the title names."""
    got = [t.deadline for t in _tasks(tmp_path, _TITLED_YEAR)]
    assert got == ["2025-12-31", "2025-12-31"]
    # a plan's period names no one year: nothing to resolve against
    period = _TITLED_YEAR.replace("2025年开发区", "开发区2021-2025年")
    assert [t.deadline for t in _tasks(tmp_path, period)] == [None, None]
