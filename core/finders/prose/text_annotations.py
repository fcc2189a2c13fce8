"""Responsibility annotations in prose: `（责任单位：…）`, `（县工科局、县文旅局负责）`,
`牵头单位：… 配合单位：…` lines, and the segments of an outline item they close.

Shared by the inline finder (numbered measure + annotation) and the paragraph finder, which
must know where annotations are so it does not report the same measure a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.fields.roles import (
    DEADLINE_LABEL,
    MEMBER_ROLE,
    ROLE_LABEL,
    ROLE_LABEL_BARE,
    ROLE_LABEL_START,
    Assigned,
    assign_roles,
    drop_blanket,
    split_time_tail,
)
from core.fields.units import READING_NOTE, is_unit_list, is_unit_name, looks_like_unit
from core.finders.prose.text_outline import Node, strip_furniture
from core.text.normalize import join_broken

# `〔责任单位：…〕`, `【责任单位：…】` and `[牵头单位:…]` close an item as `（…）` does
# (a 文号's `〔2016〕` never reads as an annotation: it names no unit).
OPEN, CLOSE = "（(〔【[", "）)〕】]"
_PAREN = re.compile(r"[（()）〔〕【】\[\]]")
_FIRST_SPLIT = re.compile(r"[、，,；;和及]")
_ROLE_END = re.compile(r"(?:牵头|负责|配合)$")

# Labels that introduce the units of an annotation (all mean 责任单位 for a clerk).
# Any role label (`牵头单位：`, `推进单位：`, `支撑单位：`, `责任主体：` …, see core.fields.roles).
UNIT_LABEL = ROLE_LABEL_START
# The leader in charge (`分管领导：`, `分管省领导：`, `责任领导：`, `牵头县领导：`, `区级领导：`).
_LEADER_ROLE = (
    r"(?:(?:分管|责任|牵头|包联|包抓|联系|挂钩|督办|协管)(?:县|区|市|省|州|旗)?级?"
    r"|(?:县|区|市|省|州)级)领导(?:同志)?\s*[:：]\s*"
)
LEADER_LABEL = re.compile(r"^\s*[（(]?\s*" + _LEADER_ROLE)
# `部门分工：X牵头，Y配合`: a division label whose text prints its own roles.
_DIVISION_LABEL = re.compile(r"^\s*(?:部门|单位|责任|任务|职责)分工\s*[:：]\s*")
# A leader part inside an annotation: `（责任领导：杜新国；牵头单位：区发改局）`.
_LEADER_PART = re.compile("^" + _LEADER_ROLE + r"([^；;]*)[；;]\s*")


# A part of an annotation after a `；` that names supporting units (`；Y、Z配合`).
_SUPPORT_PART = re.compile(r"^[^。]{2,200}?(?:配合|协办|协助|参与|协同)(?:落实|实施|完成)?$")


# `（X、Y负责。列第一位的为牵头部门，下同）`: a note on how to read this and later
# annotations; the document-wide rule is read by `first_is_lead`, the note itself names no unit.
_RULE_NOTE = re.compile(
    r"[。；;，,]\s*(?:[^。；;]*(?:为牵头|为主责|为主办)[^。；;]*|下同)[。，,]?\s*(?:下同)?[。]?$"
)


def drop_rule_note(content: str) -> str:
    """The annotation without a trailing reading note (`。列第一位的为牵头部门，下同`, or
    bracketed: `(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)`)."""
    content = content.strip()
    notes = list(READING_NOTE.finditer(content))
    note = notes[-1] if notes else None
    if note is not None and not content[note.end() :].strip(" 。）)"):
        content = content[: note.start()] + content[note.end() :]
    return _RULE_NOTE.sub("", content.strip())


def split_leader(content: str) -> tuple[str | None, str]:
    """(leader, rest) of an annotation that names its leader before its units."""
    m = _LEADER_PART.match(content.strip())
    if m is None:
        return None, content
    return (m.group(1).strip() or None), content.strip()[m.end() :]


# A bare annotation ends with the role its units play.
ROLE_TAIL = re.compile(
    r"(?:分工负责|共同负责|按职责分工负责|按职责落实|负责|配合|牵头|落实|承办|主办|主抓|协办|协助|参与|"
    r"组织实施|具体实施|实施|推进|承担|执行|督办)$"
)
UNIT_HINT = re.compile(
    r"(?:局|委|办|厅|署|院|队|所|站|馆|室|中心|公司|政府|管委会|委员会|部|会|社|行|团|处|组|分局|"
    r"各乡镇|各部门|各单位|县直各|"
    # collective units of any county: 各区镇, 各镇（街道）, 各苏木镇, 各街道, 各县（市、区）
    r"各[^、，,；;（）()]{0,3}(?:乡|镇|街道|区|县|市|村|社区))"
)


@dataclass
class Segment:
    """Text of one obligation closed by an annotation, and where it lies in the source."""

    text: str
    line: int
    claimed: set[int]
    annotation: str  # the annotation's content, labels kept (`责任单位：县水利局牵头，…`)
    leader: str | None = None
    first: bool = True  # the segment that starts with the item's own numbered line


@dataclass
class _Piece:
    text: str
    line: int
    is_annotation: bool = False
    lines: set[int] = field(default_factory=set)


_ROLE_WORDS = re.compile(
    r"(?:等有关单位|等相关单位|等有关部门|等相关部门|等单位|等部门|等|分工负责|牵头|配合|负责|参与|"
    r"协助|协办|落实|实施)+$"
)


def _with_colon(line: str) -> str:
    """`牵头单位区交建局、区规划局` (a label whose colon was not printed) as `牵头单位：…`,
    when nothing but unit names follow the label."""
    d = _DIVISION_LABEL.match(line)
    if d is not None:
        return "责任单位：" + line[d.end() :]
    m = ROLE_LABEL_BARE.match(line)
    if m is None or MEMBER_ROLE.search(m.group("role")):
        return line
    rest = line[m.end() :].strip().rstrip("。")
    names = [_ROLE_WORDS.sub("", p) for p in re.split(r"[、，,；;\s]+", rest) if p]
    if names and all(n and (is_unit_name(n) or looks_like_unit(n)) for n in names):
        return f"{m.group('role')}：{rest}"
    return line


_GLUED_DEADLINE = re.compile(r"(?:完成|办结)?(?:时限|期限)\s*[:：]")


def names_units(text: str) -> bool:
    """Whether a label's text names at least one unit (not `（盖章）`, not a blank form)."""
    text = _GLUED_DEADLINE.split(text, maxsplit=1)[0]  # `县审批局完成时限：6月底前`
    parts = [_ROLE_WORDS.sub("", p) for p in re.split(r"[、，,；;。\s]+", text) if p]
    return any(looks_like_unit(p) or is_unit_name(p) for p in parts if p)


def is_label(text: str) -> re.Match[str] | None:
    """A role label opening `text` that assigns units: not a member roster (`成员单位：…`
    alone) and followed by at least one unit name."""
    m = UNIT_LABEL.match(text)
    if m is None or MEMBER_ROLE.search(m.group("role")):
        return None
    return m if names_units(text[m.end() :]) else None


def is_annotation(content: str) -> bool:
    """Whether a parenthesised text assigns units: labelled, or `<units>负责/配合/牵头`."""
    c = drop_rule_note(split_leader(content)[1]).strip()
    if is_label(c):
        return True
    # `X牵头负责；各片区负责配合落实，以下均需各片区配合落实，不再列出`: the blanket says
    # nothing of this item's units
    c = drop_blanket(c).strip(" ，,；;")
    c = split_time_tail(c)[0]  # `X牵头，Y等按职责分工负责，2018年3月底前完成`
    if not ROLE_TAIL.search(c) or len(c) > 160:
        return False
    first = _FIRST_SPLIT.split(ROLE_TAIL.sub("", c), maxsplit=1)[0]
    first = _ROLE_END.sub("", first)
    # `各单位配合完成` is an instruction, `金融业专班负责` names no unit.
    return bool(first) and len(first) <= 30 and bool(UNIT_HINT.search(first))


_SENTENCE_END = "。；;！!？?"


def _bare_list(text: str, start: int, end: int, content: str) -> bool:
    """A bare list of unit names closing a sentence: `…预警。（区农发局）`, `…需要。（区农发局、
    区经发局）`, or closing the item's text (`…监管（区农发局）。`). Only after a sentence's
    stop or at the very end, so a name's alias in mid-sentence (`县应急管理局（县安委办）。负责…`)
    is no annotation."""
    before = text[:start].rstrip()
    if not before:
        return False
    # `…预警。（区农发局）`, or the item's last sentence closed after it: `…监管（区农发局）。`
    closing = not text[end:].strip(_SENTENCE_END + " ")
    if before[-1] not in _SENTENCE_END and not closing:
        return False
    if before[-1] not in _SENTENCE_END and is_unit_name(before[-12:].lstrip("，、；")[-8:]):
        return False  # a name's alias closing the text: `…配合县应急管理局（县安委办）。`
    # `（县住建局，2024年6月底前）`: the units, then when
    return is_unit_list(split_time_tail(content)[0])


def annotation_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of every top-level parenthesised annotation in `text`."""
    spans: list[tuple[int, int, str]] = []
    depth, start = 0, -1
    # Only the parentheses matter: visiting them alone keeps long paragraphs cheap.
    for pm in _PAREN.finditer(text):
        i, ch = pm.start(), pm.group()
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                content = text[start + 1 : i]
                if is_annotation(content) or _bare_list(text, start, i + 1, content):
                    spans.append((start, i + 1, content))
    # An annotation left open at the very end (its `）` lost by extraction).
    if depth > 0 and start >= 0 and UNIT_LABEL.match(text[start + 1 :]):
        spans.append((start, len(text), text[start + 1 :]))
    return spans


def _annotation(content: str, no: int) -> _Piece:
    """A labelled line (or sentence) of line `no` read as the item's bracketed annotation."""
    return _Piece("（" + content + "）", no, True, {no})


def _pieces(node: Node) -> tuple[list[_Piece], str | None]:
    """The item's lines as pieces; labelled lines (`责任单位：…`) become annotations."""
    pieces: list[_Piece] = []
    leader = None
    texts = node.texts()
    for sl, t in zip(node.lines, texts, strict=True):
        t = strip_furniture(t) if pieces else t.strip()
        if not t:
            continue
        m = LEADER_LABEL.match(t)
        if m and pieces:
            # `责任领导：X；责任单位：Y；配合单位：Z`: the leader, then the line's unit labels
            rest = t[m.end() :]
            units_at = _LEADER_THEN_LABEL.search(rest)
            leader = (rest[: units_at.start()] if units_at else rest).strip() or None
            if units_at is None:
                continue
            t = rest[units_at.end() :]
            pieces.append(_annotation(t.rstrip("。"), sl.no))
            continue
        if pieces and _OUTCOME_LABEL.match(t):
            continue  # `工作成果：…`, `进展情况：…`: what the work yields or has done, not the task
        task_label = _TASK_LABEL.match(t)
        if (
            task_label
            and node.num is None
            and t[task_label.end() :].strip()
            and not any(p.is_annotation for p in pieces)
        ):
            # `具体任务：…` in an unnumbered form (under a title): the label says where the
            # task's own text begins (a numbered item's own line stays part of its text)
            pieces = []
            t = t[task_label.end() :]
        t = _with_colon(t)
        labelled = ("：" in t or ":" in t) and (pieces or not UNIT_LABEL.match(t))
        closing = _CLOSING_ASSIGNMENT.search(t)
        if closing is not None and is_annotation(closing.group("c")):
            # `…确保补贴高于上年。由市财政局、农业局负责落实。`: the closing sentence is the
            # item's annotation; on a line of its own, it closes the item above
            body = t[: closing.start()].strip()
            if body:
                pieces.append(_Piece(body, sl.no, False, {sl.no}))
            if pieces:
                pieces.append(_annotation(closing.group("c"), sl.no))
                continue
        cut = _label_after_stop(t) if labelled else None
        if cut is not None:  # `（一）加大投资力度。责任单位：X牵头，Y配合。` on one line
            body = _TASK_LABEL.sub("", t[:cut]).rstrip("；;")
            pieces.append(_Piece(body, sl.no, False, {sl.no}))
            pieces.append(_annotation(t[cut:].rstrip("。"), sl.no))
            continue
        lm = UNIT_LABEL.match(t)
        if lm and not (pieces and pieces[-1].is_annotation) and not is_label(t):
            lm = None  # a roster (`成员单位：…`) or a blank form (`承办单位：（盖章）`)
        dm = DEADLINE_LABEL.match(t) if pieces and pieces[-1].is_annotation else None
        if dm and not t.startswith(tuple(OPEN)):  # `完成时限：…` under the label lines
            prev = pieces[-1]
            prev.text = prev.text[:-1] + "；" + t.rstrip("。") + "）"
            prev.lines.add(sl.no)
            continue
        if lm and pieces and t[lm.end() :].strip(" 。") and not t.startswith(tuple(OPEN)):
            prev = pieces[-1]
            if prev.is_annotation:  # 牵头单位：… then 配合单位：… on the next line
                prev.text = prev.text[:-1] + "；" + t + "）"
                prev.lines.add(sl.no)
            else:
                pieces.append(_annotation(t, sl.no))
            continue
        if pieces and _continues_labelled(pieces[-1], t):
            prev = pieces[-1]  # `责任单位：住建局、公用事业发` + `展服务中心` (a page break)
            prev.text = prev.text[:-1] + t + "）"
            prev.lines.add(sl.no)
            continue
        pieces.append(_Piece(t, sl.no, False, {sl.no}))
    return pieces, leader


# A sentence closing an item that puts units in charge of it (`由X、Y负责落实。`,
# `由X牵头，Y负责落实。`), at the end of the item's line or on a line of its own.
_CLOSING_ASSIGNMENT = re.compile(
    r"(?:^|(?<=[。；;]))\s*由(?P<c>[^。；;由]{2,160}?(?:负责落实|负责实施|负责完成|组织实施|负责))"
    r"[。；;]?\s*$"
)


# Where a leader label's line goes on with unit labels (`；责任单位：…`).
_LEADER_THEN_LABEL = re.compile(r"[；;]\s*(?=" + ROLE_LABEL.pattern + ")")


# A labelled line saying what the work yields or how far it has got, printed between an
# item and its units (`工作成果：…`, `进展情况：…`).
_OUTCOME_LABEL = re.compile(
    r"^\s*(?:工作|预期)?(?:成果|成效)\s*[:：]|^\s*(?:进展|推进|完成|工作进展)情况\s*[:：]"
)
# `主要任务：推进老旧小区改造；责任单位：…`: the label naming the task's own text.
_TASK_LABEL = re.compile(r"^\s*(?:主要|重点|工作|具体)?(?:任务|内容|事项)(?:内容)?\s*[:：]\s*")
# `。责任单位：…` with no bracket (a bracketed label is an annotation of the usual kind).
_STOP_THEN_LABEL = re.compile(r"[。；;]\s*(?=" + ROLE_LABEL.pattern + ")")


def _label_after_stop(t: str) -> int | None:
    """Where a role label starts after a sentence's stop inside one line, when it assigns
    units and nothing else follows on the line; None otherwise."""
    m = _STOP_THEN_LABEL.search(t)
    if m is None or m.end() >= len(t):
        return None
    head = t[: m.start()]
    if sum(head.count(c) for c in OPEN) != sum(head.count(c) for c in CLOSE):
        return None  # the stop is inside a bracketed annotation
    rest = t[m.end() :]
    if not is_label(rest) or re.search(r"。\s*\S", rest.rstrip("。；; ")):
        return None
    # `牵头单位：X；配合单位：Y；完成时限：Z`: every further part is a label of its own
    parts = [p for p in re.split(r"[；;]", rest.rstrip("。；; ")) if p.strip()]
    if not all(UNIT_LABEL.match(p) or DEADLINE_LABEL.match(p) for p in parts):
        return None
    return m.end()


_LAST_NAME = re.compile(r"[^、，,；;：:]+$")


def _continues_labelled(prev: _Piece, t: str) -> bool:
    """Whether `t` is the rest of a labelled units line that a break cut: inside a name
    (the line's last name is unfinished and `t` finishes it), or after a separator (`、`
    ends the line and `t` lists units). Text copied from a PDF breaks every line at the
    page's width, so a long units list goes on over the next line."""
    if not prev.is_annotation:
        return False
    body = prev.text[:-1]
    last = _LAST_NAME.search(body)
    # the line's last name, when a break cut it short ("" when it reads whole)
    cut = last.group() if last is not None and not looks_like_unit(last.group()) else ""
    short = len(t) <= 20 and not re.search(r"[。；;，,：:（(]", t)
    if cut and short and looks_like_unit(cut + t):
        return True
    if UNIT_LABEL.match(t) or DEADLINE_LABEL.match(t):
        return False
    rest = _ROLE_TAIL.sub("", t.rstrip("。；; "))
    if body.endswith(("、", "，", ",")):
        return is_unit_list(rest)
    return bool(cut) and is_unit_list(cut + rest)


# The role a wrapped units list closes with (`…、旅游发展局配合。`).
_ROLE_TAIL = re.compile(r"(?:等(?:有关|相关)?(?:单位|部门))?(?:牵头|配合|协助|参与|负责)$")


def segments(node: Node) -> list[Segment]:
    """The obligations of one outline item: text up to each annotation that closes it.

    The inline and paragraph finders both ask for every item's segments; they are computed
    once per node and kept on it (callers only read them).
    """
    cached = node.cache.get("segments")
    if cached is None:
        cached = node.cache["segments"] = _segments(node)
    return cached


# What every annotation holds: a bracket, or a role label (`…单位：`, `…部门`, `…处室`, `…方：`)
# that `_pieces` turns into one. An item without any of these has no segment.
_MAY_ANNOTATE = re.compile(r"[（(]|单位|部门|主体|处室|科室|方\s*[:：]")


def _segments(node: Node) -> list[Segment]:
    if not any(_MAY_ANNOTATE.search(t) for t in node.texts()):
        return []
    pieces, leader = _pieces(node)
    if not pieces:
        return []
    text = ""
    offsets: list[tuple[int, _Piece]] = []
    for p in pieces:
        if len(offsets) == 1 and not p.is_annotation and node.titled:
            text += "。"  # a heading alone on its line ends its sentence before the body
        offsets.append((len(text), p))
        text = join_broken(text, p.text) if text else p.text
    spans = annotation_spans(text)
    out: list[Segment] = []
    prev = 0
    for s, e, content in spans:
        seg_lines = {ln for off, p in offsets if prev <= off < e for ln in p.lines}
        start_line = [p.line for off, p in offsets if off <= prev][-1]
        body = text[prev:s].strip().lstrip("。；;，, ")
        own_leader = split_leader(content)[0]
        seg = Segment(body, start_line, seg_lines, content, own_leader or leader, first=prev == 0)
        out.append(seg)
        prev = e
    _drop_heading(out, offsets, text, spans)
    return out


def _drop_heading(
    out: list[Segment],
    offsets: list[tuple[int, _Piece]],
    text: str,
    spans: list[tuple[int, int, str]],
) -> None:
    """A heading line over paragraphs that each close with their own annotation
    (`（一）推动经济…均衡拉动作用。` / `…。（X负责）` / `…。（Y负责）`) is no part of the
    first paragraph's obligation: every annotation closes a line, and the heading is a
    line of its own with none."""
    if len(out) < 2 or len(offsets) < 3 or offsets[0][1].is_annotation:
        return
    starts = {off for off, _p in offsets}
    ends = {off + len(p.text) for off, p in offsets}
    # each annotation closes its line, and the next paragraph starts a line of its own
    if not all(e in ends or e >= len(text.rstrip("。 ")) for _s, e, _c in spans[:-1]):
        return
    if not all(any(off >= e for off in starts) for _s, e, _c in spans[:-1]):
        return
    head, second = offsets[0][1], offsets[1]
    if second[1].is_annotation or not head.text.rstrip().endswith(("。", "：", ":")):
        return
    first = out[0]
    body = text[second[0] : spans[0][0]].strip().lstrip("。；;，, ")
    if not body:
        return
    first.text, first.line = body, second[1].line
    first.claimed = first.claimed | head.lines


def read_annotation(
    content: str, first_lead: bool = False, mark: str | None = None
) -> tuple[Assigned, str]:
    """The units an annotation assigns, and its rest (a deadline clause, a remark).

    `责任部门：A、B；6月底前完成` -> lead A, B and rest `6月底前完成`; labels may share one
    part (`牵头单位：X，支撑单位：Y`) or come one per part (`牵头单位：X；配合单位：Y`);
    a `完成时限：` label's text is kept apart (`Assigned.deadline`), to be read as a cell."""
    content = drop_rule_note(split_leader(content)[1])
    content, when = split_time_tail(drop_blanket(content).strip(" ，,；;"))
    parts = [p.strip() for p in re.split(r"[；;]", content) if p.strip()]
    unit_parts: list[str] = []
    rest: list[str] = [when] if when else []
    labelled_deadline: list[str] = []
    for p in parts:
        dm = DEADLINE_LABEL.match(p)
        if dm:
            labelled_deadline.append(p[dm.end() :])
        elif UNIT_LABEL.match(p) or not unit_parts or _SUPPORT_PART.search(p):
            unit_parts.append(p)  # `X牵头；Y配合`: the supporting units after the `；`
        else:
            rest.append(p)
    assigned = assign_roles("；".join(unit_parts), first_lead, mark)
    if assigned.deadline:
        labelled_deadline.append(assigned.deadline)
    assigned.deadline = "；".join(labelled_deadline)
    return assigned, "；".join(rest)


def split_annotation(content: str) -> tuple[str, str]:
    """(units part, rest) of an annotation: `责任部门：A、B；6月底前完成` -> (`A、B`, `6月…`).

    Labelled roles are returned as `A牵头，B配合` so one unit parser reads them all."""
    assigned, rest = read_annotation(content)
    if assigned.deadline:
        rest = "；".join(p for p in (rest, assigned.deadline) if p)
    if not assigned.labelled:
        parts = [p.strip() for p in re.split(r"[；;]", content) if p.strip()]
        return (parts[0] if parts else ""), rest
    units = "、".join(assigned.lead)
    if assigned.support:
        units = (units + "牵头，" if units else "") + "、".join(assigned.support) + "配合"
    return units, rest
