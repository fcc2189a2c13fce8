"""`feedback`: send each unit its fill-in sheet, read replies back, see who has not replied.

    python -m core feedback export --week 2023-10-09 --out DIR [--unit 县发改局]
    python -m core feedback import FILE… [--week …] [--review]   (files every 可登记 row)
    python -m core feedback missing [--week …]
    python -m core feedback requests [--confirm ID | --dismiss ID]

`import` files only the rows the unit wrote against an unchanged task; conflicts (the clerk
changed the task since the sheet went out) are listed and left for the window's review.
"""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.export_cmd import _parse_week


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "feedback",
        help="单位反馈表：分发、回收登记、未反馈单位、办结申请",
        description="给每个单位生成本周反馈表，读回单位填写的反馈表并登记到台账。",
    )
    sub = p.add_subparsers(dest="feedback_command", required=True)
    e = sub.add_parser("export", help="每个单位生成一份反馈表（.xlsx）")
    e.add_argument("--week", metavar="YYYY-MM-DD", help="该日期所在的周（默认：本周）")
    e.add_argument("--out", required=True, metavar="DIR", help="保存反馈表的文件夹")
    e.add_argument("--unit", help="只给该单位（含别名）生成")
    e.add_argument("--reply-by", metavar="YYYY-MM-DD", help="反馈截止日期（默认：本周五）")
    e.add_argument("--by", default=None, help="经办人（默认：当前系统用户）")
    e.set_defaults(func=cmd_export)

    i = sub.add_parser("import", help="读回单位填写的反馈表并登记")
    i.add_argument("paths", nargs="+", metavar="FILE")
    i.add_argument("--week", metavar="YYYY-MM-DD", help="登记哪一周的反馈（默认：本周）")
    i.add_argument("--review", action="store_true", help="只检查、列出各行，不登记")
    i.add_argument("--by", default=None, help="经办人（默认：当前系统用户）")
    i.set_defaults(func=cmd_import)

    m = sub.add_parser("missing", help="列出本周尚未反馈的单位")
    m.add_argument("--week", metavar="YYYY-MM-DD")
    m.set_defaults(func=cmd_missing)

    r = sub.add_parser("requests", help="列出、确认或驳回单位的办结申请")
    r.add_argument("--confirm", type=int, metavar="ID", help="确认办结（任务改为已完成）")
    r.add_argument("--dismiss", type=int, metavar="ID", help="不同意办结")
    r.add_argument("--by", default=None)
    r.set_defaults(func=cmd_requests)


def cmd_export(args: argparse.Namespace) -> int:
    from core.feedback import export_sheets
    from core.ledger import Ledger

    with Ledger(getattr(args, "db", None)) as ledger:
        run = export_sheets(
            ledger,
            args.out,
            _parse_week(args.week),
            unit=args.unit,
            reply_by=_parse_week(args.reply_by),
            by=args.by,
        )
    if not run.files:
        print("没有单位有未完成的任务，未生成反馈表。")
        return 0
    print(run.summary())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from core.errors import TaizhangError
    from core.feedback import STATE_LABELS, file_review, review_file
    from core.ledger import Ledger

    week = _parse_week(args.week)
    failed = False
    with Ledger(getattr(args, "db", None)) as ledger:
        for name in args.paths:
            try:
                review = review_file(ledger, Path(name), week)
            except TaizhangError as exc:
                print(f"未登记：{exc}")
                failed = True
                continue
            counts = review.counts()
            summary = "，".join(f"{STATE_LABELS[k]} {n}" for k, n in counts.items() if n)
            print(f"{review.file_name}（{review.unit}）：{summary}")
            for row in review.rows:
                if row.state in ("refused", "conflict"):
                    print(f"  第{row.ref}项 [{STATE_LABELS[row.state]}] {row.reason}")
            if review.already_filed:
                print(f"  {review.already_filed}")
                continue
            if args.review:
                continue
            result = file_review(ledger, review, by=args.by)
            print(
                f"  已登记 {result.notes} 条进展，{result.requests} 项办结申请待确认"
                + (
                    f"；{counts['conflict']} 项冲突未登记，请在窗口中核对"
                    if counts["conflict"]
                    else ""
                )
            )
    return 2 if failed else 0


def cmd_missing(args: argparse.Namespace) -> int:
    from core.feedback import week_replies
    from core.feedback.sheet_format import week_label
    from core.ledger import Ledger

    with Ledger(getattr(args, "db", None)) as ledger:
        status = week_replies(ledger, _parse_week(args.week))
    label = week_label(status.week)
    if not status.replied and not status.missing:
        print(f"{label} 没有发出反馈表。")
        return 0
    print(f"{label}：已反馈 {len(status.replied)} 个单位，未反馈 {len(status.missing)} 个单位")
    for unit in status.missing:
        print(f"  {unit}")
    return 0


def cmd_requests(args: argparse.Namespace) -> int:
    from core.feedback import completion_requests, resolve_request
    from core.ledger import Ledger, default_clerk

    with Ledger(getattr(args, "db", None)) as ledger:
        for request_id, confirm in ((args.confirm, True), (args.dismiss, False)):
            if request_id is not None:
                resolve_request(ledger, request_id, confirm, args.by or default_clerk())
                print(f"办结申请 {request_id} 已{'确认' if confirm else '驳回'}")
        pending = completion_requests(ledger)
    if not pending:
        print("没有待确认的办结申请。")
    for r in pending:
        print(f"{r.id}\t任务{r.task_id}\t{r.unit}\t{r.file_name}\t{r.task_text[:30]}")
    return 0
