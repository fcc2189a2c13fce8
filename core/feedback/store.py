"""The feedback workflow's reads and writes in the ledger database (one transaction each).

Goes through the `Ledger`'s own session helpers (short sessions, busy retries, the write
lock), and writes notes and status changes with the ledger's own `tracking` functions, so a
filed reply is recorded exactly like a note the clerk typed, with the unit as author.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.feedback.errors import FeedbackStateError
from core.feedback.model import CompletionRequestRow, FilingResult, ReplyValues, WeekReplies
from core.ledger import Ledger
from core.ledger.editing import manual_tasks, tracking
from core.ledger.editing.field_values import clean_text
from core.ledger.errors import TaskNotFoundError
from core.ledger.reading.queries import as_utc
from core.ledger.statuses import DONE, STATUS_LABELS
from core.ledger.storage.models import (
    CompletionRequest,
    FeedbackBatch,
    FeedbackReply,
    FieldCorrection,
    LedgerSetting,
    ProgressNote,
    StatusChange,
    TaskRecord,
)

LEDGER_ID_KEY = "ledger_id"


def _ledger_id(session: Session, create: bool) -> str:
    row = session.get(LedgerSetting, LEDGER_ID_KEY)
    if row is not None and row.value:
        return row.value
    if not create:
        return ""
    value = uuid.uuid4().hex
    session.add(LedgerSetting(key=LEDGER_ID_KEY, value=value))
    session.flush()
    return value


def ledger_id(ledger: Ledger, *, create: bool = True) -> str:
    """This ledger's identity, created at first export and shared by every clerk of it;
    "" for a ledger that never sent a sheet when `create` is False (reading writes nothing)."""
    with ledger._read() as s:
        found = _ledger_id(s, create=False)
    if found or not create:
        return found
    return ledger._write(lambda s: _ledger_id(s, create=True))


def record_batches(ledger: Ledger, batches: Sequence[dict[str, Any]], by: str) -> None:
    now = ledger.now()

    def run(s: Session) -> None:
        for b in batches:
            s.add(FeedbackBatch(created_at=now, created_by=by, **b))
        s.flush()

    ledger._write(run)


def load_batch(ledger: Ledger, batch_id: str) -> dict[str, Any] | None:
    """The batch as exported plus the replies already filed for it."""
    with ledger._read() as s:
        b = s.get(FeedbackBatch, batch_id)
        if b is None:
            return None
        replies = [
            {
                "id": r.id,
                "digest": r.digest,
                "rows": dict(r.rows),
                "at": as_utc(r.imported_at),
                "by": r.imported_by,
                "file_name": r.file_name,
            }
            for r in s.scalars(
                select(FeedbackReply)
                .where(FeedbackReply.batch_id == batch_id)
                .order_by(FeedbackReply.id)
            )
        ]
        return {
            "id": b.id,
            "week": b.week,
            "unit": b.unit,
            "file_name": b.file_name,
            "items": list(b.items),
            "created_at": as_utc(b.created_at),
            "replies": replies,
        }


def clerk_changes_since(
    ledger: Ledger, task_ids: Iterable[int], since: datetime
) -> dict[int, list[str]]:
    """Per task, what the clerk did after `since` (status changes, corrections, own notes):
    a unit's reply written against the older state is a conflict for the clerk to decide."""
    ids = sorted(set(task_ids))
    out: dict[int, list[str]] = {}
    with ledger._read() as s:
        for task_id, old, new, by in s.execute(
            select(
                StatusChange.task_id,
                StatusChange.from_status,
                StatusChange.to_status,
                StatusChange.by,
            )
            .where(StatusChange.task_id.in_(ids), StatusChange.at > since)
            .order_by(StatusChange.at, StatusChange.id)
        ):
            before, after = STATUS_LABELS.get(old or "", old or ""), STATUS_LABELS.get(new, new)
            out.setdefault(task_id, []).append(f"{by} 已将状态由{before}改为{after}")
        for task_id, field, by in s.execute(
            select(FieldCorrection.task_id, FieldCorrection.field, FieldCorrection.by)
            .where(FieldCorrection.task_id.in_(ids), FieldCorrection.at > since)
            .order_by(FieldCorrection.at, FieldCorrection.id)
        ):
            label = tracking.FIELD_LABELS.get(field, "删除/恢复")
            out.setdefault(task_id, []).append(f"{by} 已修正{label}")
        for task_id, by in s.execute(
            select(ProgressNote.task_id, ProgressNote.by)
            .where(
                ProgressNote.task_id.in_(ids),
                ProgressNote.at > since,
                ProgressNote.source.is_(None),
            )
            .order_by(ProgressNote.at, ProgressNote.id)
        ):
            out.setdefault(task_id, []).append(f"{by} 已登记新的进展")
    return out


def _note_fields(values: ReplyValues) -> tuple[str | None, str | None, str | None]:
    progress = values.progress or ("申请办结" if values.request_done else "")
    steps = values.next_steps
    if values.expected_on is not None:
        when = f"预计完成时间：{values.expected_on.isoformat()}"
        steps = f"{steps}\n{when}" if steps else when
    return progress or None, values.problems or None, steps or None


def file_reply(
    ledger: Ledger,
    *,
    batch_id: str,
    unit: str,
    file_name: str,
    digest: str,
    accepted: dict[int, ReplyValues],
    rejected: int,
    by: str,
) -> FilingResult:
    """File the accepted rows in one transaction: notes by the unit (source: the file),
    申请办结 as pending requests, and the reply itself (re-import → no-op)."""
    now = ledger.now()

    def run(s: Session) -> FilingResult:
        reply = FeedbackReply(
            batch_id=batch_id,
            digest=digest,
            file_name=file_name,
            rows={str(k): v.key() for k, v in sorted(accepted.items())},
            filed={},
            imported_at=now,
            imported_by=by,
        )
        s.add(reply)
        s.flush()
        # The tasks, locked for the transaction, in one query (not one per row).
        ids = sorted(accepted)
        stmt = select(TaskRecord).where(TaskRecord.id.in_(ids)).with_for_update()
        records = {rec.id: rec for rec in s.scalars(stmt)}
        # A task with a request still pending gets no second one (a unit re-sending).
        pending = set(
            s.scalars(
                select(CompletionRequest.task_id).where(
                    CompletionRequest.task_id.in_(ids), CompletionRequest.state == "pending"
                )
            )
        )
        new_notes: list[ProgressNote] = []
        new_requests: list[CompletionRequest] = []
        for task_id in ids:
            values, rec = accepted[task_id], records.get(task_id)
            if rec is None or rec.retired_at is not None:
                raise TaskNotFoundError(task_id)
            progress, problems, steps = _note_fields(values)
            if progress or problems or steps:
                # As `tracking.add_note` records a note, for a task already loaded.
                note = ProgressNote(
                    task_id=task_id,
                    progress=clean_text(progress),
                    problems=clean_text(problems),
                    next_steps=clean_text(steps),
                    at=now,
                    by=unit,
                    source=file_name,
                )
                s.add(note)
                new_notes.append(note)
                tracking.touch(rec, unit, now, f"登记{file_name}")
            if values.request_done and rec.status != DONE and task_id not in pending:
                req = CompletionRequest(
                    task_id=task_id,
                    unit=unit,
                    reply_id=reply.id,
                    file_name=file_name,
                    expected_on=values.expected_on,
                    at=now,
                    state="pending",
                )
                s.add(req)
                new_requests.append(req)
        s.flush()
        notes = [n.id for n in new_notes]
        requests = [r.id for r in new_requests]
        reply.filed = {"notes": notes, "requests": requests}
        s.flush()
        return FilingResult(
            reply_id=reply.id,
            file_name=file_name,
            unit=unit,
            notes=len(notes),
            requests=len(requests),
            task_ids=tuple(sorted(accepted)),
            rejected=rejected,
        )

    return ledger._write(run)


def unfile_reply(ledger: Ledger, reply_id: int, by: str) -> tuple[int, ...]:
    """撤销 a filing: its notes and pending requests go, and the reply is forgotten (so the
    file can be imported again). Returns the tasks touched."""
    now = ledger.now()

    def run(s: Session) -> tuple[int, ...]:
        reply = s.get(FeedbackReply, reply_id)
        if reply is None:
            raise FeedbackStateError("该反馈表的登记已撤销")
        touched: set[int] = set()
        reqs = list(
            s.scalars(select(CompletionRequest).where(CompletionRequest.reply_id == reply_id))
        )
        if any(r.state == "confirmed" for r in reqs):
            raise FeedbackStateError("该反馈表中的办结申请已被确认，请先撤销确认再撤销登记")
        for r in reqs:
            touched.add(r.task_id)
            s.delete(r)
        for note_id in reply.filed.get("notes", []):
            if s.get(ProgressNote, note_id) is not None:
                touched.add(manual_tasks.delete_note(s, note_id, by=by, now=now).id)
        s.delete(reply)
        s.flush()
        return tuple(sorted(touched))

    return ledger._write(run)


def completion_requests(
    ledger: Ledger, state: str | None = "pending"
) -> list[CompletionRequestRow]:
    with ledger._read() as s:
        stmt = (
            select(CompletionRequest, TaskRecord.text, TaskRecord.status)
            .join(TaskRecord, TaskRecord.id == CompletionRequest.task_id)
            .where(TaskRecord.retired_at.is_(None))
            .order_by(CompletionRequest.at, CompletionRequest.id)
        )
        if state is not None:
            stmt = stmt.where(CompletionRequest.state == state)
        return [
            CompletionRequestRow(
                id=r.id,
                task_id=r.task_id,
                task_text=text,
                task_status=status,
                unit=r.unit,
                file_name=r.file_name,
                expected_on=r.expected_on,
                at=as_utc(r.at),
                state=r.state,
            )
            for r, text, status in s.execute(stmt)
        ]


def resolve_request(ledger: Ledger, request_id: int, confirm: bool, by: str) -> str:
    """Confirm (task → 已完成 through the ordinary status path, in history) or dismiss a
    pending 申请办结. Returns the task's status before, for 撤销."""
    now, today = ledger.now(), ledger.today()

    def run(s: Session) -> str:
        req = s.get(CompletionRequest, request_id)
        if req is None or req.state != "pending":
            raise FeedbackStateError("该办结申请已处理或已撤销")
        rec = s.get(TaskRecord, req.task_id)
        if rec is None:
            raise TaskNotFoundError(req.task_id)
        before = rec.status
        if confirm:
            tracking.set_status(
                s,
                req.task_id,
                DONE,
                by=by,
                now=now,
                today=today,
                note=f"确认{req.unit}申请办结（{req.file_name}）",
            )
        req.state = "confirmed" if confirm else "dismissed"
        req.resolved_at, req.resolved_by = now, by
        s.flush()
        return before

    return ledger._write(run)


def reopen_request(ledger: Ledger, request_id: int, status_before: str, by: str) -> None:
    """撤销 of `resolve_request`: the request is pending again; a confirmed one puts the
    task back to its earlier status (recorded as a change, like every 撤销)."""
    now, today = ledger.now(), ledger.today()

    def run(s: Session) -> None:
        req = s.get(CompletionRequest, request_id)
        if req is None or req.state == "pending":
            return
        if req.state == "confirmed":
            tracking.set_status(
                s, req.task_id, status_before, by=by, now=now, today=today, note="撤销"
            )
        req.state, req.resolved_at, req.resolved_by = "pending", None, None
        s.flush()

    ledger._write(run)


def week_replies(ledger: Ledger, monday: date) -> WeekReplies:
    """Units sent a sheet for the week, split into those whose reply was filed and not."""
    with ledger._read() as s:
        sent: dict[str, str] = {}
        for unit, name in s.execute(
            select(FeedbackBatch.unit, FeedbackBatch.file_name)
            .where(FeedbackBatch.week == monday)
            .order_by(FeedbackBatch.created_at, FeedbackBatch.id)
        ):
            sent[unit] = name
        replied = set(
            s.scalars(
                select(FeedbackBatch.unit)
                .join(FeedbackReply, FeedbackReply.batch_id == FeedbackBatch.id)
                .where(FeedbackBatch.week == monday)
            )
        )
    return WeekReplies(
        week=monday,
        replied=tuple(sorted(u for u in sent if u in replied)),
        missing=tuple(sorted(u for u in sent if u not in replied)),
        sent_files=sent,
    )
