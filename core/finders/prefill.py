"""A task read from source lines the clerk selected: the extraction's own field rules.

When extraction missed an obligation, the clerk selects its lines in the document view and
gets a task already filled in: the text without its numbering and its `（责任单位：…）`
annotation, the units split into lead and support, the deadline read from the wording
against the document's year, the amounts in yuan, and where it sits in the document's
outline (section, group, ref). The clerk only corrects what is wrong, so a missed task
costs seconds, not a minute of typing.

The rules are the finders' (`text_annotations`, `text_outline`, `core.fields`), applied
to exactly the selected lines: no structure has to be recognised for this to work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.fields.deadlines import Deadline, deadline_from_cell, find_deadline
from core.fields.money import find_amounts
from core.fields.units import first_listed_leads, lead_mark, looks_like_unit, parse_units
from core.finders.prose.text_annotations import (
    LEADER_LABEL,
    UNIT_LABEL,
    annotation_spans,
    split_annotation,
)
from core.finders.prose.text_outline import (
    L_CN,
    Node,
    build_outline,
    heading_title,
    join_texts,
    parse_numbering,
    strip_furniture,
)
from core.model import Amount
from core.text.lines import PARA_SEP, SourceLine

# A 完成时限 / 完成时间 label on its own line after an item (`完成时限：2023年6月底前`).
DEADLINE_LABEL = re.compile(r"^\s*(?:完成时限|完成时间|时间节点|时限要求|完成期限)\s*[:：]\s*")
# Unit names in brackets closing an item, with no role word (`（区农发局）`).
_BARE_UNITS = re.compile(r"[（(]\s*([^（）()]{2,80}?)\s*[）)]\s*[。；;]?\s*$")
_CELL_NUMBER = re.compile(r"^\s*[（(]?\d{1,3}[）)]?[.、．]?\s*$")


@dataclass
class Prefill:
    """The fields of a task read from selected lines (see the module docstring)."""

    text: str
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    amounts: list[Amount] = field(default_factory=list)
    ref: str | None = None
    section: str | None = None
    group: str | None = None
    leader: str | None = None


def prefill_task(
    doc_lines: list[SourceLine],
    first: int,
    last: int,
    year: int | None,
    title: str | None = None,
) -> Prefill:
    """Read a task from lines `first..last` of a document (its normalized `doc_lines`).

    `year` resolves bare dates (`10月底前`, `年底前`); `title` is the section of an item
    printed before any heading.
    """
    selected = [sl for sl in doc_lines if first <= sl.no <= last and sl.text.strip()]
    doc_text = "\n".join(sl.text for sl in doc_lines)
    first_lead, mark = first_listed_leads(doc_text), lead_mark(doc_text)
    if selected and all("\t" in sl.text for sl in selected):
        out = _from_table_rows(selected, year, first_lead, mark)
    else:
        out = _from_prose(selected, year, first_lead, mark)
    node = _node_at(doc_lines, selected[0].no if selected else first)
    if node is not None:
        if node.num is not None and node.line == (selected[0].no if selected else first):
            out.ref = node.ref
        out.group = _group(node)
        out.section = _section(node) or title
    else:
        out.section = title
    return out


_ITEM_CAP = 12  # lines an item taken from one click may reach


def item_extent(doc_lines: list[SourceLine], line: int) -> int:
    """The last line of the item starting at `line`, for a clerk who clicked its first
    line instead of selecting it: its page-broken continuation up to the line that names
    its units, plus labelled lines right after (`牵头单位：…`, `完成时限：…`). A line that
    starts no numbered item is taken alone."""
    node = next((n for n in build_outline(doc_lines) if n.line == line), None)
    if node is None or node.num is None:
        return line
    last = line
    body = [sl for sl in node.lines if sl.text.strip()][:_ITEM_CAP]
    closed = False
    for sl in body:
        t = strip_furniture(sl.text)
        labelled = bool(UNIT_LABEL.match(t) or DEADLINE_LABEL.match(t) or LEADER_LABEL.match(t))
        if closed and not labelled:
            break
        last = sl.no
        if (
            labelled
            or annotation_spans(t)
            or ((m := _BARE_UNITS.search(t)) is not None and _names_units(m.group(1)))
        ):
            closed = True
    return last


def _from_prose(
    selected: list[SourceLine], year: int | None, first_lead: bool, mark: str | None
) -> Prefill:
    body: list[str] = []
    units: list[str] = []
    rest: list[str] = []
    labelled: list[str] = []
    cell_deadline: Deadline | None = None
    leader = None
    for i, sl in enumerate(selected):
        t = strip_furniture(sl.text)
        if i == 0:
            num = parse_numbering(t)
            t = num.rest if num else t
        if i > 0 and (m := LEADER_LABEL.match(t)):
            leader = t[m.end() :].strip() or None
            continue
        if i > 0 and (m := DEADLINE_LABEL.match(t)):
            cell_deadline = deadline_from_cell(t[m.end() :], year) or cell_deadline
            continue
        if i > 0 and UNIT_LABEL.match(t):
            labelled.append(t)
            continue
        body.append(t)
    if labelled:
        # Read together: `配合单位：…` on its own line names support only beside its
        # `牵头单位：…` line, as the extractor reads an item's labelled lines.
        u, r = split_annotation("；".join(labelled))
        units.append(u)
        rest.append(r)
    text = join_texts(body)
    # Annotations inside the text (`…。（区农发局）`, `（责任单位：…）`): units out, text without.
    kept, pos = [], 0
    for start, end, content in annotation_spans(text):
        kept.append(text[pos:start])
        pos = end
        u, r = split_annotation(content)
        units.append(u)
        rest.append(r)
    kept.append(text[pos:])
    text = _clean("".join(kept))
    bare = _BARE_UNITS.search(text)
    if not units and bare and _names_units(bare.group(1)):
        # `…。（区农发局）`: bare unit names closing the item are its units.
        units.append(bare.group(1))
        text = _clean(text[: bare.start()])
    parsed = parse_units("，".join(u for u in units if u), first_is_lead=first_lead, lead_mark=mark)
    extra = "；".join(r for r in rest if r)
    deadline = cell_deadline or find_deadline(text + ("；" + extra if extra else ""), year)
    return Prefill(
        text=text,
        lead_units=list(parsed.lead),
        support_units=list(parsed.support),
        deadline=deadline,
        amounts=find_amounts(text),
        leader=leader,
    )


def _from_table_rows(
    selected: list[SourceLine], year: int | None, first_lead: bool, mark: str | None
) -> Prefill:
    """Table rows: the units cell gives the units, a dated cell the deadline, the number
    cell is dropped, and the other cells make the text (`<name>：<details>`)."""
    width = max(len(sl.text.split("\t")) for sl in selected)
    columns: list[list[str]] = [[] for _ in range(width)]
    for sl in selected:
        for k, cell in enumerate(sl.text.split("\t")):
            c = cell.replace(PARA_SEP, "").strip()
            if c:
                columns[k].append(c)
    cells = [join_texts(col) for col in columns]
    units_at = [k for k, c in enumerate(cells) if c and looks_like_unit(c) and parse_units(c).lead]
    deadline = None
    text_parts: list[str] = []
    for k, c in enumerate(cells):
        if not c or k in units_at[-1:] or _CELL_NUMBER.match(c):
            continue
        if len(c) <= 20 and deadline is None and (d := deadline_from_cell(c, year)):
            deadline = d
            continue
        text_parts.append(c)
    text = _clean("：".join(text_parts))
    parsed = parse_units(cells[units_at[-1]], first_lead, mark) if units_at else None
    return Prefill(
        text=text,
        lead_units=list(parsed.lead) if parsed else [],
        support_units=list(parsed.support) if parsed else [],
        deadline=deadline or find_deadline(text, year),
        amounts=find_amounts(" ".join(c for c in cells if c)),
    )


def _names_units(content: str) -> bool:
    names = parse_units(content).lead + parse_units(content).support
    return bool(names) and all(looks_like_unit(n) and len(n) >= 3 for n in names)


def _clean(text: str) -> str:
    return text.strip().lstrip("。；;，,、 ").strip()


def _node_at(doc_lines: list[SourceLine], line: int) -> Node | None:
    found = None
    for node in build_outline(doc_lines):
        if any(sl.no == line for sl in node.lines):
            return node
        if node.line <= line:
            found = node
    return found


def _section(node: Node) -> str | None:
    """The top-level (一、) heading above the item, as printed."""
    chain = [*node.ancestors, node]
    for a in chain:
        if a.num is not None and a.num.level == L_CN and a is not node:
            return strip_furniture(a.lines[0].text)
    return None


def _group(node: Node) -> str | None:
    parent = node.parent
    if parent is None or parent.num is None or parent.num.level == L_CN:
        return None
    return heading_title(parent.head) or None
