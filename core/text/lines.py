"""The normalized line: the unit every structure finder works on."""

from __future__ import annotations

from dataclasses import dataclass

# Separator between the <p>…</p> paragraphs of one table cell after normalization. A cell
# such as `<p>(1) a</p> <p>(2) b</p>` becomes "(1) a" + PARA_SEP + "(2) b", so that the
# table finder can pair the n-th sub-item with the n-th units paragraph.
PARA_SEP = "\u2029"


@dataclass(frozen=True)
class SourceLine:
    """One normalized line and where it came from.

    `no` is the 1-based line number in the decoded source text (what `Task.line` reports);
    `page` is set when the text was rebuilt from a PDF.
    """

    no: int
    text: str
    page: int | None = None
