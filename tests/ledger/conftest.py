"""Ledger fixtures: a real SQLite file per test and a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_factories import Clock

from core.ledger import Ledger


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


@pytest.fixture
def ledger(db_url: str, clock: Clock) -> Iterator[Ledger]:
    with Ledger(db_url, clock=clock) as lg:
        yield lg
