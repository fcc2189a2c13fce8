"""How an extraction result maps onto ledger rows: columns, unit links, match keys.

Shared by the first import (`importer.py`) and a re-issue's update (`reissue.py`), so both
write a task exactly the same way.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.ledger.storage.models import DocumentCue, DocumentRecord, GazetteIssue
from core.model import Document, ExtractionResult, MissedCue, Task

Progress = Callable[[int, int], None]  # (tasks written so far, total)

# Task fields copied from extraction (model attribute -> Task attribute).
EXTRACTED_FIELDS = {
    "doc_number": "doc_number",
    "doc_title": "doc_title",
    "section": "section",
    "kind": "kind",
    "ref": "ref",
    "group_name": "group",
    "leader": "leader",
    "text": "text",
    "deadline": "deadline",
    "deadline_text": "deadline_text",
    "amounts": "amounts",
    "line": "line",
    "page": "page",
    "person": "person",
}
UNIT_ROLE_FIELDS = {"lead_units": "lead", "support_units": "support", "other_units": "other"}


def result_sha256(result: ExtractionResult) -> str:
    """The dedupe key: extraction's text hash, else a hash of the text or of the content."""
    if result.text_sha256:
        return result.text_sha256
    payload = result.text or json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def match_keys(tasks: Iterable[Task]) -> list[str]:
    """A stable identity per task within its gazette, so a re-issue finds the same task.

    Numbered items are known by document, section, group and their own numbering; items
    without numbering by their text. Repeats get an occurrence suffix.
    """
    seen: Counter[str] = Counter()
    keys = []
    for t in tasks:
        ident = t.ref if t.ref else "text:" + "".join(t.text.split())
        base = "\x1f".join([t.doc_number or "", t.section or "", t.kind, t.group or "", ident])
        digest = hashlib.sha1(base.encode("utf-8")).hexdigest()
        seen[digest] += 1
        keys.append(f"{digest}#{seen[digest]}")
    return keys


def fill_gazette(gazette: GazetteIssue, result: ExtractionResult, file_name: str) -> None:
    g = result.gazette
    gazette.file_name = file_name
    gazette.source_path = result.source
    gazette.title = g.title
    gazette.county = g.county
    gazette.year = g.year
    gazette.issue = g.issue
    gazette.total_issue = g.total_issue
    gazette.publication_date = as_date(g.publication_date)
    gazette.encoding = result.encoding
    gazette.source_format = result.source_format


def sync_documents(
    session: Session, gazette: GazetteIssue, documents: list[Document]
) -> list[DocumentRecord]:
    """Reuse existing document rows in order (tasks keep their links), add or drop the rest."""
    existing = list(
        session.scalars(
            select(DocumentRecord)
            .where(DocumentRecord.gazette_id == gazette.id)
            .order_by(DocumentRecord.id)
        )
    )
    out = []
    for i, d in enumerate(documents):
        rec = existing[i] if i < len(existing) else DocumentRecord(gazette_id=gazette.id)
        if i < len(existing) and rec.title != d.title:
            rec.dismissed_by = rec.dismissed_at = None  # another document now: ask again
        rec.title = d.title
        rec.doc_number = d.doc_number
        rec.issuer = d.issuer
        rec.issue_date = as_date(d.issue_date)
        rec.year = d.year
        rec.first_line = d.first_line
        rec.last_line = d.last_line
        rec.is_toc = d.is_toc
        rec.flagged = d.flagged
        sync_cues(rec, d.missed)
        if i >= len(existing):
            session.add(rec)
        out.append(rec)
    session.flush()
    return out


def sync_cues(rec: DocumentRecord, missed: list[MissedCue]) -> None:
    """Replace a document's cues with extraction's, keeping the clerk's dismissals.

    A cue the clerk dismissed (不是任务) stays dismissed when the same words come back,
    wherever they now lie, so a re-issue does not raise marks the clerk already cleared.
    """
    dismissed = {
        _squash(c.text): (c.dismissed_by, c.dismissed_at) for c in rec.cues if c.dismissed_by
    }
    cues = []
    for m in missed:
        by, at = dismissed.get(_squash(m.text), (None, None))
        cues.append(
            DocumentCue(line=m.line, text=m.text, reason=m.reason, dismissed_by=by, dismissed_at=at)
        )
    rec.cues = cues


def _squash(text: str) -> str:
    return "".join(text.split())


class DocumentLocator:
    """Which document a task belongs to: the non-TOC document whose lines hold its line."""

    def __init__(self, docs: list[DocumentRecord]) -> None:
        body = sorted((d for d in docs if not d.is_toc), key=lambda d: d.first_line)
        self.docs = body
        self.starts = [d.first_line for d in body]
        self.by_number = {d.doc_number: d for d in body if d.doc_number}

    def find(self, task: Task) -> DocumentRecord | None:
        i = bisect.bisect_right(self.starts, task.line) - 1
        if i >= 0 and self.docs[i].first_line <= task.line <= self.docs[i].last_line:
            return self.docs[i]
        return self.by_number.get(task.doc_number) if task.doc_number else None


def extracted_values(
    task: Task, locate: DocumentLocator, result: ExtractionResult
) -> dict[str, Any]:
    """Column values of a task that come from extraction (provenance included)."""
    values: dict[str, Any] = {attr: getattr(task, src) for attr, src in EXTRACTED_FIELDS.items()}
    values["deadline"] = as_date(values["deadline"])
    values["amounts"] = [
        dict(a) if isinstance(a, dict) else {"yuan": a.yuan, "text": a.text, "per": a.per}
        for a in task.amounts
    ]
    doc = locate.find(task)
    values["document_id"] = doc.id if doc is not None else None
    year = (doc.year if doc is not None else None) or result.gazette.year
    if year is None and values["deadline"] is not None:
        year = values["deadline"].year
    values["year"] = year
    return values


def unit_specs(task: Task) -> list[tuple[str, str | None, str]]:
    """(role, header, printed name) for each unit of an extracted task, in order."""
    specs: list[tuple[str, str | None, str]] = [("lead", None, u) for u in task.lead_units]
    specs += [("support", None, u) for u in task.support_units]
    for header, names in task.other_units.items():
        specs += [("other", header, u) for u in names]
    return specs


def as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
