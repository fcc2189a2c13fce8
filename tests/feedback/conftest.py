"""A real ledger holding the five seed gazettes (imported once, copied per test), a pinned
clock in the week of 2023-10-09, and helpers that fill a sheet as a unit would."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from feedback_helpers import WEEK, Clock, Sent
from seedfiles import seed_path

from core.feedback import ExportRun, export_sheets
from core.ledger import Ledger


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "ledger.sqlite3"
    clock = Clock(datetime(2023, 10, 2, 1, 0, tzinfo=UTC))
    with Ledger(f"sqlite:///{path}", clock=clock) as lg:
        for prefix in ("000", "001", "002", "003", "004"):
            lg.import_file(seed_path(prefix), by="导入员")
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2023, 10, 10, 2, 0, tzinfo=UTC))  # Tuesday of WEEK


@pytest.fixture
def ledger_url(seeded_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite3"
    shutil.copy(seeded_file, path)
    return f"sqlite:///{path}"


@pytest.fixture
def ledger(ledger_url: str, clock: Clock) -> Iterator[Ledger]:
    with Ledger(ledger_url, clock=clock) as lg:
        yield lg


@pytest.fixture(scope="session")
def sent_template(
    seeded_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, ExportRun]:
    base = tmp_path_factory.mktemp("sent")
    shutil.copy(seeded_file, base / "ledger.sqlite3")
    clock = Clock(datetime(2023, 10, 10, 2, 0, tzinfo=UTC))
    with Ledger(f"sqlite:///{base / 'ledger.sqlite3'}", clock=clock) as lg:
        run = export_sheets(lg, base / "out", WEEK, reply_by=date(2023, 10, 13), by="督查员")
    return base, run


@pytest.fixture
def sent(sent_template: tuple[Path, ExportRun], tmp_path: Path) -> Iterator[Sent]:
    """Sheets sent on Tuesday 10:00; the clock then stands an hour later (replies come in)."""
    base, run = sent_template
    shutil.copy(base / "ledger.sqlite3", tmp_path / "ledger.sqlite3")
    shutil.copytree(base / "out", tmp_path / "out")
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    clock = Clock(datetime(2023, 10, 10, 3, 0, tzinfo=UTC))
    files = tuple(tmp_path / "out" / p.name for p in run.files)
    with Ledger(url, clock=clock) as lg:
        yield Sent(lg, url, clock, files, run.units)
