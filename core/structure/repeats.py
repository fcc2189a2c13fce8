"""A document printed again, word for word, in the same file is one document.

A file built by repeating one notice (a bad export, a PDF concatenated with itself, a
62 MB file of one notice 57,000 times) used to give one task per copy: tens of thousands
of duplicate tasks and most of a gigabyte of memory. Repeats are told by their 文号, title
and whitespace-free text; the first copy stays where it is printed, the others are dropped
before any finder runs. The 目录 is never a repeat of a body document.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from core.model import Document
from core.text.lines import SourceLine


def drop_repeated_documents(
    documents: list[Document], lines: list[SourceLine]
) -> tuple[list[Document], list[str]]:
    """The documents without word-for-word repeats, and a warning per repeated document."""
    text_of = {sl.no: sl.text for sl in lines}
    seen: dict[str, Document] = {}
    repeats: Counter[str] = Counter()
    kept: list[Document] = []
    for doc in documents:
        if doc.is_toc:
            kept.append(doc)
            continue
        digest = hashlib.sha256()
        digest.update(f"{doc.doc_number}\x1f{doc.title}\x1f".encode())
        for no in range(doc.first_line, doc.last_line + 1):
            digest.update("".join(text_of.get(no, "").split()).encode())
        key = digest.hexdigest()
        first = seen.get(key)
        if first is None:
            seen[key] = doc
            kept.append(doc)
        else:
            repeats[key] += 1
    warnings = []
    for key, n in repeats.items():  # insertion order: the order the repeats were printed
        doc = seen[key]
        label = doc.doc_number or f"《{doc.title}》"
        warnings.append(
            f"{label}（第{doc.first_line}行起）在文件中又完整重复出现 {n} 次，重复部分已忽略"
        )
    return kept, warnings
