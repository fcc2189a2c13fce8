"""SQLite failures the clerk can fix, told apart from bugs by the driver's error text.

pysqlite reports a full disk, a read-only file, a folder SQLite cannot create its `-wal`
and `-shm` files in, and a damaged file all as `OperationalError`/`DatabaseError` with a
fixed English message; `translate` turns each into the typed Chinese error that names the
file and says what to do. Anything else is left alone (a bug keeps its traceback).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from core.ledger.errors import (
    LedgerCorruptError,
    LedgerDiskFullError,
    LedgerError,
    LedgerReadOnlyError,
)
from core.ledger.storage.integrity import is_corruption


def translate(exc: BaseException, path: Path | None) -> LedgerError | None:
    """The clerk-facing error for a SQLite failure on the ledger at `path`, else None."""
    if path is None or not isinstance(exc, DBAPIError):
        return None
    text = str(exc.orig or exc).lower()
    if "database or disk is full" in text or "disk is full" in text:
        return LedgerDiskFullError(str(path))
    if "readonly" in text or "read-only" in text:
        return read_only_error(path)
    if is_corruption(exc.orig or exc):
        return LedgerCorruptError(str(path), str(exc.orig or exc).strip().splitlines()[0])
    if "unable to open database file" in text and not folder_writable(path):
        return LedgerReadOnlyError(str(path.parent), folder=True)
    return None


def read_only_error(path: Path) -> LedgerReadOnlyError:
    """Read-only file, or a writable file in a folder SQLite cannot create files in."""
    if not folder_writable(path):
        return LedgerReadOnlyError(str(path.parent), folder=True)
    return LedgerReadOnlyError(str(path))


def folder_writable(path: Path) -> bool:
    folder = path.parent
    return not folder.is_dir() or os.access(folder, os.W_OK | os.X_OK)
