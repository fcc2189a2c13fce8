"""A real ledger holding the five seed gazettes (imported once, copied per test), a pinned
clock in the week of 2023-10-09, and helpers that fill a sheet as a unit would."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from seedfiles import seed_path

from core.ledger import Ledger


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


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
