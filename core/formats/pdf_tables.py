"""Ruled tables of a PDF page, rebuilt as seed-style tab rows (pdfplumber).

pdfplumber's table finder turns ruling lines into cells reliably; the lines themselves
are read from pdfium's drawn paths (`ruling_edges`), which is cheap, and only pages that
draw a grid (`has_rulings`) are handed to it. Each cell's characters are regrouped into
lines and then into paragraphs: a line that stops short of the column's right edge ends
its paragraph, and an item number (`(2)`) always starts a new one, so a cell holding
sub-items becomes `<p>…</p> <p>…</p>` exactly like the seed texts.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

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
_P_RE = re.compile(r"<p>(.*?)</p>")
_NO_LINE_START = "，。、；：？！”’）》」』】,.;:?!)%"


@dataclass
class PageTable:
    """A table found on one page: where it is, and its rows as text lines."""

    bbox: Bbox
    rows: list[str] = field(default_factory=list)

    def contains(self, x: float, top: float, bottom: float) -> bool:
        x0, t, x1, b = self.bbox
        y = (top + bottom) / 2
        return x0 - 1 <= x <= x1 + 1 and t - 1 <= y <= b + 1


def ruling_edges(page: Any) -> list[dict[str, Any]]:
    """The straight horizontal and vertical strokes a pdfium page draws, as pdfplumber lines.

    Every path's segments are read (a grid may be stroked as one path, a line as a thin
    rectangle), mapped through the path's matrix and kept when axis-aligned.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    edges: list[dict[str, Any]] = []

    def add(p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y0 - y1) < 1 and abs(x0 - x1) > 2:
            y = height - (y0 + y1) / 2
            left, right = sorted((x0, x1))
            edges.append(_line(left, right, y, y))
        elif abs(x0 - x1) < 1 and abs(y0 - y1) > 2:
            x = (x0 + x1) / 2
            top, bottom = sorted((height - y0, height - y1))
            edges.append(_line(x, x, top, bottom))

    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=1):
        matrix = obj.get_matrix()
        start = prev = None
        for i in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
            pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            point = matrix.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                add(prev, point)
            prev = point
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None and prev is not None:
                add(prev, start)
                prev = start
    return edges


def _line(x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def has_rulings(edges: list[dict[str, Any]]) -> bool:
    """Enough horizontal and vertical strokes for a ruled table: a masthead rule or an
    underline alone does not qualify, a box does (the rest of a tall row that a page break
    cut off is one row, top and bottom borders only)."""
    horizontal = sum(1 for e in edges if e["height"] == 0)
    return horizontal >= 2 and len(edges) - horizontal >= 2


@dataclass
class _CellLine:
    text: str
    x0: float
    x1: float
    size: float
    top: float = 0.0
    lead: float = 0.0  # width of the line's first unbreakable piece (a number, a word)


def extract_tables(
    path: Path, pages: dict[int, tuple[list[dict[str, Any]], list[dict[str, Any]]]]
) -> dict[int, list[PageTable]]:
    """Tables of the given (0-based) pages, each as tab-separated rows in reading order.

    `pages` maps a page index to its characters and ruling lines, both read with pdfium.
    pdfplumber's table finder turns the rulings into cells ("explicit" strategy, so it
    never has to parse the page itself, which costs far more than the rest of the import).
    """
    import pdfplumber
    from pdfplumber.table import TableFinder

    found: dict[int, list[PageTable]] = {}
    if not pages:
        return found
    with pdfplumber.open(str(path)) as doc:
        for index, (chars, edges) in sorted(pages.items()):
            horizontal = [e for e in edges if e["height"] == 0]
            vertical = [e for e in edges if e["height"] != 0]
            settings = {
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical,
                "explicit_horizontal_lines": horizontal,
            }
            tables = TableFinder(doc.pages[index], settings).tables
            if tables:
                found[index] = [_rebuild(t, chars) for t in tables]
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
        if not (x0 <= cx <= x1 + ch["size"] and top <= cy <= bottom):
            continue
        home = next(
            (
                (r, c)
                for r, c, (bx0, bt, bx1, bb) in cells
                # A character that starts left of the cell its centre is in straddles the
                # border: punctuation allowed to hang past the end of a line (`、` `，` `。`)
                # in the cell to the left, where it belongs.
                if bx0 <= cx <= bx1 and bt <= cy <= bb and ch["x0"] >= bx0 - 0.5
            ),
            None,
        )
        if home is None:
            home = next(
                (
                    (r, c)
                    for r, c, (_, bt, bx1, bb) in cells
                    if bt <= cy <= bb and ch["x0"] < bx1 + 1 and cx - bx1 <= ch["size"]
                ),
                None,
            )
        if home is not None:
            content.setdefault(home, []).append(ch)

    lines = {key: _cell_lines(chs) for key, chs in content.items()}
    column_rights: dict[int, list[float]] = {}
    column_size: dict[int, float] = {}
    for (_, c), cell_lines in lines.items():
        for line in cell_lines:
            column_rights.setdefault(c, []).append(line.x1)
            column_size[c] = max(column_size.get(c, 0.0), line.size)
    right_edge = {c: full_line_right(r, column_size[c]) for c, r in column_rights.items()}
    # The table's line pitch (leading) relative to the font size: space beyond it between
    # two lines of a cell is the gap a paragraph leaves.
    pitches = [(b.top - a.top) / a.size for ls in lines.values() for a, b in itertools.pairwise(ls)]
    pitch = min(pitches) if pitches else 0.0  # in units of the font size: cells may differ

    rows: list[str] = []
    for r, row in enumerate(grid):
        values = []
        for c, bbox in enumerate(row):
            if bbox is None:
                values.append("")
                continue
            paras = _paragraphs(lines.get((r, c), []), right_edge.get(c, 0.0), bbox, pitch)
            values.append(cell_text(paras))
        row_text = row_line(values)
        if row_text:
            rows.append(row_text)
    return PageTable(bbox=tuple(table.bbox), rows=rows)


def _cell_lines(chars: list[dict[str, Any]]) -> list[_CellLine]:
    """Characters of one cell grouped into printed lines, top to bottom, left to right.

    A line is the characters standing on one baseline: their bottoms agree. Their tops need
    not: pdfium boxes some fonts' punctuation by its ink (`、` is a third as tall as `建`
    beside it), and grouped by their tops such a mark became a line of its own, read
    after the line it belongs in (`1、建立生态` came out as `1建立生、`)."""
    chars = sorted(
        (ch for ch in chars if ch["text"].strip() or ch["x1"] > ch["x0"]),
        key=lambda ch: (ch["bottom"], ch["x0"]),
    )
    groups: list[list[dict[str, Any]]] = []
    for ch in chars:
        size = ch.get("size") or (ch["bottom"] - ch["top"])
        if groups and abs(ch["bottom"] - groups[-1][0]["bottom"]) < size * 0.5:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    out = []
    for g in groups:
        g.sort(key=lambda ch: ch["x0"])
        size = max(ch.get("size") or (ch["bottom"] - ch["top"]) for ch in g)
        text = _spaced(g, size)
        top = min(ch["top"] for ch in g)
        out.append(_CellLine(text, g[0]["x0"], g[-1]["x1"], size, top, _lead_width(g)))
    return out


# A gap this wide (in ems) between two characters of a line is a space the writer typed:
# pdfium leaves such spaces out of the characters (it only infers them), and without them
# `区农发局 三十六脚湖水库管理处` in a units cell would read as one name.
_SPACE_GAP = 0.25


def _spaced(line: list[dict[str, Any]], size: float) -> str:
    """The characters of one printed line (left to right) as text, with its spaces."""
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for ch in line:
        if (
            prev is not None
            and ch["x0"] - prev["x1"] > _SPACE_GAP * size
            and ch["text"].strip()
            and prev["text"].strip()
        ):
            out.append(" ")
        out.append(ch["text"])
        prev = ch
    return "".join(out)


def _lead_width(chars: list[dict[str, Any]]) -> float:
    """How wide the first piece of a line is that a line break could not have split:
    a run of Latin letters and digits (`2023.4-2023.12` wraps only where it must), or one
    CJK character with the punctuation that may not begin a line after it."""
    first = chars[0]
    if first["text"].isascii() and first["text"].strip():
        end = first["x1"]
        for ch in chars[1:]:
            if not (ch["text"].isascii() and ch["text"].strip()):
                break
            end = ch["x1"]
        return cast(float, end - first["x0"])
    end = first["x1"]
    for ch in chars[1:]:
        if ch["text"] not in _NO_LINE_START:
            break
        end = ch["x1"]
    return cast(float, end - first["x0"])


def _paragraphs(
    lines: list[_CellLine], right_edge: float, cell: Bbox, line_pitch: float
) -> list[str]:
    """Rejoin a cell's wrapped lines; short lines end a paragraph, item numbers start one.

    A line is full when it ends near where the column's full lines end and also near the
    cell's border: the second test matters for a column where nothing wraps (a page of
    short unit names), whose widest line would otherwise pass for a full one. A line also
    counts as full when the next line's first piece would not have fitted after it: a
    narrow 建设工期 cell breaks `2023.4-2023.12` far from its border. Extra space above a
    line (more than the table's tightest line pitch) starts a paragraph.
    """
    paras: list[str] = []
    prev: _CellLine | None = None
    cell_left, cell_right = cell[0], cell[2]
    # Text sits as far from the right border as from the left one.
    text_right = cell_right - min(
        max(min(line.x0 for line in lines) - cell_left, 0.0) if lines else 0.0, _CELL_PADDING
    )
    for line in lines:
        full = prev is not None and (
            (
                prev.x1 >= right_edge - 2.0 * prev.size
                and prev.x1 >= cell_right - 2.0 * prev.size - _CELL_PADDING
            )
            or prev.x1 + line.lead > text_right + 0.5
        )
        # `2023.` + `4-2023.12`: a number cut in two, whose second half may look like an
        # item number (`23.`) but is none.
        broken_number = (
            prev is not None
            and prev.text[-1:].isascii()
            and prev.text[-1:].strip() != ""
            and line.text[:1].isalnum()
            and line.text[:1].isascii()
            and prev.x1 + line.lead > text_right + 0.5
        )
        continues = (
            prev is not None
            and full
            and line.top - prev.top <= (line_pitch + 0.25) * prev.size
            and (broken_number or not starts_with_label(line.text))
        )
        if continues:
            paras[-1] = join_fragments(paras[-1], line.text)
        else:
            paras.append(line.text.strip())
        prev = line
    return paras


_TERMINAL = "。！？；;!?"


def _cell_paras(cell: str) -> list[str]:
    found = _P_RE.findall(cell)
    return found if found else ([cell] if cell else [])


def split_row_rest(last: str, first: str) -> str | None:
    """`last` (a page's last table row) with `first` (the next page's first row) appended
    when `first` is the rest of a row the page break cut in two; else None.

    Word and LibreOffice let a tall row break across pages: the next page then opens with
    the row's remainder, its 序号 cell empty like a sub-item's continuation row. What tells
    them apart is the text: a sub-item row opens with its own number (`(2)`) and fills its
    own unit column. The remainder of a cut row opens with no item number and either
    carries on the sentence the page cut (its cell above does not end a sentence), then
    rejoining that paragraph, or leaves empty a column that is filled above (the break
    fell between two paragraphs of one cell), then adding a paragraph to it.
    """
    above, below = last.split("\t"), first.split("\t")
    if len(above) != len(below) or below[0].strip():
        return None
    filled = [c for c, text in enumerate(below) if text.strip()]
    if not filled:
        return None
    lead = filled[0]
    head = _cell_paras(below[lead])[0]
    tail = _cell_paras(above[lead])
    if not tail or starts_with_label(head):
        return None
    cut_sentence = not tail[-1].rstrip().endswith(tuple(_TERMINAL))
    short = any(
        top.strip() and not bottom.strip() for top, bottom in zip(above, below, strict=True)
    )
    if not (cut_sentence or short):
        return None
    merged = []
    for top, bottom in zip(above, below, strict=True):
        paras, rest = _cell_paras(top), _cell_paras(bottom)
        if paras and rest and not starts_with_label(rest[0]) and _unfinished(paras[-1]):
            paras[-1] = join_fragments(paras[-1], rest.pop(0))
        merged.append(cell_text(paras + rest))
    return row_line(merged)


def _unfinished(paragraph: str) -> bool:
    return not paragraph.rstrip().endswith(tuple(_TERMINAL))
