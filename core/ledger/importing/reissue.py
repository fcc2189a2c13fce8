"""A corrected re-issue of a gazette already in the ledger: update it in place.

Extracted fields are replaced except those the clerk corrected; statuses, history and
notes stay. Tasks the re-issue dropped are retired (kept, hidden), never erased, so that a
task printed again later (the full issue after a shorter file) comes back with its id,
notes and history. Callers decide beforehand whether retiring is allowed (`plan.py`).
Tasks added by hand (`manual`) and tasks the clerk deleted are never revived or changed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from core.ledger.dto import ImportReport
from core.ledger.editing.corrections import corrected_fields
from core.ledger.editing.units import UnitResolver, gazette_county
from core.ledger.importing.extracted import (
    EXTRACTED_FIELDS,
    UNIT_ROLE_FIELDS,
    DocumentLocator,
    Progress,
    extracted_values,
    fill_gazette,
    sync_documents,
    unit_specs,
)
from core.ledger.statuses import NOT_STARTED
from core.ledger.storage.models import (
    GazetteIssue,
    TaskRecord,
    TaskUnit,
)
from core.ledger.storage.sources import store_source
from core.model import ExtractionResult, Task


def find_reissue_target(
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


def update_reissue(
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
    fill_gazette(gazette, result, file_name)
    store_source(session, gazette.id, result.text, result.pages)
    docs = sync_documents(session, gazette, result.documents)
    locate = DocumentLocator(docs)
    resolver = UnitResolver(session, gazette_county(session, gazette.id))
    old = {
        t.match_key: t
        for t in session.scalars(
            select(TaskRecord)
            .where(TaskRecord.gazette_id == gazette.id, TaskRecord.manual.is_(False))
            .options(selectinload(TaskRecord.units))
        )
    }
    # Fields the clerk's corrections still change (an undone correction no longer counts).
    corrected = corrected_fields(session, [t.id for t in old.values()]) if old else {}
    added = updated = restored = 0
    total = len(result.tasks)
    for i, (task, key) in enumerate(zip(result.tasks, keys, strict=True), start=1):
        rec = old.pop(key, None)
        if rec is None:
            rec = _new_task(gazette.id, key, now)
            apply_extracted(rec, task, locate, result, skip=frozenset())
            set_units(rec, task, resolver, skip=frozenset())
            session.add(rec)
            added += 1
        else:
            skip = frozenset(corrected.get(rec.id, ()))
            before = snapshot(rec)
            apply_extracted(rec, task, locate, result, skip=skip)
            set_units(rec, task, resolver, skip=skip)
            if rec.retired_at is not None and rec.deleted_by is None:
                rec.retired_at = None
                rec.updated_at, rec.updated_by = now, by
                rec.last_change = "重新导入的公报中再次出现此任务，已恢复"
                restored += 1
            elif snapshot(rec) != before:
                rec.updated_at, rec.updated_by = now, by
                rec.last_change = "重新下发的公报更新了提取内容"
                updated += 1
        if progress and i % 500 == 0:
            session.flush()
            progress(i, total)
    retired = 0
    for rec in old.values():
        if rec.retired_at is None:
            rec.retired_at = now
            rec.updated_at, rec.updated_by = now, by
            rec.last_change = "重新下发的公报中已无此任务"
            retired += 1
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
        tasks_restored=restored,
        message=(
            f"{file_name}：重新下发，更新 {updated} 条、新增 {added} 条、"
            + (f"恢复 {restored} 条、" if restored else "")
            + f"停用 {retired} 条（状态、进展和人工更正均保留）"
        ),
    )


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


def apply_extracted(
    rec: TaskRecord,
    task: Task,
    locate: DocumentLocator,
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


def set_units(rec: TaskRecord, task: Task, resolver: UnitResolver, skip: frozenset[str]) -> None:
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


def snapshot(rec: TaskRecord) -> tuple[Any, ...]:
    fields = tuple(getattr(rec, a) for a in EXTRACTED_FIELDS)
    units = tuple((u.role, u.header, u.printed_name) for u in rec.units)
    return (*fields, rec.document_id, units)
