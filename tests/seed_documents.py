"""One seed document as a finder sees it: the DocumentContext the pipeline would build."""

from __future__ import annotations

from seedfiles import seed_path

from core.finders.base import DocumentContext
from core.structure.documents import split_documents
from core.text.normalize import normalize_lines


def doc_context(seed: str, line: int, *, toc: bool = False) -> DocumentContext:
    """The context of the seed document holding `line` (as the pipeline builds it)."""
    lines = normalize_lines(seed_path(seed).read_text(encoding="utf-8"))
    docs = split_documents(lines)
    doc = next(d for d in docs if d.first_line <= line <= d.last_line and d.is_toc == toc)
    own = [sl for sl in lines if doc.first_line <= sl.no <= doc.last_line]
    return DocumentContext(doc, own, doc.year)
