"""What an import would do, worked out before anything is written (`ImportPlan`).

An incoming file that shares its issue identity with a gazette in the ledger used to be
taken as a corrected re-issue, whatever it held: the first pages of an issue, a 目录-only
excerpt or a PDF of a few documents then "dropped" every task it did not print. Now:

- A file that is a strict part of an imported issue (every document it holds is one of the
  issue's documents, every task it holds is one of the issue's tasks, and it lacks some of
  the issue's documents or its text is a piece of the issue's text) changes nothing and
  says so. Documents are matched by 文号 or title and tasks by content, never by file hash.
- A real re-issue lists the tasks it would retire; the caller decides (`allow_retire`).
- A file holding only a 目录 adds nothing: it is part of an imported issue, or refused.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import TocOnlyError
from core.ledger.dto import ImportPlan, PlannedTask
from core.ledger.importing.extracted import match_keys, result_sha256
from core.ledger.importing.known_documents import DocIdentity, document_identity, find_known
from core.ledger.importing.reissue import find_reissue_target
from core.ledger.storage.models import DocumentRecord, GazetteIssue, TaskRecord
from core.ledger.storage.sources import source_lines
from core.model import Document, ExtractionResult

_SPACE = re.compile(r"\s+")


def plan_import(
    session: Session,
    result: ExtractionResult,
    *,
    replace: bool = False,
    keys: list[str] | None = None,
) -> ImportPlan:
    """Classify `result` against the ledger; reads only.

    `replace=True` means the clerk said this file replaces its issue as printed: a part of
    an issue is then taken as a re-issue too (and its retirements are allowed by the caller).
    Raises `TocOnlyError` for a 目录-only file that belongs to no imported issue.
    """
    return classify(session, result, replace=replace, keys=keys)[0]


def classify(
    session: Session,
    result: ExtractionResult,
    *,
    replace: bool = False,
    keys: list[str] | None = None,
) -> tuple[ImportPlan, dict[int, DocumentRecord]]:
    """`plan_import`, plus the known documents it found (the importer reuses them)."""
    file_name = Path(result.source).name or result.source
    same = session.scalar(
        select(GazetteIssue).where(GazetteIssue.text_sha256 == result_sha256(result))
    )
    if same is not None:
        return ImportPlan(
            file_name=file_name,
            outcome="already_imported",
            gazette_id=same.id,
            gazette_label=gazette_label(same),
            message=f"{file_name}：已导入过（与 {same.file_name} 内容相同），未作改动",
        ), {}
    keys = keys if keys is not None else match_keys(result.tasks)
    toc_only = (
        not result.tasks
        and any(d.is_toc for d in result.documents)
        and all(d.is_toc for d in result.documents)
    )
    target = find_reissue_target(session, result, file_name, keys)
    if target is None:
        if toc_only:
            raise TocOnlyError(result.source)
        known = find_known(session, result.documents)
        return ImportPlan(
            file_name=file_name,
            outcome="documents_updated" if known else "imported",
            tasks_new=len(keys),
        ), known
    label = gazette_label(target)
    if not replace and is_part_of(session, target, result, keys):
        what = "（只有目录）" if toc_only else ""
        return ImportPlan(
            file_name=file_name,
            outcome="partial_copy",
            gazette_id=target.id,
            gazette_label=label,
            toc_only=toc_only,
            message=f"{file_name}：该文件是已导入的{label}的一部分{what}，未作改动",
        ), {}
    old = session.execute(
        select(
            TaskRecord.id,
            TaskRecord.match_key,
            TaskRecord.retired_at,
            TaskRecord.deleted_by,
            TaskRecord.doc_number,
            TaskRecord.ref,
            TaskRecord.text,
        )
        .where(TaskRecord.gazette_id == target.id, TaskRecord.manual.is_(False))
        .order_by(TaskRecord.id)
    ).all()
    incoming = set(keys)
    retire, restore, matched = [], [], 0
    for task_id, key, retired_at, deleted_by, doc_number, ref, text in old:
        planned = PlannedTask(task_id, doc_number, ref, text)
        if key in incoming:
            matched += 1
            if retired_at is not None and deleted_by is None:
                restore.append(planned)
        elif retired_at is None:
            retire.append(planned)
    return ImportPlan(
        file_name=file_name,
        outcome="reissue_updated",
        gazette_id=target.id,
        gazette_label=label,
        tasks_new=len(keys) - matched,
        tasks_matched=matched,
        retire=tuple(retire),
        restore=tuple(restore),
        toc_only=toc_only,
    ), {}


def gazette_label(gazette: GazetteIssue) -> str:
    """`《兴县人民政府公报》2023年第4期`, or the file name when the issue is unknown."""
    name = gazette.title or (f"{gazette.county}人民政府公报" if gazette.county else "")
    if not name:
        return f"《{gazette.file_name}》"
    issue = f"{gazette.year}年第{gazette.issue}期" if gazette.year and gazette.issue else ""
    return f"《{name}》{issue}"


def is_part_of(
    session: Session, gazette: GazetteIssue, result: ExtractionResult, keys: list[str]
) -> bool:
    """Whether `result` is a strict part of `gazette` as the ledger holds it."""
    theirs = {
        _identity(d.doc_number, d.title, d.issue_date)
        for d in session.scalars(
            select(DocumentRecord).where(
                DocumentRecord.gazette_id == gazette.id, DocumentRecord.is_toc.is_(False)
            )
        )
    }
    ours = {_identity(d.doc_number, d.title, d.issue_date) for d in _body(result.documents)}
    if not ours <= theirs:
        return False
    old = session.execute(
        select(TaskRecord.match_key, TaskRecord.text).where(
            TaskRecord.gazette_id == gazette.id, TaskRecord.manual.is_(False)
        )
    ).all()
    old_keys = {key for key, _ in old}
    old_texts = [_squash(text) for _, text in old]
    for task, key in zip(result.tasks, keys, strict=True):
        if key in old_keys:
            continue
        # A task cut short where the excerpt ends: its text is a piece of a known task.
        text = _squash(task.text)
        if not text or not any(text in known for known in old_texts):
            return False
    if len(ours) < len(theirs):
        return True
    # Every document is there: a part only if its text is a piece of the issue's text
    # (an excerpt that ends inside the last document).
    mine = _squash(result.text or "")
    stored = _squash("\n".join(source_lines(session, gazette.id)))
    return bool(mine) and len(mine) < len(stored) and mine in stored


def _identity(
    doc_number: str | None, title: str | None, issue_date: str | date | None
) -> DocIdentity:
    ident = document_identity(doc_number, title, issue_date)
    return ident if ident is not None else ("标题", _squash(title or ""))


def _body(documents: list[Document]) -> list[Document]:
    return [d for d in documents if not d.is_toc]


def _squash(text: str) -> str:
    return _SPACE.sub("", text)
