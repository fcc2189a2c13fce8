"""《政府工作报告》 division lists found in the real seed gazettes."""

from __future__ import annotations

from seed_documents import doc_context

from core.finders.prose import lists


def by_ref(tasks, ref):
    found = [t for t in tasks if t.ref == ref]
    assert len(found) == 1, (ref, found)
    return found[0]


def test_sample_record_of_the_zhongyang_list():
    tasks = lists.find(doc_context("002", 2616)).tasks
    t = by_ref(tasks, "二/(一)/1")
    assert t.kind == "list"
    assert t.line == 2616
    assert t.leader == "李靖副县长"
    assert t.group == "政府办牵头负责的工作"
    assert t.section == "2023年《政府工作报告》重点工作任务责任分工"
    assert t.lead_units == ["政府办"]
    assert t.text == (
        "自觉接受人大依法监督、政协民主监督，高度重视社会和舆论监督，加强政务公开和政府信息公开。"
    )


def test_numbering_restarts_per_unit_and_items_join_across_page_breaks():
    tasks = lists.find(doc_context("002", 2616)).tasks
    assert by_ref(tasks, "二/(二)/1").lead_units == ["应急管理局"]
    t = by_ref(tasks, "二/(二)/4")
    assert (
        t.text == "实现城乡居民“自然灾害公众责任险”统保全覆盖，提升群众抗灾能力。(5件民生实事之一)"
    )
    # A unit heading broken over two lines: `住房和城乡建设管理局牵头的` + `工作`.
    assert by_ref(tasks, "四/(十)/1").lead_units == ["住房和城乡建设管理局"]
    # An unnumbered single item right under its unit heading.
    assert by_ref(tasks, "三/(四)").text == "一般公共预算收入增长6%。"
    # The county head's overall duty names no unit: not a task.
    assert all(not (t.ref or "").startswith("一") for t in tasks)


def test_numbering_running_through_and_item_printed_before_its_heading():
    tasks = lists.find(doc_context("003", 2073)).tasks
    numbers = [int(t.ref.rsplit("/", 1)[1]) for t in tasks]
    assert sorted(numbers) == list(range(1, 141))
    t = by_ref(tasks, "二/(一)/2")
    assert t.text == "金兰化工在“北交所”上市，鼎亮肥业、国博精煤在“晋兴板”上市。"
    assert t.line == 2063  # where its text starts, above the heading
    assert t.leader == "雒保廷副县长"
    assert t.lead_units == ["县政府办公室", "县政府研究和金融服务中心"]
    assert by_ref(tasks, "二/(二)/3").lead_units == ["县财政局"]


def test_item_and_heading_run_into_one_line():
    tasks = lists.find(doc_context("003", 2073)).tasks
    assert by_ref(tasks, "六/(二十七)/99").lead_units == ["县退役军人事务局"]
    assert by_ref(tasks, "六/(二十七)/99").text == "推进退役军人稳定就业。"
    assert by_ref(tasks, "六/(二十八)/100").lead_units == ["县文化和旅游局"]


def test_signature_after_the_list_is_not_an_item():
    tasks = lists.find(doc_context("003", 2073)).tasks
    assert not [t for t in tasks if t.text.endswith("人民政府办公室")]


def test_documents_without_leader_headings_yield_nothing():
    assert lists.find(doc_context("004", 401)).tasks == []
    assert lists.find(doc_context("003", 691)).tasks == []


def test_the_table_of_contents_yields_nothing():
    assert lists.find(doc_context("002", 93, toc=True)).tasks == []
