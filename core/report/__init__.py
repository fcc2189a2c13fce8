"""The weekly progress report (重点任务推进情况周报) as a print-ready Excel workbook.

Public API: `export_weekly_report(ledger, week_of, unit=None, gazette_id=None, out=None)`
returns the path written. Layers: `collect` reads the `Ledger` service into the plain
dataclasses of `data`; `workbook` lays them out with openpyxl; `atomic` saves safely.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import platformdirs

from core.ledger import Ledger
from core.report.collect import collect_report
from core.report.data import ReportData, week_bounds
from core.report.errors import ReportScopeError, ReportWriteError
from core.report.workbook import build_workbook, write_report

FILE_STEM = "重点任务推进情况周报"


def default_report_name(week_of: date) -> str:
    """`重点任务推进情况周报_<Monday>.xlsx`: one file per week, sorted by date in a folder."""
    monday, _ = week_bounds(week_of)
    return f"{FILE_STEM}_{monday.isoformat()}.xlsx"


def default_report_path(week_of: date) -> Path:
    """The default file in the clerk's documents folder."""
    return Path(platformdirs.user_documents_dir()) / default_report_name(week_of)


def export_weekly_report(
    ledger: Ledger,
    week_of: date | None = None,
    unit: str | None = None,
    gazette_id: int | None = None,
    out: str | Path | None = None,
) -> Path:
    """Write the report for the week (Monday–Sunday) holding `week_of` (default: today).

    `out` may be a file or an existing folder (the default file name goes inside it).
    Raises `ReportWriteError` when the file cannot be saved (the old file stays intact),
    `ReportScopeError` / the ledger's `UnknownUnitError` for a scope it does not hold.
    """
    day = week_of or ledger.today()
    if out is None:
        target = default_report_path(day)
    else:
        target = Path(out)
        # `--out 周报/` names a folder even when it does not exist yet (and never a file
        # that happens to have that name).
        as_folder = isinstance(out, str) and out.endswith(("/", "\\"))
        if as_folder and target.exists() and not target.is_dir():
            raise ReportWriteError(target, "保存位置不是文件夹（同名文件已存在），请换一个位置")
        if target.is_dir() or as_folder:
            target = target / default_report_name(day)
    data = collect_report(ledger, day, unit=unit, gazette_id=gazette_id)
    return write_report(data, target)


__all__ = [
    "ReportData",
    "ReportScopeError",
    "ReportWriteError",
    "build_workbook",
    "collect_report",
    "default_report_name",
    "default_report_path",
    "export_weekly_report",
    "write_report",
]
