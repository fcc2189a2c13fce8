"""The ledger's tables as SQLAlchemy 2.0 typed models.

Only `core.ledger` touches these; callers get plain DTOs from `core.ledger.service`.
The schema is created and changed only by the Alembic migrations in `migrations/`;
a test checks that these models and the migrations agree.

Timestamps are stored in UTC. Overdue / due-soon are never stored: they depend on today.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so migrations can refer to them on every back end.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class GazetteIssue(Base):
    """One imported file: a gazette issue (or a single notice)."""

    __tablename__ = "gazette_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    source_path: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(500))
    county: Mapped[str | None] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer)
    issue: Mapped[int | None] = mapped_column(Integer)
    total_issue: Mapped[int | None] = mapped_column(Integer)
    publication_date: Mapped[date | None] = mapped_column(Date)
    encoding: Mapped[str] = mapped_column(String(50), default="")
    source_format: Mapped[str] = mapped_column(String(20), default="text")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100))
    # Set when a corrected re-issue replaced the extracted content.
    reissued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    documents: Mapped[list[DocumentRecord]] = relationship(
        back_populates="gazette", cascade="all, delete-orphan"
    )


class GazetteSource(Base):
    """Revision 0003: the decoded text of an imported gazette, zlib-compressed UTF-8.

    Kept so the detail panel can show any task's surrounding source lines long after the
    file itself was moved or deleted.
    """

    __tablename__ = "gazette_source"

    gazette_id: Mapped[int] = mapped_column(
        ForeignKey("gazette_issue.id", ondelete="CASCADE"), primary_key=True
    )
    text_zlib: Mapped[bytes] = mapped_column(LargeBinary)
    line_count: Mapped[int] = mapped_column(Integer)
    # Revision 0006: for a PDF, [first line, page] wherever a new page starts.
    page_starts: Mapped[list[list[int]] | None] = mapped_column(JSON)


class DocumentRecord(Base):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    gazette_id: Mapped[int] = mapped_column(
        ForeignKey("gazette_issue.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    doc_number: Mapped[str | None] = mapped_column(String(200), index=True)
    issuer: Mapped[str | None] = mapped_column(String(200))
    issue_date: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    first_line: Mapped[int] = mapped_column(Integer)
    last_line: Mapped[int] = mapped_column(Integer)
    is_toc: Mapped[bool] = mapped_column(Boolean, default=False)
    # Revision 0006: the document divides work among units yet extraction found no task;
    # a clerk who checked it and found nothing to track dismisses the flag (不是任务).
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    dismissed_by: Mapped[str | None] = mapped_column(String(100))
    dismissed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    gazette: Mapped[GazetteIssue] = relationship(back_populates="documents")
    cues: Mapped[list[DocumentCue]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentCue.line"
    )


class DocumentCue(Base):
    """Revision 0006: a responsibility cue that no extracted task took (可能遗漏).

    Kept so a miss is never silent; `dismissed_*` records the clerk's 不是任务, which a
    re-import of the same document keeps (matched by the cue's text).
    """

    __tablename__ = "document_cue"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    dismissed_by: Mapped[str | None] = mapped_column(String(100))
    dismissed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    document: Mapped[DocumentRecord] = relationship(back_populates="cues")


class TaskRecord(Base):
    """A task: every extracted field, its provenance, and the clerk's tracking state.

    `version` is the optimistic-concurrency counter (SQLAlchemy `version_id_col`): every
    UPDATE says `WHERE version = <read version>`, so two clerks cannot silently overwrite
    each other (issue 7).
    """

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    gazette_id: Mapped[int] = mapped_column(ForeignKey("gazette_issue.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), index=True
    )
    # Identity of the task inside its gazette, used to match tasks of a re-issue.
    match_key: Mapped[str] = mapped_column(String(300))
    doc_number: Mapped[str | None] = mapped_column(String(200), index=True)
    doc_title: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str | None] = mapped_column(String(100))
    group_name: Mapped[str | None] = mapped_column(Text)
    leader: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    amounts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    line: Mapped[int] = mapped_column(Integer, default=0)
    page: Mapped[int | None] = mapped_column(Integer)
    person: Mapped[str | None] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer, index=True)

    status: Mapped[str] = mapped_column(String(20), default="not_started", index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    last_change: Mapped[str | None] = mapped_column(Text)  # what the last edit did, in Chinese
    # Last clerk activity (status, note, correction) or the import: drives stagnation.
    last_activity_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    # Revision 0002: a task that a corrected re-issue no longer contains but that holds
    # clerk work is retired (hidden from queries) instead of deleted.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # Revision 0003: added by the clerk (not extracted); re-issues leave it alone.
    manual: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Revision 0003: the clerk who deleted the task (it is retired, kept with its history);
    # a re-issue never brings such a task back.
    deleted_by: Mapped[str | None] = mapped_column(String(100))
    # Revision 0006: the last source line of a task the clerk added from selected lines
    # (extracted tasks leave it empty; their extent is read from the text).
    last_line: Mapped[int | None] = mapped_column(Integer)

    units: Mapped[list[TaskUnit]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskUnit.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("ix_task_gazette_match", "gazette_id", "match_key"),
        Index("ix_task_status_deadline", "status", "deadline"),
    )


class Unit(Base):
    """A canonical unit of one county's directory. Aliases (as printed elsewhere) point at it.

    Revision 0005: units are per county (`county` "" when a gazette names none), so two
    counties' 县财政局 are two units; `kind` is department / township / enterprise /
    collective (`core.units.kinds`); 联系人 and 电话 are the clerk's, for reminders.
    """

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    county: Mapped[str] = mapped_column(String(100), default="", server_default="")
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="department", server_default="department")
    contact_person: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("county", "name", name="uq_unit_county_name"),)


class UnitAlias(Base):
    """Another printed name of a unit, within the unit's county (revision 0005)."""

    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    county: Mapped[str] = mapped_column(String(100), default="", server_default="")
    alias: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("county", "alias", name="uq_unit_alias_county_alias"),)


class UnitMember(Base):
    """Revision 0005: a named unit the clerk counts in a collective (各乡镇 -> 宁乡镇 …)."""

    __tablename__ = "unit_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("group_id", "member_id", name="uq_unit_member_pair"),)


class UnitRejection(Base):
    """Revision 0005: two names the clerk said are different units; not suggested again."""

    __tablename__ = "unit_rejection"

    id: Mapped[int] = mapped_column(primary_key=True)
    county: Mapped[str] = mapped_column(String(100))
    name_a: Mapped[str] = mapped_column(String(200))  # name_a < name_b
    name_b: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        UniqueConstraint("county", "name_a", "name_b", name="uq_unit_rejection_pair"),
    )


class UnitChange(Base):
    """Revision 0005: the history of the unit directory (merges, renames, contacts, members).

    `detail` holds what undoing the change needs; an undone change keeps its row and gets
    `undone_at`, like every other change in the ledger history is kept.
    """

    __tablename__ = "unit_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    county: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)  # in Chinese, for the clerk
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(100))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(100))


class TaskUnit(Base):
    """A unit's part in a task: role lead / support / other (+ the column header)."""

    __tablename__ = "task_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # lead | support | other
    header: Mapped[str | None] = mapped_column(String(100))  # column header for role "other"
    printed_name: Mapped[str] = mapped_column(String(200))  # as the gazette printed it
    position: Mapped[int] = mapped_column(Integer, default=0)

    task: Mapped[TaskRecord] = relationship(back_populates="units")
    unit: Mapped[Unit] = relationship(lazy="joined")

    __table_args__ = (Index("ix_task_unit_unit_role", "unit_id", "role", "task_id"),)


class StatusChange(Base):
    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class ProgressNote(Base):
    """进展情况 / 存在问题 / 下步措施, kept as separate fields for the weekly report."""

    __tablename__ = "progress_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    progress: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))
    # Revision 0005: where the note came from when not typed by the clerk (a unit's
    # returned feedback sheet: its file name).
    source: Mapped[str | None] = mapped_column(String(500))


class FieldCorrection(Base):
    """A clerk's correction of one extracted field; re-issues never overwrite that field."""

    __tablename__ = "field_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[Any] = mapped_column(JSON)
    new_value: Mapped[Any] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))


__all__ = [
    "Base",
    "DocumentCue",
    "DocumentRecord",
    "FieldCorrection",
    "GazetteIssue",
    "GazetteSource",
    "ProgressNote",
    "StatusChange",
    "TaskRecord",
    "TaskUnit",
    "Unit",
    "UnitAlias",
    "UnitChange",
    "UnitMember",
    "UnitRejection",
    "utcnow",
]


class Reminder(Base):
    """A 催办 sent to a unit about one task: logged in the task's history and the week's changes."""

    __tablename__ = "reminder"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(20))  # overdue | due_soon | idle
    detail: Mapped[str | None] = mapped_column(Text)  # e.g. 逾期12天
    file_name: Mapped[str | None] = mapped_column(String(500))
    reply_by: Mapped[date | None] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(100))


class LedgerSetting(Base):
    """Settings that belong to the ledger, not to one workstation (the office's name, the
    report header fields): every clerk of a shared ledger prints the same header."""

    __tablename__ = "ledger_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class FeedbackBatch(Base):
    """Revision 0005: one unit's fill-in sheet (反馈表) as sent out, to match its reply.

    `items` holds, per task, its id, the unit's role, the task's version and the locked
    cells as written (文号, 任务, 完成时限, 状态) with their checksum.
    """

    __tablename__ = "feedback_batch"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    week: Mapped[date] = mapped_column(Date, index=True)  # Monday of the week
    unit: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(500))
    reply_by: Mapped[date | None] = mapped_column(Date)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))


class FeedbackReply(Base):
    """Revision 0005: a returned sheet that was filed; `digest` makes a re-import a no-op.

    `rows` maps task id -> digest of what the unit wrote; `filed` names the notes and
    completion requests the filing created, so 撤销 removes exactly those.
    """

    __tablename__ = "feedback_reply"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(
        ForeignKey("feedback_batch.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(500))
    rows: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    filed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100))


class CompletionRequest(Base):
    """Revision 0005: a unit's 申请办结, pending until the clerk confirms or dismisses it."""

    __tablename__ = "completion_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(200))
    reply_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_reply.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(500))
    expected_on: Mapped[date | None] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending|confirmed|dismissed
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[str | None] = mapped_column(String(100))
