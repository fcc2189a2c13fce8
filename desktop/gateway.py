"""The one place the GUI calls the ledger: core DTOs in, table rows and outcomes out.

No SQL and no parsing here: extraction is `core.extract`, storage is `core.ledger.Ledger`.
The gateway adds what only the GUI needs: table rows with a search haystack, the clerk's
name on every edit, and import outcomes with per-kind task counts for the summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from core.ledger import ExcerptLine, Ledger, TaskDetail, TaskFilter
from core.ledger import TaskRow as LedgerRow
from core.ledger.dto import DocumentRow, DocumentText, ImportReport, TaskPrefill
from core.ledger.unit_dto import DirectoryUnit, Suggestion, UnitChangeRow
from core.model import Document, ExtractionResult
from desktop.actions.importing import ConfirmRetire, FileOutcome
from desktop.table.rows import TaskRow
from desktop.views.nav_panel import GazetteInfo

CONTEXT_LINES = 4  # source lines shown above and below a task's first line


@dataclass(frozen=True)
class Snapshot:
    """Everything the main window shows, loaded in one go off the GUI thread."""

    rows: list[TaskRow]
    gazettes: list[GazetteInfo]
    documents: list[DocumentRow] = field(default_factory=list)  # every document, none left out


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None or dt.tzinfo is not None:
        return dt
    return dt.replace(tzinfo=UTC)


def to_row(t: LedgerRow) -> TaskRow:
    money = [float(a.get("yuan") or 0) for a in t.amounts if not a.get("per")]
    lead, support = tuple(t.lead_units), tuple(t.support_units)
    blob = "\n".join((t.text, *lead, *support, t.doc_number or "", t.doc_title or "")).lower()
    return TaskRow(
        id=t.id,
        text=t.text,
        lead_units=lead,
        support_units=support,
        deadline=t.deadline,
        amount_yuan=sum(money) if money else None,
        status=t.status,
        doc_number=t.doc_number,
        doc_title=t.doc_title,
        gazette_id=t.gazette_id,
        document_id=t.document_id,
        doc_key=t.doc_number or t.doc_title,
        last_activity=_aware(t.last_activity_at),
        version=t.version,
        manual=t.manual,
        retired=t.retired,
        lead_unit_ids=tuple(t.lead_unit_ids),
        support_unit_ids=tuple(t.support_unit_ids),
        search_blob=blob,  # same haystack as rows.make_search_blob, built in one pass
    )


def gazette_label(
    title: str | None, county: str | None, year: int | None, issue: int | None, file_name: str
) -> str:
    name = title or (f"{county}政府公报" if county else "") or Path(file_name).stem
    if year and issue:
        return f"{name} {year}年第{issue}期"
    return name


def review_notes(documents: Sequence[Document]) -> tuple[str, ...]:
    """Per document that may hide a missed task: `<文号>：可能遗漏 3 处` (import summary)."""
    out = []
    for d in documents:
        if d.is_toc:
            continue
        name = d.doc_number or f"《{d.title}》"
        if d.missed:
            out.append(f"{name}：可能遗漏 {len(d.missed)} 处")
        elif d.flagged:
            out.append(f"{name}：有分工表述但未识别出任务")
    return tuple(out)


class LedgerGateway:
    """Wraps one `Ledger`; the clerk's name is read at each edit (it is a setting).

    Edit methods are called from TaskRunner jobs (off the GUI thread): they only touch the
    ledger, which opens its own short session per call, and return plain rows.
    """

    def __init__(self, ledger: Ledger, clerk: Callable[[], str]) -> None:
        self.ledger = ledger
        self.clerk = clerk

    # --- reads -----------------------------------------------------------------------
    def load_snapshot(self) -> Snapshot:
        rows = [to_row(t) for t in self.ledger.tasks(TaskFilter())]
        gazettes = [
            GazetteInfo(
                g.id,
                gazette_label(g.title, g.county, g.year, g.issue, g.file_name),
                g.county or "",
            )
            for g in self.ledger.gazettes()
        ]
        return Snapshot(rows, gazettes, self.ledger.documents())

    def rows(self, ids: Sequence[int]) -> list[TaskRow]:
        return [to_row(t) for t in self.ledger.rows(list(ids))]

    def detail(self, task_id: int) -> TaskDetail:
        return self.ledger.task(task_id)

    def excerpt(self, task_id: int, radius: int = CONTEXT_LINES) -> list[ExcerptLine]:
        """Source lines around the task's first line, from the text stored in the ledger."""
        return self.ledger.source_excerpt(task_id, radius)

    def documents(self, gazette_id: int) -> list[tuple[int, str]]:
        """(document id, label) of a gazette's documents, for the new-task dialog."""
        seen: dict[int, str] = {}
        for r in self.ledger.tasks(TaskFilter(gazette_id=gazette_id)):
            if r.document_id is not None and r.document_id not in seen:
                seen[r.document_id] = r.doc_number or r.doc_title or f"文件 {r.document_id}"
        return sorted(seen.items())

    def all_documents(self) -> list[DocumentRow]:
        """Every document with its task count and open 可能遗漏 marks (the tree's nodes)."""
        return self.ledger.documents()

    def document_text(self, document_id: int) -> DocumentText:
        return self.ledger.document_text(document_id)

    def prefill(self, document_id: int, first: int, last: int | None) -> TaskPrefill:
        return self.ledger.prefill_task(document_id, first, last)

    def unit_names(self) -> list[str]:
        """Canonical unit names and their aliases, for completing unit fields."""
        names: list[str] = []
        for u in self.ledger.units():
            names.append(u.name)
            names.extend(u.aliases)
        return names

    # --- edits (each returns what undo needs; safe to call off the GUI thread) --------
    def set_status(
        self, task_id: int, status: str, note: str = "", expected_version: int | None = None
    ) -> TaskRow:
        return to_row(
            self.ledger.set_status(
                task_id,
                status,
                note=note or None,
                by=self.clerk(),
                expected_version=expected_version,
            )
        )

    def add_note(
        self, task_id: int, progress: str, problems: str, next_steps: str
    ) -> tuple[int, TaskRow]:
        """Save a note; returns its id (for undo) and the task's fresh row."""
        note = self.ledger.add_note(
            task_id,
            progress=progress or None,
            problems=problems or None,
            next_steps=next_steps or None,
            by=self.clerk(),
        )
        return note.id, self.rows([task_id])[0]

    def delete_note(self, note_id: int) -> TaskRow:
        return to_row(self.ledger.delete_note(note_id, by=self.clerk()))

    def correct_field(
        self, task_id: int, field: str, value: Any, expected_version: int | None = None
    ) -> TaskRow:
        return to_row(
            self.ledger.correct_field(
                task_id, field, value, by=self.clerk(), expected_version=expected_version
            )
        )

    def correct_fields(
        self, changes: Sequence[tuple[int, str, Any]], expected: dict[int, int] | None = None
    ) -> list[TaskRow]:
        """Several corrections (task id, field, value) in one ledger transaction."""
        return [
            to_row(r)
            for r in self.ledger.correct_fields(
                list(changes), by=self.clerk(), expected_versions=expected
            )
        ]

    def dismiss_cues(self, cue_ids: Sequence[int], dismissed: bool = True) -> list[int]:
        return self.ledger.dismiss_cues(list(cue_ids), dismissed=dismissed, by=self.clerk())

    def dismiss_document(self, document_id: int, dismissed: bool = True) -> list[int]:
        return self.ledger.dismiss_document(document_id, dismissed=dismissed, by=self.clerk())

    def add_task(self, values: dict[str, Any]) -> TaskRow:
        """`values`: gazette_id, text and optionally document_id, units, deadline, amounts."""
        return to_row(self.ledger.add_task(by=self.clerk(), **values))

    def delete_task(self, task_id: int, expected_version: int | None = None) -> TaskRow:
        return to_row(
            self.ledger.delete_task(task_id, by=self.clerk(), expected_version=expected_version)
        )

    def restore_task(self, task_id: int) -> TaskRow:
        return to_row(self.ledger.restore_task(task_id, by=self.clerk()))

    # --- import ----------------------------------------------------------------------
    def import_path(
        self,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        confirm: ConfirmRetire | None = None,
    ) -> FileOutcome:
        """Extract and import one file (on a worker thread).

        An import that would retire tasks is planned first and `confirm(plan)` is asked
        (the window shows the list); declined or unasked, nothing changes. Only the tasks
        the clerk was shown may be retired, even if the ledger changed in between.
        """
        return self._import(path, progress, confirm, replace=False)

    def replace_issue(
        self,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        confirm: ConfirmRetire | None = None,
    ) -> FileOutcome:
        """按新版替换此期 (on a worker thread): take `path` as the new version of the issue
        it is a part of, like `taizhang import --replace`, but only after `confirm(plan)`
        saw exactly the tasks it would retire. One transaction; declined, nothing changes,
        and a ledger that changed since the question refuses rather than retiring more.
        """
        return self._import(path, progress, confirm, replace=True)

    def _import(
        self,
        path: Path,
        progress: Callable[[int, int], None] | None,
        confirm: ConfirmRetire | None,
        *,
        replace: bool,
    ) -> FileOutcome:
        """Plan, ask, store: the one path of both an import and a replace. An import asks
        when it would retire tasks; a replace always asks, as it rewrites an issue."""
        from core import extract

        result = extract(path)
        plan = self.ledger.plan_import(result, replace=replace)
        ask = plan.outcome == "reissue_updated" if replace else bool(plan.retire)
        if ask and (confirm is None or not confirm(plan)):
            message = (
                f"{plan.file_name}：已取消按新版替换，台账未作改动"
                if replace
                else f"{plan.file_name}：已取消导入，{len(plan.retire)} 项任务保持不变，"
                "台账未作改动"
            )
            return FileOutcome(file_name=plan.file_name, outcome="declined", message=message)
        # only the tasks the clerk was shown (none when nothing was to be retired)
        report = self.ledger.import_result(
            result,
            by=self.clerk(),
            progress=progress,
            allow_retire=plan.retire_ids,
            replace=replace,
        )
        if report.outcome == "partial_copy":
            # A 目录-only file is never offered as the issue's new version: it would retire
            # every task of the issue.
            offer = None if plan.toc_only else path
            return FileOutcome(
                report.file_name, report.outcome, message=report.message, replace_path=offer
            )
        return self._outcome(result, report)

    @staticmethod
    def _outcome(result: ExtractionResult, report: ImportReport) -> FileOutcome:
        """The summary's view of a stored import: tasks and documents new to the ledger."""
        # Tasks of documents the ledger already held were updated, not added: not counted.
        kinds = Counter[str](t.kind for t in result.tasks) - Counter(report.known_task_kinds)
        fresh = report.outcome != "already_imported"
        return FileOutcome(
            file_name=report.file_name,
            outcome=report.outcome,
            documents=sum(1 for d in result.documents if not d.is_toc)
            - len(report.known_documents),
            tasks_by_kind=dict(kinds) if fresh else {},
            warnings=tuple(result.warnings),
            message=report.message,
            known_documents=report.known_documents,
            review=review_notes(result.documents) if fresh else (),
        )

    def today(self) -> date:
        return self.ledger.today()

    def now(self) -> datetime:
        """The ledger's clock (fixed by `--today`): what 超过N天未更新 counts from."""
        return self.ledger.now()

    # --- unit directory (单位管理) -----------------------------------------------------
    def unit_directory(self, county: str | None = None) -> list[DirectoryUnit]:
        return self.ledger.unit_directory(county)

    def unit_counties(self) -> list[str]:
        return self.ledger.unit_counties()

    def unit_suggestions(self, county: str | None = None) -> list[Suggestion]:
        return self.ledger.suggest_unit_merges(county)

    def unit_history(self) -> list[UnitChangeRow]:
        return self.ledger.unit_history()

    def collective_candidates(self, group_id: int) -> list[DirectoryUnit]:
        return self.ledger.collective_candidates(group_id)

    def unit_task_ids(self, unit_ids: Sequence[int]) -> list[int]:
        """Live tasks naming any of these units (lead or support), for refreshing rows."""
        found: set[int] = set()
        for uid in unit_ids:
            found.update(self.ledger.task_ids(TaskFilter(unit_id=uid)))
        return sorted(found)

    def unit_change(self, action: str, *args: Any) -> UnitChangeRow:
        """One directory edit by the clerk: accept_merge, reject_suggestion, rename_unit,
        set_unit_contacts, set_unit_kind or expand_collective (ledger method names)."""
        allowed = {
            "accept_merge",
            "reject_suggestion",
            "rename_unit",
            "add_unit",
            "set_unit_contacts",
            "set_unit_kind",
            "expand_collective",
        }
        if action not in allowed:
            raise ValueError(action)
        method = getattr(self.ledger, action)
        return method(*args, by=self.clerk())  # type: ignore[no-any-return]

    def undo_unit_change(self, change_id: int) -> UnitChangeRow:
        return self.ledger.undo_unit_change(change_id, by=self.clerk())

    # --- report ----------------------------------------------------------------------
    def export_weekly(
        self,
        day: date,
        *,
        unit: str | None = None,
        gazette_id: int | None = None,
        out: Path | None = None,
    ) -> Path:
        """Write the weekly workbook (core.report); returns the file written."""
        from core.report import export_weekly_report

        return Path(
            export_weekly_report(self.ledger, day, unit=unit, gazette_id=gazette_id, out=out)
        )

    # --- reminders and report header --------------------------------------------------
    def reminder_notices(
        self, *, overdue: bool, due_soon: bool, idle_days: int | None
    ) -> list[Any]:
        """The 催办 notices that would be sent (core.report.reminders.UnitNotice)."""
        from core.report.reminders import select_notices

        return select_notices(self.ledger, overdue=overdue, due_soon=due_soon, idle_days=idle_days)

    def send_reminders(self, notices: list[Any], out: Path, reply_by: date) -> Any:
        """Write the notices and log them in each task's history (one transaction)."""
        from core.report.reminders import send_reminders

        return send_reminders(self.ledger, out, notices, reply_by=reply_by, by=self.clerk())

    def report_settings(self) -> Any:
        return self.ledger.report_settings()

    def set_report_settings(self, settings: Any) -> Any:
        return self.ledger.set_report_settings(settings)
