"""Tab stops in a PDF's text: a table typed with tabs instead of drawn as a table.

A plain text or a Word paragraph whose cells are separated by tab characters prints each
cell at the next tab stop; the PDF keeps no tab, only the jump, and pdfium reads it as a
generated space. Tab stops fall on a regular grid from the text block's left margin
(1.25 cm in LibreOffice and WPS, 0.5 in or two characters in Word), so a generated space
after which the text resumes exactly on that grid was a tab. The grid is measured from the
document itself: the step that places most such resumptions on a multiple of itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

_ON_GRID = 0.8  # points: how far from a tab stop a character may start
_ON_GRID_NUDGE = 0.3
_MIN_STEP, _MAX_STEP = 14.0, 80.0
_MIN_SAMPLES = 6
_MIN_SHARE = 0.3  # of all jumps: the rest are quotation marks, wide spaces


def _on_grid(offset: float, step: float, within: float = _ON_GRID) -> bool:
    k = round(offset / step)
    return k >= 1 and abs(offset - k * step) <= within


def _stops_passed(
    jump_from: Mapping[int, float] | None, index: int, offset: float, left: float, step: float
) -> int:
    """How many tab stops a jump ending on the stop at `offset` passed: at least one."""
    if not jump_from or index not in jump_from:
        return 1
    start = jump_from[index] - left
    return max(1, round(offset / step) - math.floor(start / step + 1e-6))


def on_tab_grid(starts: Sequence[float], left: float, step: float) -> bool:
    """Whether every column start right of the margin sits on a tab stop."""
    inner = [x - left for x in starts if x - left > 1.0]
    return bool(inner) and all(_on_grid(d, step) for d in inner)


def tab_step(offsets: Sequence[float]) -> float | None:
    """The tab grid's step, given where text resumed after every generated space (offsets
    from the left margin), or None when those resumptions follow no grid.

    Other jumps (a wide space between words, a quotation mark drawn out of order) land
    anywhere; jumps to tab stops pile up on a few multiples of one step. The step that
    takes the most of them wins (the smaller on a tie: 70.9 is also a multiple of 35.45),
    if it takes enough of them on at least two different stops.
    """
    samples = [d for d in offsets if d > 1.0]
    best, best_hits = None, 0
    for candidate in sorted({round(d, 1) for d in samples if _MIN_STEP <= d <= _MAX_STEP}):
        hits = [d for d in samples if _on_grid(d, candidate)]
        stops = {round(d / candidate) for d in hits}
        if len(hits) > best_hits and len(stops) >= 2:
            best, best_hits = candidate, len(hits)
    if best is None or best_hits < max(_MIN_SAMPLES, _MIN_SHARE * len(samples)):
        return None
    return best


def with_tabs(
    text: str,
    gaps: Sequence[tuple[int, float]],
    x0: float,
    left: float,
    step: float,
    nudges: Sequence[tuple[int, float]] = (),
    jump_from: Mapping[int, float] | None = None,
) -> str:
    """The line with its tab jumps as "\\t": `gaps` holds (index of a generated space in
    `text`, where the text resumes), `nudges` (index of a character after a jump too small
    for a space, where it starts): a cell that ended just short of a tab stop. A line that
    holds a tab is a table row, and a line that starts on a tab stop right of the margin has
    that many empty cells in front, as a jump (`jump_from` says where it started) that
    passes several stops has a tab for each: consecutive tabs move one stop each."""
    chars = list(text)
    found = False
    for index, resume in gaps:
        if 0 <= index < len(chars) and chars[index] == " " and _on_grid(resume - left, step):
            chars[index] = "\t" * _stops_passed(jump_from, index, resume - left, left, step)
            found = True
    # A nudge must sit right on a stop: it has no wide jump to vouch for it.
    for index, start in sorted(nudges, reverse=True):
        if 0 < index < len(chars) and _on_grid(start - left, step, _ON_GRID_NUDGE):
            chars.insert(index, "\t")
            found = True
    out = "".join(chars)
    indent = x0 - left
    if _on_grid(indent, step):
        # Kept only inside a typed table by the caller: a line of ordinary text may start
        # on a tab stop by chance (a centred title).
        out = "\t" * round(indent / step) + out
    return out if found or out.startswith("\t") else text
