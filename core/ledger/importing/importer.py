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
- Same document, other file: a file whose documents (by 文号, else title + date) the ledger
  already holds with tasks, e.g. the PDF of a notice first imported inside a gazette's
  .txt, updates those tasks in place like a re-issue and adds no copies
  (`known_documents.py`); only its other tasks are imported as new.
- Source: the decoded text is stored with the gazette (`sources.py`) for excerpts.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.ledger.dto import ImportOutcome, ImportReport
from core.ledger.editing.units import UnitResolver, gazette_county
from core.ledger.errors import ImportWouldRetireError
from core.ledger.importing.extracted import (
    DocumentLocator,
    Progress,
    extracted_values,
    fill_gazette,
    match_keys,
    result_sha256,
    sync_documents,
    unit_specs,
)
from core.ledger.importing.known_documents import KnownMerge, merge_known
from core.ledger.importing.plan import classify
from core.ledger.importing.reissue import update_reissue
from core.ledger.statuses import NOT_STARTED
from core.ledger.storage.models import GazetteIssue, TaskRecord, TaskUnit, utcnow
from core.ledger.storage.sources import store_source
from core.model import ExtractionResult

__all__ = ["Progress", "import_result"]


def import_result(
    session: Session,
    result: ExtractionResult,
    by: str,
    progress: Progress | None = None,
    now: datetime | None = None,
    allow_retire: bool | frozenset[int] = False,
    replace: bool = False,
) -> ImportReport:
    """Import `result`, or raise before writing anything.

    `allow_retire`: False refuses (`ImportWouldRetireError`, carrying the plan) an import
    that would retire tasks; a set of task ids allows retiring exactly those (what the
    clerk was shown); True means the file replaces its issue as printed, even when it is
    only a part of it. `replace=True` also takes a part of an issue as its new version, but
    still retires only what `allow_retire` allows: the window's 按新版替换此期 shows the
    list first, and a ledger that changed since then refuses rather than retiring more.
    """
    file_name = Path(result.source).name or result.source
    keys = match_keys(result.tasks)
    plan, known = classify(session, result, replace=replace or allow_retire is True, keys=keys)
    if plan.outcome in ("already_imported", "partial_copy"):
        assert plan.gazette_id is not None
        return ImportReport(
            file_name=file_name,
            outcome=plan.outcome,
            gazette_id=plan.gazette_id,
            message=plan.message,
        )
    sha = result_sha256(result)
    now = now or utcnow()
    if plan.outcome == "reissue_updated":
        allowed = allow_retire is True or (
            isinstance(allow_retire, frozenset) and plan.retire_ids <= allow_retire
        )
        if plan.retire and not allowed:
            raise ImportWouldRetireError(plan)
        previous = session.get(GazetteIssue, plan.gazette_id)
        assert previous is not None
        return update_reissue(session, previous, result, sha, keys, by, progress, now)
    merge = KnownMerge(rest=list(zip(result.tasks, keys, strict=True)))
    if known:
        merge = merge_known(session, result, keys, known, by, now)
        if not merge.rest:
            # Nothing new: no gazette row either, so the ledger shows no empty issue.
            if progress:
                progress(len(result.tasks), len(result.tasks))
            return _report(file_name, merge.gazette_ids[0], "documents_updated", 0, merge)

    gazette = GazetteIssue(text_sha256=sha, imported_by=by, imported_at=now)
    fill_gazette(gazette, result, file_name)
    session.add(gazette)
    session.flush()
    store_source(session, gazette.id, result.text, result.pages)
    docs = sync_documents(session, gazette, result.documents)
    locate = DocumentLocator(docs)
    resolver = UnitResolver(session, gazette_county(session, gazette.id))
    total = len(merge.rest)
    # Bulk INSERT … RETURNING in batches: an order of magnitude faster than one ORM object
    # per task, and still inside the caller's single transaction.
    rows: list[dict[str, Any]] = []
    specs: list[list[tuple[str, str | None, str]]] = []
    for i, (task, key) in enumerate(merge.rest, start=1):
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
    return _report(file_name, gazette.id, "imported", total, merge)


def _report(
    file_name: str, gazette_id: int, outcome: ImportOutcome, added: int, merge: KnownMerge
) -> ImportReport:
    message = f"{file_name}：已导入，{added} 条任务"
    if merge.labels:
        message = (
            f"{file_name}：已存在的公文：{'、'.join(merge.labels)}，已按更新处理"
            f"（更新 {merge.updated} 条，状态、进展和人工更正均保留）"
        )
        if added:
            message += f"；新增 {added} 条任务"
    return ImportReport(
        file_name=file_name,
        outcome=outcome,
        gazette_id=gazette_id,
        tasks_added=added,
        tasks_updated=merge.updated,
        known_documents=tuple(merge.labels),
        known_task_kinds=dict(merge.merged_kinds),
        message=message,
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
