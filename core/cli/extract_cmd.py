"""`python -m core extract PATH [--json]`: run the extractor on one file.

--json is the stable machine interface (the scorer and outside checks read it): one UTF-8
JSON object, Chinese not escaped. Without it, a summary a clerk can read in a terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from typing import Any

from core.cues import FLAG_REASON, FLAG_REASON_FEW
from core.cues.detect import REASON_TABLE_ROW
from core.model import Document, ExtractionResult, MissedCue, Task

_TEXT_PREVIEW = 40
_CUE_PREVIEW = 60
_ROW_RUN_GAP = 3  # table rows this close together print as one run


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "extract",
        help="从公报或单个文件中提取任务",
        description="读取政府公报（文本、PDF 或 DOCX），列出各文件及其分工任务。",
    )
    p.add_argument("path", help="公报文件路径（.txt / .pdf / .docx）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出完整结果（UTF-8）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from core.pipeline import extract_file

    result = extract_file(args.path)
    if args.json:
        out = json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
    else:
        out = format_summary(result)
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:
        # `… | head` closed the pipe: not an error worth a traceback. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def format_summary(result: ExtractionResult) -> str:
    """Documents with task counts, then one line per task."""
    out: list[str] = []
    g = result.gazette
    if g.title:
        issue = f"{g.year or ''}年第{g.issue}期" if g.issue else ""
        total = f"（总第{g.total_issue}期）" if g.total_issue else ""
        out.append(f"{g.title} {issue}{total}".rstrip())
        if g.publication_date:
            out.append(f"出版日期：{g.publication_date}")
    out.append(
        f"文件 {sum(not d.is_toc for d in result.documents)} 件，任务 {len(result.tasks)} 项"
    )
    out.append("")
    per_doc = Counter((t.doc_number, t.doc_title) for t in result.tasks)
    for d in result.documents:
        if d.is_toc:
            out.append(f"  [目录] 第{d.first_line}–{d.last_line}行")
            continue
        n = per_doc.get((d.doc_number, d.title), 0)
        flag = f"  ！{FLAG_REASON if n == 0 else FLAG_REASON_FEW}" if d.flagged else ""
        out.append(
            f"  {d.doc_number or '（无文号）'}  {d.title}  任务 {n} 项  第{d.first_line}行{flag}"
        )
        out.extend(_missed_lines(d))
    if result.tasks:
        out.append("")
        out.append("任务：")
        for t in result.tasks:
            out.append("  " + _task_line(t))
    for w in result.warnings:
        out.append(f"警告：{w}")
    return "\n".join(out) + "\n"


def _missed_lines(d: Document) -> list[str]:
    """The document's 可能遗漏 block: one line per cue no task took; a run of table rows
    prints as one range so a missed 90-row table does not bury the rest."""
    if not d.missed:
        return []
    out = [f"    可能遗漏（{len(d.missed)} 处）："]
    runs: list[list[MissedCue]] = []
    for m in d.missed:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and m.reason == REASON_TABLE_ROW == last.reason
            and m.line - last.line <= _ROW_RUN_GAP
        ):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        first = run[0]
        text = _preview(first.text.replace("\t", " "), _CUE_PREVIEW)
        if len(run) == 1:
            out.append(f"      第{first.line}行  {text}  —— {first.reason}")
        else:
            where = f"第{first.line}–{run[-1].line}行（{len(run)} 行）"
            out.append(f"      {where}  {text}  —— {first.reason}")
    return out


def _preview(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _task_line(t: Task) -> str:
    units = "、".join(t.lead_units) or "—"
    if t.support_units:
        units += "（配合：" + "、".join(t.support_units) + "）"
    text = t.text.replace("\n", " ")
    if len(text) > _TEXT_PREVIEW:
        text = text[:_TEXT_PREVIEW] + "…"
    ref = t.ref or "-"
    deadline = t.deadline or "—"
    return f"第{t.line}行 {t.doc_number or ''} {ref}  {units}  期限 {deadline}  {text}"
