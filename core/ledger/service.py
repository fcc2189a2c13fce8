"""`Ledger`: the one service the CLI, the GUI and the weekly report call.

Construct it with a URL or an engine (no global state); every method opens a short-lived
session, commits or rolls back, and returns plain DTOs from `core.ledger.dto`. Writes run
in one transaction each (SQLite: `BEGIN IMMEDIATE`) and are retried when the database stays
busy, so a second process writing at the same time never surfaces "database is locked".
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.error_messages import connection_reason
from core.ledger.directory_service import UnitDirectoryMixin
from core.ledger.dto import (
    CorrectionRow,
    DocumentRow,
    DocumentText,
    ExcerptLine,
    GazetteRow,
    ImportPlan,
    ImportReport,
    NoteRow,
    ReminderRow,
    ReportSettings,
    StatusChangeRow,
    TaskDetail,
    TaskFilter,
    TaskPrefill,
    TaskRow,
    UnitCount,
    UnitRow,
)
from core.ledger.editing import dismissals, manual_tasks, reminders, tracking, units
from core.ledger.editing.manual_tasks import Provenance
from core.ledger.editing.reminders import ReminderEntry
from core.ledger.errors import (
    EditConflict,
    LedgerBusyError,
    LedgerCorruptError,
    LedgerError,
    LedgerUnavailableError,
    TaskNotFoundError,
)
from core.ledger.importing import importer, plan
from core.ledger.reading import listings, queries
from core.ledger.storage import failures, sources
from core.ledger.storage.db import (
    WRITE_OPTION,
    make_engine,
    resolve_url,
    retry_busy,
    sqlite_file,
)
from core.ledger.storage.integrity import NOT_SQLITE, check_sqlite_file
from core.ledger.storage.models import (
    TaskRecord,
)
from core.ledger.storage.schema import upgrade
from core.model import ExtractionResult

T = TypeVar("T")
log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def default_clerk() -> str:
    """The clerk's name when none is given: the OS user."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service/container environments
        return "未知用户"


class Ledger(UnitDirectoryMixin):
    """The clerk's 台账.

    >>> ledger = Ledger("sqlite:///台账.sqlite3")       # or Ledger() for the default file
    >>> ledger.import_file("公报2023第1期.txt")
    >>> rows = ledger.tasks(TaskFilter(unit="县发改局", due="week"))
    >>> ledger.set_status(rows[0].id, "推进中", expected_version=rows[0].version)

    `clock` returns the current UTC time (tests pin it); `today` follows it in local time.
    """

    def __init__(
        self,
        url: str | Engine | None = None,
        *,
        migrate: bool = True,
        clock: Clock | None = None,
    ) -> None:
        if isinstance(url, Engine):
            self.engine, self._owns_engine = url, False
        else:
            resolved = resolve_url(url)
            self._check_folder(resolved)
            self.engine, self._owns_engine = make_engine(resolved), True
        self._write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self._clock: Clock = clock or (lambda: datetime.now(UTC))
        self._migrate = migrate
        self.file: Path | None = sqlite_file(str(self.engine.url))
        # A SQLite file that did not exist (or was empty) before this open: a mistyped
        # path silently makes a new, empty ledger, so callers say so (`created`).
        self.created = self.file is not None and not _has_content(self.file)
        self.integrity_problem: str | None = None
        self.backup_path: Path | None = None
        self._open()

    def _open(self) -> None:
        """Check the file, then bring the schema up to date (skipped for a damaged file)."""
        if self.file is not None:
            self.integrity_problem = check_sqlite_file(self.file)
        if self.integrity_problem is not None:
            log.info("ledger %s is damaged: %s", self.file, self.integrity_problem)
            return
        try:
            self.backup_path = upgrade(self.engine) if self._migrate else None
        except OperationalError as exc:
            # Raised here only when the first connection fails (authentication, an
            # unreachable server, a file that cannot be opened): tell the clerk, not a bug.
            self.close()
            clear = failures.translate(exc, self.file)
            if clear is not None:
                raise clear from exc
            reason = connection_reason(exc)
            raise LedgerUnavailableError(self.url.split("?")[0], reason) from exc
        except BaseException:
            self.close()
            raise

    def reopen(self) -> None:
        """Drop pooled connections and check and migrate again, e.g. after a restore put
        a sound file where a damaged one was."""
        self.engine.dispose()
        self.integrity_problem = None
        self._open()

    @staticmethod
    def _check_folder(url: str) -> None:
        try:
            path = sqlite_file(url)
        except Exception:  # not a URL at all: `make_engine` says so in its own words
            return
        if path is None or path.parent.is_dir():
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LedgerError(
                f"无法创建台账所在的文件夹 {path.parent}（{exc.strerror or exc}），台账未打开；"
                "请检查 --db 路径和文件夹权限"
            ) from exc

    def corrupt_error(self) -> LedgerCorruptError:
        """The error that names this ledger's damage (call when `integrity_problem` is set)."""
        assert self.integrity_problem is not None
        problem = self.integrity_problem
        if problem != NOT_SQLITE:
            problem = f"完整性检查未通过：{problem}"
        return LedgerCorruptError(str(self.file), problem)

    @classmethod
    def open(cls, url: str | None = None, **kwargs: Any) -> Ledger:
        """The ledger at `url`, `TAIZHANG_DB_URL`, or the default file in the data folder."""
        return cls(url, **kwargs)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- time -------------------------------------------------------------------------
    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().astimezone().date()

    def now_on(self, today: date | None) -> datetime:
        """The instant "how long without an update" is measured from: the clock's now, or
        the same time of day on `today` when a caller asks as of another day (a report
        for a past week, `--today` in a demo). Keeps stagnation and due dates on one day."""
        now = self.now()
        if today is None or today == self.today():
            return now
        return datetime.combine(today, now.astimezone().timetz()).astimezone(UTC)

    # -- sessions ---------------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with Session(self.engine) as session, session.begin():
                yield session
        except DBAPIError as exc:
            clear = failures.translate(exc, self.file)
            if clear is None:
                raise
            if isinstance(clear, LedgerCorruptError) and self.integrity_problem is not None:
                clear = self.corrupt_error()
            raise clear from exc

    def _write(self, fn: Callable[[Session], T]) -> T:
        """Run `fn` in one write transaction; refused on a ledger that failed its check."""
        if self.integrity_problem is not None:
            raise self.corrupt_error()

        def attempt() -> T:
            with Session(self._write_engine, expire_on_commit=False) as s, s.begin():
                return fn(s)

        try:
            return retry_busy(attempt)
        except DBAPIError as exc:
            clear = failures.translate(exc, self.file)
            if clear is None:
                raise
            raise clear from exc

    # -- import -----------------------------------------------------------------------
    def import_file(
        self,
        path: str | Path,
        *,
        by: str | None = None,
        allow_retire: bool | frozenset[int] = False,
    ) -> ImportReport:
        """Extract `path` and import it. Bad input raises `core.errors.InputError` before
        anything is written."""
        from core import extract

        return self.import_result(extract(path), by=by, allow_retire=allow_retire)

    def plan_import(self, result: ExtractionResult, *, replace: bool = False) -> ImportPlan:
        """What `import_result` would do (add, update, retire, restore), changing nothing.

        The window shows `plan.retire` and asks before importing with
        `allow_retire=plan.retire_ids`. Raises `TocOnlyError` for a 目录-only file that
        belongs to no imported issue.
        """
        with self._read() as s:
            return plan.plan_import(s, result, replace=replace)

    def import_result(
        self,
        result: ExtractionResult,
        *,
        by: str | None = None,
        progress: importer.Progress | None = None,
        allow_retire: bool | frozenset[int] = False,
        replace: bool = False,
    ) -> ImportReport:
        """Store one extraction result in one transaction (all of it or none of it).

        An import that would retire tasks (a corrected re-issue no longer printing them)
        raises `ImportWouldRetireError` with the list unless `allow_retire` is True or
        holds every listed id. True (or `replace=True`) also takes a part of an imported
        issue as its replacement; otherwise such a part changes nothing
        (`outcome="partial_copy"`). With `replace=True` and a set of ids, only the tasks
        of `plan_import(result, replace=True).retire` that the clerk was shown may go.

        Two clerks importing the same file at once (PostgreSQL) race to insert the same
        gazette: the loser's transaction fails on the unique key and rolls back whole. It is
        run once more, and then finds the winner's import ("已导入过"); the same goes for two
        new files naming the same new unit. A second clash is reported, not retried.
        """
        clerk = by or default_clerk()
        now = self.now()

        def run() -> ImportReport:
            return self._write(
                lambda s: importer.import_result(
                    s, result, clerk, progress, now, allow_retire, replace
                )
            )

        try:
            return run()
        except IntegrityError:
            return run()

    # -- queries ----------------------------------------------------------------------
    def tasks(
        self,
        filter: TaskFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        today: date | None = None,
    ) -> list[TaskRow]:
        """Tasks matching `filter`, soonest deadline first (no deadline last)."""
        f, day = filter or TaskFilter(), today or self.today()
        with self._read() as s:
            return queries.load_matching(s, f, day, self.now_on(today), limit, offset)

    def task_ids(self, filter: TaskFilter | None = None, *, today: date | None = None) -> list[int]:
        """Only the ids, in display order: for big tables that load rows lazily."""
        with self._read() as s:
            f, day = filter or TaskFilter(), today or self.today()
            return queries.select_ids(s, f, day, self.now_on(today))

    def rows(self, ids: Sequence[int], *, today: date | None = None) -> list[TaskRow]:
        """TaskRows for given ids (in that order), e.g. the visible slice of a table."""
        with self._read() as s:
            return queries.load_rows(s, list(ids), today or self.today())

    def count(self, filter: TaskFilter | None = None, *, today: date | None = None) -> int:
        with self._read() as s:
            f, day = filter or TaskFilter(), today or self.today()
            return queries.count(s, f, day, self.now_on(today))

    def stagnant(self, days: int, *, today: date | None = None) -> list[TaskRow]:
        """Open tasks with no status change, note or correction for at least `days` days."""
        return self.tasks(TaskFilter(stagnant_days=days), today=today)

    def unit_counts(
        self,
        filter: TaskFilter | None = None,
        *,
        roles: Sequence[str] = ("lead",),
        today: date | None = None,
    ) -> list[UnitCount]:
        """Per canonical unit (as `roles`): tasks by status, overdue, due soon."""
        with self._read() as s:
            return queries.unit_counts(
                s, filter or TaskFilter(), today or self.today(), self.now_on(today), roles
            )

    def task(self, task_id: int, *, today: date | None = None) -> TaskDetail:
        """One task with its status history, notes and corrections (oldest first)."""
        day = today or self.today()
        with self._read() as s:
            return listings.task_detail(s, task_id, day)

    def history_between(self, start: datetime, end: datetime) -> list[StatusChangeRow]:
        """Status changes in [start, end): what the weekly report lists as done this week."""
        with self._read() as s:
            return listings.history_between(s, start, end)

    def notes_between(self, start: datetime, end: datetime) -> list[NoteRow]:
        """Progress notes written in [start, end), oldest first."""
        with self._read() as s:
            return listings.notes_between(s, start, end)

    def corrections_between(self, start: datetime, end: datetime) -> list[CorrectionRow]:
        """Field corrections made in [start, end), oldest first (deadline moved, units …)."""
        with self._read() as s:
            return listings.corrections_between(s, start, end)

    def reminders_between(self, start: datetime, end: datetime) -> list[ReminderRow]:
        """Reminders (催办) logged in [start, end), oldest first."""
        with self._read() as s:
            return listings.reminders_between(s, start, end)

    def record_reminders(self, entries: Sequence[ReminderEntry], *, by: str | None = None) -> int:
        """Log the tasks named in 催办通知单 (one transaction); returns how many were logged."""
        clerk, now = by or default_clerk(), self.now()
        return self._write(lambda s: reminders.record(s, entries, clerk, now))

    def report_settings(self) -> ReportSettings:
        """The office's name and the report header fields kept in this ledger."""
        with self._read() as s:
            return reminders.read_settings(s)

    def set_report_settings(self, settings: ReportSettings) -> ReportSettings:
        return self._write(lambda s: reminders.write_settings(s, settings))

    def gazettes(self) -> list[GazetteRow]:
        with self._read() as s:
            return listings.gazette_rows(s)

    def units(self) -> list[UnitRow]:
        """Canonical units with their aliases and how many live tasks name them."""
        with self._read() as s:
            return listings.unit_rows(s)

    # -- edits ------------------------------------------------------------------------
    def set_status(
        self,
        task_id: int,
        status: str,
        *,
        note: str | None = None,
        by: str | None = None,
        expected_version: int | None = None,
        completed_on: date | None = None,
    ) -> TaskRow:
        """Change a task's status (key or Chinese label); recorded in history.

        With `expected_version`, raises `EditConflict` if someone saved the task since.
        """
        clerk, day = by or default_clerk(), self.today()
        return self._edit(
            task_id,
            expected_version,
            lambda s: tracking.set_status(
                s,
                task_id,
                status,
                by=clerk,
                now=self._now_locked(s, task_id),
                today=day,
                note=note,
                expected_version=expected_version,
                completed_on=completed_on,
            ),
        )

    def add_note(
        self,
        task_id: int,
        *,
        progress: str | None,
        problems: str | None = None,
        next_steps: str | None = None,
        by: str | None = None,
        expected_version: int | None = None,
    ) -> NoteRow:
        """Record 进展情况 / 存在问题 / 下步措施 for a task."""
        clerk = by or default_clerk()

        def run(s: Session) -> NoteRow:
            n = tracking.add_note(
                s,
                task_id,
                by=clerk,
                now=self._now_locked(s, task_id),
                progress=progress,
                problems=problems,
                next_steps=next_steps,
                expected_version=expected_version,
            )
            return listings.note_row(n)

        return self._guard_stale(task_id, expected_version, lambda: self._write(run))

    def correct_field(
        self,
        task_id: int,
        field: str,
        value: Any,
        *,
        by: str | None = None,
        expected_version: int | None = None,
    ) -> TaskRow:
        """Correct one extracted field; a later re-issue never overwrites it."""
        clerk = by or default_clerk()
        return self._edit(
            task_id,
            expected_version,
            lambda s: tracking.correct_field(
                s,
                task_id,
                field,
                value,
                by=clerk,
                now=self._now_locked(s, task_id),
                expected_version=expected_version,
            ),
        )

    def add_task(
        self,
        gazette_id: int,
        text: str,
        *,
        document_id: int | None = None,
        lead_units: Sequence[str] | str = (),
        support_units: Sequence[str] | str = (),
        deadline: date | str | None = None,
        amounts: Any = None,
        leader: str | None = None,
        provenance: Provenance | None = None,
        by: str | None = None,
    ) -> TaskRow:
        """Add a task by hand under a gazette (and optionally one of its documents).

        The task is marked `manual` (`TaskRow.manual`); re-issues never touch it. `amounts`
        may be text ("24万元；0.9元/棒", read with the extraction's money rules) or a list.
        `provenance` records the source lines it was added from (see `prefill_task`).
        """
        clerk, now = by or default_clerk(), self.now()
        task_id = self._write(
            lambda s: (
                manual_tasks.add_task(
                    s,
                    gazette_id,
                    text,
                    by=clerk,
                    now=now,
                    document_id=document_id,
                    lead_units=lead_units,
                    support_units=support_units,
                    deadline=deadline,
                    amounts=amounts,
                    leader=leader,
                    provenance=provenance,
                ).id
            )
        )
        return self.rows([task_id])[0]

    def correct_fields(
        self,
        changes: Sequence[tuple[int, str, Any]],
        *,
        by: str | None = None,
        expected_versions: dict[int, int] | None = None,
    ) -> list[TaskRow]:
        """Correct fields of many tasks in ONE transaction: (task id, field, value) each.

        All or nothing: one refused value (or, with `expected_versions`, one task saved by
        someone else meanwhile) leaves every task unchanged. Returns each task's fresh row,
        in the order first named.
        """
        clerk, now = by or default_clerk(), self.now()
        versions = dict(expected_versions or {})

        def run(s: Session) -> list[int]:
            seen: list[int] = []
            for task_id, field, value in changes:
                expected = versions.pop(task_id, None)  # checked on a task's first change
                tracking.correct_field(
                    s, task_id, field, value, by=clerk, now=now, expected_version=expected
                )
                if task_id not in seen:
                    seen.append(task_id)
            return seen

        first = changes[0][0] if changes else 0
        ids = self._guard_stale(
            first, (expected_versions or {}).get(first), lambda: self._write(run)
        )
        return self.rows(ids)

    # -- documents ---------------------------------------------------------------------
    def documents(self, gazette_id: int | None = None) -> list[DocumentRow]:
        """Every document (of a gazette), with task count, open 可能遗漏 cues and flag."""
        from core.ledger.reading import documents  # reads text rules: not at start-up

        with self._read() as s:
            return documents.document_rows(s, gazette_id)

    def document_text(self, document_id: int) -> DocumentText:
        """A document's whole source text, its tasks' line spans and its cues."""
        from core.ledger.reading import documents

        with self._read() as s:
            return documents.document_text(s, document_id)

    def prefill_task(
        self, document_id: int, first_line: int, last_line: int | None = None
    ) -> TaskPrefill:
        """A task read from lines first..last of a document by extraction's field rules;
        pass its fields (and `Provenance`) to `add_task` once the clerk checked them.
        Without `last_line` the item starting at `first_line` is taken whole."""
        from core.ledger.reading import source_prefill  # the finders' rules, when needed

        with self._read() as s:
            return source_prefill.prefill(s, document_id, first_line, last_line)

    def dismiss_cues(
        self, cue_ids: Sequence[int], *, dismissed: bool = True, by: str | None = None
    ) -> list[int]:
        """不是任务 on 可能遗漏 cues (or take it back); returns the ids that changed."""
        clerk, now = by or default_clerk(), self.now()
        return self._write(
            lambda s: dismissals.dismiss_cues(s, list(cue_ids), dismissed, by=clerk, now=now)
        )

    def dismiss_document(
        self, document_id: int, *, dismissed: bool = True, by: str | None = None
    ) -> list[int]:
        """不是任务 on a flagged document and its open cues (or restore its flag only);
        returns the ids of the cues dismissed with it."""
        clerk, now = by or default_clerk(), self.now()
        return self._write(
            lambda s: dismissals.dismiss_document(s, document_id, dismissed, by=clerk, now=now)
        )

    def delete_task(
        self, task_id: int, *, by: str | None = None, expected_version: int | None = None
    ) -> TaskRow:
        """Delete a task: it is retired (hidden from every query, its history kept) and
        `restore_task` brings it back. Returns the deleted row (`retired` is True)."""
        clerk = by or default_clerk()
        return self._edit(
            task_id,
            expected_version,
            lambda s: manual_tasks.delete_task(
                s,
                task_id,
                by=clerk,
                now=self._now_locked(s, task_id),
                expected_version=expected_version,
            ),
        )

    def restore_task(
        self, task_id: int, *, by: str | None = None, expected_version: int | None = None
    ) -> TaskRow:
        """Undo `delete_task`: the task shows again, with everything it had."""
        clerk = by or default_clerk()
        return self._edit(
            task_id,
            expected_version,
            lambda s: manual_tasks.restore_task(
                s,
                task_id,
                by=clerk,
                now=self._now_locked(s, task_id),
                expected_version=expected_version,
            ),
        )

    def delete_note(self, note_id: int, *, by: str | None = None) -> TaskRow:
        """Remove a progress note (undo of `add_note`); returns its task's fresh row."""
        clerk, now = by or default_clerk(), self.now()
        task_id = self._guard_stale(
            0,
            None,
            lambda: self._write(
                lambda s: manual_tasks.delete_note(s, note_id, by=clerk, now=now).id
            ),
        )
        return self.rows([task_id])[0]

    def source_excerpt(self, task_id: int, context: int = 5) -> list[ExcerptLine]:
        """The source lines around where the task starts, the target line marked.

        Empty for tasks added by hand and for gazettes imported before the text was kept.
        """
        with self._read() as s:
            rec = s.execute(
                select(TaskRecord.gazette_id, TaskRecord.line).where(TaskRecord.id == task_id)
            ).first()
            if rec is None:
                raise TaskNotFoundError(task_id)
            gazette_id, line = rec
            if line <= 0:
                return []
            return sources.excerpt(sources.source_lines(s, gazette_id), line, context)

    def merge_unit(
        self, alias: str, canonical: str, *, by: str | None = None, county: str | None = None
    ) -> UnitRow:
        """Make `alias` another name of `canonical` (created if new) in `county` (default:
        where `alias` is a unit); filters follow. `accept_merge` is the undoable form."""
        clerk = by or default_clerk()
        unit_id = self._write(
            lambda s: units.merge_unit(s, alias, canonical, clerk, county=county).id
        )
        return next(u for u in self.units() if u.id == unit_id)

    def _now_locked(self, session: Session, task_id: int) -> datetime:
        """The time of an edit, read once the task's row is locked for this transaction.

        Read before the lock, a clerk who waited for another's save would stamp history
        earlier than that save although it commits after it, and `show` (oldest first)
        would list the two out of order with a broken from→to chain (PostgreSQL; SQLite
        takes its write lock at BEGIN, before this runs). The edit itself locks the same
        row again at no cost; a missing task is reported there.
        """
        session.get(TaskRecord, task_id, with_for_update=True)
        return self.now()

    def _edit(
        self, task_id: int, expected_version: int | None, fn: Callable[[Session], TaskRecord]
    ) -> TaskRow:
        def run(s: Session) -> int:
            return fn(s).id

        self._guard_stale(task_id, expected_version, lambda: self._write(run))
        return self.rows([task_id])[0]

    def _guard_stale(self, task_id: int, expected_version: int | None, fn: Callable[[], T]) -> T:
        """Turn SQLAlchemy's version check failing at flush into a typed `EditConflict`.

        That happens when another clerk saved the task between our read and our write
        (PostgreSQL; SQLite's write lock rules it out). Without `expected_version` the caller
        asked to apply the change whatever the version, so it is simply re-run on the fresh
        row: every clerk's change lands in history, none is lost.
        """
        for _ in range(5 if expected_version is None else 1):
            try:
                return fn()
            except StaleDataError:
                if expected_version is None:
                    continue
                with self._read() as s:
                    rec = s.get(TaskRecord, task_id)
                    if rec is None:
                        raise TaskNotFoundError(task_id) from None
                    raise EditConflict(
                        task_id=task_id,
                        expected_version=expected_version,
                        current_version=rec.version,
                        changed_by=rec.updated_by,
                        changed_at=queries.as_utc(rec.updated_at),
                        change=rec.last_change,
                    ) from None
        raise LedgerBusyError("（任务正被频繁修改）")

    def changed_since(self, since: datetime) -> list[int]:
        """Ids of tasks changed (by anyone, any process) after `since`: for refreshing views."""
        with self._read() as s:
            return listings.changed_since(s, since)
