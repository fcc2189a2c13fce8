"""The outline numbering of gazette prose: 一、 （一） 1. （1） ① and the tree they build.

Every text finder (lists, inline annotations, lead/support paragraphs) needs to know where
a numbered item starts, which headings it sits under and what its outline path is
(`二/(一)/1`), so the numbering grammar lives here once. Page breaks leave unnumbered
fragments between items; they belong to the item before them, which is why an item is
"its numbered line plus every unnumbered line until the next numbered one".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from core.fields.numerals import CN_NUMERAL_CHARS
from core.text.lines import SourceLine
from core.text.normalize import join_broken

CN = CN_NUMERAL_CHARS + "百"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Level of each numbering style: smaller is higher in the outline.
L_CN, L_PCN, L_NUM, L_PNUM, L_CIRCLE = 1, 2, 3, 4, 5

# Markdown heading marks and list bullets a second extractor leaves in front of a line.
_FURNITURE = re.compile(r"^(?:#{1,6}\s*|[-*]\s+)+")
_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (L_CN, re.compile(rf"^([{CN}]{{1,4}})\s*[、．.]\s*")),
    (L_PCN, re.compile(rf"^[（(]\s*([{CN}]{{1,4}})\s*[）)]\s*[、．.]?\s*")),
    # `1.` but not a decimal (`1.5亿`) or a date (`2023.4`); `1、` and `1．` too.
    (L_NUM, re.compile(r"^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*")),
    (L_PNUM, re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、．.]?\s*")),
    (L_CIRCLE, re.compile(rf"^([{CIRCLED}])\s*")),
]


@dataclass(frozen=True)
class Numbering:
    """A line's own outline number: its level, its label (`二`, `一`, `3`) and the rest."""

    level: int
    label: str
    rest: str

    @property
    def ref_part(self) -> str:
        """How this number is written in a ref path: parenthesised styles keep parentheses."""
        if self.level in (L_PCN, L_PNUM):
            return f"({self.label})"
        return self.label


@lru_cache(maxsize=16384)
def strip_furniture(text: str) -> str:
    """The line without markdown heading marks or bullets."""
    return _FURNITURE.sub("", text).strip()


@lru_cache(maxsize=16384)
def parse_numbering(text: str) -> Numbering | None:
    """The outline number a line starts with, or None for an unnumbered line.

    Every text finder asks this of the same lines again; the answer is immutable, so cached.
    """
    t = strip_furniture(text)
    for level, pat in _PATTERNS:
        m = pat.match(t)
        if m:
            return Numbering(level, m.group(1), t[m.end() :])
    return None


def heading_title(text: str) -> str:
    """A heading's words: the first sentence, without trailing punctuation.

    `（一）严格取用水管理` -> `严格取用水管理`; `（一）加强组织领导。各地要…` -> `加强组织领导`.
    """
    t = re.split(r"[。；;:：\u3000]", text, maxsplit=1)[0].strip()  # U+3000: a title gap
    # A remark after the heading (`现代金融（金融业专班负责）`) is not part of its words.
    t = re.sub(r"[（(][^（）()]*[）)]$", "", t)
    return t.strip().rstrip("，,、 ")


_SENTENCE_MARK = re.compile(r"[。，,；;：:！？!?（）()]")


def is_title(text: str) -> bool:
    """Whether a heading line is a bare title (`严格执行节水“三同时”管理制度`): short and
    without any sentence punctuation, so a body printed below it starts a new sentence."""
    t = text.strip()
    return 0 < len(t) <= 30 and not _SENTENCE_MARK.search(t)


@dataclass
class Node:
    """One numbered item: its number, its lines (numbered line first) and its ancestors."""

    num: Numbering | None
    lines: list[SourceLine]
    ancestors: list[Node] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    # Its heading is a bare title like its siblings', so a body below it is a new sentence.
    titled: bool = False
    # Per-node results several finders derive from it (segments), computed once.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def line(self) -> int:
        return self.lines[0].no

    @property
    def head(self) -> str:
        """The numbered line without its number."""
        return self.num.rest if self.num else strip_furniture(self.lines[0].text)

    @property
    def ref(self) -> str | None:
        if self.num is None:
            return None
        return "/".join([a.num.ref_part for a in self.ancestors if a.num] + [self.num.ref_part])

    @property
    def parent(self) -> Node | None:
        return self.ancestors[-1] if self.ancestors else None

    def texts(self) -> list[str]:
        """The item's lines as text, its own number removed from the first."""
        return [self.head] + [strip_furniture(sl.text) for sl in self.lines[1:]]


# The last outline built: the inline and paragraph finders ask for the same document's
# outline one after the other (same list object), so it is built once.
_last: tuple[list[SourceLine], bool, list[SourceLine], list[Node]] | None = None


def build_outline(lines: list[SourceLine], skip_tables: bool = True) -> list[Node]:
    """Every numbered item of a document (see `_build_outline`); the nodes are shared
    between callers of the same lines and must not be changed by them."""
    global _last
    # Same object, same option, and not changed in place since.
    if _last is not None and _last[0] is lines and _last[1] == skip_tables and _last[2] == lines:
        return _last[3]
    nodes = _build_outline(lines, skip_tables)
    _last = (lines, skip_tables, list(lines), nodes)
    return nodes


def _build_outline(lines: list[SourceLine], skip_tables: bool = True) -> list[Node]:
    """Every numbered item of a document, in order, with its ancestors.

    Unnumbered lines join the item before them (page-break fragments, body paragraphs,
    annotations on their own line); lines before the first number form a node with no
    number. Table lines (holding TAB) belong to the table finders and are left out.
    """
    nodes: list[Node] = []
    stack: list[Node] = []
    current: Node | None = None
    if skip_tables:
        lines = [sl for sl in lines if "\t" not in sl.text]
    lines, foreign = _close_split_annotations(lines)
    for sl in lines:
        num = parse_numbering(sl.text) if sl.no not in foreign else None
        if num is None:
            if current is None:
                current = Node(None, [sl])
                nodes.append(current)
            else:
                current.lines.append(sl)
            continue
        while stack and stack[-1].num is not None and stack[-1].num.level >= num.level:
            stack.pop()
        node = Node(num, [sl], ancestors=list(stack))
        if stack:
            stack[-1].children.append(node)
        stack.append(node)
        nodes.append(node)
        current = node
    _mark_titles(nodes)
    return nodes


# An annotation left open at the end of a line (`…（县政府牵头，县委宣传部、县农业`) and
# the fragment that closes it (`农村局、县教育局、县融媒体中心负责）`).
_OPEN_ANNOTATION = re.compile(r"[（(](?:责任(?:单位|部门)\s*[:：]|县|市|各)[^（）()]*$")
_CLOSING_FRAGMENT = re.compile(r"^[^（(]*?(?:负责|配合|牵头|落实)\s*[）)]\s*[。；]?$")
_LOOKAHEAD = 4


def _close_split_annotations(lines: list[SourceLine]) -> tuple[list[SourceLine], set[int]]:
    """Lines with an annotation that two-column layout split apart put back together.

    When a line ends inside an annotation and, a few lines on, an unnumbered fragment
    closes it, the lines between come from the other column: the fragment moves up to
    close its annotation and the lines between are returned as foreign, so a heading
    among them (`(三) 强化投入保障…`) does not re-parent the items that follow.
    """
    out = list(lines)
    foreign: set[int] = set()
    i = 0
    while i < len(out):
        if _OPEN_ANNOTATION.search(out[i].text.strip()):
            between: list[int] = []
            for j in range(i + 1, min(len(out), i + 1 + _LOOKAHEAD * 2)):
                t = out[j].text.strip()
                if not t:
                    continue
                num = parse_numbering(t)
                if num is None and _CLOSING_FRAGMENT.match(t):
                    if between:
                        foreign |= {out[k].no for k in between}
                        out.insert(i + 1, out.pop(j))
                    break
                if (num is not None and num.level >= L_NUM) or len(between) >= _LOOKAHEAD:
                    break
                between.append(j)
        i += 1
    return out, foreign


def _mark_titles(nodes: list[Node]) -> None:
    """Mark the items whose heading line is a bare title. A short unpunctuated line is a
    title only when most of its siblings are titles too: among full-sentence siblings it is
    a sentence cut by a page break (`三十四、定期组织民营企业开展战略规` + `划、创新发展…`)."""
    groups: dict[tuple[int, int], list[Node]] = {}
    for n in nodes:
        if n.num is not None:
            key = (id(n.parent) if n.parent else 0, n.num.level)
            groups.setdefault(key, []).append(n)
    for siblings in groups.values():
        titles = [n for n in siblings if is_title(n.head)]
        if 2 * len(titles) >= len(siblings):
            for n in titles:
                n.titled = True


# A roster of a leading group: `组 长：贺建强 县委常委…`, `副 主 任：…`, then lines of
# `name title` pairs (`王志辉 县农业农村局局长`) or posts (`各乡镇乡镇长`, `副县长（兼）`).
_ROSTER_LABEL = re.compile(
    r"^(?:常务)?(?:副\s*)?(?:组\s*长|主\s*任|成\s*员|组\s*员|总?指\s*挥\s*长|秘\s*书\s*长)"
    r"\s*[：:](?P<rest>[^。；;]*)$"
)
_PERSON = re.compile(r"^[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2}\s+[^\s。；;：:，,]+")
_POST = re.compile(r"(?:长|主任|书记|成员|委员|负责人|人员)(?:[（(]兼[）)])?$|^[（(]兼[）)]$")
_ROSTER_STOP = re.compile(r"[。；;：:]")


def roster_lines(lines: list[SourceLine]) -> set[int]:
    """Numbers of the lines that list a group's members by person (`组 长：…`, `成 员：…` and
    the `name title` lines after them). They name people, not an obligation, so they are
    never part of a task's text and they end the part printed before them."""
    out: set[int] = set()
    inside = False
    for sl in lines:
        t = strip_furniture(sl.text).replace("**", "").strip()
        if not t:
            continue
        m = _ROSTER_LABEL.match(t)
        if m and "负责" not in m.group("rest") and len(t) <= 60:
            inside = True
        elif inside:
            short = len(t) <= 40 and not _ROSTER_STOP.search(t)
            inside = short and bool(_PERSON.match(t) or _POST.search(t))
        if inside:
            out.add(sl.no)
    return out


def join_texts(parts: list[str]) -> str:
    """Rejoin lines of one item broken by page breaks (a doubled char at the break removed)."""
    out = ""
    for p in parts:
        out = join_broken(out, p) if out else p.strip()
    return out
