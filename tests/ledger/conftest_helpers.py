"""Helpers shared by the PostgreSQL fixtures and tests (importable, unlike conftest)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pg_server as pg
from pytest_postgresql.janitor import DatabaseJanitor


def janitor(server: pg.PgServer, dbname: str, **kw: object) -> DatabaseJanitor:
    return DatabaseJanitor(
        user=server.user,
        host=server.host,
        port=server.port,
        dbname=dbname,
        **kw,  # type: ignore[arg-type]
    )


@contextmanager
def empty_database(server: pg.PgServer, name: str) -> Iterator[str]:
    """A database with no tables at all (not cloned from the migrated template)."""
    j = janitor(server, name)
    j.init()
    try:
        yield server.url(name)
    finally:
        j.drop()
