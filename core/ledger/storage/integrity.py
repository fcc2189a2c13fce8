"""Is a SQLite ledger file sound? Checked when the ledger opens, before anything writes.

A ledger damaged by a crash, a full disk or a bad copy used to fail later with a
traceback on read, while `status` still wrote into it. `PRAGMA quick_check` reads every
page once (no index cross-checks), which is cheap next to what the clerk does after
opening. A file that is not a SQLite database at all (a document saved over the ledger)
fails here too. The check uses a plain sqlite3 connection, not the engine: the engine's
connect hook switches the journal mode, which is itself a write.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
NOT_SQLITE = "不是 SQLite 数据库文件"


def check_sqlite_file(path: Path) -> str | None:
    """None when `path` is a sound SQLite database or holds nothing yet; else the problem.

    Files that cannot be opened at all (a folder without write access, a missing drive)
    are not reported here: opening the ledger reports those with their own message.
    """
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError:
        return None
    if not head:
        return None  # an empty file is a new ledger to SQLite
    if head != SQLITE_MAGIC:
        return NOT_SQLITE
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.OperationalError as exc:
        if _cannot_open(exc):
            return None
        return _first_line(str(exc))
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
        return _first_line(str(exc))
    finally:
        conn.close()
    if rows == ["ok"]:
        return None
    log.info("ledger %s failed its integrity check: %s", path, rows)
    lines = [line for r in rows for line in str(r).splitlines() if not line.startswith("***")]
    return _first_line(lines[0] if lines else str(rows[0]))


def is_corruption(exc: BaseException) -> bool:
    """Whether a DB-API error says the file is damaged (as opposed to busy, locked, …)."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _cannot_open(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "unable to open" in text or "readonly" in text or "locked" in text


def _first_line(text: str, width: int = 80) -> str:
    line = (text.strip().splitlines() or [""])[0].strip()
    return line if len(line) <= width else line[: width - 1] + "…"
