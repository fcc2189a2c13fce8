"""Ledger sub-commands: `import`, `tasks`, `show`, `status`, `note`, `units`.

They are thin: parse arguments, call `core.ledger.Ledger`, print. The database is the
global `--db URL`, else `TAIZHANG_DB_URL`, else the default file in the user's data folder.
Clerk-actionable errors (bad files, unknown task or status, edit conflicts) propagate as
`TaizhangError`, which `core.cli.main` prints in one Chinese line with exit status 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from typing import Any

from core.cli.notices import announce
from core.errors import InputError
from core.ledger import (
    STATUS_LABELS,
    ImportWouldRetireError,
    Ledger,
    TaskFilter,
    TaskRow,
    default_clerk,
)

_PREVIEW = 40
# Characters that would act on the terminal instead of being read: C0/C1 controls (NUL, ESC
# sequences that recolour or clear the screen, BEL) and bidirectional overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "import", help="把公报导入台账", description="提取并导入公报文件，每个文件一个事务。"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="公报文件（.txt / .pdf / .docx）")
    p.add_argument("--by", default=None, help="经办人（默认：当前系统用户）")
    p.add_argument(
        "--replace",
        action="store_true",
        help="以该文件为准替换已导入的同一期公报：文件中已没有的任务将被停用（默认：拒绝并列出）",
    )
    p.set_defaults(func=cmd_import)

    status_help = "、".join(f"{k}/{v}" for k, v in STATUS_LABELS.items())
    p = subparsers.add_parser("tasks", help="按条件列出台账任务")
    p.add_argument("--unit", help="单位（含别名；牵头或配合）")
    p.add_argument("--status", action="append", help=f"状态，可重复：{status_help}")
    p.add_argument(
        "--due", choices=["overdue", "week", "month"], help="已逾期 / 7天内到期 / 本月到期"
    )
    p.add_argument("--text", help="在任务内容、文件标题和文号中查找")
    p.add_argument("--year", type=int, help="年度")
    p.add_argument("--gazette", type=int, help="公报编号")
    p.add_argument("--stagnant", type=int, metavar="DAYS", help="超过 DAYS 天无更新的未完成任务")
    p.add_argument("--limit", type=int, default=None, help="最多列出条数")
    p.add_argument("--json", action="store_true", help='输出 JSON：{"tasks": [...]}')
    p.set_defaults(func=cmd_tasks)

    p = subparsers.add_parser("show", help="查看任务详情、状态历史和进展记录")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = subparsers.add_parser("status", help="更改任务状态")
    p.add_argument("id", type=int)
    p.add_argument("status", help=status_help)
    p.add_argument("--note", default=None, help="说明")
    p.add_argument("--by", default=None, help="经办人（默认：当前系统用户）")
    p.set_defaults(func=cmd_status)

    p = subparsers.add_parser("note", help="记录进展情况、存在问题、下步措施")
    p.add_argument("id", type=int)
    p.add_argument("--progress", required=True, help="进展情况")
    p.add_argument("--problems", default=None, help="存在问题")
    p.add_argument("--next", dest="next_steps", default=None, help="下步措施")
    p.add_argument("--by", default=None, help="经办人（默认：当前系统用户）")
    p.set_defaults(func=cmd_note)

    p = subparsers.add_parser(
        "units",
        help="单位目录：列出单位、合并别名、查看合并建议",
        description="单位按县分开管理；--suggest 列出建议合并的别名组及依据，--accept 接受建议。",
    )
    p.add_argument(
        "--merge", nargs=2, metavar=("ALIAS", "CANONICAL"), help="如：县发改局 县发展和改革局"
    )
    p.add_argument("--suggest", action="store_true", help="列出建议合并的单位别名组及依据")
    p.add_argument(
        "--accept", type=int, metavar="N", action="append", help="接受第 N 条建议（可重复）"
    )
    p.add_argument("--accept-all", action="store_true", help="接受全部建议（通常配合 --county）")
    p.add_argument("--county", default=None, help="只看或只改这个县的单位，如：兴县")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_units)


def _open(args: argparse.Namespace) -> Ledger:
    ledger = Ledger(getattr(args, "db", None))
    announce(ledger, getattr(args, "command", None))
    return ledger


def cmd_import(args: argparse.Namespace) -> int:
    failed = False
    with _open(args) as ledger:
        by = args.by or default_clerk()
        for path in args.paths:
            try:
                report = ledger.import_file(path, by=by, allow_retire=bool(args.replace))
            except (InputError, ImportWouldRetireError) as exc:
                print(f"错误：{exc}", file=sys.stderr)
                failed = True
                continue
            print(report.message)
            if report.outcome == "partial_copy" and not args.replace:
                print("  （如该文件是替换原版的更正版本，请加 --replace 重新导入）")
    return 2 if failed else 0


def cmd_tasks(args: argparse.Namespace) -> int:
    f = TaskFilter(
        unit=args.unit,
        status=tuple(args.status or ()),
        due=args.due,
        text=args.text,
        year=args.year,
        gazette_id=args.gazette,
        stagnant_days=args.stagnant,
    )
    with _open(args) as ledger:
        rows = ledger.tasks(f, limit=args.limit)
    if args.json:
        _dump({"tasks": [r.to_dict() for r in rows]})
        return 0
    for r in rows:
        print(_line(r))
    print(f"共 {len(rows)} 项")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as ledger:
        detail = ledger.task(args.id)
    if args.json:
        _dump(detail.to_dict())
        return 0
    t = detail.task
    print(f"任务 {t.id}  [{t.status_label}]{'  ' + t.due_label if t.due_label else ''}")
    print(f"  内容：{_shown(t.text)}")
    print(
        f"  文件：{_shown(t.doc_number or '')} {_shown(t.doc_title or '')}"
        f"（{_shown(t.gazette_file)} 第{t.line}行）"
    )
    if t.ref:
        print(f"  序号：{_shown(t.ref)}")
    print(f"  牵头：{_shown('、'.join(t.lead_units)) or '—'}")
    if t.support_units:
        print(f"  配合：{_shown('、'.join(t.support_units))}")
    for header, names in t.other_units.items():
        print(f"  {_shown(header)}：{_shown('、'.join(names))}")
    deadline_text = f"（{_shown(t.deadline_text)}）" if t.deadline_text else ""
    print(f"  时限：{t.deadline or '—'}{deadline_text}")
    if t.completed_on:
        print(f"  完成日期：{t.completed_on}")
    if detail.history:
        print("  状态历史：")
        for h in detail.history:
            old = STATUS_LABELS.get(h.from_status or "", "—")
            note = f"：{_shown(h.note)}" if h.note else ""
            print(f"    {_local(h.at)} {_shown(h.by)} {old}→{STATUS_LABELS[h.to_status]}{note}")
    if detail.notes:
        print("  进展记录：")
        for n in detail.notes:
            print(f"    {_local(n.at)} {_shown(n.by)}")
            for label, value in (
                ("进展情况", n.progress),
                ("存在问题", n.problems),
                ("下步措施", n.next_steps),
            ):
                if value:
                    print(f"      {label}：{_shown(value, indent=6 + len(label) * 2 + 2)}")
    if detail.corrections:
        print("  人工更正：")
        for c in detail.corrections:
            print(
                f"    {_local(c.at)} {_shown(c.by)} {c.field}："
                f"{_shown(str(c.old_value))} → {_shown(str(c.new_value))}"
            )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with _open(args) as ledger:
        row = ledger.set_status(args.id, args.status, note=args.note, by=args.by)
    print(f"任务 {row.id} 状态：{row.status_label}")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    with _open(args) as ledger:
        note = ledger.add_note(
            args.id,
            progress=args.progress,
            problems=args.problems,
            next_steps=args.next_steps,
            by=args.by,
        )
    print(f"任务 {note.task_id} 已记录进展（{note.by}）")
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    with _open(args) as ledger:
        if args.merge:
            alias, canonical = args.merge
            unit = ledger.merge_unit(alias, canonical, county=args.county)
            where = f"（{unit.county}）" if unit.county else ""
            print(f"已将“{alias}”合并到“{unit.name}”{where}，共 {unit.task_count} 项任务")
            return 0
        if args.suggest or args.accept or args.accept_all:
            return _suggestions(ledger, args)
        units = ledger.unit_directory(args.county)
    if args.json:
        _dump(
            {
                "units": [
                    {
                        "id": u.id,
                        "county": u.county,
                        "name": u.name,
                        "kind": u.kind,
                        "aliases": list(u.aliases),
                        "tasks": u.task_count,
                        "contact_person": u.contact_person,
                        "phone": u.phone,
                    }
                    for u in units
                ]
            }
        )
        return 0
    county = None
    for u in units:
        if u.county != county:
            county = u.county
            print(f"【{county or '未注明县'}】")
        alias = f"（别名：{'、'.join(u.aliases)}）" if u.aliases else ""
        kind = f"［{u.kind_label}］" if u.kind != "department" else ""
        print(f"  {u.name}{alias}{kind}  {u.task_count} 项")
    return 0


def _suggestions(ledger: Ledger, args: argparse.Namespace) -> int:
    """`units --suggest` lists numbered suggestions; `--accept N` / `--accept-all` apply them."""
    suggestions = ledger.suggest_unit_merges(args.county)
    chosen = range(1, len(suggestions) + 1) if args.accept_all else (args.accept or [])
    if chosen:
        for n in chosen:
            if not 1 <= n <= len(suggestions):
                print(f"错误：没有第 {n} 条建议（共 {len(suggestions)} 条）", file=sys.stderr)
                return 2
        for n in chosen:
            s = suggestions[n - 1]
            change = ledger.accept_merge(s.county, s.names, s.canonical)
            print(f"{s.county}：{change.summary}")
        return 0
    if args.json:
        _dump(
            {
                "suggestions": [
                    {
                        "n": i,
                        "county": s.county,
                        "canonical": s.canonical,
                        "members": [
                            {
                                "name": m.name,
                                "tasks": m.count,
                                "rule": m.rule,
                                "evidence": m.evidence,
                            }
                            for m in s.members
                        ],
                    }
                    for i, s in enumerate(suggestions, start=1)
                ]
            }
        )
        return 0
    for i, s in enumerate(suggestions, start=1):
        print(f"{i:>3}. 【{s.county or '未注明县'}】{s.canonical}")
        for m in s.members[1:]:
            print(f"       ← {m.name}（{m.count} 项）：{m.evidence}")
    print(f"共 {len(suggestions)} 条建议；用 --accept N 或 --accept-all 接受")
    return 0


def _line(r: TaskRow) -> str:
    flat = _shown(r.text.replace("\n", " "))
    text = flat if len(flat) <= _PREVIEW else flat[: _PREVIEW - 1] + "…"
    due = f" {r.due_label}" if r.due_label else ""
    lead = "、".join(r.lead_units) or "—"
    return f"{r.id:>6}  {r.status_label}{due}  {r.deadline or '—'}  {_shown(lead)}  {text}"


def _shown(value: str | None, indent: int = 0) -> str:
    """Free text as a terminal may print it: controls become visible escapes (\\x1b), a
    line break continues under the same column, so a note can never repaint the screen."""
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\t", " ")
    text = _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )
    return text.replace("\n", "\n" + " " * indent)


def _local(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def _dump(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
