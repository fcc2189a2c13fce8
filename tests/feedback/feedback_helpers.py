"""Helpers of the feedback tests: fill a sheet as a unit would, dump the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import create_engine, select

from core.feedback import sheet_format as F
from core.ledger import Ledger
from core.ledger.storage.models import Base

WEEK = date(2023, 10, 9)  # a Monday


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Sent:
    """The week's sheets as sent from a copy of the seeded ledger (copied per test)."""

    ledger: Ledger
    url: str
    clock: Clock
    files: tuple[Path, ...]
    units: tuple[str, ...]

    def file_of(self, unit: str) -> Path:
        return sheet_for(self.files, unit)


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ledger table, to prove an operation changed nothing."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key))]
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def task_rows(path: Path) -> dict[int, int]:
    """task id -> sheet row of a written sheet."""
    ws = load_workbook(path)[F.MAIN_SHEET]
    return {
        int(ws.cell(row=r, column=F.COL_ID).value): r
        for r in range(F.HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(row=r, column=F.COL_ID).value is not None
    }


def fill(
    path: Path, answers: dict[int, dict[str, Any]], locked: dict[int, dict[int, Any]] | None = None
) -> None:
    """Write answers into a sheet as a unit would (openpyxl ignores sheet protection);
    `locked` alters locked cells (column -> value) to simulate tampering."""
    wb = load_workbook(path)
    ws = wb[F.MAIN_SHEET]
    rows = {
        int(ws.cell(row=r, column=F.COL_ID).value): r
        for r in range(F.HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(row=r, column=F.COL_ID).value is not None
    }
    cols = {
        "progress": F.COL_PROGRESS,
        "problems": F.COL_PROBLEMS,
        "next": F.COL_NEXT,
        "done": F.COL_DONE,
        "expected": F.COL_EXPECTED,
    }
    for task_id, values in answers.items():
        for key, value in values.items():
            ws.cell(row=rows[task_id], column=cols[key], value=value)
    for task_id, cells in (locked or {}).items():
        for col, value in cells.items():
            ws.cell(row=rows[task_id], column=col, value=value)
    wb.save(path)


def unit_label(path: Path) -> str:
    """The unit a sheet was sent to, as recorded (县财政局 or 县财政局（兴县）)."""
    meta = load_workbook(path, read_only=True)[F.META_SHEET]
    return next(str(r[1]) for r in meta.iter_rows(values_only=True) if r[0] == "unit")


def sheet_for(files: tuple[Path, ...], unit: str) -> Path:
    """The sheet of `unit` (a name, in any county): the one listing the most tasks."""
    named = [p for p in files if f"_{unit}_" in p.name]
    assert named, unit
    return max(sorted(named), key=lambda p: len(task_rows(p)))
