"""PDF input: the text layer via pypdfium2, ruled tables via pdfplumber, as seed-style text.

Gazettes arrive as PDFs of 100–300 pages; pdfium reads a page's text in about 2 ms, so it
does the bulk of the work. Its lines are the printed lines, so paragraphs are rejoined: a
line that runs to the right margin continues on the next line unless that one is indented
(a new paragraph of Chinese official text starts two characters in) or opens with an item
number. Paragraphs broken by a page break are rejoined the same way; page numbers and
running heads are dropped. Pages that draw a ruled table are handed to pdfplumber
(`pdf_tables`), whose rows replace the table's raw text lines. `LoadedSource.pages`
records each line's page.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    ScannedPdfError,
)
from core.formats.pdf_columns import find_unruled_table
from core.formats.pdf_tables import (
    PageTable,
    extract_tables,
    has_rulings,
    ruling_edges,
    split_row_rest,
)
from core.formats.pdf_tabs import on_tab_grid, tab_step, with_tabs
from core.formats.rebuild import (
    PAGE_NUMBER_RE,
    cell_text,
    clean_inline,
    full_line_right,
    join_fragments,
    row_line,
    starts_with_label,
)
from core.text.source import LoadedSource

_DIGITS_RE = re.compile(r"\d+")
_RUNNING_MAX_CHARS = 40
# Below this many characters of text a page on average, the PDF is a scan (an image per
# page, perhaps stamped with digital page numbers): even a one-page notice holds more.
_MIN_CHARS_PER_PAGE = 10
_BREAK = "\x1f"  # a line break inside a typed row's cell, until the row is written
_TABLE_BREAK = 60  # characters: a line this long between typed rows is text, not a title
_NUDGE = 0.5  # points: a jump between two characters that is more than spacing
_MEASURED_PAGE_LINES = 8  # a page with this many body lines shows the text block's width
_TRUNCATED = "文件不完整（疑为下载或复制中断），请重新获取原文件"


@dataclass
class _Line:
    """One printed line of body text, in top-left-origin points like pdfplumber."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size of its first character: the unit for indents and margins
    # (index in `text` of a space pdfium generated for a jump, where the text resumes)
    gaps: list[tuple[int, float]] = field(default_factory=list)
    # (index in `text` of a character that follows a jump too small for a space, where it
    # starts): a tab whose cell ended just short of the stop (`项目产业类` printed with a
    # 1-point jump before 产业类); a tab only when it lands on the document's tab grid
    nudges: list[tuple[int, float]] = field(default_factory=list)
    # gap index -> where its jump started (the end of the text before it): a jump across
    # several tab stops is several tabs, the empty cells between
    jump_from: dict[int, float] = field(default_factory=dict)


@dataclass
class _Page:
    number: int  # 1-based
    lines: list[_Line]
    left: float = 0.0  # the text block's left and right margins on this page
    right: float = 0.0
    width: float = 0.0  # of the page itself


def load_pdf(path: str | Path) -> LoadedSource:
    """Read a PDF into seed-convention text; raise an InputError naming the file."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    p = Path(path)
    _check_file(p)
    try:
        pdf = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(p) from exc
        raise CorruptFileError(p) from exc
    try:
        pages: list[_Page] = []
        # page index -> (its characters, its ruling lines), for pages that draw a table
        ruled: dict[int, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
        for index in range(len(pdf)):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(page, textpage)
                    pages.append(_Page(index + 1, lines, width=page.get_width()))
                    edges = ruling_edges(page)
                    if has_rulings(edges):
                        ruled[index] = (_page_chars(page, textpage), edges)
                finally:
                    textpage.close()
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(p, f"第{index + 1}页无法读取，文件已损坏") from exc
    finally:
        pdf.close()
    if _text_chars(pages) < _MIN_CHARS_PER_PAGE * len(pages):
        raise ScannedPdfError(p)
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        tables = extract_tables(p, ruled)
    except (PSException, PdfminerException, MalformedPDFException) as exc:
        # pdfminer parses the file on its own and may choke on damage pdfium tolerated.
        raise CorruptFileError(p, f"表格无法读取，文件可能已损坏（{type(exc).__name__}）") from exc
    text, line_pages = _assemble(pages, tables)
    return LoadedSource(
        path=str(p), text=text, encoding="pdf", source_format="pdf", pages=line_pages
    )


def _text_chars(pages: list[_Page]) -> int:
    """Characters of real text: a scan often carries a text layer of page numbers only."""
    return sum(
        len(line.text)
        for page in pages
        for line in page.lines
        if not PAGE_NUMBER_RE.match(line.text)
    )


def _check_file(p: Path) -> None:
    """Missing, empty, not a PDF, or cut short: pdfium repairs truncated files silently
    (it rebuilds the cross-reference table), which would import half an issue."""
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise FileMissingError(p) from exc
    if size == 0:
        raise EmptyFileError(p)
    if b"%PDF-" not in head:
        raise CorruptFileError(p, "不是有效的 PDF 文件，文件已损坏或格式不符")
    if b"%%EOF" not in tail:
        raise CorruptFileError(p, _TRUNCATED)


def _page_lines(page: Any, textpage: Any) -> list[_Line]:
    """The page's printed lines in pdfium's reading order, with their horizontal extent.

    Boxes are pdfium's loose boxes (font ascent to descent): the tight glyph box of a
    quotation mark or a comma says nothing about where its line sits.
    """
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = _text_range(textpage, count)
    # pdfium inserts a generated "\r\n" between lines; each character of the returned text
    # is one of its characters, so an offset in `text` is a char index.
    if len(text) != count:  # no geometry to be had: still one printed line each
        return [_Line(s.strip(), 0, 0, 0, 0, 12) for s in text.splitlines() if s.strip()]
    height = page.get_height()
    lines: list[_Line] = []
    start = 0
    for raw in text.split("\r\n"):
        stripped = raw.strip()
        if stripped:
            first = start + (len(raw) - len(raw.lstrip()))
            last = start + len(raw.rstrip()) - 1
            left, bottom, _, top = textpage.get_charbox(first, loose=True)
            _, _, right, _ = textpage.get_charbox(last, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first) or (top - bottom)
            generated = [
                j
                for j, ch in enumerate(stripped)
                if ch == " " and pdfium_c.FPDFText_IsGenerated(textpage.raw, first + j) == 1
            ]
            gaps: list[tuple[int, float]] = []
            nudges: list[tuple[int, float]] = []
            jump_from: dict[int, float] = {}
            if generated:
                stripped, gaps, nudges, jump_from = _by_position(textpage, first, last, size)
            lines.append(
                _Line(
                    stripped,
                    left,
                    right,
                    height - top,
                    height - bottom,
                    size,
                    gaps,
                    nudges,
                    jump_from,
                )
            )
        start += len(raw) + 2
    return lines


def _by_position(
    textpage: Any, first: int, last: int, size: float
) -> tuple[str, list[tuple[int, float]], list[tuple[int, float]], dict[int, float]]:
    """A line that pdfium had to space out, rebuilt from its characters' positions.

    pdfium gives characters in the order they are drawn; LibreOffice draws the Chinese
    quotation marks of a line in a fallback font after the rest, so they come out at the
    line's end with spaces where they belong. Ordered by position they are back in place,
    and a jump wider than a third of the font size is a space (kept with where the text
    resumes, for tab stops). A smaller jump, clearly wider than the line's usual spacing
    between characters, is kept as a nudge: a tab stop the text before it nearly reached.
    """
    import pypdfium2.raw as pdfium_c

    chars = []
    for i in range(first, last + 1):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        ch = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        if ch in "\r\n":
            continue
        left, _, right, _ = textpage.get_charbox(i, loose=True)
        chars.append((left, right, "-" if ch == "\ufffe" else ch))
    chars.sort(key=lambda c: c[0])
    spacing = [b[0] - a[1] for a, b in itertools.pairwise(chars)]
    usual = statistics.median(spacing) if spacing else 0.0
    text: list[str] = []
    gaps: list[tuple[int, float]] = []
    nudges: list[tuple[int, float]] = []
    jump_from: dict[int, float] = {}
    prev_right: float | None = None
    for left, right, ch in chars:
        step = left - prev_right if prev_right is not None else 0.0
        if step > size / 3 and text[-1] != " " and ch != " " and prev_right is not None:
            gaps.append((len(text), left))
            jump_from[len(text)] = prev_right
            text.append(" ")
        elif (
            step > max(_NUDGE, usual + _NUDGE)
            and text[-1] != " "
            and ch != " "
            and not _autospace(text[-1], ch, step, size)
        ):
            nudges.append((len(text), left))
        text.append(ch)
        prev_right = right
    return "".join(text).strip(), gaps, nudges, jump_from


def _autospace(before: str, after: str, step: float, size: float) -> bool:
    """Whether a jump is the fixed room a layout program leaves between Chinese and Latin
    letters or digits (`1.8 万元`: a fifth of the font size in LibreOffice), which needs no
    tab stop to explain it."""
    if {_script(before), _script(after)} != {"latin", "han"}:
        return False
    return 0.12 * size <= step <= 0.26 * size


def _script(ch: str) -> str:
    if ch.isascii() and ch.isalnum():
        return "latin"
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        return "han"
    return ""


def _text_range(textpage: Any, count: int) -> str:
    """The page's characters; pdfium reports a hyphen that ends a printed line as U+FFFE
    (it takes it for a soft hyphen), but in 2022年11月-2023年11月 it is the text's own."""
    return cast(str, textpage.get_text_range(0, count)).replace("\ufffe", "-")


def _page_chars(page: Any, textpage: Any) -> list[dict[str, Any]]:
    """Every printed character of a table page, positioned like pdfplumber's `page.chars`.

    Table cells are filled from pdfium's characters rather than pdfminer's so that cell text
    and body text come from one text engine and decode fonts the same way.
    """
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text = _text_range(textpage, count) if count > 0 else ""
    if len(text) != count:
        return []
    height = page.get_height()
    chars = []
    for i, ch in enumerate(text):
        if ch in "\r\n" or pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i) or (top - bottom)
        chars.append(
            {
                "text": ch,
                "x0": left,
                "x1": right,
                "top": height - top,
                "bottom": height - bottom,
                "size": size,
            }
        )
    return chars


def _furniture_key(text: str) -> str:
    return _DIGITS_RE.sub("#", text.replace(" ", ""))


def _running_lines(pages: list[_Page]) -> set[str]:
    """Running heads and feet (`兴县人民政府公报  2023年第1期`): short lines that open or
    close a good share of the pages. The seed texts carry none, and left in place they
    would cut every paragraph that runs over a page break."""
    counts: Counter[str] = Counter()
    inside: set[str] = set()
    for page in pages:
        # A line of three pieces or more is a table row (a header typed with tabs repeated
        # at every page top), never a running head.
        ends = {
            _furniture_key(line.text)
            for line in page.lines[:2] + page.lines[-2:]
            if len(line.gaps) < 2
        }
        counts.update(key for key in ends if len(key) <= _RUNNING_MAX_CHARS)
        inside.update(_furniture_key(line.text) for line in page.lines[2:-2])
    threshold = max(3, len(pages) // 3)
    # A line also printed inside a page is the document's own: `责任单位：区两岸发展公司`
    # under one item after another may open or close a few pages by chance.
    return {key for key, n in counts.items() if n >= threshold and key not in inside}


def _strip_furniture(lines: list[_Line], running: set[str]) -> list[_Line]:
    """Drop page numbers and running heads/feet from both ends of a page."""

    def furniture(line: _Line) -> bool:
        return bool(PAGE_NUMBER_RE.match(line.text)) or _furniture_key(line.text) in running

    start, end = 0, len(lines)
    while start < end and furniture(lines[start]):
        start += 1
    while end > start and furniture(lines[end - 1]):
        end -= 1
    return lines[start:end]


def _assemble(pages: list[_Page], tables: dict[int, list[PageTable]]) -> tuple[str, list[int]]:
    """Paragraph lines and table rows in page order, and the page of every output line."""
    out: list[str] = []
    out_pages: list[int] = []
    para: str | None = None  # the paragraph being rejoined, not yet written
    para_page = 0
    prev: tuple[_Line, _Page] | None = None

    typed_header: str | None = None  # first row of the tab-typed table being written
    # The most cells a row of the typed table has had: a title, a `单位：万元` or a category
    # line between its rows does not end the table, a paragraph of text does.
    typed_width = 0

    def flush() -> None:
        nonlocal para, prev, typed_header, typed_width
        if para:
            if "\t" in para:  # a row of a table typed with tabs
                row = row_line([cell_text(c.split(_BREAK)) for c in para.split("\t")])
                if typed_header is None:
                    typed_header = row
                elif row != typed_header and out and not out[-1]:
                    out.pop()  # rows of one table follow each other unparted
                    out_pages.pop()
                out.extend([row, ""])
                typed_width = max(typed_width, row.count("\t"))
            else:
                typed_header = None
                if len(para) > _TABLE_BREAK:
                    typed_width = 0
                out.extend([clean_inline(para), ""])
            out_pages.extend([para_page, para_page])
        para, prev = None, None

    running = _running_lines(pages)
    body: list[tuple[_Page, list[PageTable], list[_Line]]] = []
    for page in pages:
        page_tables = sorted(tables.get(page.number - 1, []), key=lambda t: t.bbox[1])
        lines = [
            line
            for line in _strip_furniture(page.lines, running)
            if not any(t.contains(line.x0, line.top, line.bottom) for t in page_tables)
            and not any(t.contains(line.x1, line.top, line.bottom) for t in page_tables)
        ]
        body.append((page, page_tables, lines))
    _set_margins(body)
    step = _tab_grid(body)
    carry: list[float] | None = None  # column starts of a borderless table left open
    for k, (page, page_tables, lines) in enumerate(body):
        if not page_tables:
            carry, found, lines = _unruled(lines, carry, page.left, step)
            body[k] = (page, found, lines)
        else:
            carry = None
    _mark_tabs(body, step)
    leading, spaced = _paragraph_spacing(body) if step is not None else (0.0, False)

    # The last table row written, while nothing but the page break has come after it, and
    # the header of its table: a row cut by the break is completed from the next page.
    last_row: int | None = None
    header = ""

    def table(t: PageTable, page_number: int) -> None:
        nonlocal last_row, header
        flush()
        rows = list(t.rows)
        if last_row is not None and rows and out_pages[last_row] == page_number - 1:
            first = 1 if rows[0] == header and len(rows) > 1 else 0
            merged = split_row_rest(out[last_row], rows[first])
            if merged is not None:
                out[last_row] = merged
                del rows[first]
        if rows and not (last_row is not None and rows[0] == header):
            header = rows[0]
        _write_table(PageTable(t.bbox, rows), page_number, out, out_pages)
        if rows:
            last_row = len(out) - 2

    row_seq: int | None = None  # the 序号 of the last typed row started

    for page, page_tables, lines in body:
        for line in lines:
            while page_tables and page_tables[0].bbox[1] <= line.top:
                table(page_tables.pop(0), page.number)
            last_row = None
            seq = _row_number(line.text) if step is not None else None
            # The next 序号 opens the next row, even right after a full line or a page
            # break; so does an earlier one (a row the page break cut, rows printed twice):
            # the rest of a row wrapped at a tab starts on a tab stop, never with `12<tab>`.
            next_row = seq is not None and row_seq is not None and seq <= row_seq + 1
            if seq is not None and (row_seq is None or next_row or "\t" not in (para or "")):
                row_seq = seq
            if next_row:
                flush()
                para, para_page = line.text, page.number
            elif (
                prev is not None
                and _continues(prev, (line, page))
                and _tight(prev, (line, page), leading, spaced) is not False
            ):
                para = join_fragments(para or "", line.text)
            elif (
                para
                and prev is not None
                and _wrapped_at_tab(
                    para, line.text, typed_width, _tight(prev, (line, page), leading, spaced)
                )
            ):
                para += line.text  # its leading tab is the jump the wrap fell on
            elif (
                para
                and "\t" in para
                and prev is not None
                and not line.text.startswith("\t")
                and _tight(prev, (line, page), leading, spaced)
            ):
                # A line break inside a cell of the typed row (Shift+Enter between two
                # sub-items): the cell goes on with another paragraph.
                para += _BREAK + line.text
            else:
                flush()
                para, para_page = line.text, page.number
                if typed_header is None and para.strip("\t").count("\t") == 0:
                    para = para.lstrip("\t")  # on a tab stop by chance, outside a table
            prev = (line, page)
        for rest in page_tables:
            table(rest, page.number)
    flush()
    while out and not out[-1]:
        out.pop()
        out_pages.pop()
    return "\n".join(out) + "\n" if out else "", out_pages


def _tab_grid(body: list[tuple[_Page, list[PageTable], list[_Line]]]) -> float | None:
    """The step of the document's tab grid, when text was typed with tabs."""
    offsets = [
        resume - page.left for page, _, lines in body for ln in lines for _, resume in ln.gaps
    ]
    return tab_step(offsets)


def _mark_tabs(body: list[tuple[_Page, list[PageTable], list[_Line]]], step: float | None) -> None:
    """Turn the jumps to a tab stop back into tabs, when the document has a tab grid."""
    if step is None:
        return
    for page, _, lines in body:
        for line in lines:
            line.text = with_tabs(
                line.text, line.gaps, line.x0, page.left, step, line.nudges, line.jump_from
            )


def _unruled(
    lines: list[_Line], carry: list[float] | None, left: float, step: float | None
) -> tuple[list[float] | None, list[PageTable], list[_Line]]:
    """Borderless tables of one page (`pdf_columns`), and the column starts to carry to the
    next page when the last of them runs to the page's end.

    Columns that all start on the document's tab grid are cells typed with tabs, whose
    rows wrap like text: the tab stops read them (`_mark_tabs`), not column positions.
    """
    found: list[PageTable] = []
    open_starts: list[float] | None = None
    while True:
        table, rest, starts = find_unruled_table(lines, carry) if carry else (None, lines, None)
        if table is None:
            table, rest, starts = find_unruled_table(lines)
        carry = None
        if table is None or (step is not None and starts and on_tab_grid(starts, left, step)):
            break
        found.append(table)
        open_starts = starts if not any(ln.top > table.bbox[3] for ln in rest) else None
        lines = rest
    return open_starts, found, lines


def _wrapped_at_tab(row: str, line: str, width: int, tight: bool | None) -> bool:
    """Whether `line`, opening on a tab stop, is the rest of the typed row `row` that the
    printer wrapped where a tab jumped past the margin, rather than a row of its own (a
    sub-item's, with empty leading cells).

    Where the document spaces its paragraphs (`tight` is not None), the line pitch tells:
    the rest of a row follows at the tight pitch of one paragraph. Otherwise together they
    must not hold more cells than the table's widest row so far (`width` tabs)."""
    if "\t" not in row or not line.startswith("\t"):
        return False
    if tight is not None:
        return tight
    if not width:
        return False
    return row.count("\t") + line.count("\t") <= width


_ROW_START_RE = re.compile(r"^(\d{1,3})\t")


def _row_number(text: str) -> int | None:
    """The 序号 a typed table row opens with (`12<tab>…`), if any."""
    match = _ROW_START_RE.match(text)
    return int(match.group(1)) if match else None


def _paragraph_spacing(
    body: list[tuple[_Page, list[PageTable], list[_Line]]],
) -> tuple[float, bool]:
    """The line pitch inside a paragraph (in font sizes), and whether the document puts
    extra space between paragraphs, as a Word or LibreOffice document typed with tabs
    often does: measured before the lines that open a numbered row (`12<tab>…`)."""
    ratios: list[float] = []
    before_rows: list[float] = []
    for _, _, lines in body:
        for a, b in itertools.pairwise(lines):
            if a.size <= 0 or abs(a.size - b.size) > 0.5 or b.top <= a.top:
                continue
            ratio = (b.top - a.top) / a.size
            ratios.append(ratio)
            if _ROW_START_RE.match(b.text):
                before_rows.append(ratio)
    if len(ratios) < 5:
        return 0.0, False
    leading = sorted(ratios)[len(ratios) // 5]
    spaced = len(before_rows) >= 3 and statistics.median(before_rows) > 1.4 * leading
    return leading, spaced


def _tight(
    prev: tuple[_Line, _Page], cur: tuple[_Line, _Page], leading: float, spaced: bool
) -> bool | None:
    """With spaced paragraphs, whether `cur` follows `prev` at the pitch of one
    paragraph's lines; None when the document gives no such sign."""
    (pl, pp), (line, page) = prev, cur
    if not spaced or pl.size <= 0 or page is not pp:  # a page break: no pitch to compare
        return None
    return (line.top - pl.top) / pl.size <= 1.2 * leading


def _set_margins(body: list[tuple[_Page, list[PageTable], list[_Line]]]) -> None:
    """Each page's left margin and where its full lines end.

    A page's own lines tell where its text block sits (mirrored margins move it from page
    to page), but a page with little running text (a title over a table, a short notice)
    has no full line to measure: the widest line there would pass for full and glue the
    next heading to it. Its right margin is then its left margin plus the text width the
    document's well-filled pages show.
    """
    widths = []
    for page, _, lines in body:
        if lines:
            page.left = min(line.x0 for line in lines)
            em = statistics.median(line.size for line in lines)
            page.right = full_line_right([line.x1 for line in lines], em)
            if len(lines) >= _MEASURED_PAGE_LINES:
                widths.append(page.right - page.left)
    for page, _, lines in body:
        if lines:
            em = statistics.median(line.size for line in lines)
            # With no well-filled page at all (a short notice over a table, a title page)
            # the text block is taken to sit between equal margins, as it nearly always does.
            width = statistics.median(widths) if widths else page.width - 2 * page.left
            page.right = max(page.right, page.left + width - 0.5 * em)


def _write_table(table: PageTable, page: int, out: list[str], out_pages: list[int]) -> None:
    if table.rows:
        out.extend([*table.rows, ""])
        out_pages.extend([page] * (len(table.rows) + 1))


def _continues(prev: tuple[_Line, _Page], cur: tuple[_Line, _Page]) -> bool:
    """Whether `cur` is the wrapped continuation of the paragraph that `prev` ends.

    The previous line must reach its page's right margin (a paragraph's last line stops
    short), and the current one must start at the left margin (new paragraphs are indented)
    without an item number of its own; a wide vertical gap on the same page separates.
    """
    (pl, pp), (cl, cp) = prev, cur
    if pl.size <= 0 or pp.right <= pp.left:
        return False
    if pl.x1 < pp.right - 3.0 * pl.size:
        return False
    if cl.x0 > cp.left + 0.8 * cl.size:
        return False
    if starts_with_label(cl.text):
        return False
    return not (pp is cp and cl.top - pl.bottom > 2.0 * max(pl.size, cl.size))
