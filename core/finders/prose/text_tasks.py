"""Turning a found obligation into a Task: the field parsing every text finder shares.

Lists, inline annotations and paragraphs differ in how they find the text and the units,
not in how deadlines, amounts and unit lists are read, so that part lives here once.
"""

from __future__ import annotations

import re

from core.fields.deadlines import deadline_of_cell, find_deadline
from core.fields.money import find_amounts
from core.finders.base import DocumentContext
from core.finders.prose.text_outline import Node, heading_title, strip_furniture
from core.model import Task, TaskKind

# Sentences that make the first-listed unit of every list the lead (`列第一位的为牵头单位`).
_TRAILING_REMARK = re.compile(r"[（(][^（）()]*[）)]$")


def first_is_lead(ctx: DocumentContext) -> bool:
    """Whether the document says its first-listed unit leads (any wording the shared unit
    parser knows: `列第一位的为牵头单位`, `排位靠前的责任单位为牵头单位` …)."""
    from core.fields.units import first_listed_leads

    return any(
        first_listed_leads(sl.text) for sl in ctx.lines if re.search(r"牵头|主责|主办", sl.text)
    )


def units(text: str, first_lead: bool = False) -> tuple[list[str], list[str]]:
    """(lead, support) units of an annotation or heading, via the shared unit parser."""
    from core.fields.units import parse_units

    u = parse_units(text, first_is_lead=first_lead)
    return list(u.lead), list(u.support)


def clean_text(text: str) -> str:
    """The obligation as printed: trimmed of separators left where numbering was cut."""
    return text.strip().lstrip("。；;，,、 ").strip()


def section_of(node: Node, ctx: DocumentContext, lines_before: list[str]) -> str | None:
    """The heading the structure sits under: its top-level (一、) ancestor as printed, or
    for a top-level item the title-like line above the first item, else the document title.
    """
    for a in node.ancestors:
        if a.num is not None:
            return strip_furniture(a.lines[0].text)
    for t in reversed(lines_before):
        if 2 <= len(t) <= 40 and not re.search(r"[。，；：:,;]$", t) and "〕" not in t:
            return t
    return ctx.document.title


def group_of(node: Node) -> str | None:
    """The nearest heading above the item, as words (`严格取用水管理`)."""
    parent = node.parent
    if parent is None or parent.num is None:
        return None
    return heading_title(parent.head) or None


def make_task(
    ctx: DocumentContext,
    kind: TaskKind,
    text: str,
    line: int,
    lead: list[str],
    support: list[str],
    *,
    ref: str | None,
    group: str | None,
    section: str | None,
    leader: str | None = None,
    deadline_extra: str = "",
    deadline_cell: str = "",
) -> Task:
    """A Task with deadline and amounts read from its text (and an annotation's rest);
    a labelled deadline (`完成时限：2019年10月`) is read as a cell and wins."""
    text = clean_text(text)
    dl = deadline_of_cell(deadline_cell, ctx.year) if deadline_cell else None
    if dl is None:
        dl = find_deadline(text + ("；" + deadline_extra if deadline_extra else ""), ctx.year)
    page = next((sl.page for sl in ctx.lines if sl.no == line), None)
    return Task(
        doc_number=ctx.document.doc_number,
        doc_title=ctx.document.title,
        section=section,
        kind=kind,
        ref=ref,
        group=group,
        leader=leader,
        text=text,
        lead_units=lead,
        support_units=[u for u in support if u not in lead],
        deadline=dl.iso if dl else None,
        deadline_text=dl.text if dl else None,
        amounts=find_amounts(text),
        line=line,
        page=page,
    )
