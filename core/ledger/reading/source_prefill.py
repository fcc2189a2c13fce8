"""A task prefilled from source lines the clerk selected in a document's text.

The ledger holds the decoded text, so this works long after the file was moved. Lines are
normalized exactly as extraction normalizes them, then read by `core.finders.prefill`
with the document's year, and returned with the provenance `add_task` records.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from core.finders.prefill import item_extent, prefill_task
from core.ledger.dto import TaskPrefill
from core.ledger.errors import InvalidFieldError
from core.ledger.importing.extracted import as_date
from core.ledger.reading.documents import load_document
from core.ledger.storage import sources
from core.ledger.storage.models import GazetteIssue
from core.text.normalize import normalize_lines


def prefill(s: Session, document_id: int, first: int, last: int | None) -> TaskPrefill:
    """`last=None`: the clerk only clicked `first`; the item starting there is taken whole."""
    doc = load_document(s, document_id)
    if last is None:
        last = first
        expand = True
    else:
        expand = False
    if first > last:
        first, last = last, first
    if first < doc.first_line or last > doc.last_line:
        raise InvalidFieldError(
            f"所选第 {first}–{last} 行不在该文件内（第 {doc.first_line}–{doc.last_line} 行）"
        )
    raw = sources.source_lines(s, doc.gazette_id)
    if not raw:
        raise InvalidFieldError("该公报的原文未保存在台账中，无法从原文新增任务")
    # Normalize the whole text so line numbers stay those of the source (page furniture
    # dropped the same way as on import), then keep the document's part.
    lines = [
        sl for sl in normalize_lines("\n".join(raw)) if doc.first_line <= sl.no <= doc.last_line
    ]
    if expand:
        last = item_extent(lines, first)
    gazette = s.get(GazetteIssue, doc.gazette_id)
    year = doc.year or (gazette.year if gazette else None)
    found = prefill_task(lines, first, last, year, doc.title)
    starts = sources.source_pages(s, doc.gazette_id)
    return TaskPrefill(
        gazette_id=doc.gazette_id,
        document_id=doc.id,
        line=first,
        last_line=last,
        page=sources.page_of(starts, first) if starts else None,
        year=year,
        text=found.text,
        lead_units=tuple(found.lead_units),
        support_units=tuple(found.support_units),
        deadline=as_date(found.deadline.iso) if found.deadline else None,
        deadline_text=found.deadline.text if found.deadline else None,
        amounts=tuple(asdict(a) for a in found.amounts),
        ref=found.ref,
        section=found.section,
        group=found.group,
        leader=found.leader,
    )
