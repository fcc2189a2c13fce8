"""A file bringing documents the ledger already holds from another file: update, never copy.

The same 公文 reaches a clerk more than once: inside a gazette issue (.txt) and again as the
PDF or DOCX the issuing office circulated. The text differs, so the SHA-256 dedupe misses
it, and so does the issue identity (a lone document has no 期号); yet to the clerk it is one
document with one set of tasks. A document is known by its normalized 文号, or by title and
date when it has none. When an imported file holds a document the ledger already has with
tasks, that document's tasks are updated in place the way a re-issue updates them
(extracted fields refreshed, clerk corrections, statuses and notes kept) and nothing is
added for them. Where a task came from (line, page, document link, year) stays with the
file it was first imported from: the excerpts are read from that file's text. Tasks of
such a document that the ledger does not hold yet are imported with the new file, as are
all tasks of documents new to the ledger.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from core.ledger.editing.units import UnitResolver, gazette_county
from core.ledger.importing.extracted import DocumentLocator, as_date
from core.ledger.importing.reissue import apply_extracted, set_units, snapshot
from core.ledger.storage.models import DocumentRecord, FieldCorrection, TaskRecord
from core.model import Document, ExtractionResult, Task
from core.structure.docnumber import normalize_doc_number

# Columns that say where a task was printed: they belong to the file it came from.
PROVENANCE = frozenset({"line", "page", "document_id", "year"})

_SPACE = re.compile(r"\s+")
DocIdentity = tuple[str, ...]


def document_identity(
    doc_number: str | None, title: str | None, issue_date: str | date | None
) -> DocIdentity | None:
    """How a clerk recognises a document: its 文号, else its title on its date.

    A title alone is not enough (every county prints a 政府工作报告 each year), so a
    document with neither 文号 nor date is never taken for another.
    """
    if doc_number:
        return ("文号", normalize_doc_number(doc_number) or _SPACE.sub("", doc_number))
    day = as_date(issue_date)
    if title and day is not None:
        return ("标题", _SPACE.sub("", title), day.isoformat())
    return None


def label(doc: Document | DocumentRecord) -> str:
    """The document as the clerk names it in a message."""
    return doc.doc_number or f"《{doc.title}》"


def find_known(session: Session, documents: Sequence[Document]) -> dict[int, DocumentRecord]:
    """Index in `documents` → the ledger's record of that document, when it has tasks.

    Several records may carry one identity (two files imported before this check
    existed): the oldest is the one the clerk has been working on.
    """
    wanted: dict[DocIdentity, int] = {}
    for i, d in enumerate(documents):
        ident = None if d.is_toc else document_identity(d.doc_number, d.title, d.issue_date)
        if ident is not None:
            wanted.setdefault(ident, i)
    if not wanted:
        return {}
    titles = [ident[1] for ident in wanted if ident[0] == "标题"]
    numbers = {d.doc_number for d in documents if d.doc_number}
    numbers |= {ident[1] for ident in wanted if ident[0] == "文号"}
    candidates = session.scalars(
        select(DocumentRecord)
        .where(
            DocumentRecord.is_toc.is_(False),
            # Stored 文号 are normalized by extraction; titles are compared squashed below.
            or_(DocumentRecord.doc_number.in_(numbers), DocumentRecord.doc_number.is_(None))
            if titles
            else DocumentRecord.doc_number.in_(numbers),
        )
        .where(
            select(TaskRecord.id)
            .where(TaskRecord.document_id == DocumentRecord.id, TaskRecord.manual.is_(False))
            .exists()
        )
        .order_by(DocumentRecord.id)
    )
    found: dict[int, DocumentRecord] = {}
    for rec in candidates:
        ident = document_identity(rec.doc_number, rec.title, rec.issue_date)
        at = wanted.get(ident) if ident is not None else None
        if at is not None and at not in found:
            found[at] = rec
    return found


@dataclass
class KnownMerge:
    """What merging a file's known documents did, and the tasks left to import as new."""

    labels: list[str] = field(default_factory=list)
    gazette_ids: list[int] = field(default_factory=list)
    updated: int = 0
    merged_kinds: Counter[str] = field(default_factory=Counter)
    rest: list[tuple[Task, str]] = field(default_factory=list)


def merge_known(
    session: Session,
    result: ExtractionResult,
    keys: list[str],
    known: dict[int, DocumentRecord],
    by: str,
    now: datetime,
) -> KnownMerge:
    """Update the tasks of the file's known documents in place; return the others.

    A task of a known document is matched to the ledger's task by match key (which does
    not depend on the file's layout); the ledger's tasks the file does not print are left
    as they are, since the other file may simply have been read differently.
    """
    merge = KnownMerge()
    for i in sorted(known):
        merge.labels.append(label(result.documents[i]))
        if known[i].gazette_id not in merge.gazette_ids:
            merge.gazette_ids.append(known[i].gazette_id)
    by_doc = _result_document_of(result.documents)
    pending: dict[int, list[tuple[Task, str]]] = {}
    for task, key in zip(result.tasks, keys, strict=True):
        at = by_doc(task)
        if at is not None and at in known:
            pending.setdefault(at, []).append((task, key))
        else:
            merge.rest.append((task, key))
    resolvers: dict[int, UnitResolver] = {}
    for i, pairs in pending.items():
        rec = known[i]
        if rec.gazette_id not in resolvers:
            county = gazette_county(session, rec.gazette_id)
            resolvers[rec.gazette_id] = UnitResolver(session, county)
        resolver = resolvers[rec.gazette_id]
        old = _tasks_by_key(session, rec)
        locate = DocumentLocator([rec])
        for task, key in pairs:
            target = old.pop(key, None)
            if target is None:
                merge.rest.append((task, key))
                continue
            merge.merged_kinds[task.kind] += 1
            skip = PROVENANCE | old_corrections(session, target.id)
            before = snapshot(target)
            apply_extracted(target, task, locate, result, skip=skip)
            set_units(target, task, resolver, skip=skip)
            if snapshot(target) != before:
                target.updated_at, target.updated_by = now, by
                target.last_change = "再次导入同一公文，更新了提取内容"
                merge.updated += 1
    # Keep the new file's own order for what it adds.
    order = {key: n for n, key in enumerate(keys)}
    merge.rest.sort(key=lambda pair: order[pair[1]])
    session.flush()
    return merge


def old_corrections(session: Session, task_id: int) -> frozenset[str]:
    return frozenset(
        session.scalars(select(FieldCorrection.field).where(FieldCorrection.task_id == task_id))
    )


def _tasks_by_key(session: Session, rec: DocumentRecord) -> dict[str, TaskRecord]:
    return {
        t.match_key: t
        for t in session.scalars(
            select(TaskRecord)
            .where(TaskRecord.document_id == rec.id, TaskRecord.manual.is_(False))
            .options(selectinload(TaskRecord.units))
            .order_by(TaskRecord.id)
        )
    }


def _result_document_of(documents: Sequence[Document]) -> Callable[[Task], int | None]:
    """Which of the file's documents (by index) a task belongs to, as the ledger decides it."""
    body = [(d.first_line, d.last_line, i) for i, d in enumerate(documents) if not d.is_toc]
    body.sort()
    numbered = {d.doc_number: i for i, d in enumerate(documents) if d.doc_number and not d.is_toc}

    def find(task: Task) -> int | None:
        for first, last, i in body:
            if first <= task.line <= last:
                return i
        return numbered.get(task.doc_number) if task.doc_number else None

    return find
