"""Import one extraction result into the ledger, inside the caller's single transaction.

- Dedupe: a gazette is known by the SHA-256 of its decoded text, so the same file again (or
  the same text in another encoding) is "already imported" and changes nothing.
- Re-issue: a file with new text but the same issue identity (county + year + issue number;
  failing that, the same file name with at least one task in common) is a corrected
  re-issue. Its extracted fields replace the old ones, except fields the clerk corrected;
  statuses, history and notes stay. Tasks the re-issue dropped are deleted when no clerk
  touched them, otherwise retired (kept, hidden from queries). Tasks the clerk added by
  hand (`manual`) are never matched, updated or dropped by a re-issue, and a task the
  clerk deleted (`deleted_by`) stays deleted even when the re-issue still prints it.
- Source: the decoded text is stored with the gazette (`sources.py`) for excerpts.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session, selectinload

from core.ledger.dto import ImportReport
from core.ledger.models import (
    DocumentRecord,
    FieldCorrection,
    GazetteIssue,
    ProgressNote,
    StatusChange,
    TaskRecord,
    TaskUnit,
    utcnow,
)
from core.ledger.sources import store_source
from core.ledger.statuses import NOT_STARTED
from core.ledger.units import UnitResolver
from core.model import Document, ExtractionResult, Task

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


def import_result(
    session: Session,
    result: ExtractionResult,
    by: str,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportReport:
    file_name = Path(result.source).name or result.source
    sha = result_sha256(result)
    known = session.scalar(select(GazetteIssue).where(GazetteIssue.text_sha256 == sha))
    if known is not None:
        return ImportReport(
            file_name=file_name,
            outcome="already_imported",
            gazette_id=known.id,
            message=f"{file_name}：已导入过（与 {known.file_name} 内容相同），未作改动",
        )
    now = now or utcnow()
    keys = match_keys(result.tasks)
    previous = _find_reissue_target(session, result, file_name, keys)
    if previous is not None:
        return _update_reissue(session, previous, result, sha, keys, by, progress, now)

    gazette = GazetteIssue(text_sha256=sha, imported_by=by, imported_at=now)
    _fill_gazette(gazette, result, file_name)
    session.add(gazette)
    session.flush()
    store_source(session, gazette.id, result.text)
    docs = _sync_documents(session, gazette, result.documents)
    locate = _DocumentLocator(docs)
    resolver = UnitResolver(session)
    total = len(result.tasks)
    # Bulk INSERT … RETURNING in batches: an order of magnitude faster than one ORM object
    # per task, and still inside the caller's single transaction.
    rows: list[dict[str, Any]] = []
    specs: list[list[tuple[str, str | None, str]]] = []
    for i, (task, key) in enumerate(zip(result.tasks, keys, strict=True), start=1):
        values = extracted_values(task, locate, result)
        values.update(
            gazette_id=gazette.id,
            match_key=key,
            status=NOT_STARTED,
            completed_on=None,
            created_at=now,
            updated_at=now,
            updated_by=None,
            last_change=None,
            last_activity_at=now,
            retired_at=None,
            version=1,
            manual=False,
            deleted_by=None,
        )
        rows.append(values)
        specs.append(unit_specs(task))
        if len(rows) == BATCH or i == total:
            _insert_batch(session, rows, specs, resolver)
            rows, specs = [], []
            if progress:
                progress(i, total)
    return ImportReport(
        file_name=file_name,
        outcome="imported",
        gazette_id=gazette.id,
        tasks_added=total,
        message=f"{file_name}：已导入，{total} 条任务",
    )


BATCH = 500


def _insert_batch(
    session: Session,
    rows: list[dict[str, Any]],
    specs: list[list[tuple[str, str | None, str]]],
    resolver: UnitResolver,
) -> None:
    # Plain executemany (no RETURNING: SQLite would fall back to one row per statement),
    # then the new ids by match key, which is unique within the gazette.
    session.execute(insert(TaskRecord), rows, execution_options={"render_nulls": True})
    keys = [r["match_key"] for r in rows]
    id_of = dict(
        session.execute(
            select(TaskRecord.match_key, TaskRecord.id).where(
                TaskRecord.gazette_id == rows[0]["gazette_id"], TaskRecord.match_key.in_(keys)
            )
        ).all()
    )
    ids = [id_of[k] for k in keys]
    links = []
    for task_id, spec in zip(ids, specs, strict=True):
        seen: set[tuple[int, str, str | None]] = set()
        for pos, (role, header, printed) in enumerate(spec):
            unit_id = resolver.resolve(printed)
            # One link per (unit, role, header): counts per unit can then count rows.
            if unit_id is None or (unit_id, role, header) in seen:
                continue
            seen.add((unit_id, role, header))
            links.append(
                {
                    "task_id": task_id,
                    "unit_id": unit_id,
                    "role": role,
                    "header": header,
                    "printed_name": printed,
                    "position": pos,
                }
            )
    if links:
        session.execute(insert(TaskUnit), links, execution_options={"render_nulls": True})


def _new_task(gazette_id: int, key: str, now: datetime) -> TaskRecord:
    return TaskRecord(
        gazette_id=gazette_id,
        match_key=key,
        status=NOT_STARTED,
        version=1,
        created_at=now,
        updated_at=now,
        last_activity_at=now,
        manual=False,
    )


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


def _find_reissue_target(
    session: Session, result: ExtractionResult, file_name: str, keys: list[str]
) -> GazetteIssue | None:
    g = result.gazette
    if g.county and g.year and g.issue:
        return session.scalar(
            select(GazetteIssue)
            .where(
                GazetteIssue.county == g.county,
                GazetteIssue.year == g.year,
                GazetteIssue.issue == g.issue,
            )
            .order_by(GazetteIssue.id.desc())
            .limit(1)
        )
    for candidate in session.scalars(
        select(GazetteIssue).where(GazetteIssue.file_name == file_name)
    ):
        if keys and session.scalar(
            select(
                exists().where(
                    TaskRecord.gazette_id == candidate.id, TaskRecord.match_key.in_(keys[:500])
                )
            )
        ):
            return candidate
    return None


def _update_reissue(
    session: Session,
    gazette: GazetteIssue,
    result: ExtractionResult,
    sha: str,
    keys: list[str],
    by: str,
    progress: Progress | None,
    now: datetime,
) -> ImportReport:
    file_name = Path(result.source).name or result.source
    gazette.text_sha256 = sha
    gazette.reissued_at = now
    _fill_gazette(gazette, result, file_name)
    store_source(session, gazette.id, result.text)
    docs = _sync_documents(session, gazette, result.documents)
    locate = _DocumentLocator(docs)
    resolver = UnitResolver(session)
    old = {
        t.match_key: t
        for t in session.scalars(
            select(TaskRecord)
            .where(TaskRecord.gazette_id == gazette.id, TaskRecord.manual.is_(False))
            .options(selectinload(TaskRecord.units))
        )
    }
    corrected: dict[int, set[str]] = {}
    if old:
        ids = [t.id for t in old.values()]
        for task_id, field in session.execute(
            select(FieldCorrection.task_id, FieldCorrection.field).where(
                FieldCorrection.task_id.in_(ids)
            )
        ):
            corrected.setdefault(task_id, set()).add(field)
    added = updated = 0
    total = len(result.tasks)
    for i, (task, key) in enumerate(zip(result.tasks, keys, strict=True), start=1):
        rec = old.pop(key, None)
        if rec is None:
            rec = _new_task(gazette.id, key, now)
            _apply_extracted(rec, task, locate, result, skip=frozenset())
            _set_units(rec, task, resolver, skip=frozenset())
            session.add(rec)
            added += 1
        else:
            skip = frozenset(corrected.get(rec.id, ()))
            before = _snapshot(rec)
            _apply_extracted(rec, task, locate, result, skip=skip)
            _set_units(rec, task, resolver, skip=skip)
            if rec.retired_at is not None and rec.deleted_by is None:
                rec.retired_at = None
            if _snapshot(rec) != before:
                rec.updated_at, rec.updated_by = now, by
                rec.last_change = "重新下发的公报更新了提取内容"
                updated += 1
        if progress and i % 500 == 0:
            session.flush()
            progress(i, total)
    retired = deleted = 0
    for rec in old.values():
        if _has_clerk_work(session, rec):
            if rec.retired_at is None:
                rec.retired_at = now
                rec.last_change = "重新下发的公报中已无此任务"
                retired += 1
        else:
            session.delete(rec)
            deleted += 1
    session.flush()
    if progress:
        progress(total, total)
    return ImportReport(
        file_name=file_name,
        outcome="reissue_updated",
        gazette_id=gazette.id,
        tasks_added=added,
        tasks_updated=updated,
        tasks_retired=retired,
        tasks_deleted=deleted,
        message=(
            f"{file_name}：重新下发，更新 {updated} 条、新增 {added} 条、"
            f"停用 {retired} 条、删除 {deleted} 条（状态、进展和人工更正均保留）"
        ),
    )


def _fill_gazette(gazette: GazetteIssue, result: ExtractionResult, file_name: str) -> None:
    g = result.gazette
    gazette.file_name = file_name
    gazette.source_path = result.source
    gazette.title = g.title
    gazette.county = g.county
    gazette.year = g.year
    gazette.issue = g.issue
    gazette.total_issue = g.total_issue
    gazette.publication_date = _date(g.publication_date)
    gazette.encoding = result.encoding
    gazette.source_format = result.source_format


def _sync_documents(
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
        rec.title = d.title
        rec.doc_number = d.doc_number
        rec.issuer = d.issuer
        rec.issue_date = _date(d.issue_date)
        rec.year = d.year
        rec.first_line = d.first_line
        rec.last_line = d.last_line
        rec.is_toc = d.is_toc
        if i >= len(existing):
            session.add(rec)
        out.append(rec)
    session.flush()
    return out


class _DocumentLocator:
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
    task: Task, locate: _DocumentLocator, result: ExtractionResult
) -> dict[str, Any]:
    """Column values of a task that come from extraction (provenance included)."""
    values: dict[str, Any] = {attr: getattr(task, src) for attr, src in EXTRACTED_FIELDS.items()}
    values["deadline"] = _date(values["deadline"])
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


def _apply_extracted(
    rec: TaskRecord,
    task: Task,
    locate: _DocumentLocator,
    result: ExtractionResult,
    skip: frozenset[str],
) -> None:
    """Update a task's extracted columns, leaving the fields the clerk corrected alone."""
    for attr, value in extracted_values(task, locate, result).items():
        public = "group" if attr == "group_name" else attr
        if public in skip or attr in skip:
            continue
        if getattr(rec, attr) != value:
            setattr(rec, attr, value)


def unit_specs(task: Task) -> list[tuple[str, str | None, str]]:
    """(role, header, printed name) for each unit of an extracted task, in order."""
    specs: list[tuple[str, str | None, str]] = [("lead", None, u) for u in task.lead_units]
    specs += [("support", None, u) for u in task.support_units]
    for header, names in task.other_units.items():
        specs += [("other", header, u) for u in names]
    return specs


def _set_units(rec: TaskRecord, task: Task, resolver: UnitResolver, skip: frozenset[str]) -> None:
    """Replace the task's unit links from extraction, keeping roles the clerk corrected."""
    kept_roles = {role for f, role in UNIT_ROLE_FIELDS.items() if f in skip}
    wanted = [s for s in unit_specs(task) if s[0] not in kept_roles]
    current = [(u.role, u.header, u.printed_name) for u in rec.units if u.role not in kept_roles]
    if current == wanted and rec.units:
        return
    rec.units = [u for u in rec.units if u.role in kept_roles]
    seen = {(u.unit_id, u.role, u.header) for u in rec.units}
    for pos, (role, header, printed) in enumerate(wanted, start=len(rec.units)):
        unit_id = resolver.resolve(printed)
        if unit_id is not None and (unit_id, role, header) not in seen:
            seen.add((unit_id, role, header))
            rec.units.append(
                TaskUnit(
                    unit_id=unit_id, role=role, header=header, printed_name=printed, position=pos
                )
            )


def _snapshot(rec: TaskRecord) -> tuple[Any, ...]:
    fields = tuple(getattr(rec, a) for a in EXTRACTED_FIELDS)
    units = tuple((u.role, u.header, u.printed_name) for u in rec.units)
    return (*fields, rec.document_id, units)


def _has_clerk_work(session: Session, rec: TaskRecord) -> bool:
    if rec.status != NOT_STARTED:
        return True
    return any(
        session.scalar(select(exists().where(model.task_id == rec.id)))
        for model in (StatusChange, ProgressNote, FieldCorrection)
    )


def _date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
