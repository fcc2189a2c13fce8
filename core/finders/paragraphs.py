"""Lead/support paragraphs and member-unit duty lists.

Two prose shapes assign work without an annotation:
- an item whose body names who leads and who supports: `（三）项目环评审批 由市生态环境局
  兴县分局指导开展环评工作…，县水利局、兴县水务投资建设有限公司配合。`
- a member-unit duty list: `1. 县应急管理局（县安委办）。负责…`.
Ordinary policy paragraphs also say `负责` and `各部门`, so a paragraph counts only when it
names both a leading unit and supporting units, and a duty item only when the part before
its first stop is nothing but unit names.
"""

from __future__ import annotations

import re

from core.fields.units import looks_like_unit
from core.finders.base import DocumentContext, FinderResult
from core.finders.text_annotations import segments
from core.finders.text_outline import Node, build_outline, join_texts, strip_furniture
from core.finders.text_tasks import group_of, make_task, section_of

_NAME_SPLIT = re.compile(r"[、，,及]")
# Words no unit name holds: a clause (`在林区施工由乡镇`) that merely ends like one.
_NOT_NAME = re.compile(r"由|在|对|进行|活动|期间|的|时|施工|如")
_REMARK = re.compile(r"[（(][^（）()]*[）)]")
_DUTY = re.compile(r"^(?P<units>[^。：:；;]{2,60}?)[。：:]\s*(?P<duty>.+)$")
_DUTY_VERB = re.compile(
    r"^(?:主要)?(?:负责|配合|协助|牵头|承担|做好|督促|指导|组织|统筹|落实|会同)"
)
_LEAD_CLAUSE = re.compile(r"^(?:由|请)?(?P<u>.+?)(?:牵头|指导|负责|主抓)")
_SUPPORT_TAIL = re.compile(
    r"(?:等有关单位|等相关单位|等有关部门|等相关部门|等单位|等部门|等)?(?:配合|协助)$"
)


def _all_units(text: str) -> list[str] | None:
    """The unit names of `text` when it is nothing but unit names, else None."""
    names = [n.strip() for n in _NAME_SPLIT.split(_REMARK.sub("", text)) if n.strip()]
    if names and all(looks_like_unit(n) and not _NOT_NAME.search(n) for n in names):
        return names
    return None


def _lead_support(body: str) -> tuple[list[str], list[str]]:
    """Units that lead (`由X牵头`, `X指导…`) and support (`Y、Z等单位配合`) in a paragraph."""
    lead: list[str] = []
    support: list[str] = []
    for sentence in re.split(r"[。；;]", body):
        chunks = [c.strip() for c in re.split(r"[，,]", sentence) if c.strip()]
        if not chunks:
            continue
        if _SUPPORT_TAIL.search(chunks[-1]):
            names: list[str] = []
            tail = _SUPPORT_TAIL.sub("", chunks[-1])
            group = _all_units(tail)
            j = len(chunks) - 2
            while group:
                names = group + names
                if j < 0:
                    break
                group = _all_units(chunks[j])
                j -= 1
            support += [n for n in names if n not in support]
            chunks = chunks[: j + 2] if names else chunks
        for c in chunks:
            m = _LEAD_CLAUSE.match(c)
            if m:
                names = _all_units(m.group("u")) or []
                lead += [n for n in names if n not in lead]
    return lead, [s for s in support if s not in lead]


def _duty_item(node: Node) -> tuple[list[str], str] | None:
    m = _DUTY.match(node.head.strip())
    if not m or not _DUTY_VERB.match(m.group("duty")):
        return None
    names = _all_units(m.group("units"))
    if not names:
        return None
    rest = [strip_furniture(sl.text) for sl in node.lines[1:]]
    return names, join_texts([m.group("duty"), *rest])


def find(ctx: DocumentContext) -> FinderResult:
    result = FinderResult()
    if ctx.document.is_toc:
        return result
    before: list[str] = []
    for node in build_outline(ctx.lines):
        if node.num is None:
            before.extend(strip_furniture(sl.text) for sl in node.lines)
            continue
        if segments(node):
            continue  # annotated: the inline finder's
        duty = _duty_item(node)
        if duty is not None:
            lead, text = duty
            support: list[str] = []
        else:
            body = join_texts([strip_furniture(sl.text) for sl in node.lines[1:]])
            lead, support = _lead_support(body)
            if not (lead and support):
                # The heading line may carry the body too: `（三）项目环评审批 由…配合。`
                lead, support = _lead_support(node.head)
                body = ""
            if not (lead and support):
                continue
            text = join_texts([node.head, body]) if body else node.head
        result.tasks.append(
            make_task(
                ctx,
                "paragraph",
                text,
                node.line,
                lead,
                support,
                ref=node.ref,
                group=group_of(node),
                section=section_of(node, ctx, before),
            )
        )
        result.claimed |= {sl.no for sl in node.lines}
    return result
