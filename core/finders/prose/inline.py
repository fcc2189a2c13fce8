"""Inline responsibility: a numbered measure closed by `（责任单位：…）` or `（…负责）`.

The task is the measure itself (heading sentence and body, page breaks rejoined) without
its number and without the annotation; the annotation gives the units and may also carry
the deadline (`…；2024年6月底前完成`). Labelled lines (`责任单位：…` under `分管领导：…`)
count as an annotation printed on its own line.
"""

from __future__ import annotations

from core.fields.roles import blanket_units
from core.fields.units import lead_mark
from core.finders.base import DocumentContext, FinderResult
from core.finders.prose.text_annotations import UNIT_LABEL, Segment, read_annotation, segments
from core.finders.prose.text_outline import (
    Node,
    build_outline,
    heading_title,
    is_title,
    join_texts,
    parse_numbering,
    strip_furniture,
)
from core.finders.prose.text_tasks import first_is_lead, group_of, make_task, section_of


def _blanket(ctx: DocumentContext) -> tuple[int, tuple[list[str], str]] | None:
    """A statement that adds supporting units to every item from its own on
    (`…相关乡镇配合。以下均需相关乡镇配合，不再列出`): its line and (units, role)."""
    for sl in ctx.lines:
        if any(w in sl.text for w in ("以下", "下列", "下述", "均涉及")):
            found = blanket_units(sl.text)
            if found is not None and found[1] != "负责":
                return sl.no, found
    return None


def _items_under(node: Node, segs: list[Segment], with_tasks: set[int]) -> list[Node]:
    """The numbered items a heading's units cover: `（一）加强水源保护` with its `责任单位：…`
    line right under it (no body of its own) over items `1.` `2.` that name no units."""
    if len(segs) != 1 or not node.children or segs[0].text.strip("。 ") != node.head.strip("。 "):
        return []
    items = [c for c in node.children if c.num is not None]
    if not items or any(id(c) in with_tasks for c in items):
        return []
    return items


def _package_of(node: Node, seg: Segment) -> Node | None:
    """The programme item a closing labelled block belongs to.

    A package list prints each `（一）<package>` heading, then titled parts (`1.投资重点`,
    `2.主要措施`) with numbered sub-items, and only then `牵头部门：…` / `推进单位：…` on
    lines of their own: those lines close the package, not its last sub-item. So labelled
    lines after the last sub-item of a titled last part, when no other item of the package
    names units, name the units of the heading two levels up, which is the task."""
    part = node.parent
    package = part.parent if part is not None else None
    if part is None or package is None or part.num is None or package.num is None:
        return None
    if sum(1 for c in package.children if c.num is not None) < 2:
        return None  # one titled part: its own sub-items are the tasks (`_closing_run`)
    if node.children or part.children[-1] is not node or package.children[-1] is not part:
        return None
    if len(part.lines) != 1 or not is_title(part.head.strip()):
        return None
    if not (UNIT_LABEL.match(seg.annotation) and node.lines[-1].no in seg.claimed):
        return None
    if node.lines[0].no in seg.claimed and len(node.lines) == 1:
        return None  # the label is printed on the sub-item's own line
    if any(segments(d) for d in _descendants(package) if d is not node):
        return None  # items that name their own units: the last one's label is its own
    return package


def _own_texts(item: Node, seg: Segment) -> list[str]:
    """The item's lines but a labelled line of its own that closed it (`(责任单位：…)`)."""
    pairs = list(zip(item.lines, item.texts(), strict=True))
    if len(pairs) > 1 and pairs[-1][0].no in seg.claimed and pairs[-1][0].no != seg.line:
        pairs = pairs[:-1]
    return [t for _sl, t in pairs]


def _closing_run(node: Node, segs: list[Segment]) -> list[Node]:
    """The sub-items a labelled line printed after the last of them covers.

    `1.完善应急预案体系` over `(1)…` to `(4)…`, then `(责任单位：…)` on a line of its own:
    when no other sub-item names units, the line closes the run and each sub-item is a task
    with those units (as the sub-items of a table row are). A package whose titled parts
    (`1.投资重点`, `2.主要措施`) end in such lines is `_package_of`'s."""
    parent = node.parent
    if node.num is None or len(segs) != 1 or node.children or parent is None:
        return []
    if parent.children[-1] is not node:
        return []
    if _package_of(node, segs[0]) is not None:
        return []
    last = node.lines[-1]
    if len(node.lines) < 2 or not UNIT_LABEL.match(last.text.strip().lstrip("（( ")):
        return []  # the annotation shares the sub-item's own line: it is the sub-item's
    level = node.num.level
    run = [c for c in parent.children if c.num is not None and c.num.level == level]
    if len(run) < 2 or len(run) != len(parent.children):
        return []
    if any(segments(d) for d in _descendants(parent) if d is not node):
        return []
    return run


def _descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    for child in node.children:
        out += [child, *_descendants(child)]
    return out


def find(ctx: DocumentContext) -> FinderResult:
    result = FinderResult()
    if ctx.document.is_toc:
        return result
    nodes = build_outline(ctx.lines)
    first_lead = first_is_lead(ctx)
    blanket = _blanket(ctx)
    mark = lead_mark("\n".join(sl.text for sl in ctx.lines if "牵头" in sl.text))
    found: dict[int, list[Segment]] = {}
    for i, node in enumerate(nodes):
        segs = segments(node)
        if segs:
            found[i] = segs
    # A heading whose children carry their own annotations (`（一）现代金融（金融业专班负责）`
    # over items 4-7) is a group, not a task.
    with_tasks = {id(nodes[i]) for i in found}
    before: list[str] = []
    for i, node in enumerate(nodes):
        if node.num is None:
            before.extend(strip_furniture(sl.text) for sl in node.lines)
        node_segs = found.get(i)
        if not node_segs:
            continue
        if len(node.lines) == 1 and any(id(c) in with_tasks for c in node.children):
            continue
        items = _items_under(node, node_segs, with_tasks)
        over = node
        if not items and (run := _closing_run(node, node_segs)):
            items, over = run, run[0].parent or node
        for seg in node_segs:
            assigned, rest = read_annotation(seg.annotation, first_lead, mark)
            lead, support = assigned.lead, assigned.support
            if not seg.text or not (lead or support):
                continue
            for item in items:  # the heading's units lead each item beneath it
                task = make_task(
                    ctx,
                    "inline",
                    join_texts(_own_texts(item, seg)),
                    item.line,
                    lead,
                    support,
                    ref=item.ref,
                    group=heading_title(over.head) or None,
                    section=section_of(item, ctx, before),
                    deadline_extra=rest,
                    deadline_cell=assigned.deadline,
                )
                task.other_units = {k: v for k, v in assigned.others.items() if v}
                result.tasks.append(task)
                result.claimed |= {sl.no for sl in item.lines} | seg.claimed
            if items:
                continue
            package = _package_of(node, seg) if seg is node_segs[-1] else None
            if package is not None:
                task = make_task(
                    ctx,
                    "inline",
                    package.head,
                    package.line,
                    lead,
                    support,
                    ref=package.ref,
                    group=group_of(package),
                    section=section_of(package, ctx, before),
                    deadline_cell=assigned.deadline,
                )
                task.other_units = {k: v for k, v in assigned.others.items() if v}
                result.tasks.append(task)
                result.claimed |= seg.claimed | {sl.no for sl in package.lines}
                continue
            text, ref = seg.text, node.ref
            own = parse_numbering(text) if not seg.first else None
            if own is not None and node.num is not None and own.level == node.num.level:
                # `(一)…（X负责）(二)…（Y负责）` on one line: the second item's own number
                text = own.rest.strip()
                parent = (node.ref or "").rpartition("/")[0]
                ref = f"{parent}/{own.ref_part}" if parent else own.ref_part
            task = make_task(
                ctx,
                "inline",
                text,
                seg.line,
                lead,
                support,
                ref=ref,
                group=group_of(node),
                section=section_of(node, ctx, before),
                leader=seg.leader,
                deadline_extra=rest,
                deadline_cell=assigned.deadline,
            )
            task.other_units = {k: v for k, v in assigned.others.items() if v}
            if blanket is not None and task.line >= blanket[0]:
                names, _role = blanket[1]
                task.support_units += [
                    n for n in names if n not in task.lead_units and n not in task.support_units
                ]
            result.tasks.append(task)
            result.claimed |= seg.claimed
    return result
