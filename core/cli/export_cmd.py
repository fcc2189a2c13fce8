"""`export`: write the weekly progress report (重点任务推进情况周报) as an Excel workbook.

Thin on purpose: parse arguments, open the ledger as the other ledger commands do (global
`--db`, else `TAIZHANG_DB_URL`, else the default file), call `core.report`, print the path.
A file that cannot be written raises `ReportWriteError`, printed by `core.cli.main`.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from core.errors import TaizhangError


class BadWeekError(TaizhangError):
    def __init__(self, value: str) -> None:
        super().__init__(f"无法识别的日期“{value}”，请写成 YYYY-MM-DD，如 2026-11-18")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export",
        help="导出重点任务推进情况周报（Excel）",
        description="导出所给日期所在周（周一至周日）的重点任务推进情况周报。",
    )
    p.add_argument("--week", metavar="YYYY-MM-DD", help="该周内任意一天（默认：今天）")
    p.add_argument("--unit", help="只导出该单位牵头或配合的任务（含别名）")
    p.add_argument("--gazette", type=int, metavar="ID", help="只导出该期公报的任务")
    p.add_argument(
        "--out", metavar="FILE", help="保存位置（文件或文件夹；默认：文档文件夹中的周报文件）"
    )
    p.set_defaults(func=cmd_export)


def _parse_week(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadWeekError(value) from None


def cmd_export(args: argparse.Namespace) -> int:
    from core.cli.notices import announce
    from core.ledger import Ledger
    from core.report import export_weekly_report

    week_of = _parse_week(args.week)
    with Ledger(getattr(args, "db", None)) as ledger:
        announce(ledger, "export")
        path = export_weekly_report(
            ledger, week_of, unit=args.unit, gazette_id=args.gazette, out=args.out
        )
    print(f"已导出周报：{path}")
    return 0
