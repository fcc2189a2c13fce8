"""`replace=True`: a part of an imported issue taken as its new version, retiring only what
the clerk was shown (the window's 按新版替换此期; the CLI's --replace retires all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import seed_path

from core import extract
from core.ledger import ImportWouldRetireError, Ledger, TaskFilter
from core.model import ExtractionResult

DROPPED = "稷政办发〔2022〕36号"


@pytest.fixture
def shorter(tmp_path: Path) -> ExtractionResult:
    """Seed 004 without the whole document 36号 (9 tasks)."""
    seed = seed_path("004")
    doc = next(d for d in extract(seed).documents if d.doc_number == DROPPED)
    assert doc.first_line and doc.last_line
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "新版.txt"
    path.write_text("".join(lines[: doc.first_line - 1] + lines[doc.last_line :]), encoding="utf-8")
    return extract(path)


def _rows(ledger: Ledger) -> list[tuple[object, ...]]:
    rows = ledger.tasks(TaskFilter(include_retired=True))
    return sorted((r.id, r.status, r.retired, r.version, r.text) for r in rows)


def test_a_part_is_a_partial_copy_unless_replaced_and_replace_lists_what_goes(
    ledger: Ledger, shorter: ExtractionResult
) -> None:
    ledger.import_file(seed_path("004"))
    dropped = {r.id for r in ledger.tasks() if r.doc_number == DROPPED}
    before = _rows(ledger)
    assert ledger.plan_import(shorter).outcome == "partial_copy"
    assert ledger.import_result(shorter).outcome == "partial_copy"
    assert _rows(ledger) == before
    plan = ledger.plan_import(shorter, replace=True)
    assert plan.outcome == "reissue_updated" and plan.retire_ids == dropped


def test_replace_retires_no_task_the_clerk_was_not_shown(
    ledger: Ledger, shorter: ExtractionResult
) -> None:
    ledger.import_file(seed_path("004"))
    plan = ledger.plan_import(shorter, replace=True)
    shown = frozenset(sorted(plan.retire_ids)[:-1])  # the ledger changed since the question
    before = _rows(ledger)
    with pytest.raises(ImportWouldRetireError):
        ledger.import_result(shorter, replace=True, allow_retire=shown)
    assert _rows(ledger) == before
    report = ledger.import_result(shorter, replace=True, allow_retire=plan.retire_ids)
    assert (report.outcome, report.tasks_retired) == ("reissue_updated", len(plan.retire))
    retired = {r.id for r in ledger.tasks(TaskFilter(include_retired=True)) if r.retired}
    assert retired == plan.retire_ids
