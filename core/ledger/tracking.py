"""What clerks do to tasks: statuses, progress notes, per-field corrections, tasks added
by hand and deleted.

Each change is written with the clerk's name and the time, goes into history, bumps the
task's `version` (optimistic concurrency) and refreshes `last_activity_at` (stagnation).
Passing `expected_version` turns a silent overwrite into an `EditConflict`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.ledger import queries
from core.ledger.errors import EditConflict, InvalidFieldError, TaskNotFoundError
from core.ledger.importer import UNIT_ROLE_FIELDS
from core.ledger.models import (
    DocumentRecord,
    FieldCorrection,
    GazetteIssue,
    ProgressNote,
    StatusChange,
    TaskRecord,
    TaskUnit,
)
from core.ledger.statuses import DONE, NOT_STARTED, STATUS_LABELS, parse_status
from core.ledger.units import UnitResolver

# Fields a clerk may correct (public name -> model attribute). Unit lists are corrected
# as a whole per role.
CORRECTABLE = {
    "text": "text",
    "deadline": "deadline",
    "deadline_text": "deadline_text",
    "doc_number": "doc_number",
    "doc_title": "doc_title",
    "section": "section",
    "ref": "ref",
    "group": "group_name",
    "leader": "leader",
    "person": "person",
    "amounts": "amounts",
    "lead_units": None,
    "support_units": None,
}
FIELD_LABELS = {
    "text": "任务内容",
    "deadline": "完成时限",
    "deadline_text": "时限原文",
    "doc_number": "文号",
    "doc_title": "文件标题",
    "section": "所属部分",
    "ref": "序号",
    "group": "分组",
    "leader": "分管领导",
    "person": "责任人",
    "amounts": "金额",
    "lead_units": "牵头单位",
    "support_units": "配合单位",
}


def load_task(session: Session, task_id: int, expected_version: int | None) -> TaskRecord:
    """The task for an edit, refusing when someone saved a newer version meanwhile.

    The row is locked for the transaction (PostgreSQL `FOR UPDATE`; SQLite already holds
    the write lock), so two clerks' edits queue instead of racing to the version check.
    """
    rec = session.get(TaskRecord, task_id, with_for_update=True)
    if rec is None:
        raise TaskNotFoundError(task_id)
    if expected_version is not None and rec.version != expected_version:
        raise conflict_for(rec, expected_version)
    return rec


def conflict_for(rec: TaskRecord, expected_version: int) -> EditConflict:
    return EditConflict(
        task_id=rec.id,
        expected_version=expected_version,
        current_version=rec.version,
        changed_by=rec.updated_by,
        changed_at=rec.updated_at,
        change=rec.last_change,
    )


def _touch(rec: TaskRecord, by: str, now: datetime, change: str) -> None:
    rec.updated_at = now
    rec.updated_by = by
    rec.last_change = change
    rec.last_activity_at = now


def set_status(
    session: Session,
    task_id: int,
    status: str,
    *,
    by: str,
    now: datetime,
    today: date,
    note: str | None = None,
    expected_version: int | None = None,
    completed_on: date | None = None,
) -> TaskRecord:
    key = parse_status(status)
    rec = load_task(session, task_id, expected_version)
    old = rec.status
    if old == key and not note:
        return rec
    rec.status = key
    if key == DONE and old != DONE:
        rec.completed_on = completed_on or today
    elif key != DONE:
        rec.completed_on = None
    session.add(
        StatusChange(task_id=rec.id, from_status=old, to_status=key, at=now, by=by, note=note)
    )
    _touch(rec, by, now, f"状态 {STATUS_LABELS[old]}→{STATUS_LABELS[key]}")
    session.flush()
    return rec


def add_note(
    session: Session,
    task_id: int,
    *,
    by: str,
    now: datetime,
    progress: str | None,
    problems: str | None = None,
    next_steps: str | None = None,
    expected_version: int | None = None,
) -> ProgressNote:
    if not any(v and v.strip() for v in (progress, problems, next_steps)):
        raise InvalidFieldError("进展记录不能为空：请填写进展情况、存在问题或下步措施")
    rec = load_task(session, task_id, expected_version)
    note = ProgressNote(
        task_id=rec.id,
        progress=_clean(progress),
        problems=_clean(problems),
        next_steps=_clean(next_steps),
        at=now,
        by=by,
    )
    session.add(note)
    _touch(rec, by, now, "新增进展记录")
    session.flush()
    return note


def correct_field(
    session: Session,
    task_id: int,
    field: str,
    value: Any,
    *,
    by: str,
    now: datetime,
    expected_version: int | None = None,
) -> TaskRecord:
    if field not in CORRECTABLE:
        allowed = "、".join(CORRECTABLE)
        raise InvalidFieldError(f"字段“{field}”不能更正，可更正：{allowed}")
    rec = load_task(session, task_id, expected_version)
    attr = CORRECTABLE[field]
    if attr is None:
        names = _unit_list(value)
        role = UNIT_ROLE_FIELDS[field]
        old_value: Any = [u.printed_name for u in rec.units if u.role == role]
        resolver = UnitResolver(session)
        others = [u for u in rec.units if u.role != role]
        links: list[TaskUnit] = []
        for n in names:
            uid = resolver.resolve(n)
            if uid is not None and all(link.unit_id != uid for link in links):
                links.append(
                    TaskUnit(unit_id=uid, role=role, header=None, printed_name=n, position=0)
                )
        rec.units = others + links
        for pos, link in enumerate(rec.units):
            link.position = pos
        new_value: Any = names
    else:
        if field == "deadline":
            value = _parse_date(value)
        elif field == "amounts":
            value = parse_amounts(value)
        elif isinstance(value, str):
            value = value.strip() or None
        if field == "text" and not value:
            raise InvalidFieldError("任务内容不能为空")
        old_value = getattr(rec, attr)
        setattr(rec, attr, value)
        new_value = value
    session.add(
        FieldCorrection(
            task_id=rec.id,
            field=field,
            old_value=_jsonable(old_value),
            new_value=_jsonable(new_value),
            at=now,
            by=by,
        )
    )
    _touch(rec, by, now, f"更正{FIELD_LABELS[field]}")
    session.flush()
    return rec


def corrected_fields(session: Session, task_id: int) -> set[str]:
    return set(
        session.scalars(select(FieldCorrection.field).where(FieldCorrection.task_id == task_id))
    )


def _clean(v: str | None) -> str | None:
    return v.strip() or None if v else None


def _unit_list(value: Any) -> list[str]:
    if isinstance(value, str):
        import re

        value = re.split(r"[、，,；;\s]+", value)
    names = ["".join(str(v).split()) for v in value or []]
    return [n for n in names if n]


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise InvalidFieldError(f"日期“{value}”格式不对，应为 YYYY-MM-DD") from exc


def _jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


# The kind of a task the clerk added by hand (extraction uses table/list/inline/paragraph).
MANUAL_KIND = "manual"
# Pseudo-field recorded in `field_correction` when a task is deleted or restored, so the
# task's record shows who did it and when.
DELETED_FIELD = queries.DELETED_FIELD


def parse_amounts(value: Any) -> list[dict[str, Any]]:
    """Amounts as the clerk typed them ("24万元；0.9元/棒") or as a list, in the stored form.

    Text goes through the same money rules as extraction (`core.fields.money`), so a
    correction is stored exactly like an extracted amount; text with no amount in it is
    refused rather than silently clearing the field.
    """
    from core.fields.money import find_amounts

    if value is None or value == "" or value == []:
        return []
    if isinstance(value, str):
        found = find_amounts(value)
        if not found:
            raise InvalidFieldError(f"“{value}”中没有可识别的金额，请写成如“24万元；0.9元/棒”")
        items: Sequence[Any] = found
    else:
        items = value
    out = []
    for a in items:
        d = asdict(a) if is_dataclass(a) and not isinstance(a, type) else dict(a)
        if "yuan" not in d:
            raise InvalidFieldError(f"金额“{d}”缺少以元计的数值")
        out.append({"yuan": float(d["yuan"]), "text": d.get("text"), "per": d.get("per")})
    return out


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
) -> TaskRecord:
    """A task the clerk adds by hand, under a gazette (and optionally one of its documents).

    It is marked `manual`, starts 未开始 with a history entry, and has a match key no
    extraction can produce, so re-issues of the gazette never touch it.
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
    when = _parse_date(deadline)
    rec = TaskRecord(
        gazette_id=gazette_id,
        document_id=doc.id if doc else None,
        match_key=f"manual:{uuid.uuid4().hex}",
        doc_number=doc.doc_number if doc else None,
        doc_title=doc.title if doc else None,
        kind=MANUAL_KIND,
        leader=_clean(leader),
        text=text,
        deadline=when,
        amounts=parse_amounts(amounts),
        line=0,
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
    resolver = UnitResolver(session)
    links: list[TaskUnit] = []
    for role, names in (("lead", lead_units), ("support", support_units)):
        for n in _unit_list(names):
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
    rec = load_task(session, task_id, expected_version)
    if rec.deleted_by is not None:
        return rec
    rec.retired_at, rec.deleted_by = now, by
    session.add(
        FieldCorrection(
            task_id=rec.id, field=DELETED_FIELD, old_value=False, new_value=True, at=now, by=by
        )
    )
    _touch(rec, by, now, "删除任务")
    session.flush()
    return rec


def restore_task(
    session: Session,
    task_id: int,
    *,
    by: str,
    now: datetime,
    expected_version: int | None = None,
) -> TaskRecord:
    """Bring back a task the clerk deleted (the undo of `delete_task`)."""
    rec = load_task(session, task_id, expected_version)
    if rec.deleted_by is None:
        return rec
    rec.retired_at, rec.deleted_by = None, None
    session.add(
        FieldCorrection(
            task_id=rec.id, field=DELETED_FIELD, old_value=True, new_value=False, at=now, by=by
        )
    )
    _touch(rec, by, now, "恢复任务")
    session.flush()
    return rec


def delete_note(session: Session, note_id: int, *, by: str, now: datetime) -> TaskRecord:
    """Remove a progress note (the undo of saving it); the task records who removed it."""
    note = session.get(ProgressNote, note_id)
    if note is None:
        raise InvalidFieldError(f"进展记录（编号 {note_id}）不存在")
    rec = load_task(session, note.task_id, None)
    session.delete(note)
    _touch(rec, by, now, "删除进展记录")
    session.flush()
    return rec
