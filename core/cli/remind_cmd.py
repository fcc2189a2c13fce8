"""`remind`: write one 催办通知单 (.docx) per unit for late, soon-due or idle tasks.

`report-settings` shows or sets what the notices and the 周报 print as their header (the
office's name, 填报单位, 联系人, 电话), kept in the ledger for every clerk who shares it.
"""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.export_cmd import _parse_week


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "remind",
        help="生成催办通知单（每个单位一份 Word 文件）并记入任务历史",
        description="按已逾期、7天内到期或超过N天未更新选出任务，每个牵头单位一份通知单。",
    )
    p.add_argument("--overdue", action="store_true", help="已逾期的任务")
    p.add_argument("--due-soon", action="store_true", help="7天内到期的任务")
    p.add_argument("--idle", type=int, metavar="N", help="超过 N 天未更新的任务")
    p.add_argument("--unit", help="只给该单位（含别名）生成")
    p.add_argument("--reply-by", metavar="YYYY-MM-DD", help="反馈截止日期（默认：3天后）")
    p.add_argument("--out", required=True, metavar="DIR", help="保存通知单的文件夹")
    p.add_argument("--by", default=None, help="经办人（默认：当前系统用户）")
    p.set_defaults(func=cmd_remind)

    s = subparsers.add_parser("report-settings", help="查看或设置周报和催办通知单的抬头信息")
    s.add_argument("--office", help="督查机构名称，如：某某县人民政府督查室")
    s.add_argument("--reporter", help="填报单位")
    s.add_argument("--contact", help="联系人")
    s.add_argument("--phone", help="联系电话")
    s.set_defaults(func=cmd_report_settings)


def cmd_remind(args: argparse.Namespace) -> int:
    from core.ledger import Ledger
    from core.report.reminders import select_notices, send_reminders

    if not (args.overdue or args.due_soon or args.idle is not None):
        print("请至少选择一种：--overdue、--due-soon 或 --idle N")
        return 2
    reply_by = _parse_week(args.reply_by)
    with Ledger(getattr(args, "db", None)) as ledger:
        notices = select_notices(
            ledger,
            overdue=args.overdue,
            due_soon=args.due_soon,
            idle_days=args.idle,
            unit=args.unit,
        )
        if not notices:
            print("没有符合条件的任务，未生成催办通知单。")
            return 0
        run = send_reminders(ledger, args.out, notices, reply_by=reply_by, by=args.by)
    print(f"已生成 {len(run.files)} 份催办通知单（共 {run.tasks_logged} 项任务，已记入任务历史）：")
    for path in run.files:
        print(f"  {path}")
    return 0


def cmd_report_settings(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from core.ledger import Ledger

    labels = {"office": "督查机构", "reporter": "填报单位", "contact": "联系人", "phone": "电话"}
    with Ledger(getattr(args, "db", None)) as ledger:
        current = ledger.report_settings()
        changes = {k: getattr(args, k) for k in labels if getattr(args, k) is not None}
        if changes:
            current = ledger.set_report_settings(replace(current, **changes))
    for key, label in labels.items():
        print(f"{label}：{getattr(current, key) or '（未设置）'}")
    return 0
