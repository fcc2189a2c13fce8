"""Every document of a gazette, its whole text, where its tasks lie and what may be missed.

A clerk trusts the ledger when a miss is never silent: each document is listed with its
task count (none included), its open 可能遗漏 cues and the extraction's flag, and its
whole source text shows which lines became which task. Tasks store only the line where
their text starts; how far a task reaches is read from the text itself (`task_extent`),
except for tasks the clerk added from selected lines, which record their last line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.ledger.dto import CueRow, DocumentRow, DocumentText, SourceLineRow, TaskSpan
from core.ledger.errors import InvalidFieldError
from core.ledger.reading.task_lines import TaskLine
from core.ledger.storage import sources
from core.ledger.storage.models import DocumentCue, DocumentRecord, GazetteIssue, TaskRecord


def spans_of(lines: Sequence[str], tasks: Iterable[TaskLine], last: int) -> list[TaskSpan]:
    """See `spans.spans_of` (imported when spans are needed: the text rules it reads
    cost start-up time, and most documents have no open cue)."""
    from core.ledger.reading.spans import spans_of as compute

    return compute(lines, tasks, last)


def _document_tasks(s: Session, doc_ids: Sequence[int]) -> dict[int, list[TaskLine]]:
    rows: dict[int, list[TaskLine]] = defaultdict(list)
    for doc_id, task_id, line, text, last_line, manual in s.execute(
        select(
            TaskRecord.document_id,
            TaskRecord.id,
            TaskRecord.line,
            TaskRecord.text,
            TaskRecord.last_line,
            TaskRecord.manual,
        ).where(TaskRecord.document_id.in_(doc_ids), TaskRecord.retired_at.is_(None))
    ):
        if doc_id is not None:
            rows[doc_id].append((task_id, line, text, last_line, bool(manual)))
    return rows


def _covered(spans: Sequence[TaskSpan], line: int) -> bool:
    return any(sp.first <= line <= sp.last for sp in spans)


def document_rows(s: Session, gazette_id: int | None = None) -> list[DocumentRow]:
    """Documents (the 目录 left out) in gazette order, with task and open-cue counts."""
    q = select(DocumentRecord).where(DocumentRecord.is_toc.is_(False))
    if gazette_id is not None:
        q = q.where(DocumentRecord.gazette_id == gazette_id)
    docs = list(s.scalars(q.order_by(DocumentRecord.gazette_id, DocumentRecord.id)))
    if not docs:
        return []
    live = select(TaskRecord.document_id, func.count()).where(TaskRecord.retired_at.is_(None))
    cue_q = select(DocumentCue)
    if gazette_id is not None:  # all documents: no id list (thousands in a big ledger)
        live = live.where(TaskRecord.gazette_id == gazette_id)
        cue_q = cue_q.join(DocumentRecord).where(DocumentRecord.gazette_id == gazette_id)
    counts = dict(s.execute(live.group_by(TaskRecord.document_id)).all())
    cues: dict[int, list[DocumentCue]] = defaultdict(list)
    for cue in s.scalars(cue_q):
        cues[cue.document_id].append(cue)
    # Open cues need the tasks' spans, hence the text: only for documents with live cues.
    pending = [d for d in docs if any(c.dismissed_by is None for c in cues[d.id])]
    tasks = _document_tasks(s, [d.id for d in pending]) if pending else {}
    texts: dict[int, list[str]] = {}
    open_counts: dict[int, int] = {}
    for d in pending:
        if d.gazette_id not in texts:
            texts[d.gazette_id] = sources.source_lines(s, d.gazette_id)
        spans = spans_of(texts[d.gazette_id], tasks.get(d.id, []), d.last_line)
        open_counts[d.id] = sum(
            1 for c in cues[d.id] if c.dismissed_by is None and not _covered(spans, c.line)
        )
    return [_row(d, counts.get(d.id, 0), len(cues[d.id]), open_counts.get(d.id, 0)) for d in docs]


def _row(d: DocumentRecord, tasks: int, cue_count: int, open_cues: int) -> DocumentRow:
    return DocumentRow(
        id=d.id,
        gazette_id=d.gazette_id,
        title=d.title,
        doc_number=d.doc_number,
        issue_date=d.issue_date,
        year=d.year,
        first_line=d.first_line,
        last_line=d.last_line,
        is_toc=d.is_toc,
        task_count=tasks,
        flagged=bool(d.flagged),
        dismissed=d.dismissed_by is not None,
        cue_count=cue_count,
        open_cues=open_cues,
    )


def load_document(s: Session, document_id: int) -> DocumentRecord:
    doc = s.get(DocumentRecord, document_id)
    if doc is None:
        raise InvalidFieldError(f"文件（编号 {document_id}）不存在")
    return doc


def document_text(s: Session, document_id: int) -> DocumentText:
    """The document's lines (with pages for a PDF), its live tasks' spans and its cues."""
    doc = load_document(s, document_id)
    gazette = s.get(GazetteIssue, doc.gazette_id)
    assert gazette is not None
    all_lines = sources.source_lines(s, doc.gazette_id)
    starts = sources.source_pages(s, doc.gazette_id)
    tasks = _document_tasks(s, [doc.id]).get(doc.id, [])
    spans = spans_of(all_lines, tasks, doc.last_line)
    cues = [
        CueRow(
            id=c.id,
            document_id=doc.id,
            line=c.line,
            text=c.text,
            reason=c.reason,
            dismissed=c.dismissed_by is not None,
            covered=_covered(spans, c.line),
        )
        for c in sorted(doc.cues, key=lambda c: (c.line, c.id))
    ]
    hi = min(doc.last_line, len(all_lines))
    lines = tuple(
        SourceLineRow(no, all_lines[no - 1], sources.page_of(starts, no) if starts else None)
        for no in range(max(1, doc.first_line), hi + 1)
    )
    row = _row(doc, len(tasks), len(cues), sum(1 for c in cues if c.open))
    return DocumentText(
        document=row,
        gazette_file=gazette.file_name,
        source_format=gazette.source_format,
        lines=lines,
        spans=tuple(spans),
        cues=tuple(cues),
    )
