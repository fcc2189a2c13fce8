"""Ledger backup and restore on real SQLite files holding a real imported seed."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from seedfiles import seed_path

from core.errors import TaizhangError
from core.ledger import Ledger, TaskFilter
from core.ledger.storage.backup import (
    BackupUnsupportedError,
    CorruptBackupError,
    NewerBackupError,
    NotLedgerBackupError,
    NotSqliteBackupError,
    backup_ledger,
    default_backup_name,
    restore_ledger,
    safety_copy_path,
    validate_backup,
)
from core.ledger.storage.schema import head_revision


def task_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM task").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A ledger file holding seed 000, closed again."""
    db = tmp_path / "ledger.sqlite3"
    with Ledger(f"sqlite:///{db}") as ledger:
        ledger.import_file(seed_path("000"), by="测试")
    assert task_count(db) > 0
    return db


def test_backup_is_a_self_contained_copy_of_the_ledger(seeded: Path, tmp_path: Path) -> None:
    with Ledger(f"sqlite:///{seeded}") as ledger:  # open: pages may still sit in -wal
        ledger.set_status(ledger.tasks(TaskFilter())[0].id, "done", by="测试")
        dest = backup_ledger(f"sqlite:///{seeded}", tmp_path / "out" / default_backup_name())
    assert dest.name.startswith("台账备份_") and dest.suffix == ".sqlite3"
    assert not Path(f"{dest}-wal").exists()
    conn = sqlite3.connect(dest)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM task WHERE status = 'done'").fetchone()[0] == 1
    finally:
        conn.close()
    assert task_count(dest) == task_count(seeded)
    assert validate_backup(dest) == head_revision()
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]  # no .part left behind


def test_backup_while_another_connection_writes_is_consistent(seeded: Path, tmp_path: Path) -> None:
    """A writer thread keeps committing status changes; every backup is one snapshot."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with Ledger(f"sqlite:///{seeded}") as ledger:
                ids = [row.id for row in ledger.tasks(TaskFilter())]
                statuses = ["in_progress", "done", "suspended", "not_started"]
                k = 0
                while not stop.is_set():
                    ledger.set_status(ids[k % len(ids)], statuses[k % 4], by="写入线程")
                    k += 1
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backup_ledger(seeded, tmp_path / f"b{i}.sqlite3") for i in range(8)]
    finally:
        stop.set()
        thread.join()
    assert not errors
    seen: list[int] = []
    for copy in copies:
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            # Each status change writes the task row and a history row in one transaction.
            changes = conn.execute("SELECT count(*) FROM status_change").fetchone()[0]
            versions = conn.execute("SELECT sum(version - 1) FROM task").fetchone()[0]
        finally:
            conn.close()
        assert changes == versions
        seen.append(changes)
    assert seen[-1] > 0  # the writer really was writing while the copies were taken


def test_restore_replaces_the_live_ledger_and_keeps_an_automatic_copy(
    seeded: Path, tmp_path: Path
) -> None:
    backup = backup_ledger(seeded, tmp_path / "before.sqlite3")
    with Ledger(f"sqlite:///{seeded}") as ledger:
        before = ledger.count(TaskFilter())
        ledger.import_file(seed_path("001"), by="测试")  # work done after the backup
        after_import = ledger.count(TaskFilter())
        assert after_import > before
        planned = safety_copy_path(seeded)
        copy = restore_ledger(backup, f"sqlite:///{seeded}", safety_copy=planned)
        # The app's open ledger sees the restored contents at its next read.
        assert ledger.count(TaskFilter()) == before
    assert copy == planned and task_count(copy) == after_import
    conn = sqlite3.connect(seeded)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert backup.read_bytes()[:16] == b"SQLite format 3\x00"
    with Ledger(f"sqlite:///{seeded}") as reopened:
        assert reopened.count(TaskFilter()) == before


def test_restore_into_a_missing_ledger_creates_it(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "ledger.sqlite3"
    assert restore_ledger(seeded, target) is None
    assert task_count(target) == task_count(seeded)


def test_restore_migrates_an_older_backup(seeded: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    with Ledger(f"sqlite:///{old}", migrate=False) as ledger:
        from core.ledger.storage.schema import upgrade

        upgrade(ledger.engine, "0001")
    target = tmp_path / "target.sqlite3"
    restore_ledger(old, target)
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    finally:
        conn.close()


def _bad_backups(seeded: Path, tmp_path: Path) -> dict[str, tuple[Path, type[TaizhangError]]]:
    text = tmp_path / "notes.sqlite3"
    text.write_text("这不是数据库", encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(seeded.read_bytes()[: 4096 + 100])
    newer = tmp_path / "newer.sqlite3"
    backup_ledger(seeded, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    corrupt = tmp_path / "corrupt.sqlite3"
    data = bytearray(backup_ledger(seeded, tmp_path / "c.sqlite3").read_bytes())
    page = 4096
    for p in range(2, len(data) // page):  # scribble over every b-tree page but the first
        data[p * page : p * page + 8] = b"\xff" * 8
    corrupt.write_bytes(bytes(data))
    return {
        "text": (text, NotSqliteBackupError),
        "other": (other, NotLedgerBackupError),
        "truncated": (truncated, CorruptBackupError),
        "newer": (newer, NewerBackupError),
        "corrupt": (corrupt, CorruptBackupError),
    }


@pytest.mark.parametrize("kind", ["text", "other", "truncated", "newer", "corrupt"])
def test_a_bad_backup_is_refused_before_anything_changes(
    seeded: Path, tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    bad, error = _bad_backups(seeded, folder)[kind]
    original = seeded.read_bytes()
    listing = sorted(p.name for p in seeded.parent.iterdir())
    with pytest.raises(error) as info:
        restore_ledger(bad, seeded)
    assert bad.name in str(info.value)
    assert seeded.read_bytes() == original
    assert sorted(p.name for p in seeded.parent.iterdir()) == listing  # no copy, no temp


def test_postgres_and_memory_urls_get_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(BackupUnsupportedError, match="服务器管理员"):
        backup_ledger("postgresql+psycopg://clerk@server/taizhang", tmp_path / "x.sqlite3")
    with pytest.raises(BackupUnsupportedError, match="服务器管理员"):
        restore_ledger(tmp_path / "x.sqlite3", "postgresql://server/taizhang")
    with pytest.raises(BackupUnsupportedError, match="内存"):
        backup_ledger("sqlite://", tmp_path / "x.sqlite3")


def test_restore_a_backup_with_another_page_size_into_a_wal_ledger(
    seeded: Path, tmp_path: Path
) -> None:
    """A WAL database cannot change page size, so the staged copy is converted first."""
    odd = backup_ledger(seeded, tmp_path / "odd.sqlite3")
    conn = sqlite3.connect(odd)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    target = tmp_path / "target.sqlite3"
    with Ledger(f"sqlite:///{target}") as ledger:  # fresh WAL ledger, 4096-byte pages
        restore_ledger(odd, target)
        assert ledger.count(TaskFilter()) == task_count(seeded)
