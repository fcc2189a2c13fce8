"""Build real PDF and DOCX files from seed text, inside the test run (no binaries committed).

Seed text follows the conventions the loaders must reproduce (one paragraph or table row per
line, tab-separated cells, `<p>` paragraphs inside a cell), so a file built from a stretch
of seed lines must load back to text that extracts to the same tasks. The builders lay the
text out the way a gazette office would: Word tables with merged 序号/任务 cells and
automatic sub-item numbers; PDFs with ruled tables whose header repeats on every page,
indented wrapped paragraphs, and printed page numbers.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

CJK_FONT = "STSong-Light"  # reportlab's built-in CID font: no font file needed
_P_RE = re.compile(r"<p>(.*?)</p>")
_SUB_ITEM_RE = re.compile(r"^\((\d{1,2})\)\s*")


@dataclass
class Block:
    """A paragraph (one line) or a table (its header and data rows, header repeats dropped)."""

    text: str | None = None
    rows: list[list[str]] = field(default_factory=list)


def blocks(lines: list[str]) -> Iterator[Block]:
    """Group seed lines: runs of tab lines (blank lines between page chunks included) are
    one table; every other non-blank line is a paragraph."""
    table: Block | None = None
    for line in lines:
        if "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = Block(rows=[cells])
            elif cells != table.rows[0]:  # a header repeated at a page break
                table.rows.append(cells)
            continue
        if not line.strip():
            continue
        if table is not None:
            yield table
            table = None
        yield Block(text=line.strip())
    if table is not None:
        yield table


def one_cell_per_line(text: str) -> str:
    """A text's tab rows printed one cell per line, empty cells left out, as a web export
    or a PDF text layer prints a ruled table."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            out += [c.strip() for c in line.split("\t") if c.strip()]
        else:
            out.append(line)
    return "\n".join(out)


def word_table_rows(text: str, leading: int) -> list[str]:
    """A text's lines with each short tab row padded to its table's width, so a Word table
    built from them puts every cell in its own column: a real document's rendering prints
    a row-spanning cell only on the first row it spans; `leading` says how many of a short
    row's missing cells are leading ones (the rest trail)."""
    width = 0
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        n = line.count("\t") + 1
        width = max(width, n)
        left = min(width - n, leading)
        out.append("\t" * left + line + "\t" * (width - n - left))
    return out


def libreoffice_pdf(source: Path, outdir: Path) -> Path:
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = outdir / (source.stem + ".pdf")
    assert pdf.exists()
    return pdf


def cell_paragraphs(cell: str) -> list[str]:
    found = _P_RE.findall(cell)
    return [p.strip() for p in found] if found else ([cell.strip()] if cell.strip() else [])


# --------------------------------------------------------------------------- DOCX


def build_docx(lines: list[str], path: Path) -> Path:
    """A .docx with the lines as paragraphs and real Word tables.

    Continuation rows (leading cells empty in the seed) are merged vertically into the row
    above, as the Word original would be; sub-items `(1) (2) …` of a cell become Word
    automatic numbering (the text no longer holds the number) when they count up.
    """
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "900")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:suff", "space")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    text_el = OxmlElement("w:lvlText")
    text_el.set(qn("w:val"), "(%1)")
    lvl.append(text_el)
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    next_num = [900]

    def new_num(start: int) -> str:
        next_num[0] += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(next_num[0]))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "900")
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(start))
        override.append(start_el)
        num.append(override)
        numbering.append(num)
        return str(next_num[0])

    def number(paragraph: object, num_id: str) -> None:
        ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        numpr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", num_id)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            numpr.append(el)
        ppr.append(numpr)

    def fill(cell: object, text: str) -> None:
        paras = cell_paragraphs(text)
        numbers = [_SUB_ITEM_RE.match(p) for p in paras]
        auto = bool(paras) and all(numbers)
        if auto:
            values = [int(m.group(1)) for m in numbers if m]
            auto = values == list(range(values[0], values[0] + len(values)))
        num_id = new_num(int(numbers[0].group(1))) if auto and numbers[0] else ""
        for i, para in enumerate(paras):
            target = cell.paragraphs[0] if i == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
            if auto:
                target.add_run(_SUB_ITEM_RE.sub("", para, count=1))
                number(target, num_id)
            else:
                target.add_run(para)

    for block in blocks(lines):
        if block.text is not None:
            document.add_paragraph(block.text)
            continue
        width = max(len(r) for r in block.rows)
        table = document.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(block.rows):
            for c, value in enumerate(cells):
                if value:
                    fill(table.cell(r, c), value)
        for r, cells in enumerate(block.rows[1:], start=1):
            c = 0
            while c < width - 1 and not (cells[c] if c < len(cells) else "") and r > 1:
                table.cell(r - 1, c).merge(table.cell(r, c))
                c += 1
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- PDF


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def build_pdf(
    lines: list[str],
    path: Path,
    *,
    body_size: float = 12,
    running_head: str | None = None,
    ruled: bool = True,
) -> Path:
    """An A4 PDF: indented paragraphs that wrap; tables with the header repeated on each
    page, ruled or (ruled=False) laid out in columns with no line drawn at all; `— n —` page
    numbers at the foot of every page and, if given, a running head above a rule at the top."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_font()
    body = ParagraphStyle(
        "body",
        fontName=CJK_FONT,
        fontSize=body_size,
        leading=body_size * 1.6,
        firstLineIndent=body_size * 2,
        spaceAfter=body_size * 0.3,
        wordWrap="CJK",
        # Left-aligned: reportlab's justification of a one-character last line scales the
        # glyph to nothing and pdfium drops it, a fixture artifact rather than a gazette's.
        alignment=TA_LEFT,
    )
    cell_style = ParagraphStyle(
        "cell", fontName=CJK_FONT, fontSize=9, leading=12, wordWrap="CJK", spaceAfter=3
    )
    wide_cell_style = ParagraphStyle(
        "wide", parent=cell_style, fontSize=7, leading=9.5, spaceAfter=2
    )
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60
    )

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text), style)

    def fitted(text: str, style: ParagraphStyle, width: float) -> Paragraph:
        """pdfium reads no text from a one-CJK-character run in the non-embedded
        STSong-Light font, so a paragraph whose last printed line would hold a single
        character is set a little narrower until it wraps differently (same text)."""
        tries = [(1.0, extra) for extra in (0, 0.5, 1, 1.5, 2, 2.5, 3)]
        tries += [(scale, 0) for scale in (0.9, 0.8, 0.7)]  # narrow cells: a smaller font
        for scale, extra in tries:
            narrower = ParagraphStyle(f"{style.name}{scale}{extra}", parent=style)
            narrower.rightIndent = extra * style.fontSize
            narrower.fontSize = style.fontSize * scale
            narrower.leading = style.leading * scale
            candidate = para(text, narrower)
            candidate.wrap(width, 10_000)
            if not hasattr(candidate, "blPara"):  # nothing to lay out, or no room at all
                return candidate
            lines = candidate.blPara.lines
            last = lines[-1] if lines else None
            words = getattr(last, "words", None) or (last[1] if last else [])
            printed = "".join(getattr(w, "text", w) for w in words).strip()
            if len(printed) != 1 or printed.isascii():
                return candidate
        return para(text, style)

    story: list[object] = []
    for block in blocks(lines):
        if block.text is not None:
            story.append(fitted(block.text, body, doc.width - 12))  # frame padding 6+6
            continue
        width = max(len(r) for r in block.rows)
        wide = width > 6  # project tables: small print, tight cells
        pad = 2 if wide else 6
        style = wide_cell_style if wide else cell_style
        widths = _column_widths(block.rows, width, doc.width, style.fontSize, pad)
        data = []
        spans = []
        for r, cells in enumerate(block.rows):
            cells = cells + [""] * (width - len(cells))
            if cells[0] and not any(cells[1:]) and r > 0:
                # A section row (`一、农业产业发展项目`) is printed across the whole table.
                spans.append(("SPAN", (0, r), (-1, r)))
                data.append([[fitted(cells[0], style, doc.width - 2 * pad)]] + [""] * (width - 1))
                continue
            data.append(
                [
                    [fitted(p, style, w - 2 * pad) for p in cell_paragraphs(c)]
                    for c, w in zip(cells, widths, strict=True)
                ]
            )
        story.append(
            Table(
                data,
                colWidths=widths,
                repeatRows=1,
                style=TableStyle(
                    [
                        *([("GRID", (0, 0), (-1, -1), 0.6, "black")] if ruled else []),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), pad),
                        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                        *spans,
                    ]
                ),
            )
        )

    def page_number(canvas: object, doc_: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(CJK_FONT, 10)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc_.page} —")  # type: ignore[attr-defined]
        if running_head:
            canvas.drawString(60, A4[1] - 40, running_head)  # type: ignore[attr-defined]
            canvas.line(60, A4[1] - 46, A4[0] - 60, A4[1] - 46)  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return path


def _column_widths(
    rows: list[list[str]], width: int, total: float, size: float, pad: float
) -> list[float]:
    """Short columns (序号, 任务, 建设性质) get room for their longest value, up to ten
    characters on a line; the long ones (主要内容, 责任单位) share the rest by volume."""
    longest = [0] * width
    volume = [0] * width
    for cells in rows:
        for c, value in enumerate(cells[:width]):
            longest[c] = max(longest[c], len(value))
            volume[c] += len(value)
    fixed = [min(max(n, 2), 10) * size + 2 * pad + 2 if n <= 16 else 0 for n in longest]
    rest = total - sum(fixed)
    weights = [v**0.5 if not f else 0 for v, f in zip(volume, fixed, strict=True)]
    if rest < 0.25 * total or not sum(weights):  # too many columns: share by content alone
        floor = 2 * size + 2 * pad + 2
        weights = [v**0.5 + 1 for v in volume]
        spare = max(total - floor * width, 0)
        return [floor + spare * w / sum(weights) for w in weights]
    return [f or rest * w / sum(weights) for f, w in zip(fixed, weights, strict=True)]


def build_scanned_pdf(path: Path, pages: int = 1, page_numbers: bool = False) -> Path:
    """Pages holding only a picture of text, as a scanner produces: no text layer, or
    (page_numbers) only the page numbers a scanning workflow stamps on."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 180, 16):
        draw.rectangle((20, y, 380, y + 8), fill=0)
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.drawImage(ImageReader(image), 60, 500, width=400, height=200)
        if page_numbers:
            c.drawCentredString(A4[0] / 2, 30, f"- {n} -")
        c.showPage()
    c.save()
    return path


def build_encrypted_pdf(lines: list[str], path: Path, user_password: str = "secret") -> Path:
    """A PDF encrypted with reportlab's standard encryption; with a user password it cannot
    be opened without one, with only an owner password it opens but restricts editing."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_font()
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", strength=128)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc)
    c.setFont(CJK_FONT, 12)
    for i, line in enumerate(lines[:40]):
        c.drawString(60, 780 - 18 * i, line[:40])
    c.showPage()
    c.save()
    return path
