"""Reading the cells of a task table: sub-items, unit groups and how they pair up.

A content cell may hold several numbered sub-items (`(1) … (2) …`, one `<p>` each or run
together), and the units cell beside it lists each sub-item's units in the same order — as
separate paragraphs, or once for all when the cell was merged. These helpers split both
and pair them by general rules (equal counts, numbering runs, one shared group), so that no
table's particular layout is assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from core.text.lines import PARA_SEP

_PAREN_MARK = re.compile(r"[(（]\s*(\d{1,2})\s*[)）]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CIRCLED_MARK = re.compile(f"[{_CIRCLED}]")
# `⑴ ⑵ …` (one character each, U+2474…): the same sub-items as `(1) (2) …`.
_PAREN_CHARS = "".join(chr(c) for c in range(0x2474, 0x2488))
_PAREN_CHAR_MARK = re.compile(f"[{_PAREN_CHARS}]")
# `区效能办（1-2）、区党群工作部（3）…`: units named with the numbers of the sub-items they own.
_NUMBERED_UNIT = re.compile(
    r"(?P<name>[^、，,；;（）()\s]+)[（(]\s*(?P<a>\d{1,2})\s*(?:[-－—~～至]\s*(?P<b>\d{1,2})\s*)?[）)]"
)
_DOT_MARK = re.compile(r"(\d{1,2})\s*[.、．](?!\d)")
_BOUNDARY = set(" \t。；;！!？?：:，," + PARA_SEP)
# A unit name's ending directly followed by the start of another list (no separator).
_GLUED = re.compile(r"(?<=[部门局办委队])(?=各|县|市|负有)")
_TOTAL_ROW = re.compile(r"^(合计|小计|总计|共计|全县合计)")


@dataclass
class Item:
    """One sub-item of a content cell: its number (None when unnumbered) and text."""

    number: int | None
    text: str


def clean(text: str) -> str:
    """Cell text as a task text: paragraph marks joined, stray spaces trimmed."""
    t = text.replace(PARA_SEP, "")
    t = re.sub(r"</?p>", "", t)
    t = re.sub(r"[ \t]+", " ", t).strip()
    return t


def is_total(text: str) -> bool:
    return bool(_TOTAL_ROW.match(re.sub(r"\s+", "", text)))


def _marks(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of every sub-item mark standing at an item boundary."""
    found: list[tuple[int, int, int]] = []
    for m in _PAREN_MARK.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in _BOUNDARY:
            found.append((m.start(), m.end(), int(m.group(1))))
    if not found:
        for m in _PAREN_CHAR_MARK.finditer(text):
            if m.start() == 0 or text[m.start() - 1] in _BOUNDARY:
                found.append((m.start(), m.end(), ord(m.group(0)) - 0x2473))
    if not found:
        for m in _CIRCLED_MARK.finditer(text):
            if m.start() == 0 or text[m.start() - 1] in _BOUNDARY:
                found.append((m.start(), m.end(), _CIRCLED.index(m.group(0)) + 1))
    if not found and _DOT_MARK.match(text):
        # `1.…。2.…` only when the cell itself is such a list (it starts with `1.`)
        for m in _DOT_MARK.finditer(text):
            if m.start() == 0 or text[m.start() - 1] in (PARA_SEP + "。；;"):
                found.append((m.start(), m.end(), int(m.group(1))))
    # a plausible sequence only: each mark continues the previous one or restarts at 1
    kept: list[tuple[int, int, int]] = []
    for mark in found:
        if not kept or mark[2] == kept[-1][2] + 1 or mark[2] == 1:
            kept.append(mark)
    if len(kept) == 1 and kept[0][0] != 0:
        # a single mark in mid-text is a cross-reference, not an item
        prefix = text[: kept[0][0]].strip(" " + PARA_SEP)
        if prefix:
            return []
    return kept


def split_items(cell: str) -> tuple[str, list[Item]]:
    """(lead-in text, numbered items) of a content cell; no marks -> ("", [one item])."""
    text = cell.strip()
    if not text:
        return "", []
    marks = _marks(text)
    if not marks:
        return "", [Item(None, clean(text))]
    prefix = clean(text[: marks[0][0]])
    items: list[Item] = []
    for k, (_start, end, number) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        body = clean(text[end:stop])
        if body:
            items.append(Item(number, body))
    return prefix, items


def _numbered_groups(cell: str) -> list[str]:
    """`①县发改局、县工信局②县商务局` / `（1）县人社局（2）县住建局`: a units cell that numbers
    its groups like the sub-items beside it. Names carry no marks, so any mark counts, but
    only a run 1, 2, 3 … that starts the cell."""
    text = cell.replace(PARA_SEP, " ").strip()
    numbering: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], int]], ...] = (
        (_PAREN_MARK, lambda m: int(m.group(1))),
        (_CIRCLED_MARK, lambda m: _CIRCLED.index(m.group(0)) + 1),
    )
    for pat, number in numbering:
        marks = list(pat.finditer(text))
        if len(marks) < 2 or marks[0].start() != 0:
            continue
        if [number(m) for m in marks] != list(range(1, len(marks) + 1)):
            continue
        bounds = [m.end() for m in marks]
        stops = [m.start() for m in marks[1:]] + [len(text)]
        return [text[a:b].strip(" ；;，,。") for a, b in zip(bounds, stops, strict=True)]
    return []


def _groups_by_number(cell: str, n_items: int) -> list[str]:
    """`区效能办（1-2）、区党群工作部（3）…区环境与国土资源局（8）`: each unit owns the sub-items
    whose numbers it is printed with. One group per sub-item 1…n, in number order, when the
    numbers cover exactly 1…n and nothing but separators lies between the names."""
    text = cell.replace(PARA_SEP, " ").strip()
    owners: dict[int, list[str]] = {}
    pos = 0
    for m in _NUMBERED_UNIT.finditer(text):
        if text[pos : m.start()].strip(" 、，,；;"):
            return []
        pos = m.end()
        a, b = int(m.group("a")), int(m.group("b") or m.group("a"))
        if not 1 <= a <= b <= n_items:
            return []
        for k in range(a, b + 1):
            owners.setdefault(k, []).append(m.group("name"))
    if text[pos:].strip(" 、，,；;。") or sorted(owners) != list(range(1, n_items + 1)):
        return []
    return ["、".join(owners[k]) for k in range(1, n_items + 1)]


_LEAD_LABEL = re.compile(r"^[（(]?\s*(牵头|责任|主责|主办)\s*(单位|部门)?\s*[:：]")
_ANY_LABEL = re.compile(
    r"^[（(]?\s*(牵头|责任|主责|主办|配合|协办|协同|参与)\s*(单位|部门)?\s*[:：]"
)


def _labelled_groups(paras: list[str]) -> list[str]:
    """`牵头单位：A` / `配合单位：B` paragraphs: one group per lead label, the support
    paragraphs after it joined to it (the units parser reads the labels)."""
    groups: list[str] = []
    for p in paras:
        if _LEAD_LABEL.match(p) or not groups:
            groups.append(p)
        else:
            groups[-1] += "；" + p
    return groups


def unit_groups(cell: str, n_items: int) -> list[str]:
    """The units cell split into one group per printed paragraph (or per `①`/`(1)` mark).

    With several items and a single paragraph, space-separated unit lists
    (`A部门 A部门 B局、C局`) are read as one group each when every piece is a plausible
    name; a single-character run (`县 发 改 局`) is spaced-out text, not groups.
    """
    if n_items > 1:
        by_number = _groups_by_number(cell, n_items)
        if by_number:
            return by_number
    if n_items > 1 and ("①" in cell or _PAREN_MARK.match(cell.strip(PARA_SEP + " "))):
        numbered = _numbered_groups(cell)
        if numbered:
            return numbered
    paras = [p.strip() for p in cell.split(PARA_SEP) if p.strip()]
    if len(paras) > 1 and any(_ANY_LABEL.match(p) for p in paras[1:]):
        return _labelled_groups(paras)
    if len(paras) == 1 and n_items > 1:
        pieces = re.split(r"\s+", paras[0])
        merged: list[str] = []
        for p in pieces:
            if merged and (merged[-1][-1] in "、，,及和" or p[0] in "、，,"):
                merged[-1] += p
            else:
                merged.append(p)
        if len(merged) > 1 and all(len(p) >= 3 for p in merged):
            return merged
        # groups run together once the spaces between them were lost:
        # `A的部门A的部门B局、C的部门` -> three groups
        glued = [p for p in _GLUED.split(paras[0]) if p]
        if len(glued) > 1 and all(len(p) >= 3 for p in glued):
            return glued
    return paras


def assign_groups(items: list[Item], groups: list[str]) -> list[str | None]:
    """The units group of each item, by the general pairing rules.

    - as many groups as items: in order;
    - one group: shared by all (a merged cell);
    - fewer groups: numbering runs (a restart at (1) begins a new run; a leading run that
      continues the previous row is its own run) take one group each when the counts agree,
      else items past the last group share it;
    - more groups: in order, the last item taking the last group; but a single item
      takes every group when each is one distinct name (a units cell printing one name
      per paragraph names them all; lists per paragraph belong to sub-items not parted).
    """
    n, g = len(items), len(groups)
    if n == 0:
        return []
    if g == 0:
        return [None] * n
    if g == n:
        return list(groups)
    if g == 1:
        return [groups[0]] * n
    if g < n:
        runs: list[list[int]] = []
        prev: int | None = None
        for idx, it in enumerate(items):
            if not runs or (it.number is not None and prev is not None and it.number <= prev):
                runs.append([])
            runs[-1].append(idx)
            prev = it.number
        if len(runs) == g:
            out: list[str | None] = [None] * n
            for run, grp in zip(runs, groups, strict=True):
                for idx in run:
                    out[idx] = grp
            return out
        return [groups[min(i, g - 1)] for i in range(n)]
    if n == 1 and len(set(groups)) == g and not any(re.search(r"[、，,；;]", x) for x in groups):
        return ["、".join(groups)]
    out = list(groups[: n - 1])
    out.append(groups[-1])
    return list(out)
