"""Tables printed without ruling lines: columns found from where text starts.

A borderless table (a Word table with its borders off, a layout program's columns) gives
pdfplumber no lines to find cells by. Its header still says where the columns start: a
header line is one printed line with jumps in it (pdfium reports each as a generated
space), and the text after each jump starts a column. Below it every line of the table
starts at one of those column starts and stops before the next column's, which body
text (running across the page, or indented by two characters) does not do. Rows start
where some column starts a new block of lines after a gap or a label; cells are rebuilt
with the ruled-table paragraph rules.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from core.formats.pdf_tables import PageTable, _CellLine, _paragraphs
from core.formats.rebuild import cell_text, full_line_right, row_line

_AT = 1.5  # points: how far from a column start a line may begin
_MIN_INNER_LINES = 3  # lines starting in a column other than the first, to call it a table


class PrintedLine(Protocol):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    gaps: list[tuple[int, float]]


# The caller's own line type: the lines left over are the caller's lines, unchanged.
L = TypeVar("L", bound=PrintedLine)


@dataclass
class _Placed:
    line: PrintedLine
    column: int


def column_starts(header: PrintedLine) -> list[float]:
    """Where the header's pieces start: its left end and the end of each jump."""
    return [header.x0, *sorted(resume for _, resume in header.gaps)]


def _column_of(line: PrintedLine, starts: Sequence[float]) -> int | None:
    """The column a line sits in, or None when it starts at no column or runs past the
    column's end into the next one."""
    for c, x in enumerate(starts):
        if abs(line.x0 - x) <= _AT:
            limit = starts[c + 1] if c + 1 < len(starts) else None
            if limit is not None and line.x1 > limit + _AT and not line.gaps:
                return None
            return c
    return None


def _split_line(line: PrintedLine, starts: Sequence[float]) -> list[tuple[int, str, float, float]]:
    """A line with jumps cut into its pieces, each with its column and horizontal extent."""
    cuts = sorted(line.gaps)
    pieces = []
    begin, x = 0, line.x0
    for index, resume in [*cuts, (len(line.text), line.x1)]:
        text = line.text[begin:index].strip()
        if text:
            c = min(range(len(starts)), key=lambda k: abs(starts[k] - x))
            end = resume if index == len(line.text) else resume - line.size
            pieces.append((c, text, x, end))
        begin, x = index + 1, resume
    return pieces


def find_unruled_table(
    lines: Sequence[L], starts: Sequence[float] | None = None
) -> tuple[PageTable | None, list[L], list[float] | None]:
    """The first borderless table on a page of lines (top to bottom), the lines left over,
    and its column starts (to carry to the next page, which may not repeat the header).

    `starts` from the previous page lets a table that runs on without its header be read.
    """
    begin = 0
    if starts is None:
        header = next(
            (i for i, ln in enumerate(lines) if len(ln.gaps) >= 2 and ln.gaps[0][1] > ln.x0),
            None,
        )
        if header is None:
            return None, list(lines), None
        # A header of narrow columns wraps, and pdfium may give its pieces as several
        # lines: all that print on the header's baseline are the header.
        head = lines[header]
        starts = sorted(
            {
                round(x, 1)
                for ln in lines
                if abs(ln.top - head.top) <= 0.5 * head.size
                for x in column_starts(ln)
            }
        )
        begin = min(i for i, ln in enumerate(lines) if abs(ln.top - head.top) <= 0.5 * head.size)
    region: list[PrintedLine] = []
    end = begin
    for line in lines[begin:]:
        if _column_of(line, starts) is None:
            break
        region.append(line)
        end += 1
    inner = sum(1 for ln in region if _column_of(ln, starts) not in (None, 0))
    if inner < _MIN_INNER_LINES:
        return None, list(lines), None
    table = _rebuild(region, starts)
    return table, [*lines[:begin], *lines[end:]], list(starts)


def _rebuild(region: list[PrintedLine], starts: Sequence[float]) -> PageTable:
    # Every printed piece in its column, as a cell line.
    cells: dict[int, list[_CellLine]] = {}
    for line in region:
        for c, text, x0, x1 in _split_line(line, starts):
            cells.setdefault(c, []).append(_CellLine(text, x0, x1, line.size, line.top))
    for col in cells.values():
        col.sort(key=lambda ln: ln.top)
    pitch = _pitch(cells)
    # A row starts wherever a column starts a block (its first line, a line after a gap
    # wider than the line pitch) and at every line of column 0 (序号 does not wrap).
    row_tops: list[float] = []
    for c, col in cells.items():
        prev = None
        for ln in col:
            gap = prev is not None and ln.top - prev.top > pitch * 1.35
            if prev is None or gap or c == 0:
                row_tops.append(ln.top)
            prev = ln
    tops = _merge_close(sorted(row_tops), pitch * 0.5)
    rows: list[str] = []
    width = len(starts)
    right_edges = {
        c: full_line_right([ln.x1 for ln in col], max(ln.size for ln in col))
        for c, col in cells.items()
    }
    for r, top in enumerate(tops):
        bottom = tops[r + 1] if r + 1 < len(tops) else float("inf")
        values = []
        for c in range(width):
            mine = [ln for ln in cells.get(c, []) if top - 2 <= ln.top < bottom - 2]
            right = starts[c + 1] if c + 1 < width else right_edges.get(c, 0.0)
            box = (starts[c], top, right, bottom)
            paras = _paragraphs(mine, right_edges.get(c, 0.0), box, pitch / _size(mine))
            values.append(cell_text(paras))
        row = row_line(values)
        if row:
            rows.append(row)
    x0 = min(ln.x0 for ln in region)
    x1 = max(ln.x1 for ln in region)
    bbox = (x0, min(ln.top for ln in region), x1, max(ln.bottom for ln in region))
    return PageTable(bbox=bbox, rows=rows)


def _size(lines: list[_CellLine]) -> float:
    return max((ln.size for ln in lines), default=1.0) or 1.0


def _pitch(cells: dict[int, list[_CellLine]]) -> float:
    """The tightest common distance between two lines of one cell."""
    steps = [
        b.top - a.top
        for col in cells.values()
        for a, b in itertools.pairwise(col)
        if b.top - a.top > 0.5 * a.size
    ]
    if not steps:
        return 12.0
    low = min(steps)
    return statistics.median([s for s in steps if s <= low * 1.2])


def _merge_close(values: list[float], within: float) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > within:
            out.append(v)
    return out
