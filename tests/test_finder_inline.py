"""Inline responsibility annotations found in the real seed gazettes."""

from __future__ import annotations

from seed_documents import doc_context

from core.finders.prose import inline


def by_line(tasks, line):
    return next(t for t in tasks if t.line == line)


def test_law_enforcement_measures_with_zeren_bumen_annotations():
    result = inline.find(doc_context("003", 691))
    tasks = [t for t in result.tasks if 680 <= t.line <= 770]
    assert len(tasks) == 21
    first = by_line(tasks, 691)
    assert first.kind == "inline"
    assert first.ref == "一/(一)"
    assert first.group == "全面提升行政执法人员能力素质"
    assert first.text.startswith("着力提高政治能力。一是把加强党的政治建设放在首位")
    # '思想' doubled across the page break is printed once.
    assert "社会主义思想，尤其是党的二十大精神" in first.text
    assert "责任部门" not in first.text
    assert first.lead_units == ["各行政执法机关", "各乡（镇）人民政府"]


def test_annotation_on_its_own_line_after_the_paragraph():
    t = by_line(inline.find(doc_context("003", 695)).tasks, 695)
    assert t.ref == "一/(二)"
    assert t.text.endswith("三是县司法局每年至少组织1次乡镇行政执法人员公共法律知识培训。")
    assert "国办发〔2023〕27号" in t.text  # joined across the page break
    assert t.lead_units == ["县司法局"]
    assert t.support_units == ["各行政执法机关", "各乡（镇）人民政府"]
    assert t.deadline is None  # 每年至少组织1次 is recurring


def test_deadline_inside_the_annotation():
    t = by_line(inline.find(doc_context("003", 703)).tasks, 703)
    assert t.deadline == "2024-06-30"
    assert "全员轮训" not in t.text
    assert t.text.endswith("县司法局要加强对行政执法培训的统筹指导和监督考核。")


def test_top_level_measure_with_amounts():
    t = by_line(inline.find(doc_context("004", 401)).tasks, 401)
    assert t.ref == "十一"
    assert t.group is None
    assert (
        t.text == "对战略性新兴产业工业企业首次“小升规”奖励39万元。对成功“个转企”企业奖励3000元。"
    )
    assert t.lead_units == [
        "县小企业发展促进中心",
        "县市场监督管理局",
        "县财政局",
        "稷山经开区管委会",
    ]
    assert sorted(a.yuan for a in t.amounts) == [3000, 390000]


def test_bare_fuze_annotation_and_heading_remark_is_not_a_task():
    result = inline.find(doc_context("004", 511))
    t = by_line(result.tasks, 511)
    assert t.ref == "三/(二)/8"
    assert t.group == "交通运输"  # the heading's remark （交通运输专班负责） is not its words
    assert t.lead_units == ["县交通局"]
    # `（二）交通运输（交通运输专班负责）` heads items 8-11: a group, not a task.
    assert all(t.line != 509 for t in result.tasks)


def test_labelled_lines_under_a_leader():
    t = by_line(inline.find(doc_context("000", 3222)).tasks, 3222)
    assert t.ref == "三/(一)/1"
    assert t.leader == "李茂"
    assert t.lead_units == ["工信局"]
    assert "分管领导" not in t.text and "责任单位" not in t.text


def test_policy_paragraphs_without_annotation_yield_nothing():
    result = inline.find(doc_context("001", 5000))
    assert [t for t in result.tasks if 4996 <= t.line <= 5013] == []


def test_the_table_of_contents_yields_nothing():
    assert inline.find(doc_context("003", 40, toc=True)).tasks == []


def test_a_bare_title_line_ends_its_sentence_before_the_body():
    # `（四）严格执行节水“三同时”管理制度` alone on its line, the body below it.
    t = by_line(inline.find(doc_context("000", 2999)).tasks, 2999)
    assert t.text.startswith("严格执行节水“三同时”管理制度。新建、改建、扩建等项目的节水设施")


def test_a_short_first_line_among_sentence_items_is_not_a_title():
    # `三十四、定期组织民营企业开展战略规` + `划、创新发展…`: cut by a page break.
    t = by_line(inline.find(doc_context("004", 449)).tasks, 449)
    assert t.text.startswith("定期组织民营企业开展战略规划、创新发展")


def test_annotation_split_by_the_other_column_is_closed_and_the_intruders_ignored():
    # Item 15 ends `（县政府牵头,县委宣传部、…、县农业`; two lines from the other column
    # (one a `(三) 强化投入保障…` heading) come before `农村局、…县融媒体中心负责)`.
    tasks = inline.find(doc_context("004", 1275)).tasks
    t = by_line(tasks, 1275)
    assert t.ref == "三/(四)/15"
    assert t.text.endswith("带动农村群众文明交通素质整体提升。")
    assert t.lead_units == ["县政府"]
    assert "县农业农村局" in t.support_units and "县融媒体中心" in t.support_units
    # The intruding heading does not re-parent the next item.
    assert by_line(tasks, 1283).ref == "三/(四)/16"
