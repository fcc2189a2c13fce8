"""Where the ledger lives and how connections to it behave.

The default ledger is a SQLite file in the user's data folder. `--db URL` or the environment
variable `TAIZHANG_DB_URL` selects any SQLAlchemy URL instead (PostgreSQL for a shared
office ledger). SQLite connections get WAL (readers never block the writer), foreign keys
(SQLite leaves them off by default) and a busy timeout; write transactions start with
`BEGIN IMMEDIATE` so that two writers queue on the lock instead of failing halfway with
SQLITE_BUSY when a read transaction tries to upgrade.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from core.ledger.errors import LedgerBusyError, LedgerUrlError

log = logging.getLogger(__name__)

ENV_VAR = "TAIZHANG_DB_URL"
APP_NAME = "taizhang"
DB_FILE_NAME = "ledger.sqlite3"
BUSY_TIMEOUT_MS = 30_000
# Option on an engine/connection that makes SQLite take the write lock at BEGIN.
WRITE_OPTION = "taizhang_write"

T = TypeVar("T")


def default_db_path() -> Path:
    """The SQLite file used when no URL is given: `<user data dir>/taizhang/ledger.sqlite3`."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILE_NAME


def resolve_url(explicit: str | None = None) -> str:
    """Pick the database URL: explicit argument, then `TAIZHANG_DB_URL`, then the default.

    A bare file path is accepted as a SQLite file for convenience.
    """
    url = explicit or os.environ.get(ENV_VAR) or ""
    if not url:
        return f"sqlite:///{default_db_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory / non-SQLite URLs."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url` with the SQLite behaviour the ledger relies on.

    SQL parameters are hidden from error texts: they are the clerk's task data, and an error
    must never dump a whole import. A URL that cannot be parsed, or names a database kind or
    driver this program lacks, raises `LedgerUrlError` (a clerk's typo, not a bug).
    """
    kwargs.setdefault("hide_parameters", True)
    try:
        if not is_sqlite(url):
            return create_engine(url, pool_pre_ping=True, **kwargs)
    except (ArgumentError, ValueError, ImportError) as exc:
        raise LedgerUrlError(url, missing_driver=isinstance(exc, ImportError)) from exc
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
    _install_sqlite_hooks(engine)
    return engine


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite would defer it and
        # never make DDL transactional), which also makes migrations atomic.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_busy_error(exc: BaseException) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED as pysqlite reports them."""
    if not isinstance(exc, OperationalError):
        return False
    msg = str(exc.orig).lower()
    return "database is locked" in msg or "database table is locked" in msg or "busy" in msg


def retry_busy(fn: Callable[[], T], attempts: int = 6) -> T:
    """Run a whole write transaction, re-running it if the database stayed busy.

    The busy timeout already waits for the lock; this catches the cases where SQLite gives
    up anyway (busy timeout exceeded, or a snapshot that can no longer be upgraded), so a
    clerk never sees "database is locked".
    """
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except OperationalError as exc:
            if not is_busy_error(exc) or attempt == attempts:
                if is_busy_error(exc):
                    raise LedgerBusyError() from exc
                raise
            delay = min(2.0, 0.05 * 2**attempt) * (0.5 + random.random())
            log.warning("ledger busy (attempt %d/%d), retrying in %.2fs", attempt, attempts, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")
