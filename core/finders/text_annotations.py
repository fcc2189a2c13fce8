"""Responsibility annotations in prose: `（责任单位：…）`, `（县工科局、县文旅局负责）`,
`牵头单位：… 配合单位：…` lines, and the segments of an outline item they close.

Shared by the inline finder (numbered measure + annotation) and the paragraph finder, which
must know where annotations are so it does not report the same measure a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.fields.units import looks_like_unit
from core.finders.text_outline import Node, strip_furniture
from core.text.normalize import join_broken

OPEN, CLOSE = "（(", "）)"
_PAREN = re.compile(r"[（()）]")
_FIRST_SPLIT = re.compile(r"[、，,；;和及]")
_ROLE_END = re.compile(r"(?:牵头|负责|配合)$")

# Labels that introduce the units of an annotation (all mean 责任单位 for a clerk).
UNIT_LABEL = re.compile(
    r"^\s*(?:主要)?(责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门|协办单位|"
    r"责任主体|主责单位|主责部门|落实单位)\s*[:：]\s*"
)
LEADER_LABEL = re.compile(
    r"^\s*(?:分管领导|分管县领导|责任领导|牵头领导|包联领导|县级领导)\s*[:：]\s*"
)
# A bare annotation ends with the role its units play.
ROLE_TAIL = re.compile(r"(?:分工负责|共同负责|按职责分工负责|按职责落实|负责|配合|牵头|落实|承办)$")
UNIT_HINT = re.compile(
    r"(?:局|委|办|院|队|所|站|中心|公司|政府|管委会|委员会|部|会|社|行|团|处|组|分局|"
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


def is_annotation(content: str) -> bool:
    """Whether a parenthesised text assigns units: labelled, or `<units>负责/配合/牵头`."""
    c = content.strip()
    if UNIT_LABEL.match(c):
        return True
    if not ROLE_TAIL.search(c) or len(c) > 160:
        return False
    first = _FIRST_SPLIT.split(ROLE_TAIL.sub("", c), maxsplit=1)[0]
    first = _ROLE_END.sub("", first)
    # `各单位配合完成` is an instruction, `金融业专班负责` names no unit.
    return bool(first) and len(first) <= 30 and bool(UNIT_HINT.search(first))


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
                if is_annotation(content):
                    spans.append((start, i + 1, content))
    # An annotation left open at the very end (its `）` lost by extraction).
    if depth > 0 and start >= 0 and UNIT_LABEL.match(text[start + 1 :]):
        spans.append((start, len(text), text[start + 1 :]))
    return spans


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
            leader = t[m.end() :].strip() or None
            continue
        lm = UNIT_LABEL.match(t)
        if lm and pieces and UNIT_HINT.search(t[lm.end() :]) and not t.startswith(tuple(OPEN)):
            prev = pieces[-1]
            if prev.is_annotation:  # 牵头单位：… then 配合单位：… on the next line
                prev.text = prev.text[:-1] + "；" + t + "）"
                prev.lines.add(sl.no)
            else:
                pieces.append(_Piece("（" + t + "）", sl.no, True, {sl.no}))
            continue
        if pieces and _continues_labelled(pieces[-1], t):
            prev = pieces[-1]  # `责任单位：住建局、公用事业发` + `展服务中心` (a page break)
            prev.text = prev.text[:-1] + t + "）"
            prev.lines.add(sl.no)
            continue
        pieces.append(_Piece(t, sl.no, False, {sl.no}))
    return pieces, leader


_LAST_NAME = re.compile(r"[^、，,；;：:]+$")


def _continues_labelled(prev: _Piece, t: str) -> bool:
    """Whether `t` is the rest of a labelled units line that a break cut inside a name: the
    line's last name is unfinished and `t` is a short fragment that finishes it."""
    if not prev.is_annotation or len(t) > 20 or re.search(r"[。；;，,：:（(]", t):
        return False
    last = _LAST_NAME.search(prev.text[:-1])
    return (
        last is not None and not looks_like_unit(last.group()) and looks_like_unit(last.group() + t)
    )


def segments(node: Node) -> list[Segment]:
    """The obligations of one outline item: text up to each annotation that closes it.

    The inline and paragraph finders both ask for every item's segments; they are computed
    once per node and kept on it (callers only read them).
    """
    cached = node.cache.get("segments")
    if cached is None:
        cached = node.cache["segments"] = _segments(node)
    return cached


def _segments(node: Node) -> list[Segment]:
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
        out.append(Segment(body, start_line, seg_lines, content, leader, first=prev == 0))
        prev = e
    return out


def split_annotation(content: str) -> tuple[str, str]:
    """(units part, rest) of an annotation: `责任部门：A、B；6月底前完成` -> (`A、B`, `6月…`).

    A 牵头单位/配合单位 pair is returned as `A牵头，B配合` so one unit parser reads both.
    """
    parts = [p.strip() for p in re.split(r"[；;]", content) if p.strip()]
    units: list[str] = []
    rest: list[str] = []
    for p in parts:
        m = UNIT_LABEL.match(p)
        label = m.group(1) if m else None
        body = p[m.end() :] if m else p
        if label in ("牵头单位", "牵头部门"):
            units.append(body + "牵头")
        elif label in ("配合单位", "配合部门", "协办单位"):
            units.append(body + "配合")
        elif label or not units:
            units.append(body)
        else:
            rest.append(p)
    return "，".join(units), "；".join(rest)
