"""The ledger (台账): gazettes, tasks, units and the clerk's tracking, in SQLite or PostgreSQL.

Public API (everything else in this package is internal):

- `Ledger(url=None, *, migrate=True, clock=None)` — open a ledger (URL, engine, or the
  default SQLite file / `TAIZHANG_DB_URL`); migrates the schema on open (SQLite: copies the
  file first, see `backup_path`). Use as a context manager or call `close()`.
  Import:   `import_file(path, by=, allow_retire=)`, `import_result(result, by=, progress=,
            allow_retire=)` → `ImportReport`; `plan_import(result)` → `ImportPlan` (what
            would be added, retired, restored; nothing written)
  Query:    `tasks(TaskFilter, limit=, offset=, today=)` → `list[TaskRow]`;
            `task_ids(filter)`, `rows(ids)` (lazy tables), `count(filter)`;
            `task(id)` → `TaskDetail` (history, notes, corrections);
            `unit_counts(filter, roles=("lead",))` → `list[UnitCount]`;
            `stagnant(days)`; `history_between(start, end)`; `notes_between(start, end)`;
            `changed_since(utc_datetime)` → task ids (refresh after other clerks' edits);
            `gazettes()` → `list[GazetteRow]`; `units()` → `list[UnitRow]`
  Edit:     `set_status(id, status, note=, by=, expected_version=)` → `TaskRow`;
            `add_note(id, progress=, problems=, next_steps=, by=, expected_version=)` → `NoteRow`;
            `correct_field(id, field, value, by=, expected_version=)` → `TaskRow`;
            `merge_unit(alias, canonical, by=)` → `UnitRow`;
            `add_task(gazette_id, text, document_id=, lead_units=, support_units=, deadline=,
            amounts=, leader=, by=)` → `TaskRow` (marked `manual`);
            `delete_task(id, by=, expected_version=)` (retired, history kept) and
            `restore_task(id, by=)` → `TaskRow`; `delete_note(note_id, by=)` → `TaskRow`
  Units:    the directory per county (单位管理), every edit recorded and undoable:
            `unit_counties()`, `unit_directory(county=None)` → `list[DirectoryUnit]`
            (aliases, kind, contacts, open lead/support counts, collective members);
            `unit_tasks(unit_id, open_only=True)` → `UnitTasks` (lead / support / via
            collectives: what a feedback sheet or reminder lists); `unit_workloads(county)`
            (the same for every named unit of a county); `collective_candidates(id)`;
            `suggest_unit_merges(county=None)` → `list[Suggestion]` (members with evidence);
            `accept_merge(county, names, canonical, by=)`, `reject_suggestion(county, names)`,
            `rename_unit(id, name)`, `set_unit_contacts(id, person, phone)`,
            `set_unit_kind(id, kind)`, `expand_collective(group_id, member_ids)` → each a
            `UnitChangeRow`; `undo_unit_change(change_id)`; `unit_history(county=None)`
  Source:   `source_excerpt(task_id, context=5)` → `list[ExcerptLine]` (target marked), from
            the decoded text stored with each gazette
- DTOs (frozen dataclasses, no live ORM objects): `TaskRow`, `ExcerptLine`, `TaskDetail`, `NoteRow`,
  `StatusChangeRow`, `CorrectionRow`, `GazetteRow`, `UnitRow`, `UnitCount`, `ImportReport`,
  `TaskFilter` (unit alias-aware, status, due overdue|week|month, gazette, document, year,
  text, stagnant_days).
- Statuses: `STATUS_LABELS` (`not_started` 未开始, `in_progress` 推进中, `done` 已完成,
  `suspended` 暂缓), `parse_status(key_or_label)`. Overdue / due-soon are derived
  (`TaskRow.due_state`), never stored.
- Errors (all `core.errors.TaizhangError`): `EditConflict` (who changed what and when),
  `TaskNotFoundError`, `UnknownStatusError`, `UnknownUnitError`, `UnitMergeError`,
  `InvalidFieldError`, `LedgerBusyError`, `LedgerUnavailableError`, `LedgerVersionError`,
  `ImportWouldRetireError` (carries the `ImportPlan`), `LedgerCorruptError` (failed its
  integrity check on open: writes refused; `Ledger.integrity_problem`), `LedgerDiskFullError`,
  `LedgerReadOnlyError`, `LedgerSchemaError` (tables without a revision record).
  `Ledger.created` says the SQLite file was new; `Ledger.reopen()` checks it again.
- `default_clerk()` — the OS user; `resolve_url(explicit)` — which database is used;
  `default_db_path()` — the default SQLite file in the user's data folder.

Concurrency: every edit bumps `TaskRow.version`; pass it back as `expected_version` to get
`EditConflict` instead of overwriting another clerk's newer save.
"""

from __future__ import annotations

from core.ledger.dto import (
    CorrectionRow,
    ExcerptLine,
    GazetteRow,
    ImportPlan,
    ImportReport,
    NoteRow,
    PlannedTask,
    ReminderRow,
    ReportSettings,
    StatusChangeRow,
    TaskDetail,
    TaskFilter,
    TaskRow,
    UnitCount,
    UnitRow,
)
from core.ledger.editing.reminders import REMINDER_REASONS, ReminderEntry
from core.ledger.editing.tracking import FIELD_LABELS
from core.ledger.errors import (
    EditConflict,
    ImportWouldRetireError,
    InvalidFieldError,
    LedgerBusyError,
    LedgerCorruptError,
    LedgerDiskFullError,
    LedgerError,
    LedgerReadOnlyError,
    LedgerSchemaError,
    LedgerUnavailableError,
    LedgerUrlError,
    LedgerVersionError,
    TaskNotFoundError,
    UnitMergeError,
    UnknownStatusError,
    UnknownUnitError,
)
from core.ledger.service import Ledger, default_clerk
from core.ledger.statuses import STATUS_LABELS, STATUSES, due_state, parse_status
from core.ledger.storage.db import default_db_path, resolve_url
from core.ledger.unit_dto import (
    DirectoryUnit,
    Suggestion,
    SuggestionMember,
    UnitChangeRow,
    UnitTasks,
)

__all__ = [
    "FIELD_LABELS",
    "REMINDER_REASONS",
    "STATUSES",
    "STATUS_LABELS",
    "CorrectionRow",
    "DirectoryUnit",
    "EditConflict",
    "ExcerptLine",
    "GazetteRow",
    "ImportPlan",
    "ImportReport",
    "ImportWouldRetireError",
    "InvalidFieldError",
    "Ledger",
    "LedgerBusyError",
    "LedgerCorruptError",
    "LedgerDiskFullError",
    "LedgerError",
    "LedgerReadOnlyError",
    "LedgerSchemaError",
    "LedgerUnavailableError",
    "LedgerUrlError",
    "LedgerVersionError",
    "NoteRow",
    "PlannedTask",
    "ReminderEntry",
    "ReminderRow",
    "ReportSettings",
    "StatusChangeRow",
    "Suggestion",
    "SuggestionMember",
    "TaskDetail",
    "TaskFilter",
    "TaskNotFoundError",
    "TaskRow",
    "UnitChangeRow",
    "UnitCount",
    "UnitMergeError",
    "UnitRow",
    "UnitTasks",
    "UnknownStatusError",
    "UnknownUnitError",
    "default_clerk",
    "default_db_path",
    "due_state",
    "parse_status",
    "resolve_url",
]
