"""Plain, immutable results of ledger services: what the GUI and the report receive.

They never hold live ORM objects or sessions, so callers can keep them across threads and
after the ledger is closed. Dates are `datetime.date`; timestamps are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

DueWindow = Literal["overdue", "week", "month"]
DueState = Literal["overdue", "due_soon"]
ImportOutcome = Literal[
    "imported", "already_imported", "reissue_updated", "documents_updated", "partial_copy"
]


@dataclass(frozen=True)
class NoteRow:
    id: int
    task_id: int
    progress: str | None
    problems: str | None
    next_steps: str | None
    at: datetime
    by: str
    source: str | None = None  # the unit's reply file it came from; None when typed


@dataclass(frozen=True)
class StatusChangeRow:
    id: int
    task_id: int
    from_status: str | None
    to_status: str
    at: datetime
    by: str
    note: str | None


@dataclass(frozen=True)
class CorrectionRow:
    id: int
    task_id: int
    field: str
    old_value: Any
    new_value: Any
    at: datetime
    by: str


@dataclass(frozen=True)
class ExcerptLine:
    """One line of a gazette's source text; `target` marks the line a task starts on."""

    no: int
    text: str
    target: bool


@dataclass(frozen=True)
class TaskRow:
    """One task as a table row. `version` goes back into edits as `expected_version`."""

    id: int
    status: str
    status_label: str
    text: str
    deadline: date | None
    deadline_text: str | None
    due_state: DueState | None  # derived from deadline and today; None when closed
    due_label: str | None  # 已逾期 / 即将到期
    lead_units: tuple[str, ...]  # canonical names
    support_units: tuple[str, ...]
    other_units: dict[str, tuple[str, ...]]  # column header -> canonical names
    doc_number: str | None
    doc_title: str | None
    section: str | None
    kind: str
    ref: str | None
    group: str | None
    leader: str | None
    person: str | None
    amounts: tuple[dict[str, Any], ...]
    gazette_id: int
    gazette_file: str
    year: int | None
    line: int
    page: int | None
    completed_on: date | None
    latest_note: NoteRow | None
    updated_at: datetime
    updated_by: str | None
    last_activity_at: datetime
    version: int
    corrected_fields: frozenset[str] = frozenset()
    retired: bool = False
    document_id: int | None = None
    manual: bool = False  # added by the clerk, not extracted
    created_at: datetime | None = None  # when the task entered the ledger (UTC)
    retired_at: datetime | None = None  # when it was retired (deleted / re-issue), else None
    # Directory ids of lead_units / support_units, in the same order (two counties' units
    # may share a name; the ids never do).
    lead_unit_ids: tuple[int, ...] = ()
    support_unit_ids: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings), used by `tasks --json`."""
        d: dict[str, Any] = _jsonable(self)
        return d


@dataclass(frozen=True)
class ReminderRow:
    """One 催办 of a task: to which unit, why (overdue | due_soon | idle), in which file."""

    id: int
    task_id: int
    unit: str
    reason: str
    detail: str | None
    file_name: str | None
    reply_by: date | None
    at: datetime
    by: str


REPORT_SETTING_KEYS: tuple[str, ...] = ("office", "reporter", "contact", "phone")


@dataclass(frozen=True)
class ReportSettings:
    """Header fields of reports and reminders, kept in the ledger (shared by its clerks).

    `office` is the supervising office's name (县政府督查室); `reporter` is 填报单位,
    `contact` 联系人 and `phone` 电话 as printed on the 周报 and the 催办通知单.
    """

    office: str = ""
    reporter: str = ""
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class TaskDetail:
    """A task with everything a clerk did to it, oldest first."""

    task: TaskRow
    history: tuple[StatusChangeRow, ...]
    notes: tuple[NoteRow, ...]
    corrections: tuple[CorrectionRow, ...]
    printed_units: tuple[tuple[str, str, str | None], ...]  # (role, as printed, header)
    reminders: tuple[ReminderRow, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.task.to_dict()
        d["reminders"] = [_jsonable(r) for r in self.reminders]
        d["history"] = [_jsonable(h) for h in self.history]
        d["notes"] = [_jsonable(n) for n in self.notes]
        d["corrections"] = [_jsonable(c) for c in self.corrections]
        d["printed_units"] = [list(u) for u in self.printed_units]
        return d


@dataclass(frozen=True)
class GazetteRow:
    id: int
    file_name: str
    title: str | None
    county: str | None
    year: int | None
    issue: int | None
    imported_at: datetime
    imported_by: str
    task_count: int


@dataclass(frozen=True)
class DocumentRow:
    """One document of a gazette with how many tasks it gave and what may have been missed.

    `open_cues` counts cues no live task covers and the clerk did not dismiss;
    `flag_open`: extraction flagged it (divides work, no task), it still has no task, and
    the clerk did not dismiss it. Either makes the document `needs_review`.
    """

    id: int
    gazette_id: int
    title: str
    doc_number: str | None
    issue_date: date | None
    year: int | None
    first_line: int
    last_line: int
    is_toc: bool
    task_count: int
    flagged: bool
    dismissed: bool
    cue_count: int
    open_cues: int

    @property
    def flag_open(self) -> bool:
        return self.flagged and not self.dismissed and self.task_count == 0

    @property
    def needs_review(self) -> bool:
        return self.flag_open or self.open_cues > 0

    @property
    def label(self) -> str:
        """How a clerk names it: 文号, else the title."""
        return self.doc_number or self.title or f"文件 {self.id}"


@dataclass(frozen=True)
class CueRow:
    """A responsibility cue no extracted task took; `covered` once a live task spans it."""

    id: int
    document_id: int
    line: int
    text: str
    reason: str
    dismissed: bool
    covered: bool

    @property
    def open(self) -> bool:
        return not self.dismissed and not self.covered


@dataclass(frozen=True)
class TaskSpan:
    """The source lines a live task occupies (first..last, 1-based, inclusive)."""

    task_id: int
    first: int
    last: int
    text: str
    manual: bool


@dataclass(frozen=True)
class SourceLineRow:
    no: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class DocumentText:
    """A document's whole source text, its tasks' line spans and its cues.

    `lines` is empty when the gazette's text was never stored (ledgers before 0003).
    """

    document: DocumentRow
    gazette_file: str
    source_format: str
    lines: tuple[SourceLineRow, ...]
    spans: tuple[TaskSpan, ...]
    cues: tuple[CueRow, ...]


@dataclass(frozen=True)
class TaskPrefill:
    """A task read from source lines the clerk selected, by extraction's own field rules,
    with the provenance `Ledger.add_task` records. The clerk checks it before saving."""

    gazette_id: int
    document_id: int
    line: int
    last_line: int
    page: int | None
    year: int | None
    text: str
    lead_units: tuple[str, ...]
    support_units: tuple[str, ...]
    deadline: date | None
    deadline_text: str | None
    amounts: tuple[dict[str, Any], ...]
    ref: str | None
    section: str | None
    group: str | None
    leader: str | None


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    aliases: tuple[str, ...]
    task_count: int
    county: str = ""
    kind: str = "department"  # core.units.kinds: department | township | enterprise | collective
    contact_person: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class UnitCount:
    """Per canonical unit: tasks by status, plus derived overdue / due-soon counts."""

    unit: str
    total: int
    by_status: dict[str, int]
    overdue: int
    due_soon: int
    unit_id: int = 0
    county: str = ""
    kind: str = "department"


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    outcome: ImportOutcome
    gazette_id: int
    tasks_added: int = 0
    tasks_updated: int = 0
    tasks_retired: int = 0
    tasks_deleted: int = 0  # always 0 now: dropped tasks are retired, never erased
    tasks_restored: int = 0  # retired tasks printed again: back with id, notes, history
    message: str = ""
    # Documents (文号 or 《title》) the ledger already held from another file: their tasks
    # were updated in place, not added; and how many of the file's tasks, by kind, that was.
    known_documents: tuple[str, ...] = ()
    known_task_kinds: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedTask:
    """A ledger task an import would touch, as the clerk recognises it in a list."""

    task_id: int
    doc_number: str | None
    ref: str | None
    text: str

    def label(self, width: int = 40) -> str:
        """One line for a list: `任务 12（兴政发〔2023〕4号 3）：完成老旧小区改造…`."""
        where = " ".join(p for p in (self.doc_number, self.ref) if p)
        text = " ".join(self.text.split()).rstrip("。；;，, ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        return f"任务 {self.task_id}" + (f"（{where}）" if where else "") + f"：{text}"


@dataclass(frozen=True)
class ImportPlan:
    """What importing one extraction result would do, worked out before anything changes.

    `outcome` is the `ImportReport.outcome` the import would have. `retire` lists the
    ledger's tasks that would be retired (a re-issue no longer prints them): the CLI refuses
    and the window asks before such an import. `restore` lists retired tasks the file
    prints again: they come back with their id, notes and history. `gazette_id` is the
    issue the file would update, when it updates one.
    """

    file_name: str
    outcome: ImportOutcome
    gazette_id: int | None = None
    gazette_label: str = ""
    tasks_new: int = 0
    tasks_matched: int = 0
    retire: tuple[PlannedTask, ...] = ()
    restore: tuple[PlannedTask, ...] = ()
    toc_only: bool = False
    message: str = ""

    @property
    def retire_ids(self) -> frozenset[int]:
        return frozenset(t.task_id for t in self.retire)


@dataclass(frozen=True)
class TaskFilter:
    """What to show. Every criterion is optional; all given criteria must hold.

    `unit` is alias-aware (县发改局 finds tasks of 县发展和改革局 once merged); `unit_roles`
    restricts which role the unit must play. `due`: overdue = deadline before today;
    week = today … today+7; month = today … end of this month (open tasks only).
    """

    unit: str | None = None
    unit_id: int | None = None  # one directory unit (names may repeat across counties)
    unit_roles: tuple[str, ...] = ("lead", "support")
    status: tuple[str, ...] = ()
    due: DueWindow | None = None
    gazette_id: int | None = None
    document_id: int | None = None
    doc_number: str | None = None
    year: int | None = None
    text: str | None = None
    stagnant_days: int | None = None  # no activity for at least N days (open tasks)
    include_retired: bool = False


@dataclass(frozen=True)
class Page:
    """One page of task rows and the total matching the filter."""

    rows: tuple[TaskRow, ...]
    total: int
    offset: int = 0


def _jsonable(obj: Any) -> Any:
    from dataclasses import fields, is_dataclass

    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, frozenset | set):
        return sorted(obj)
    return obj
