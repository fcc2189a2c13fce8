"""A loaded source: the decoded text of a file of any supported format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LoadedSource:
    """Text the extractor reads, whatever the file was.

    Text files are decoded as they are; PDF and DOCX files are rebuilt into the same
    conventions as the seed texts (one paragraph or table row per line, table cells
    separated by tabs, several paragraphs of one cell wrapped in `<p>…</p>`), so that the
    structure finders' rules apply unchanged. `pages[i]` is the page of line i+1 (PDF only).
    """

    path: str
    text: str
    encoding: str  # "utf-8", "utf-16", "gb18030", … or "pdf" / "docx"
    source_format: str = "text"  # text | pdf | docx
    pages: list[int] | None = None
