"""Lead/support paragraphs and member-unit duty lists found in the real seed gazettes."""

from __future__ import annotations

from seed_documents import doc_context

from core.finders.prose import paragraphs
from core.finders.prose.text_outline import roster_lines


def by_line(tasks, line):
    return next(t for t in tasks if t.line == line)


def test_lead_and_support_paragraph_joined_across_a_page_break():
    t = by_line(paragraphs.find(doc_context("001", 4972)).tasks, 4972)
    assert t.kind == "paragraph"
    assert t.ref == "四/(三)"
    assert t.text.startswith("项目环评审批")
    assert "按权限进行审批，县水利局" in t.text
    assert t.lead_units == ["市生态环境局兴县分局"]
    assert t.support_units == ["县水利局", "兴县水务投资建设有限公司"]


def test_several_leads_in_one_paragraph():
    t = by_line(paragraphs.find(doc_context("001", 4978)).tasks, 4978)
    assert t.lead_units == ["县行政审批局", "县发改局"]
    assert t.support_units == ["县水利局", "兴县水务投资建设有限公司"]


def test_member_unit_duty_list():
    tasks = paragraphs.find(doc_context("003", 328)).tasks
    first = by_line(tasks, 328)
    # `1. 县应急管理局（县安委办）。`: the bracketed second role is part of the name as printed
    assert first.lead_units == ["县应急管理局（县安委办）"]
    assert first.text.startswith("负责协助完成化工园区安全控制线的划定")
    assert by_line(tasks, 330).lead_units == ["县工信和科技局"]
    assert by_line(tasks, 340).lead_units == ["县委组织部", "县委编办"]


def test_policy_paragraphs_yield_nothing():
    # 保障措施 of the same plan: units named, but nobody assigned a lead and supports.
    result = paragraphs.find(doc_context("001", 5000))
    assert [t for t in result.tasks if t.line > 5000] == []
    # `…由县林业局负责审批…，辖区林场配合`: a rule about permits, not an assignment.
    assert [t for t in paragraphs.find(doc_context("003", 183)).tasks if t.line == 183] == []


def test_the_table_of_contents_yields_nothing():
    assert paragraphs.find(doc_context("001", 60, toc=True)).tasks == []


def test_lead_and_implementer_paragraph_under_a_bare_section_title():
    # `五、任务分工` then one paragraph: the title is not part of the obligation.
    t = by_line(paragraphs.find(doc_context("001", 2728)).tasks, 2728)
    assert t.text.startswith("“煤改气”壁挂炉供热改造。由县公用事业发展服务中心牵头")
    assert t.lead_units == ["县公用事业发展服务中心"]
    assert t.support_units == ["兴县华盛燃气有限责任公司"]


def test_unnumbered_member_unit_duty_lines():
    tasks = paragraphs.find(doc_context("001", 3423)).tasks
    assert [t.lead_units for t in tasks if 3420 <= t.line <= 3438] == [
        ["县自然资源局"],
        ["县政府办"],
        ["县纪委监委"],
        ["县公安局"],
        ["县交通局"],
        ["县农业农村局"],
    ]
    first = by_line(tasks, 3423)
    assert first.text.startswith("负责耕地保护月度监测调度工作的综合沟通协调")
    assert first.group == "成员单位主要职责"
    # A duty cut by a page break continues on the next unnumbered line.
    assert "用地手续办理和建设工程监督工作" in by_line(tasks, 3433).text
    # The 领导小组 roster above (names, titles, `成 员：…`) is not a task list.
    assert [t for t in tasks if 3390 <= t.line < 3420] == []


def test_duty_lines_without_a_duty_verb_under_a_division_heading():
    # `五、职责分工` then `自然资源局:对管辖的各类建设行为实施全程跟踪监管…`.
    tasks = paragraphs.find(doc_context("002", 643)).tasks
    assert by_line(tasks, 643).lead_units == ["自然资源局"]
    assert by_line(tasks, 655).lead_units == ["电力公司"]
    # `住房和城乡建设管理局` is one unit, not split at 和.
    tasks = paragraphs.find(doc_context("002", 3503)).tasks
    assert by_line(tasks, 3503).lead_units == ["住房和城乡建设管理局"]


def test_emergency_plan_member_duties_bold_and_after_a_decimal_heading():
    tasks = paragraphs.find(doc_context("003", 1642)).tasks
    first = by_line(tasks, 1642)  # `**县委宣传部：**负责…`
    assert first.lead_units == ["县委宣传部"]
    assert first.group == "县指挥部成员单位职责"
    assert by_line(tasks, 1658).lead_units == ["县财政局"]
    # Working groups `事件调查组：主要由…组成。负责…` describe a make-up, not a unit's duty.
    assert [t for t in tasks if 1668 <= t.line <= 1690] == []


def test_member_roster_line_is_not_a_duty():
    # `成员单位: 县委宣传部、县委网信办、…等单位组成。` in an emergency plan.
    tasks = paragraphs.find(doc_context("004", 875)).tasks
    assert [t for t in tasks if t.line == 875] == []


def test_numbered_unit_glued_to_its_duty_under_a_duty_heading():
    # `四、工作职责` then `(五)县公安局负责提供…` with no stop after the unit.
    tasks = paragraphs.find(doc_context("004", 1169)).tasks
    t = by_line(tasks, 1169)
    assert t.lead_units == ["县公安局"]
    assert t.text.startswith("负责提供被征地农民的户籍及身份确认工作")
    # `(十)其他成员单位按照部门职责开展工作` assigns nothing.
    assert [t for t in tasks if t.line == 1179] == []


def test_support_clause_inside_the_sentence():
    # `应急局牵头组建县级综合应急救援队伍,各相关部门配合,在本部门…统筹组建。`
    t = by_line(paragraphs.find(doc_context("002", 3029)).tasks, 3029)
    assert t.lead_units == ["应急局"]
    assert t.support_units == ["各相关部门"]


def test_unit_glued_to_its_duty_in_a_division_section():
    # `三、职责分工` then `县发改局为全县煤改电工作的牵头部门,负责…`, `县农业农村局负责提供…`.
    tasks = paragraphs.find(doc_context("002", 4009)).tasks
    assert by_line(tasks, 4005).lead_units == ["县发改局"]
    t = by_line(tasks, 4009)
    assert t.lead_units == ["县农业农村局"]
    assert t.text == "负责提供确村确户名单。"
    assert by_line(tasks, 4029).lead_units == ["乡镇人民政府"]


def test_a_lone_unit_sentence_and_list_headings_are_not_duty_lists():
    # `县财政局负责筹集资金…` alone inside a 工作要求 paragraph is prose.
    assert [t for t in paragraphs.find(doc_context("001", 1307)).tasks if t.line == 1307] == []
    # `（一）政府办牵头负责的工作` heads a division list: the list finder's, not a duty.
    assert [t for t in paragraphs.find(doc_context("002", 2614)).tasks if t.line >= 2610] == []


def test_two_units_joined_by_he_are_split_but_names_holding_he_are_not():
    tasks = paragraphs.find(doc_context("002", 3507)).tasks
    assert by_line(tasks, 3507).lead_units == ["工信局", "发改局"]  # `工信局和发改局：负责…`
    assert by_line(tasks, 3505).lead_units == ["文化和旅游局"]


def test_a_duty_list_printed_as_one_paragraph_is_one_task_per_sentence():
    # `二、部门分工` then `自然资源部门负责…。农经中心负责…。…其他各成员单位按照部门职责开展工作。`
    tasks = [t for t in paragraphs.find(doc_context("001", 5224)).tasks if t.line == 5224]
    assert [t.lead_units for t in tasks] == [
        ["自然资源部门"],
        ["农经中心"],
        ["公安部门"],
        ["民政部门"],
        ["财政部门"],
        ["人社部门"],
    ]
    assert tasks[0].text == "负责项目或批次征地面积的审核等工作。"
    assert {(t.ref, t.group, t.section) for t in tasks} == {("二", "部门分工", "二、部门分工")}
    # `…，城乡居民养老保险经办机构具体承办…` supports its own sentence's unit only.
    assert tasks[-1].support_units == ["城乡居民养老保险经办机构"]
    assert tasks[-1].text.endswith("养老保险待遇计发等工作。")
    assert all(t.support_units == [] for t in tasks[:-1])
    # The closing catch-all assigns nothing.
    assert not any("其他各成员单位" in t.text for t in tasks)


def test_a_lone_duty_sentence_in_a_paragraph_stays_whole():
    # One `县X负责…` sentence under a division heading is not split into a list.
    assert paragraphs._duty_sentences("县农业农村局负责提供确村确户名单。") is None
    two = paragraphs._duty_sentences("县财政局负责筹集资金。全县各级要加强领导。")
    assert two is None  # the second sentence names no unit's duty


def test_a_member_roster_is_never_part_of_a_task():
    # `（二）加强领导，组织保障。为确保…成立…领导小组…` then `组 长：贺建强 县委常委…`,
    # `成 员：贾广田 县自然资源局局长`, name lines, then the units' duty paragraph.
    tasks = paragraphs.find(doc_context("001", 4675)).tasks
    assert [t for t in tasks if 4657 <= t.line < 4675] == []
    t = by_line(tasks, 4675)
    assert t.ref == "四/(二)"
    assert t.group == "主要措施"
    assert t.text.startswith("县农业农村局负责指导“非粮化”问题整改")
    assert t.lead_units == ["县农业农村局", "县自然资源局"]
    assert t.support_units == ["各乡镇"]
    assert not any(w in t.text for w in ("贺建强", "组长", "局长", "成员"))


def test_roster_lines_on_real_rosters():
    lines = doc_context("001", 4675).lines
    found = roster_lines(lines)
    texts = {sl.no: sl.text for sl in lines}
    assert {4659, 4661, 4663, 4665, 4673} <= found  # 组 长 / 副组长 / 成 员 / names / 各乡镇乡镇长
    assert not found & {4657, 4675}  # the item's opening and its duty paragraph
    assert "贺建强" in texts[4659]
    # The wrapped roster of 001 (`主 任：马兴勇 县政府` / `副县长（兼）`…) ends before the
    # duty heading below it.
    lines = doc_context("001", 3423).lines
    found = roster_lines(lines)
    titled = {sl.no for sl in lines if "成员单位主要职责" in sl.text}
    assert found and not found & titled
