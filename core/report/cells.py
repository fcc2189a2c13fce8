"""Cell-level rules of the report: safe text, display widths, sheet names, row heights.

Kept apart from the sheet layout because these are the rules that protect the clerk:
a note typed as `=HYPERLINK(...)` must never become a live formula in a workbook that is
forwarded upward, and Chinese text must fit its column when printed.
"""

from __future__ import annotations

import math
import re
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Text starting with these is a formula (or a DDE/CSV-injection vector) to spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@")
MAX_CELL_CHARS = 32767  # Excel's limit on one cell's text
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_TITLE = 31


def clean_text(value: str) -> str:
    """Drop control characters openpyxl refuses and cut to Excel's cell limit."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - 1] + "…"
    return value


def needs_quote(value: str) -> bool:
    """True when Excel would read the text as a formula if the clerk edits the cell."""
    return value.startswith(FORMULA_PREFIXES)


def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str, cap: int | None = None) -> int:
    """Width of the longest line in Excel column units, CJK (wide/full-width) counting as two.

    With `cap`, stops counting once the width reaches it (long notes are wrapped anyway).
    """
    best = 0
    for line in text.split("\n"):
        if line.isascii():
            width = len(line)
        elif cap is not None and len(line) >= cap:
            width = cap
        else:
            width = sum(char_width(ch) for ch in line)
        best = max(best, width)
        if cap is not None and best >= cap:
            return cap
    return best


def wrapped_lines(text: str, column_width: float) -> int:
    """How many printed lines `text` needs in a wrapped column of `column_width` units."""
    usable = max(column_width - 1.0, 1.0)
    lines = 0
    for line in text.split("\n"):
        width = len(line) if line.isascii() else sum(char_width(ch) for ch in line)
        lines += max(1, math.ceil(width / usable))
    return lines


def safe_sheet_title(title: str, taken: set[str] | None = None) -> str:
    """A title Excel accepts: no []:*?/\\, not empty, ≤ 31 chars, unique (case-insensitive)."""
    cleaned = _BAD_SHEET_CHARS.sub("_", ILLEGAL_CHARACTERS_RE.sub("", title)).strip("' ")
    cleaned = cleaned[:MAX_SHEET_TITLE] or "Sheet"
    taken_lower = {t.lower() for t in taken or set()}
    candidate, n = cleaned, 2
    while candidate.lower() in taken_lower:
        suffix = f"({n})"
        candidate = cleaned[: MAX_SHEET_TITLE - len(suffix)] + suffix
        n += 1
    return candidate
