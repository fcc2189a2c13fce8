"""Unit headings: a numbered heading that is nothing but a unit's name, its duties below.

    一、区发展和改革局
    1. 牵头制定…
    2. 负责…
    二、区财政局
    …

A heading may also say so (`（二）区财政局牵头负责的工作`). The heading unit leads every item
beneath it (as in a division list, without the leader
headings that list has); a heading with no numbered items under it leads its own paragraph.
One such heading could be a stray title, so a document counts only with at least two unit
headings among siblings. An item that carries its own annotation stays the inline finder's
(it runs first and claims it).
"""

from __future__ import annotations

import re

from core.fields.tense import reports_done
from core.fields.units import is_unit_list, parse_units
from core.finders.base import DocumentContext, FinderResult
from core.finders.prose.lists import _UNIT_HEADING_HEAD, LEADER_HEADING, UNIT_HEADING_TAIL
from core.finders.prose.text_outline import L_CN, Node, build_outline, join_texts, strip_furniture
from core.finders.prose.text_tasks import make_task, section_of
from core.text.lines import SourceLine


def _heading_units(node: Node) -> list[str]:
    """The units a heading names when it names nothing else (`（二）区财政局`)."""
    cached = node.cache.get("heading_units")
    if cached is None:
        cached = node.cache["heading_units"] = _read_heading_units(node)
    return list(cached)


# `（3项）`, `(共8项)`, `（5项任务）` closing a heading counts its items; it names nothing.
_COUNT = re.compile(r"\s*[（(]\s*共?\s*\d{1,3}\s*项(?:任务|工作)?\s*[）)]\s*$")


def _read_heading_units(node: Node) -> list[str]:
    head = _COUNT.sub("", node.head.strip()).strip().rstrip("：:。")
    if not head or len(head) > 40 or any(c in head for c in "。；;？！?!"):
        return []
    if head.endswith("的工作"):  # `（二）区财政局牵头负责的工作`
        head = _UNIT_HEADING_HEAD.sub("", UNIT_HEADING_TAIL.sub("", head)).strip()
    if node.num is None or not head or len(head) > 40 or not is_unit_list(head):
        return []
    u = parse_units(head)
    return u.lead + u.support


_MIN_PAIRS = 3
# What a line naming only units ends with (a cheap test before the unit parser).
_NAME_LINE = re.compile(r"^[^\t。，,；;：:]{2,20}[局委办厅室队所站心司府会门团社行区县市镇乡道联]$")
_SENTENCE = re.compile(r"[，。；,;、]")


def _unnumbered_pairs(ctx: DocumentContext, result: FinderResult) -> None:
    """A unit's name alone on its line, its duties on the next, three or more times in a row
    (`区公安分局` / `维护考点周边安全…。` / `区教育局` / `负责…`), as a 职责分工 table printed
    one cell per line or a list without numbers gives them: each duty is that unit's task."""
    lines = [sl for sl in ctx.lines if sl.text.strip()]
    i = 0
    while i + 1 < len(lines):
        run: list[tuple[list[str], SourceLine]] = []
        j = i
        while j + 1 < len(lines):
            name, duty = lines[j].text.strip(), lines[j + 1].text.strip()
            if len(name) > 20 or not _NAME_LINE.search(name) or not is_unit_list(name):
                break
            if is_unit_list(duty) or len(duty) < 8 or not _SENTENCE.search(duty):
                break
            run.append((parse_units(name).lead, lines[j + 1]))
            j += 2
        if len(run) >= _MIN_PAIRS:
            section = ctx.document.title
            for units, sl in run:
                if reports_done(sl.text):
                    continue
                result.tasks.append(
                    make_task(
                        ctx,
                        "list",
                        sl.text.strip(),
                        sl.no,
                        units,
                        [],
                        ref=None,
                        group=None,
                        section=section,
                    )
                )
                result.claimed |= {sl.no}
            i = j
        else:
            i += 1


def find(ctx: DocumentContext) -> FinderResult:
    result = FinderResult()
    if ctx.document.is_toc:
        return result
    _unnumbered_pairs(ctx, result)
    nodes = build_outline(ctx.lines)
    if any(
        n.num is not None and n.num.level == L_CN and LEADER_HEADING.match(n.num.rest.strip())
        for n in nodes
    ):
        return result  # a division list under leaders' headings: the lists finder's
    siblings: dict[tuple[int, int], list[Node]] = {}
    for n in nodes:
        if n.num is not None and _heading_units(n):
            key = (id(n.parent) if n.parent else 0, n.num.level)
            siblings.setdefault(key, []).append(n)
    before: list[str] = []
    for node in nodes:
        if node.num is None:
            before.extend(strip_furniture(sl.text) for sl in node.lines)
    for group in siblings.values():
        if len(group) < 2:
            continue
        for head in group:
            units = _heading_units(head)
            section = section_of(head, ctx, before)
            items = [c for c in head.children if c.num is not None]
            if not items:
                body = join_texts([strip_furniture(sl.text) for sl in head.lines[1:]])
                if len(body) >= 6 and not reports_done(body):
                    result.tasks.append(
                        make_task(
                            ctx,
                            "list",
                            body,
                            head.lines[1].no,
                            units,
                            [],
                            ref=head.ref,
                            group=head.head.strip(),
                            section=section,
                        )
                    )
                    result.claimed |= {sl.no for sl in head.lines}
                continue
            for item in items:
                text = join_texts(item.texts())
                if len(text) < 6 or reports_done(text):
                    continue  # a fragment, or a measure reported as done (`已印发…`)
                result.tasks.append(
                    make_task(
                        ctx,
                        "list",
                        text,
                        item.line,
                        units,
                        [],
                        ref=item.ref,
                        group=head.head.strip(),
                        section=section,
                    )
                )
                result.claimed |= {sl.no for sl in item.lines}
                result.claimed.add(head.line)  # the heading is no obligation of its own
    return result
