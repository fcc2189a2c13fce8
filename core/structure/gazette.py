"""Issue metadata from a gazette's cover and masthead (title, county, year, 第N期, 总第N期).

The cover sits before the 目录 and the first document; only that region is read, so a
document that happens to mention another gazette's issue does not leak into the metadata.
A single notice has no masthead and yields a Gazette with every field None.
"""

from __future__ import annotations

import re

from core.model import Gazette
from core.structure.docnumber import STANDALONE_DOC_NUMBER, parse_date
from core.text.lines import SourceLine

# How far into the file a cover may reach (normalized non-blank lines).
COVER_MAX_LINES = 80

MASTHEAD = re.compile(
    r"^(?P<title>(?P<county>[\u4e00-\u9fff]{1,12}?(?:自治县|县|市|区|旗))(?:人民)?政府(?:办公室)?公报)"
    r"(?:[（(][\u4e00-\u9fff]{1,6}[)）])?(?:\d{4}年?第\d{1,3}期.*)?$"
)
_ISSUE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年?\s*第\s*(?P<n>\d{1,3})\s*期")
_TOTAL = re.compile(r"总\s*第\s*(?P<n>\d{1,4})\s*期")
_PUBLISHED = re.compile(r"出版|印发日期|出刊")
_TOC_HEADING = re.compile(r"^目\s*录$")


def cover_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Lines before the 目录 heading or the first document's 文号, whichever comes first."""
    out: list[SourceLine] = []
    for sl in lines[:COVER_MAX_LINES]:
        if _TOC_HEADING.match(sl.text) or STANDALONE_DOC_NUMBER.match(sl.text):
            break
        out.append(sl)
    return out


def read_gazette(lines: list[SourceLine]) -> Gazette:
    """Gazette metadata found on the cover; fields the cover does not print stay None."""
    g = Gazette()
    cover = cover_lines(lines)
    for sl in cover:
        text = sl.text.replace("\t", " ").strip()
        if g.title is None:
            m = MASTHEAD.match(text)
            if m:
                g.title = m.group("title")
                g.county = m.group("county")
        if g.issue is None:
            m = _ISSUE.search(text)
            if m:
                g.year = int(m.group("y"))
                g.issue = int(m.group("n"))
        if g.total_issue is None:
            m = _TOTAL.search(text)
            if m:
                g.total_issue = int(m.group("n"))
        if g.publication_date is None and _PUBLISHED.search(text):
            g.publication_date = parse_date(text)
    if g.title is None:
        # Without a masthead the "cover" is just the top of a notice: nothing it says about
        # issues or dates belongs to a gazette.
        return Gazette()
    if g.year is None and g.publication_date:
        g.year = int(g.publication_date[:4])
    return g
