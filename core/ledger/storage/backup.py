"""Back up a SQLite ledger to one self-contained file, and restore the ledger from such a file.

Both directions go through SQLite's online backup API rather than copying files, because a
plain copy of a ledger in WAL mode can miss committed pages still in `-wal` or catch a page
half-written by the app. The API copies one consistent snapshot while other connections keep
writing (WAL readers never block the writer), and when it writes *into* the live ledger it
does so as a single transaction of the destination: an interrupted restore rolls back through
SQLite's own journal, so the ledger is never left half-replaced, `-wal`/`-shm` stay SQLite's
business, and connections the app already holds see the restored data at their next read.

PostgreSQL ledgers are not backed up here: that is the server administrator's job
(`pg_dump`), and the functions say so in Chinese rather than doing something partial.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from core.ledger.errors import LedgerError
from core.ledger.storage.db import BUSY_TIMEOUT_MS, is_sqlite, make_engine, sqlite_file
from core.ledger.storage.integrity import check_sqlite_file

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every ledger revision has; a file without them is some other SQLite database.
LEDGER_TABLES = frozenset(
    {
        "alembic_version",
        "gazette_issue",
        "document",
        "task",
        "unit",
        "unit_alias",
        "task_unit",
        "status_change",
        "progress_note",
        "field_correction",
    }
)
BACKUP_SUFFIX = ".sqlite3"


class BackupError(LedgerError):
    """Base of the backup/restore errors."""


class BackupUnsupportedError(BackupError):
    """The ledger is not a SQLite file (PostgreSQL, in-memory)."""

    def __init__(self, url: str) -> None:
        self.url = url
        if is_sqlite(url):
            msg = "内存中的台账没有文件，无法备份或恢复"
        else:
            msg = (
                "当前台账保存在数据库服务器（如 PostgreSQL）上，本程序不负责其备份与恢复，"
                "请联系服务器管理员（例如使用 pg_dump / pg_restore）"
            )
        super().__init__(msg)


class BadBackupError(BackupError):
    """A file chosen for restore that is not a usable ledger backup; names the file."""

    problem = "不是有效的台账备份"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = str(path)
        self.detail = detail or self.problem
        super().__init__(f"{Path(self.path).name}：{self.detail}")


class BackupMissingError(BadBackupError):
    problem = "备份文件不存在或无法打开"


class NotSqliteBackupError(BadBackupError):
    problem = "不是台账备份文件（不是 SQLite 数据库）"


class CorruptBackupError(BadBackupError):
    problem = "备份文件已损坏（完整性检查未通过），未做任何恢复"


class NotLedgerBackupError(BadBackupError):
    problem = "是 SQLite 数据库，但不是本程序的台账（缺少台账数据表）"


class NewerBackupError(BadBackupError):
    problem = "由更新版本的程序生成，请升级程序后再恢复"


def ledger_path(db: str | Path) -> Path:
    """The SQLite file behind `db` (a path or a SQLAlchemy URL); typed error otherwise."""
    text = str(db)
    if "://" not in text:
        return Path(text).expanduser()
    path = sqlite_file(text)
    if path is None:
        raise BackupUnsupportedError(text)
    return path


def default_backup_name(now: datetime | None = None) -> str:
    """`台账备份_YYYYMMDD_HHMM.sqlite3`: sorts by date in any file manager."""
    return f"台账备份_{(now or datetime.now()).strftime('%Y%m%d_%H%M')}{BACKUP_SUFFIX}"


def safety_copy_path(db: str | Path, now: datetime | None = None) -> Path:
    """Where `restore_ledger` keeps the current ledger before replacing it (beside it).

    Exposed so the GUI can name the copy in its confirmation before anything happens.
    """
    path = ledger_path(db)
    stamp = (now or datetime.now()).strftime("%Y%m%d_%H%M%S")
    return path.with_name(f"{path.stem}.恢复前自动备份_{stamp}{BACKUP_SUFFIX}")


def backup_ledger(db: str | Path, dest: str | Path) -> Path:
    """Write a consistent, self-contained copy of the ledger at `db` to `dest`.

    Safe while the app (or another process) writes: the backup API copies one snapshot.
    The copy is written to a temporary file beside `dest` and renamed into place, so a
    failed backup never leaves a truncated file under the chosen name.
    """
    src_path = ledger_path(db)
    dest = Path(dest)
    if not src_path.is_file():
        raise BackupError(f"{src_path.name}：台账文件不存在，没有可备份的内容")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = _connect(src_path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)  # pages=-1: the whole snapshot in one step
                # One file, no -wal beside it: the copy must travel alone (USB stick, mail).
                dst.execute("PRAGMA journal_mode = DELETE")
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if result != "ok":
            raise BackupError(f"{src_path.name}：台账自检未通过（{result}），备份未保存")
        os.replace(tmp, dest)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{src_path.name}：备份失败（{exc}）") from exc
    finally:
        tmp.unlink(missing_ok=True)
    log.info("ledger %s backed up to %s", src_path, dest)
    return dest


def validate_backup(backup: str | Path) -> str | None:
    """Check that `backup` is an intact ledger this program can open; return its revision.

    Raises a `BadBackupError` subclass naming the file. Works on a private copy, so the
    chosen file is never modified (not even a `-journal` beside it).
    """
    backup = Path(backup)
    with tempfile.TemporaryDirectory(prefix="taizhang-restore-") as tmp:
        staged = _stage(backup, Path(tmp))
        conn = sqlite3.connect(staged)
        try:
            return _check(conn, backup)
        finally:
            conn.close()


def restore_ledger(
    backup: str | Path, db: str | Path, safety_copy: str | Path | None = None
) -> Path | None:
    """Replace the ledger at `db` with the contents of `backup`; return the automatic copy.

    Order matters for the clerk's data: validate the backup completely, then copy the
    current ledger to `safety_copy` (default `safety_copy_path(db)`), and only then write
    the backup into the ledger in one SQLite transaction. A ledger that fails its integrity
    check is copied byte for byte instead and replaced by a fresh file (close the app's
    connections first, then `Ledger.reopen()`). An older backup is migrated to
    the current schema afterwards. Returns None when there was no current ledger to copy.
    """
    backup = Path(backup)
    target = ledger_path(db)
    with tempfile.TemporaryDirectory(prefix="taizhang-restore-") as tmp:
        staged = _stage(backup, Path(tmp))
        src = sqlite3.connect(staged)
        try:
            revision = _check(src, backup)
            copy: Path | None = None
            damaged = check_sqlite_file(target) if target.is_file() else None
            if damaged is not None:
                # The damaged ledger cannot be read page by page: keep its bytes as they
                # are, then put a fresh file in its place.
                copy = _copy_damaged(target, Path(safety_copy or safety_copy_path(target)))
                _replace_with(src, target)
            else:
                if target.is_file():
                    copy = backup_ledger(target, safety_copy or safety_copy_path(target))
                _write_into(src, target, copy)
        finally:
            src.close()
    _migrate(target, revision)
    log.info("ledger %s restored from %s (previous copy: %s)", target, backup, copy)
    return copy


# --- internals ---------------------------------------------------------------------------
def _write_into(src: sqlite3.Connection, target: Path, copy: Path | None) -> None:
    """Write the validated backup into the (sound or new) ledger in one transaction."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dst = _connect(target)
    try:
        _match_page_size(src, dst)
        src.backup(dst)
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"{target.name}：恢复失败，台账保持原样（{exc}）"
            + (f"；恢复前的自动备份在 {copy}" if copy else "")
        ) from exc
    finally:
        dst.close()


def _copy_damaged(target: Path, dest: Path) -> Path:
    """Byte copies of a damaged ledger and its `-wal`, for whoever may rescue it later."""
    shutil.copyfile(target, dest)
    wal = target.with_name(target.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))
    log.warning("damaged ledger %s copied to %s before restore", target, dest)
    return dest


def _replace_with(src: sqlite3.Connection, target: Path) -> None:
    """Build the restored ledger beside `target`, then rename it over the damaged file.

    Its stale `-wal`/`-shm` go too: SQLite would otherwise replay the damaged file's
    journal into the restored one. The caller's engine must hold no connection to it.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise BackupError(f"{target.name}：恢复失败（{exc}）") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection that waits for the app's write lock instead of failing at once."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _stage(backup: Path, folder: Path) -> Path:
    """Copy the chosen file into `folder` after checking it looks like SQLite at all."""
    try:
        with backup.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupMissingError(backup) from exc
    if head != SQLITE_MAGIC:
        raise NotSqliteBackupError(backup)
    staged = folder / "backup.sqlite3"
    shutil.copyfile(backup, staged)
    return staged


def _check(conn: sqlite3.Connection, backup: Path) -> str | None:
    """Integrity, ledger tables and a known schema revision; returns the revision."""
    from core.ledger.storage.schema import alembic_config

    try:
        # A copy left in WAL mode without its -wal file is still readable; make it plain.
        conn.execute("PRAGMA journal_mode = DELETE")
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        raise CorruptBackupError(backup) from exc
    if problems != ["ok"]:
        raise CorruptBackupError(backup, f"{CorruptBackupError.problem}：{problems[0]}")
    missing = LEDGER_TABLES - tables
    if missing:
        raise NotLedgerBackupError(backup)
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    from alembic.script import ScriptDirectory

    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise NewerBackupError(backup, f"{NewerBackupError.problem}（版本 {revision}）")
    return revision


def _match_page_size(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """Give the staged copy the ledger's page size: a WAL database cannot change it."""
    want = dst.execute("PRAGMA page_size").fetchone()[0]
    if src.execute("PRAGMA page_size").fetchone()[0] != want:
        src.execute(f"PRAGMA page_size = {int(want)}")
        src.execute("VACUUM")


def _migrate(target: Path, revision: str | None) -> None:
    """Bring a restored older ledger to the current schema (a no-op when already there)."""
    from core.ledger.storage.schema import head_revision, upgrade

    if revision == head_revision():
        return
    engine = make_engine(f"sqlite:///{target}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()
