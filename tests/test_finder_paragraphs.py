"""Lead/support paragraphs and member-unit duty lists found in the real seed gazettes."""

from __future__ import annotations

from core.finders import paragraphs
from core.finders.base import DocumentContext
from core.structure.documents import split_documents
from core.text.normalize import normalize_lines
from tests.conftest import seed_path


def doc_context(seed: str, line: int, *, toc: bool = False) -> DocumentContext:
    """The context of the seed document holding `line` (as the pipeline builds it)."""
    lines = normalize_lines(seed_path(seed).read_text(encoding="utf-8"))
    docs = split_documents(lines)
    doc = next(d for d in docs if d.first_line <= line <= d.last_line and d.is_toc == toc)
    own = [sl for sl in lines if doc.first_line <= sl.no <= doc.last_line]
    return DocumentContext(doc, own, doc.year)


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
    assert first.lead_units == ["县应急管理局"]
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
