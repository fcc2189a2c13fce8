"""Unit feedback sheets on every back end (SQLite file and PostgreSQL): a reply is filed
in one transaction, a conflict and a tampered row are held back, a second import and the
undo behave the same on both."""

from __future__ import annotations

from pathlib import Path

from ledger_dump import dump
from ledger_factories import Clock
from openpyxl import load_workbook
from seedfiles import seed_path

from core.feedback import (
    completion_requests,
    export_sheets,
    file_review,
    review_file,
    unfile,
    week_replies,
)
from core.feedback import sheet_format as F
from core.ledger import Ledger


def _fill(path: Path, answers: dict[int, str], done: int, tamper: int) -> list[int]:
    wb = load_workbook(path)
    ws = wb[F.MAIN_SHEET]
    rows = {
        int(ws.cell(r, F.COL_ID).value): r
        for r in range(F.HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(r, F.COL_ID).value is not None
    }
    for task_id, text in answers.items():
        ws.cell(rows[task_id], F.COL_PROGRESS, text)
    ws.cell(rows[done], F.COL_DONE, "是")
    ws.cell(rows[tamper], F.COL_DEADLINE, "2099-12-31")
    wb.save(path)
    return list(rows)


def test_reply_filed_once_with_conflict_and_tamper_held_back(
    ledger: Ledger, db_url: str, clock: Clock, tmp_path: Path
) -> None:
    ledger.import_file(seed_path("002"), by="导入员")
    run = export_sheets(ledger, tmp_path / "out", by="督查员")
    path = max(run.files, key=lambda p: load_workbook(p)[F.MAIN_SHEET].max_row)
    ws = load_workbook(path)[F.MAIN_SHEET]
    ids = [
        int(ws.cell(r, F.COL_ID).value)
        for r in range(F.HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(r, F.COL_ID).value is not None
    ]
    a, b, c, d = ids[:4]
    _fill(path, {a: "已开工", b: "已完工", c: "在建", d: "推进中"}, done=b, tamper=d)
    clock.advance(hours=1)
    ledger.set_status(c, "推进中", by="督查员")  # after the sheet went out: a conflict

    review = review_file(ledger, path)
    states = {r.task_id: r.state for r in review.rows if r.task_id in (a, b, c, d)}
    assert states == {a: "new", b: "new", c: "conflict", d: "refused"}
    result = file_review(ledger, review, by="督查员")
    assert (result.task_ids, result.notes, result.requests) == (tuple(sorted((a, b))), 2, 1)
    unit = review.unit
    assert [n.by for n in ledger.task(a).notes] == [unit]
    assert unit in week_replies(ledger).replied

    filed = dump(db_url)
    again = review_file(ledger, path)
    assert again.already_filed
    assert dump(db_url) == filed

    assert set(unfile(ledger, result.reply_id, by="督查员")) == {a, b}
    assert ledger.task(a).notes == () and completion_requests(ledger) == []
    assert unit in week_replies(ledger).missing
