"""Typed errors of report export; a clerk can act on each (close the file, pick a folder)."""

from __future__ import annotations

from pathlib import Path

from core.errors import TaizhangError


class ReportWriteError(TaizhangError):
    """The workbook could not be saved; the target file is exactly as it was before."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{Path(self.path).name}：{detail}")


class ReportScopeError(TaizhangError):
    """The report was asked for something the ledger does not hold (e.g. an unknown gazette)."""
