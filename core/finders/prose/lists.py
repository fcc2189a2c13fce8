"""Hierarchical division lists (《政府工作报告》重点工作任务分工).

Shape: `二、李靖副县长负责的工作` (leader in charge) -> `（一）政府办牵头负责的工作` or
`（二）县财政局` (lead-unit heading) -> numbered items `1. …`, or one unnumbered item right
under the heading (an unnumbered paragraph after numbered items closes the list). The
heading unit leads every item beneath it. Numbering may restart per unit or run through the
whole document, and a page break may print the start of an item before the heading it
belongs under: such an unfinished item is held back and completed by the first stray
fragment that follows a finished item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.fields.roles import role_kind
from core.fields.tense import reports_done
from core.finders.base import DocumentContext, FinderResult
from core.finders.prose.text_annotations import (
    UNIT_LABEL,
    annotation_spans,
    is_label,
    split_annotation,
)
from core.finders.prose.text_outline import (
    CN,
    L_CN,
    L_NUM,
    L_PCN,
    Numbering,
    heading_title,
    join_texts,
    parse_numbering,
    strip_furniture,
)
from core.finders.prose.text_tasks import make_task, units
from core.model import Task
from core.text.lines import SourceLine

LEADER_HEADING = re.compile(r"^(.{2,20}?)(?:负责|分管|主抓)的工作$")
UNIT_HEADING_TAIL = re.compile(r"(?:牵头)?(?:负责|统筹协调|协调|承担|落实)?的?工作$")
# `（二）由县财政局牵头落实的工作`: the unit is named after 由.
_UNIT_HEADING_HEAD = re.compile(r"^由(?=.{3})")
# Some reports number their leaders' parts in words: `第二部分 王五副县长分管的工作`.
_PART = re.compile(rf"^第([{CN}]{{1,3}})(?:部分|篇|章)\s*")
# The signature block closes the list: an issue date alone on its line, or 此件公开发布.
LIST_END = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|[（(]此件[^）)]*[）)])$")
TERMINAL = ("。", "！", "；", "）", ")", "”")
# An item or unit heading run into the previous line: `…局 99. 推进…。（二十八） 县文化和旅游局`.
_INNER_START = re.compile(
    rf"(?:(?<=\s)|(?<=[。；])|(?<=[\u4e00-\u9fff]))(?=\d{{1,3}}[.．]\s*[^\d\s%])"
    rf"|(?:(?<=\s)|(?<=[。；]))(?=[（(][{CN}]{{1,4}}[）)])"
)


@dataclass
class _Item:
    num: Numbering | None
    parts: list[str]
    lines: list[int]
    ctx: tuple[str | None, str | None, str | None, str | None] = (None, None, None, None)
    done: bool = False
    heading: int | None = None  # the line of the unit heading the item is under

    @property
    def text(self) -> str:
        return join_texts(self.parts)


@dataclass
class _State:
    leader: str | None = None
    l1: str | None = None
    l2: str | None = None
    unit: str | None = None
    group: str | None = None
    heading: int | None = None
    items: list[_Item] = field(default_factory=list)


def _numbering(text: str) -> Numbering | None:
    """A line's outline number; a `第二部分`-style part is a top-level (一、) heading."""
    m = _PART.match(strip_furniture(text))
    if m:
        return Numbering(L_CN, m.group(1), strip_furniture(text)[m.end() :])
    return parse_numbering(text)


def _split_runs(lines: list[SourceLine]) -> list[SourceLine]:
    """Lines with a second item or heading run into them split apart (same line number)."""
    out: list[SourceLine] = []
    for sl in lines:
        text = strip_furniture(sl.text)
        cuts = [m.start() for m in _INNER_START.finditer(text) if m.start() > 0]
        start = 0
        for c in cuts:
            out.append(SourceLine(sl.no, text[start:c].strip(), sl.page))
            start = c
        out.append(SourceLine(sl.no, text[start:].strip(), sl.page))
    return [sl for sl in out if sl.text]


def _is_list(lines: list[SourceLine]) -> bool:
    heads = 0
    for sl in lines:
        n = _numbering(sl.text)
        if n and n.level == L_CN and LEADER_HEADING.match(n.rest.strip()):
            heads += 1
    return heads >= 2


def _section(lines: list[SourceLine], first: int, ctx: DocumentContext) -> str | None:
    for sl in reversed(lines[:first]):
        t = strip_furniture(sl.text)
        if _numbering(t) is None and len(t) <= 50 and not t.endswith((*TERMINAL, "：", ":")):
            return t if "分工" in t or "任务" in t else ctx.document.title
    return ctx.document.title


def find(ctx: DocumentContext) -> FinderResult:
    result = FinderResult()
    if ctx.document.is_toc:
        return result
    # A division list has leader headings ending `的工作`; a document without the words has none.
    if not any("的工作" in sl.text for sl in ctx.lines):
        return result
    lines = _split_runs([sl for sl in ctx.lines if "\t" not in sl.text])
    if not _is_list(lines):
        return result
    first = next(
        i
        for i, sl in enumerate(lines)
        if (n := _numbering(sl.text)) and n.level == L_CN and LEADER_HEADING.match(n.rest)
    )
    section = _section(lines, first, ctx)
    # Unfinished numbered fragments just above the list: printed before their heading.
    pending: list[_Item] = []
    for sl in lines[max(0, first - 3) : first]:
        n = _numbering(sl.text)
        if n and n.level == L_NUM and not n.rest.endswith(TERMINAL):
            pending.append(_Item(n, [n.rest], [sl.no]))
    st = _State()
    leader_lines: list[int] = []  # `二、李某副市长负责的工作`: claimed with the list
    current: _Item | None = None
    ended = False
    i = first
    while i < len(lines):
        sl = lines[i]
        text = strip_furniture(sl.text)
        n = _numbering(text)
        i += 1
        if LIST_END.match(text):
            st.unit = st.leader = current = None
            ended = True
            continue
        if n and n.level == L_CN:
            m = LEADER_HEADING.match(n.rest.strip())
            if ended and not m:
                continue
            ended = False
            st.leader = m.group(1) if m else None
            if m:
                leader_lines.append(sl.no)
            st.l1, st.l2, st.unit, st.group = n.label, None, None, None
            current = None
            continue
        if ended:
            continue
        if n and n.level == L_PCN:
            head = n.rest.strip()
            # A heading broken over two lines: `住房和城乡建设管理局牵头的` + `工作`.
            if (
                i < len(lines) and _numbering(lines[i].text) is None and len(lines[i].text) <= 4
            ) and UNIT_HEADING_TAIL.search(head + lines[i].text.strip()):
                if not head.endswith("工作"):  # else a fragment doubled by the page break
                    head += lines[i].text.strip()
                i += 1
            st.l2 = n.ref_part
            st.group = heading_title(head) or head
            unit = _UNIT_HEADING_HEAD.sub("", UNIT_HEADING_TAIL.sub("", head).strip())
            st.unit = unit or head
            st.heading = sl.no
            current = None
            continue
        if st.unit is None:
            continue  # leader-only duty (`全面负责各项工作任务地完成。`): no unit, no task
        if st.items and st.items[-1].ctx[3] == st.unit and is_label(text):
            # `协同单位：…` under an item: that item's other units, not an item of its own
            last = st.items[-1]
            last.parts.append("（" + text.rstrip("。") + "）")
            last.lines.append(sl.no)
            current = None
            continue
        where = (st.leader, st.l1, st.l2, st.unit, st.group)
        if n and n.level == L_NUM:
            current = _Item(n, [n.rest], [sl.no], where, heading=st.heading)  # type: ignore[arg-type]
            st.items.append(current)
            continue
        if current is not None and not current.text.endswith(TERMINAL):
            current.parts.append(text)
            current.lines.append(sl.no)
            continue
        if pending:  # the rest of an item printed before its heading
            item = pending.pop(0)
            item.parts.append(text)
            item.lines.append(sl.no)
            item.ctx = where  # type: ignore[assignment]
            st.items.append(item)
            current = item
            continue
        if any(it.num is not None and it.ctx[3] == st.unit for it in st.items[-1:]):
            # a paragraph after the heading's numbered items (`各牵头单位要于每季度末…`)
            # closes the list; only an unnumbered item right under its heading is one
            current = None
            continue
        current = _Item(None, [text], [sl.no], where, heading=st.heading)  # type: ignore[arg-type]
        st.items.append(current)
    for item in st.items:
        task = _task(ctx, item, section)
        if task is not None:
            result.tasks.append(task)
            result.claimed |= set(item.lines)
            if item.heading is not None:  # its unit heading is no obligation of its own
                result.claimed.add(item.heading)
    if result.tasks:
        result.claimed |= set(leader_lines)
    return result


def _task(ctx: DocumentContext, item: _Item, section: str | None) -> Task | None:
    leader, l1, l2, unit, group = item.ctx  # type: ignore[misc]
    text = item.text
    lead, support = units(unit or "")
    if not lead and unit and len(unit) <= 30:
        lead = [unit]  # a heading names its unit as printed, even one the parser misses
    rest = ""
    spans = annotation_spans(text)
    if spans and spans[-1][1] >= len(text.rstrip("。 ")) - 1:
        s, e, content = spans[-1]
        units_text, rest = split_annotation(content)
        extra_lead, extra_support = units(units_text)
        label = UNIT_LABEL.match(content)
        if content.lstrip().startswith(("配合", "协办")) or (
            label is not None and role_kind(label.group("role")) == "support"
        ):  # the heading's unit leads; `配合单位：`, `协同单位：` name its support
            extra_support, extra_lead = extra_lead + extra_support, []
        lead += [u for u in extra_lead if u not in lead]
        support += [u for u in extra_support if u not in support]
        # `…可研编制（配合单位：…）。`: the sentence keeps its own stop.
        text = text[:s] + text[e:].strip()
    if not text.strip() or not lead:
        return None
    if not spans and reports_done(text):
        return None  # `已联合…印发…`: a measure reported as done under its unit, no task
    if item.num is None and len(text) <= 25 and not re.search(r"[。；，,]", text):
        return None  # a signature (`交城县人民政府办公室`) or stray heading, not an item
    ref = "/".join(p for p in (l1, l2, item.num.label if item.num else None) if p)
    return make_task(
        ctx,
        "list",
        text,
        item.lines[0],
        lead,
        support,
        ref=ref,
        group=group,
        section=section,
        leader=leader,
        deadline_extra=rest,
    )
