"""Bring a ledger database to the current schema when it opens, copying SQLite files first.

The Alembic scripts live in `core/ledger/migrations` (shipped as package data). Before any
migration touches an existing SQLite ledger, a consistent copy is written beside it with
SQLite's online backup API (safe with WAL), named `<file>.pre-<revision>-<UTC time>.bak`,
so an upgrade can never cost a clerk their work.

Alembic is imported only when a migration actually has to run: opening a ledger that is
already current reads `alembic_version` with one plain query and compares it with
`HEAD_REVISION` (a test keeps that constant equal to the scripts' head). Importing Alembic
costs about 0.15 s, which the desktop start-up cannot afford.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from core.ledger.errors import LedgerSchemaError, LedgerVersionError
from core.ledger.storage.db import WRITE_OPTION, sqlite_file

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest revision in migrations/versions (checked by tests/ledger/test_ledger_migrations).
HEAD_REVISION = "0007_unit_feedback"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Arbitrary constant key of the PostgreSQL advisory lock that serialises migrations.
MIGRATION_LOCK_ID = 0x7A17_2024


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The head as the migration scripts say (imports Alembic; see `HEAD_REVISION`)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision, read without Alembic; None for an empty database."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except DBAPIError:  # no such table: a new ledger
            return None
    return rows[0][0] if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Migrate `engine`'s database to `revision`; return the backup path if one was made."""
    if revision in ("head", HEAD_REVISION) and current_revision(engine) == HEAD_REVISION:
        return None  # the common case: no Alembic import at all
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    target = script.get_current_head() if revision == "head" else revision
    if current == target:
        return None
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise LedgerVersionError(current)
    if current is None:
        with engine.connect() as conn:
            _refuse_unversioned(conn, engine)
    backup = None
    if current is not None or _has_tables(engine):
        backup = backup_sqlite(engine, current)
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        if conn.dialect.name == "postgresql":
            # No database-wide write lock at BEGIN as on SQLite: serialise migrations of
            # a shared ledger on an advisory lock, released at commit.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
        # Re-check under the write lock: another process may have migrated meanwhile, or
        # (several programs opening a new shared ledger) be the one that just created it.
        now = MigrationContext.configure(conn).get_current_revision()
        if now == target:
            return backup
        if now is None:
            _refuse_unversioned(conn, engine)
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    log.info("ledger migrated from %s to %s", current, target)
    return backup


def backup_sqlite(engine: Engine, revision: str | None) -> Path | None:
    """Copy the SQLite file (if any) before migrating; None for other back ends."""
    path = sqlite_file(str(engine.url))
    if path is None or not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = path.with_name(f"{path.name}.pre-{revision or 'none'}-{stamp}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    log.info("ledger copied to %s before migration", dest)
    return dest


# Tables of every revision: their presence without a revision means a damaged record.
LEDGER_CORE_TABLES = frozenset({"gazette_issue", "document", "task"})


def _refuse_unversioned(conn: Connection, engine: Engine) -> None:
    """Ledger tables without a readable revision: migrating would fail halfway with
    "table already exists" (or worse, guess); refuse with a clear message instead.

    Asked first without a lock (to refuse before any backup is made) and again under the
    migration lock, where another program that was creating the ledger meanwhile has
    committed its revision with its tables."""
    from alembic.runtime.migration import MigrationContext

    if MigrationContext.configure(conn).get_current_revision() is not None:
        return
    tables = set(inspect(conn).get_table_names())
    if not tables & LEDGER_CORE_TABLES:
        return
    detail = "为空或内容异常" if "alembic_version" in tables else "缺失"
    path = sqlite_file(str(engine.url))
    where = str(path) if path is not None else engine.url.render_as_string(hide_password=True)
    raise LedgerSchemaError(where, detail, sqlite=path is not None)


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())
