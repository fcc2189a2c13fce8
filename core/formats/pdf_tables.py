"""Ruled tables of a PDF page, rebuilt as seed-style tab rows (pdfplumber).

pdfplumber finds tables from their ruling lines reliably but costs tens of milliseconds a
page, so it is only run on the pages `has_rulings` picks from pdfium's cheap list of
drawn paths. Each cell's characters are regrouped into lines and then into paragraphs: a
line that stops short of the column's right edge ends its paragraph, and an item number
(`(2)`) always starts a new one, so a cell holding sub-items becomes `<p>…</p> <p>…</p>`
exactly like the seed texts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.formats.rebuild import (
    cell_text,
    full_line_right,
    join_fragments,
    row_line,
    starts_with_label,
)

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom (top-left origin, points)
# Room a cell leaves between its text and its right border: about 5.4 pt in Word, 6 pt in
# reportlab; what is left on a full line beyond it is less than two characters.
_CELL_PADDING = 7.0


@dataclass
class PageTable:
    """A table found on one page: where it is, and its rows as text lines."""

    bbox: Bbox
    rows: list[str] = field(default_factory=list)

    def contains(self, x: float, top: float, bottom: float) -> bool:
        x0, t, x1, b = self.bbox
        y = (top + bottom) / 2
        return x0 - 1 <= x <= x1 + 1 and t - 1 <= y <= b + 1


def has_rulings(page: Any) -> bool:
    """Whether a pdfium page draws enough lines or boxes to hold a ruled table.

    Counts thin horizontal and vertical path objects (grid lines) and boxed paths (cells
    drawn as rectangles); a masthead rule or an underline alone does not qualify.
    """
    import pypdfium2.raw as pdfium_c

    horizontal = vertical = boxes = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h < 3 and w > 10:
            horizontal += 1
        elif w < 3 and h > 10:
            vertical += 1
        elif w > 10 and h > 10:
            segments = pdfium_c.FPDFPath_CountSegments(obj.raw)
            boxes += 1 if segments <= 5 else segments // 4
        if (horizontal >= 3 and vertical >= 2) or boxes >= 2:
            return True
    return False


@dataclass
class _CellLine:
    text: str
    x0: float
    x1: float
    size: float
    top: float = 0.0


def extract_tables(
    path: Path, page_chars: dict[int, list[dict[str, Any]]]
) -> dict[int, list[PageTable]]:
    """Tables of the given (0-based) pages, each as tab-separated rows in reading order.

    pdfplumber supplies the table geometry (ruling lines -> cell boxes); the characters
    that fill the cells are the caller's (pdfium's), in pdfplumber's coordinates.
    """
    import pdfplumber

    found: dict[int, list[PageTable]] = {}
    if not page_chars:
        return found
    with pdfplumber.open(str(path)) as doc:
        for index, chars in sorted(page_chars.items()):
            page = doc.pages[index]
            tables = page.find_tables()
            if tables:
                found[index] = [_rebuild(t, chars) for t in tables]
            page.close()
    return found


def _rebuild(table: Any, chars: list[dict[str, Any]]) -> PageTable:
    # Cells by (row, column); pdfplumber aligns every row's cells to the table's columns and
    # leaves None where a merged cell from an earlier row (or column) covers the position.
    grid: list[list[Bbox | None]] = [list(row.cells) for row in table.rows]
    cells = [(r, c, bbox) for r, row in enumerate(grid) for c, bbox in enumerate(row) if bbox]
    content: dict[tuple[int, int], list[dict[str, Any]]] = {}
    x0, top, x1, bottom = table.bbox
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        for r, c, (bx0, bt, bx1, bb) in cells:
            if bx0 <= cx <= bx1 and bt <= cy <= bb:
                content.setdefault((r, c), []).append(ch)
                break

    lines = {key: _cell_lines(chs) for key, chs in content.items()}
    column_rights: dict[int, list[float]] = {}
    column_size: dict[int, float] = {}
    for (_, c), cell_lines in lines.items():
        for line in cell_lines:
            column_rights.setdefault(c, []).append(line.x1)
            column_size[c] = max(column_size.get(c, 0.0), line.size)
    right_edge = {c: full_line_right(r, column_size[c]) for c, r in column_rights.items()}
    # The table's line pitch (leading): space beyond it between two lines of a cell is the
    # gap a paragraph leaves.
    pitches = [b.top - a.top for ls in lines.values() for a, b in itertools.pairwise(ls)]
    pitch = min(pitches) if pitches else 0.0

    rows: list[str] = []
    for r, row in enumerate(grid):
        values = []
        for c, bbox in enumerate(row):
            if bbox is None:
                values.append("")
                continue
            paras = _paragraphs(lines.get((r, c), []), right_edge.get(c, 0.0), bbox[2], pitch)
            values.append(cell_text(paras))
        line = row_line(values)
        if line:
            rows.append(line)
    return PageTable(bbox=tuple(table.bbox), rows=rows)


def _cell_lines(chars: list[dict[str, Any]]) -> list[_CellLine]:
    """Characters of one cell grouped into printed lines, top to bottom, left to right."""
    chars = sorted(
        (ch for ch in chars if ch["text"].strip() or ch["x1"] > ch["x0"]),
        key=lambda ch: (ch["top"], ch["x0"]),
    )
    groups: list[list[dict[str, Any]]] = []
    for ch in chars:
        size = ch.get("size") or (ch["bottom"] - ch["top"])
        if groups and abs(ch["top"] - groups[-1][0]["top"]) < size * 0.5:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    out = []
    for g in groups:
        g.sort(key=lambda ch: ch["x0"])
        size = max(ch.get("size") or (ch["bottom"] - ch["top"]) for ch in g)
        text = "".join(ch["text"] for ch in g)
        out.append(_CellLine(text, g[0]["x0"], g[-1]["x1"], size, min(ch["top"] for ch in g)))
    return out


def _paragraphs(
    lines: list[_CellLine], right_edge: float, cell_right: float, line_pitch: float
) -> list[str]:
    """Rejoin a cell's wrapped lines; short lines end a paragraph, item numbers start one.

    A line is full when it ends near where the column's full lines end and also near the
    cell's border: the second test matters for a column where nothing wraps (a page of
    short unit names), whose widest line would otherwise pass for a full one. Extra space
    above a line (more than the table's tightest line pitch) also starts a paragraph.
    """
    paras: list[str] = []
    prev: _CellLine | None = None
    for line in lines:
        continues = (
            prev is not None
            and line.top - prev.top <= line_pitch + 0.25 * prev.size
            and prev.x1 >= right_edge - 2.0 * prev.size
            and prev.x1 >= cell_right - 2.0 * prev.size - _CELL_PADDING
            and not starts_with_label(line.text)
        )
        if continues:
            paras[-1] = join_fragments(paras[-1], line.text)
        else:
            paras.append(line.text.strip())
        prev = line
    return paras
