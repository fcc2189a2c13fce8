"""Word (.docx) input: paragraphs and real tables in document order, as seed-style text.

python-docx gives the XML; the walk is done here on the elements themselves because the
things that matter for task extraction are exactly what python-docx's convenience API
hides: vertically merged cells (a 序号/任务 cell spanning the rows of its sub-items) and
numbers that Word prints but that are not in the text (自动编号).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    UnsupportedFormatError,
)
from core.formats.legacy import legacy_message
from core.formats.numbering import NumberingCounter
from core.formats.rebuild import cell_text, clean_inline, row_line, starts_with_label
from core.text.source import LoadedSource

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE compound file holding an "EncryptionInfo" stream.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
_SDT_CONTENT = qn("w:sdtContent")
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
_HYPHEN_TAGS = {qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def load_docx(path: str | Path) -> LoadedSource:
    """Read a .docx file into seed-convention text; raise an InputError naming the file."""
    import docx  # python-docx; imported here so text-only use never pays for it

    p = Path(path)
    head = _check_file(p)
    if head[:8] == _OLE_MAGIC:
        data = p.read_bytes()
        if _ENCRYPTION_INFO in data:
            raise EncryptedFileError(p)
        # An old binary Word file that was merely renamed to .docx.
        raise UnsupportedFormatError(p, legacy_message(p.with_suffix(".doc")))
    if head[:2] != b"PK":
        raise CorruptFileError(p, "不是有效的 Word（.docx）文档，文件已损坏或格式不符")
    try:
        document = docx.Document(str(p))
    except (zipfile.BadZipFile, zlib.error, KeyError, EOFError) as exc:
        raise CorruptFileError(p) from exc
    except Exception as exc:  # PackageNotFoundError, lxml XMLSyntaxError, wrong content type
        raise CorruptFileError(p, f"文件已损坏或不是 Word 文档（{type(exc).__name__}）") from exc

    numbering = NumberingCounter.from_document(document)
    lines: list[str] = []
    in_rows = False  # the previous paragraph was a row typed with tab stops
    header = ""  # the first of those rows
    for block in _blocks(document.element.body):
        if block.tag == _P:
            text = _paragraph_text(block, numbering, tab_row=1 if in_rows else 2)
            is_row = "\t" in text
            if not in_rows:
                header = text
            elif is_row and text != header:
                # Rows of one typed table follow each other unparted; its header typed
                # again (after a page break) opens a new chunk, as in the seed texts.
                lines.pop()
            in_rows = is_row
            if text:
                lines.extend([text, ""])
        else:
            in_rows = False
            rows = [line for line in _table_rows(block, numbering) if line]
            if rows:
                lines.extend([*rows, ""])
    text = "\n".join(lines).rstrip("\n") + "\n" if lines else ""
    return LoadedSource(path=str(p), text=text, encoding="docx", source_format="docx")


def _check_file(p: Path) -> bytes:
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise FileMissingError(p) from exc
    if not head:
        raise EmptyFileError(p)
    return head


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell in order, looking through content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def _raw_text(el: Any) -> str:
    """The printed characters of a paragraph: runs, hyperlinks, insertions; no field codes.

    `mc:Fallback` duplicates what its `mc:Choice` already holds, so it is skipped.
    """
    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue
            if tag in _TEXT_TAGS:
                fixed = _TEXT_TAGS[tag]
                out.append((child.text or "") if fixed is None else fixed)
            elif tag in _HYPHEN_TAGS:
                out.append(_HYPHEN_TAGS[tag])
            else:
                walk(child)

    walk(el)
    return "".join(out)


def _paragraph_text(
    p: Any, numbering: NumberingCounter, *, tab_row: int = 0, breaks: bool = False
) -> str:
    """The paragraph as one line, Word's automatic number in front.

    A body paragraph (`tab_row` > 0) whose tabs separate at least `tab_row` pieces of
    printed text is a table row typed with tab stops instead of a Word table, as clerks
    and converters often produce: its tabs are kept as the seed texts' cell separators,
    leading ones included (the empty 序号/任务 cells of a continuation row). Two pieces make
    the first row; after a row, one piece after a tab will do (a continuation row whose
    other cells are empty). A tab that only indents, or that stands in a cell, is a space.
    With `breaks` manual line breaks are kept as "\n" for the caller to part paragraphs.
    """
    label = numbering.label(p)
    raw = _raw_text(p)
    cells = raw.split("\t")
    filled = [c for c in cells if c.strip()]
    continuation = tab_row == 1 and bool(filled) and not cells[0].strip()
    if tab_row and len(cells) >= 2 and (len(filled) >= 2 or continuation):
        # A line break inside a typed cell parts its paragraphs (sub-items, their units).
        text = row_line([cell_text(c.split("\n")) for c in cells])
        first = text.lstrip("\t")
        if label and not starts_with_label(first):
            text = text[: len(text) - len(first)] + label + first
        return text
    if breaks:
        text = "\n".join(filter(None, (clean_inline(part) for part in raw.split("\n"))))
    else:
        text = clean_inline(raw)
    if not text:
        return ""
    if label and not starts_with_label(text):
        text = label + text
    return text


def _cell_paragraphs(tc: Any, numbering: NumberingCounter) -> list[str]:
    """A cell's paragraphs; a manual line break (Shift+Enter) parts paragraphs too, since
    in a narrow cell it is how sub-items and their units are put on lines of their own."""
    paras: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            text = _paragraph_text(block, numbering, breaks=True)
            paras.extend(part for part in text.split("\n") if part.strip())
        else:  # a table nested in a cell: each of its rows becomes one paragraph
            for tr in _rows(block):
                cells = [" ".join(_cell_paragraphs(tc2, numbering)) for tc2 in _cells(tr)]
                row = " ".join(c for c in cells if c)
                if row:
                    paras.append(row)
    return paras


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from (c for c in content if c.tag == _TR)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from (c for c in content if c.tag == _TC)


def _int_prop(parent: Any, props_tag: str, tag: str, default: int) -> int:
    props = parent.find(qn(props_tag))
    el = props.find(qn(tag)) if props is not None else None
    val = el.get(qn("w:val")) if el is not None else None
    return int(val) if val is not None and val.isdigit() else default


def _v_merge(tc: Any) -> str | None:
    """ "restart", "continue" or None; a bare `<w:vMerge/>` means continue."""
    tc_pr = tc.find(qn("w:tcPr"))
    el = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    if el is None:
        return None
    return el.get(qn("w:val")) or "continue"


def _table_rows(tbl: Any, numbering: NumberingCounter) -> Iterator[str]:
    """One tab-separated line per row, vertical merges resolved.

    A merged cell applies to every row it spans. When the merged cells lead the row (序号,
    任务 spanning the rows of their sub-items) the continuation rows print them empty, as
    the seed texts do and as the table finder reads them: the row belongs to the item
    above. A merged cell further right (one 责任单位 or 完成时限 for several sub-items)
    is repeated on every row, since each sub-item is its own task and needs it.
    """
    above: dict[int, str] = {}  # grid column -> text of the cell that started there
    for tr in _rows(tbl):
        col = _int_prop(tr, "w:trPr", "w:gridBefore", 0)
        values: list[str] = [""] * col
        leading = True
        for tc in _cells(tr):
            span = max(1, _int_prop(tc, "w:tcPr", "w:gridSpan", 1))
            merge = _v_merge(tc)
            if merge == "continue":
                value = "" if leading else above.get(col, "")
            else:
                value = cell_text(_cell_paragraphs(tc, numbering))
                above[col] = value
                leading = False
            values.append(value)
            values.extend([""] * (span - 1))
            col += span
        yield row_line(values)
