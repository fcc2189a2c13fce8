"""Shared rules for rebuilding PDF/DOCX content into the seed-text conventions.

The structure finders were written against text that a PDF extractor produced: one
paragraph or table row per line, table cells separated by a tab, several paragraphs of one
cell wrapped as `<p>…</p> <p>…</p>`. Both binary loaders funnel their paragraphs and cells
through these helpers so that the two formats produce exactly the same shape of text.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Sequence

# A paragraph that opens with its own numbering: `(1)` `（一）` `1.` `1、` `一、` `①` `第一条`.
# A number a separator follows is none: `（5）、区卫生健康局（6）` is a list of units, each
# with the items it answers for, that a cell's line break cut after `区行政审批局`.
# Used to start a new paragraph inside a table cell (a sub-item never continues the previous
# one) and to avoid prefixing Word's automatic number to text that already carries one.
_CN_DIGITS = "一二三四五六七八九十百零〇两"
LABEL_RE = re.compile(
    rf"""^\s*(?:
        [(（]\s*(?:\d{{1,3}}|[{_CN_DIGITS}]{{1,4}})\s*[)）]
      | \d{{1,3}}\s*[.．、](?!\d)
      | [{_CN_DIGITS}]{{1,4}}\s*、
      | [\u2460-\u2473\u2474-\u2487\u2488-\u249b]
      | 第[{_CN_DIGITS}\d]{{1,4}}[章节条款项]
    )(?!\s*[、，,；;])""",
    re.VERBOSE,
)

# A line that is only a printed page number (`— 12 —`, `-12-`, `第 12 页`, `12`): the seed
# texts carry none, so the PDF loader drops them at the top and bottom of a page.
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-—－–−]+\s*\d{1,4}\s*[-—－–−]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)

_WS_RE = re.compile(r"[\t\r\n\u2028\u2029\x0b\x0c]+")
_ASCII_WORD_END = re.compile(r"[A-Za-z]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z]")


def starts_with_label(text: str) -> bool:
    """True when the text already opens with an item number of its own."""
    return bool(LABEL_RE.match(text))


def clean_inline(text: str) -> str:
    """One paragraph on one line: tabs and breaks would be read as cells or new lines."""
    return _WS_RE.sub(" ", text).strip()


def join_fragments(left: str, right: str) -> str:
    """Rejoin two pieces of one wrapped paragraph.

    CJK text wraps anywhere and must be glued back without a space; so do numbers, which
    a narrow table cell breaks wherever it must (`2023.4-20` + `23.12`). Only between two
    Latin words, which wrap at the space that stood between them, is a space put back.
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if _ASCII_WORD_END.search(left) and _ASCII_WORD_START.match(right):
        return f"{left} {right}"
    return left + right


def cell_text(paragraphs: Iterable[str]) -> str:
    """A table cell as the seeds print it: plain when it holds one paragraph, else `<p>`s."""
    paras = [clean_inline(p) for p in paragraphs]
    paras = [p for p in paras if p]
    if len(paras) <= 1:
        return paras[0] if paras else ""
    return " ".join(f"<p>{p}</p>" for p in paras)


def row_line(cells: Sequence[str]) -> str:
    """A table row as one line of tab-separated cells.

    Empty cells are kept, trailing ones included, as the seeds keep them: the column a value
    sits in is how the table finder knows what it is. A row with no text at all is "".
    """
    values = [clean_inline(c) for c in cells]
    if not any(values):
        return ""
    return "\t".join(values)


def full_line_right(rights: Sequence[float], em: float) -> float:
    """Where full lines of a text block end: the median end of the lines near the widest.

    The widest line alone is a poor measure: punctuation allowed to hang past the margin
    (`，` `。` `”`) pushes it out by most of a character, which would make every other full
    line look short and break paragraphs apart.
    """
    if not rights:
        return 0.0
    widest = max(rights)
    return statistics.median(r for r in rights if r >= widest - 3 * em)


def matching_lines(pattern: re.Pattern[str], text: str) -> list[int]:
    """The 0-based numbers of the lines where a MULTILINE pattern matches, found in one scan
    of the text (the rebuilders' cheap first look before they split it into lines)."""
    out: list[int] = []
    at = pos = 0
    for m in pattern.finditer(text):
        at += text.count("\n", pos, m.start())
        pos = m.start()
        if not out or out[-1] != at:
            out.append(at)
    return out


def rebuild_runs(
    text: str,
    pattern: re.Pattern[str],
    rebuild_at: Callable[[list[str], int], int | None],
    least: int = 1,
) -> str:
    """The text with the runs of lines `rebuild_at` rewrites in place, the rest unchanged.

    `pattern` finds the lines a run may open at (at least `least` of them, else the text is
    returned as it is); `rebuild_at(lines, i)` rewrites the run opening at line i within the
    list, keeping the line count, and returns the index of its last line, or None to leave
    it. A run is never looked for inside one already rebuilt."""
    starts = matching_lines(pattern, text)
    if len(starts) < least:
        return text
    raw = text.split("\n")
    changed = False
    done = -1
    for i in starts:
        if i <= done:
            continue
        last = rebuild_at(raw, i)
        if last is None:
            continue
        changed = True
        done = last
    return "\n".join(raw) if changed else text
