"""Gazette Task Ledger core: extraction, ledger, reports. Pure Python; never imports Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.model import Amount, Document, ExtractionResult, Gazette, Task

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Amount", "Document", "ExtractionResult", "Gazette", "Task", "extract"]


def extract(path: str | Path) -> ExtractionResult:
    """Read a gazette issue or a single notice and return every task it assigns."""
    from core.pipeline import extract_file

    return extract_file(path)
