"""Undo PDF-extraction artifacts line by line, keeping each line's original number.

The seeds come from several extractors and carry their artifacts: CJK spaced out
(`县 发 改 局`), full-width digits, LaTeX fragments (`$\\geq 80\\%$`), markdown headings and
pipe tables, an English " and " in place of 和, table cells holding `<p>…</p>` paragraphs.
Finders should see clean text, but a clerk must always be pointed to the original line, so
normalization is strictly 1:1: one SourceLine per non-blank source line, never merged or
split. Joining text across lines (page breaks) is the finders' business, via `join_broken`.
"""

from __future__ import annotations

import re
from collections import Counter

from core.fields.units import is_unit_name
from core.text.lines import PARA_SEP, SourceLine

# Ideographs plus CJK and full-width punctuation: characters Chinese text never separates
# with spaces, so a space next to one of them is an extraction artifact.
_CJK = (
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201d\u2026\u2014\u00b7"
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"

_SPACES = re.compile(r"[ \u00a0\u3000\u2002-\u200b]+")
_SPACES_ANY = re.compile(r"[\u00a0\u3000\u2002-\u200b]| {2}")
# A wide gap (full-width space or 2+ spaces) after a short title opening the line:
# `（一）项目立项审批　由县行政审批局负责…`. It separates the title from its sentence, so it
# is kept as one full-width space (TITLE_GAP) instead of being squeezed away.
TITLE_GAP = "\u3000"
_TITLE_GAP = re.compile(
    r"^(?P<head>\s*(?:#{1,6}\s*)?(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|"
    r"[一二三四五六七八九十\d]{1,3}\s*[、．.])?\s*[^\s，。；：,;:、\t]{2,15})"
    r"(?:\u3000+| {2,})(?=[^\s\t][^\t]*[，。；,;])"
)
_GAP_MARK = "\ue000"  # a private-use placeholder no other rule touches
_SPACE_NEAR_CJK = re.compile(rf"[ ]+(?=[{_CJK}])|(?<=[{_CJK}])[ ]+")
_FULLWIDTH_ANY = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_AND_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}]) *\band\b *(?=[{_HAN}])")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+")
_MD_BULLET = re.compile(r"^[-*+][ \t]+(?=\S)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SEPARATOR_ROW = re.compile(r"^[\s|:\-—–+=]*[-—–=]{3,}[\s|:\-—–+=]*$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})$"
)
_P_TAG = re.compile(r"<p>(.*?)(?:</p>|$)", re.S)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)
_LATEX = re.compile(r"\$([^$\n]{1,300}?)\$")

# Full-width ASCII letters and digits are always an artifact; full-width punctuation is not
# (Chinese prints （一） and ，), so only alphanumerics are folded.
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
}

_LATEX_SYMBOLS = {
    r"\geqslant": "≥",
    r"\leqslant": "≤",
    r"\geq": "≥",
    r"\leq": "≤",
    r"\ge": "≥",
    r"\le": "≤",
    r"\neq": "≠",
    r"\times": "×",
    r"\div": "÷",
    r"\cdot": "·",
    r"\pm": "±",
    r"\approx": "≈",
    r"\sim": "~",
    r"\circ": "°",
    r"\%": "%",
    r"\permil": "‰",
    r"\,": "",
    r"\;": "",
    r"\ ": "",
    r"\left": "",
    r"\right": "",
}
_SUPERSCRIPTS = {"2": "²", "3": "³", r"\circ": "°"}
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|mathbf|rm|textbf|operatorname)\s*\{([^{}]*)\}")
_LATEX_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_LATEX_SUP = re.compile(r"\^\s*(?:\{([^{}]*)\}|(\\circ|\w))")
_LATEX_SUB = re.compile(r"_\s*(?:\{([^{}]*)\}|(\w))")
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+")


def normalize_lines(text: str, pages: list[int] | None = None) -> list[SourceLine]:
    """One SourceLine per non-blank source line (`no` is the original 1-based number)."""
    raw_lines = text.split("\n")
    out: list[SourceLine] = []
    for idx, raw in enumerate(raw_lines):
        if not raw.strip():
            continue
        line = normalize_line(raw)
        if not line.strip():
            continue
        page = pages[idx] if pages is not None and idx < len(pages) else None
        out.append(SourceLine(no=idx + 1, text=line, page=page))
    return _drop_page_furniture(out)


def normalize_line(raw: str) -> str:
    """Normalize the text of one line (see the module docstring for the artifacts).

    Each rule runs only when its trigger character is present: most lines need none of
    them, and the whole issue must normalize in a few milliseconds.
    """
    line = raw
    if "\r" in line or "\ufeff" in line:
        line = line.replace("\r", "").replace("\ufeff", "")
    if _FULLWIDTH_ANY.search(line):
        line = line.translate(_FULLWIDTH_ALNUM)
    gap = False
    if _SPACES_ANY.search(line):
        if "\t" not in line:
            line, gaps = _TITLE_GAP.subn(rf"\g<head>{_GAP_MARK}", line, count=1)
            gap = gaps > 0
        line = _SPACES.sub(" ", line)
    line = line.strip(" ")
    if not line:
        return ""
    if "\t" not in line and _PAGE_NUMBER.match(line):
        return ""
    first = line[0]
    if first == "#":
        line = _MD_HEADING.sub("", line)
    elif first in "-*+":
        if _SEPARATOR_ROW.match(line):
            return ""
        line = _MD_BULLET.sub("", line)
    if "**" in line:
        line = _MD_BOLD.sub(r"\1", line)
    if "|" in line:
        if _SEPARATOR_ROW.match(line):
            return ""
        bare = line.strip()
        if bare == "|":
            return ""  # the closing bar of a pipe row printed on its own line
        if bare.startswith("|") and bare.endswith("|") and bare.count("|") >= 2:
            line = "\t".join(c.strip() for c in bare[1:-1].split("|"))
        elif bare.count(" | ") >= 2:  # `1 | 完成…改造。 | 县教育局 | …`: bars only between cells
            line = "\t".join(c.strip() for c in bare.strip("|").split("|"))
    elif first in "-—–=:\t" and _SEPARATOR_ROW.match(line):
        return ""
    if "$" in line:
        line = _LATEX.sub(lambda m: _latex_to_text(m.group(1)), line)
    if "\\" in line or "_{" in line or "^{" in line:
        line = _bare_latex(line)
    if "<" in line:
        line = _HTML_BREAK.sub(PARA_SEP, line)
        if "<p>" in line or "</p>" in line:
            line = "\t".join(_cell_paragraphs(cell) for cell in line.split("\t"))
    if "and" in line:
        line = _AND_BETWEEN_HAN.sub("和", line)
    if " " in line:
        line = _remove_cjk_spaces(line)
    if gap:
        line = line.replace(_GAP_MARK, TITLE_GAP)
    return line


def _remove_cjk_spaces(line: str) -> str:
    """Drop spaces next to CJK characters; tabs (table cells) are kept.

    A table cell listing whole unit names one after the other (`区规划局 区经发局 区环土局`,
    a cell's lines run together) keeps its spaces: they separate names, and squeezing them
    would glue the names into one."""
    if "\t" in line:
        return "\t".join(_cell_spaces(part) for part in line.split("\t"))
    line = _SPACE_NEAR_CJK.sub("", line)
    return line.strip(" ")


def _cell_spaces(cell: str) -> str:
    tokens = cell.split()
    if len(tokens) >= 2 and all(len(t) >= 3 and is_unit_name(t) for t in tokens):
        return " ".join(tokens)
    return _SPACE_NEAR_CJK.sub("", cell).strip(" ")


def _cell_paragraphs(cell: str) -> str:
    """`<p>(1) a</p> <p>(2) b</p>` -> "(1) a" PARA_SEP "(2) b"; stray text kept in order."""
    if "<p>" not in cell and "</p>" not in cell:
        return cell
    parts: list[str] = []
    pos = 0
    for m in _P_TAG.finditer(cell):
        before = cell[pos : m.start()].replace("</p>", "").strip()
        if before:
            parts.append(before)
        inner = m.group(1).replace("<p>", "").strip()
        if inner:
            parts.append(inner)
        pos = m.end()
    tail = cell[pos:].replace("</p>", "").strip()
    if tail:
        parts.append(tail)
    return PARA_SEP.join(parts)


def _latex_to_text(expr: str) -> str:
    """Render an inline LaTeX fragment as the plain text it stands for (`\\geq 80\\%` -> ≥80%)."""
    s = expr
    for _ in range(3):  # nested \text inside \frac
        s = _LATEX_TEXT.sub(r"\1", s)
    s = _LATEX_FRAC.sub(lambda m: f"{m.group(1).strip()}/{m.group(2).strip()}", s)

    def sup(m: re.Match[str]) -> str:
        val = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        return _SUPERSCRIPTS.get(val, val)

    s = _LATEX_SUP.sub(sup, s)
    s = _LATEX_SUB.sub(lambda m: (m.group(1) or m.group(2) or "").strip(), s)
    for cmd in sorted(_LATEX_SYMBOLS, key=len, reverse=True):
        s = s.replace(cmd, _LATEX_SYMBOLS[cmd])
    s = _LATEX_COMMAND.sub("", s)
    s = s.replace("{", "").replace("}", "").replace("\\", "")
    return re.sub(r"\s+", "", s)


_BARE_COMMAND = re.compile(
    r"\\(geqslant|leqslant|geq|leq|neq|times|div|cdot|pm|approx|circ)(?![a-zA-Z])\s*"
)
_BARE_ESCAPE = re.compile(r"\\([_%&#$])")
_BARE_BRACED = re.compile(r"([_^])\{([^{}]{1,20})\}")


def _bare_latex(line: str) -> str:
    """LaTeX left outside `$…$` by the extractor (`率\\geq 50%`, `PM_{2.5}`, `\\_\\_`)."""
    line = _BARE_COMMAND.sub(lambda m: _LATEX_SYMBOLS["\\" + m.group(1)], line)
    line = _BARE_ESCAPE.sub(r"\1", line)
    return _BARE_BRACED.sub(
        lambda m: _SUPERSCRIPTS.get(m.group(2), m.group(2)) if m.group(1) == "^" else m.group(2),
        line,
    )


def _drop_page_furniture(lines: list[SourceLine]) -> list[SourceLine]:
    """Remove bare page numbers and running headers repeated at page tops.

    A bare number inside a table (a 序号 cell alone on its line) carries a tab, so only
    tab-free lines count. A running header is a short line without tabs that repeats many
    times and names the gazette (…公报); its first occurrence (the cover) stays. Other
    repeated lines (signatures, table titles) carry meaning and stay.
    """
    counts = Counter(sl.text for sl in lines if "\t" not in sl.text and len(sl.text) <= 40)
    furniture = {t for t, n in counts.items() if n >= 3 and "公报" in t}
    seen: set[str] = set()
    out = []
    for sl in lines:
        if "\t" not in sl.text and _PAGE_NUMBER.match(sl.text):
            continue
        if sl.text in furniture:
            # The first occurrence is the cover's masthead, which gazette metadata reads.
            if sl.text in seen:
                continue
            seen.add(sl.text)
        out.append(sl)
    return out


_REDUPLICATED = frozenset("人常天年处事个家户层步时刻点条项件渐纷仅往稍恰默切谢级")


def join_broken(a: str, b: str) -> str:
    """Rejoin a sentence broken by a page or column break.

    PDF extraction sometimes prints the characters at the break twice: '…社会主义思想' +
    '思想，尤其是' means one '思想'. The longest doubled run of 4..1 CJK characters is
    dropped; single characters Chinese legitimately doubles (人人, 常常) are left alone.
    """
    a = a.rstrip()
    b = b.lstrip()
    if not a:
        return b
    if not b:
        return a
    for n in range(4, 0, -1):
        if len(a) >= n and len(b) >= n and a[-n:] == b[:n]:
            run = a[-n:]
            if not re.fullmatch(rf"[{_HAN}]+", run):
                continue
            if n == 1 and run in _REDUPLICATED:
                continue
            return a + b[n:]
    sep = " " if (a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha()) else ""
    return a + sep + b
