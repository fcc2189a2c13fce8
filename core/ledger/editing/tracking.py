"""What clerks do to tasks: statuses, progress notes and per-field corrections.

Tasks added by hand and deleted are in `manual_tasks.py`.

Each change is written with the clerk's name and the time, goes into history, bumps the
task's `version` (optimistic concurrency) and refreshes `last_activity_at` (stagnation).
Passing `expected_version` turns a silent overwrite into an `EditConflict`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from core.ledger.editing.field_values import (
    clean_text,
    jsonable,
    parse_amounts,
    parse_date,
    unit_list,
)
from core.ledger.editing.units import UnitResolver, gazette_county
from core.ledger.errors import EditConflict, InvalidFieldError, TaskNotFoundError
from core.ledger.importing.extracted import UNIT_ROLE_FIELDS
from core.ledger.statuses import DONE, STATUS_LABELS, parse_status
from core.ledger.storage.models import (
    FieldCorrection,
    ProgressNote,
    StatusChange,
    TaskRecord,
    TaskUnit,
)

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


def touch(rec: TaskRecord, by: str, now: datetime, change: str) -> None:
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
    touch(rec, by, now, f"状态 {STATUS_LABELS[old]}→{STATUS_LABELS[key]}")
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
    source: str | None = None,
) -> ProgressNote:
    if not any(v and v.strip() for v in (progress, problems, next_steps)):
        raise InvalidFieldError("进展记录不能为空：请填写进展情况、存在问题或下步措施")
    rec = load_task(session, task_id, expected_version)
    note = ProgressNote(
        task_id=rec.id,
        progress=clean_text(progress),
        problems=clean_text(problems),
        next_steps=clean_text(next_steps),
        at=now,
        by=by,
        source=source,
    )
    session.add(note)
    touch(rec, by, now, f"登记{source}" if source else "新增进展记录")
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
        names = unit_list(value)
        role = UNIT_ROLE_FIELDS[field]
        old_value: Any = [u.printed_name for u in rec.units if u.role == role]
        resolver = UnitResolver(session, gazette_county(session, rec.gazette_id))
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
            value = parse_date(value)
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
            old_value=jsonable(old_value),
            new_value=jsonable(new_value),
            at=now,
            by=by,
        )
    )
    touch(rec, by, now, f"更正{FIELD_LABELS[field]}")
    session.flush()
    return rec
