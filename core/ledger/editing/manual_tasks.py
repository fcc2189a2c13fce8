"""Tasks the clerk adds by hand, deletes (retires) and restores; progress notes removed.

Kept apart from extraction: a manual task has a match key no extraction can produce, and a
deleted task keeps `deleted_by`, so a re-issue of the gazette neither touches nor revives it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from core.ledger.editing import corrections
from core.ledger.editing.field_values import clean_text, parse_amounts, parse_date, unit_list
from core.ledger.editing.tracking import load_task, touch
from core.ledger.editing.units import UnitResolver, gazette_county
from core.ledger.errors import InvalidFieldError
from core.ledger.statuses import NOT_STARTED
from core.ledger.storage import sources
from core.ledger.storage.models import (
    DocumentRecord,
    FieldCorrection,
    GazetteIssue,
    ProgressNote,
    StatusChange,
    TaskRecord,
    TaskUnit,
)


@dataclass(frozen=True)
class Provenance:
    """Where a task added from the source was printed (all optional)."""

    line: int = 0  # first source line (1-based); 0 = not from the source
    last_line: int | None = None
    section: str | None = None
    group: str | None = None
    ref: str | None = None
    deadline_text: str | None = None


# The kind of a task the clerk added by hand (extraction uses table/list/inline/paragraph).
MANUAL_KIND = "manual"
# Pseudo-field recorded in `field_correction` when a task is deleted or restored, so the
# task's record shows who did it and when.
DELETED_FIELD = corrections.DELETED_FIELD


def add_task(
    session: Session,
    gazette_id: int,
    text: str,
    *,
    by: str,
    now: datetime,
    document_id: int | None = None,
    lead_units: Any = (),
    support_units: Any = (),
    deadline: Any = None,
    amounts: Any = None,
    leader: str | None = None,
    provenance: Provenance | None = None,
) -> TaskRecord:
    """A task the clerk adds by hand, under a gazette (and optionally one of its documents).

    It is marked `manual`, starts 未开始 with a history entry, and has a match key no
    extraction can produce, so re-issues of the gazette never touch it. With `provenance`
    (a task added from selected source lines) it records where it was printed, like an
    extracted task: section, group, numbering, first and last line, page, deadline wording.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidFieldError("任务内容不能为空")
    gazette = session.get(GazetteIssue, gazette_id)
    if gazette is None:
        raise InvalidFieldError(f"公报（编号 {gazette_id}）不存在")
    doc = session.get(DocumentRecord, document_id) if document_id is not None else None
    if document_id is not None and (doc is None or doc.gazette_id != gazette_id):
        raise InvalidFieldError(f"文件（编号 {document_id}）不属于该公报")
    when = parse_date(deadline)
    where = provenance or Provenance()
    if where.line and doc is not None and not doc.first_line <= where.line <= doc.last_line:
        raise InvalidFieldError(
            f"第 {where.line} 行不在所属文件内（第 {doc.first_line}–{doc.last_line} 行）"
        )
    page = None
    if where.line:
        starts = sources.source_pages(session, gazette_id)
        page = sources.page_of(starts, where.line) if starts else None
    rec = TaskRecord(
        gazette_id=gazette_id,
        document_id=doc.id if doc else None,
        match_key=f"manual:{uuid.uuid4().hex}",
        doc_number=doc.doc_number if doc else None,
        doc_title=doc.title if doc else None,
        kind=MANUAL_KIND,
        section=clean_text(where.section),
        ref=clean_text(where.ref),
        group_name=clean_text(where.group),
        leader=clean_text(leader),
        text=text,
        deadline=when,
        deadline_text=clean_text(where.deadline_text) if when else None,
        amounts=parse_amounts(amounts),
        line=where.line or 0,
        last_line=where.last_line if where.line else None,
        page=page,
        year=(doc.year if doc else None) or gazette.year or (when.year if when else None),
        status=NOT_STARTED,
        created_at=now,
        updated_at=now,
        updated_by=by,
        last_change="人工新增任务",
        last_activity_at=now,
        manual=True,
        version=1,
    )
    resolver = UnitResolver(session, gazette_county(session, gazette_id))
    links: list[TaskUnit] = []
    for role, names in (("lead", lead_units), ("support", support_units)):
        for n in unit_list(names):
            uid = resolver.resolve(n)
            if uid is not None and all((x.unit_id, x.role) != (uid, role) for x in links):
                links.append(
                    TaskUnit(
                        unit_id=uid, role=role, header=None, printed_name=n, position=len(links)
                    )
                )
    rec.units = links
    session.add(rec)
    session.flush()
    session.add(
        StatusChange(
            task_id=rec.id, from_status=None, to_status=NOT_STARTED, at=now, by=by, note="人工新增"
        )
    )
    session.flush()
    return rec


def delete_task(
    session: Session,
    task_id: int,
    *,
    by: str,
    now: datetime,
    expected_version: int | None = None,
) -> TaskRecord:
    """Delete a task the clerk's way: retire it (hidden everywhere, history kept).

    Nothing is lost, so 撤销 can bring it back (`restore_task`), and `deleted_by` keeps a
    later re-issue of the gazette from reviving it.
    """
    return _set_deleted(session, task_id, True, by=by, now=now, expected_version=expected_version)


def restore_task(
    session: Session,
    task_id: int,
    *,
    by: str,
    now: datetime,
    expected_version: int | None = None,
) -> TaskRecord:
    """Bring back a task the clerk deleted (the undo of `delete_task`)."""
    return _set_deleted(session, task_id, False, by=by, now=now, expected_version=expected_version)


def _set_deleted(
    session: Session,
    task_id: int,
    deleted: bool,
    *,
    by: str,
    now: datetime,
    expected_version: int | None,
) -> TaskRecord:
    """Retire or restore a task, recorded as a correction of the `deleted` pseudo-field;
    a task already in that state is left alone."""
    rec = load_task(session, task_id, expected_version)
    if (rec.deleted_by is not None) == deleted:
        return rec
    rec.retired_at, rec.deleted_by = (now, by) if deleted else (None, None)
    session.add(
        FieldCorrection(
            task_id=rec.id,
            field=DELETED_FIELD,
            old_value=not deleted,
            new_value=deleted,
            at=now,
            by=by,
        )
    )
    touch(rec, by, now, "删除任务" if deleted else "恢复任务")
    session.flush()
    return rec


def delete_note(session: Session, note_id: int, *, by: str, now: datetime) -> TaskRecord:
    """Remove a progress note (the undo of saving it); the task records who removed it."""
    note = session.get(ProgressNote, note_id)
    if note is None:
        raise InvalidFieldError(f"进展记录（编号 {note_id}）不存在")
    rec = load_task(session, note.task_id, None)
    session.delete(note)
    touch(rec, by, now, "删除进展记录")
    session.flush()
    return rec
