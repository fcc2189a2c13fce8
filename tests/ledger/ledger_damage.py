"""Damage a SQLite ledger the way a torn write does, for the integrity tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_ledger(db: Path) -> None:
    """Overwrite most of the `task` table's root page, as a torn write would."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'task'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * size
    data[start + 100 : start + size - 100] = b"\xab" * (size - 200)
    db.write_bytes(bytes(data))
