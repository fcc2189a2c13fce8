"""Each gazette's decoded source text, kept in the ledger for provenance excerpts.

The text is stored zlib-compressed (Chinese gazettes shrink about 3x) in `gazette_source`,
one row per gazette, replaced when a corrected re-issue arrives. Line numbers are those of
`Task.line`: 1-based lines of the decoded text, split as `str.splitlines()` splits.
"""

from __future__ import annotations

import zlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.ledger.dto import ExcerptLine
from core.ledger.storage.models import GazetteSource


def store_source(
    session: Session, gazette_id: int, text: str, pages: list[int] | None = None
) -> None:
    """Keep (or replace) the decoded text of a gazette; empty text stores nothing.

    `pages` (PDF only) gives each line's page; it is kept as the lines where pages start.
    """
    session.execute(delete(GazetteSource).where(GazetteSource.gazette_id == gazette_id))
    if not text:
        return
    session.add(
        GazetteSource(
            gazette_id=gazette_id,
            text_zlib=zlib.compress(text.encode("utf-8"), 6),
            line_count=len(text.splitlines()),
            page_starts=page_starts(pages) if pages else None,
        )
    )


def page_starts(pages: list[int]) -> list[list[int]]:
    """[line, page] at line 1 and wherever the page changes (compact for 300-page PDFs)."""
    out: list[list[int]] = []
    for i, page in enumerate(pages, start=1):
        if not out or out[-1][1] != page:
            out.append([i, page])
    return out


def source_pages(session: Session, gazette_id: int) -> list[list[int]]:
    """The stored [line, page] starts of a gazette; [] for a text source."""
    starts = session.scalar(
        select(GazetteSource.page_starts).where(GazetteSource.gazette_id == gazette_id)
    )
    return [list(p) for p in starts or []]


def page_of(starts: list[list[int]], line: int) -> int | None:
    """The page holding `line`, from `source_pages`; None without pages."""
    page = None
    for first, p in starts:
        if first > line:
            break
        page = p
    return page


def source_lines(session: Session, gazette_id: int) -> list[str]:
    """The gazette's lines, or [] when its text was never stored (ledgers before 0003)."""
    blob = session.scalar(
        select(GazetteSource.text_zlib).where(GazetteSource.gazette_id == gazette_id)
    )
    if blob is None:
        return []
    return zlib.decompress(blob).decode("utf-8").splitlines()


def excerpt(lines: list[str], target: int, context: int) -> list[ExcerptLine]:
    """Line `target` (1-based) with `context` lines either side; [] when out of range."""
    if target <= 0 or target > len(lines):
        return []
    lo, hi = max(1, target - context), min(len(lines), target + context)
    return [ExcerptLine(no, lines[no - 1], no == target) for no in range(lo, hi + 1)]
