"""Ledger fixtures: a fresh database per test on every back end, and a clock the test controls.

`db_url` (and so `ledger`) is parametrized by back end: a real SQLite file, and a fresh
database on a real PostgreSQL server this test session starts (see `pg_server`). Each
PostgreSQL test database is cloned from a template migrated once with the same Alembic
scripts, so a test costs one `CREATE DATABASE … TEMPLATE`, not a migration.

Tests needing PostgreSQL skip only when no server can be installed/started here, and say
why; on CI (`CI=true`) that is a failure instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pg_server as pg
import pytest
from conftest_helpers import janitor
from ledger_factories import Clock

from core.ledger import Ledger

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
TEMPLATE_DB = "taizhang_template"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.PgServer]:
    """One PostgreSQL server for the whole session, stopped and deleted at the end."""
    try:
        server = pg.start()
    except pg.PgUnavailable as exc:
        if pg.on_ci():
            pytest.fail(f"CI 必须运行 PostgreSQL 测试，但服务器无法启动：{exc}")
        pytest.skip(f"PostgreSQL 不可用：{exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: pg.PgServer) -> str:
    """A template database migrated to head by the ledger's own Alembic scripts."""
    janitor(pg_server, TEMPLATE_DB, as_template=True).init()
    Ledger(pg_server.url(TEMPLATE_DB)).close()
    return TEMPLATE_DB


@pytest.fixture
def pg_url(pg_server: pg.PgServer, pg_template: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    j = janitor(pg_server, name, template_dbname=pg_template)
    j.init()
    try:
        yield pg_server.url(name)
    finally:
        j.drop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


@pytest.fixture
def ledger(db_url: str, clock: Clock) -> Iterator[Ledger]:
    with Ledger(db_url, clock=clock) as lg:
        yield lg
