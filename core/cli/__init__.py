"""`python -m core …`: one entry point, each sub-command registered by its own module.

Errors a clerk can act on (`TaizhangError`) print one Chinese line and exit with status 2;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from core.errors import TaizhangError

# Each module defines `register(subparsers)` and sets `func` on its parser.
COMMAND_MODULES = [
    "core.cli.extract_cmd",
    "core.cli.ledger_cmds",
    "core.cli.export_cmd",
    "core.cli.remind_cmd",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="公报督办台账 命令行工具")
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help=(
            "台账数据库 SQLAlchemy URL"
            "（默认：用户数据目录中的 SQLite 文件；也可设 TAIZHANG_DB_URL）"
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except TaizhangError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`python -m core tasks | head`): not an error. Point stdout at
        # devnull so the interpreter's final flush does not raise a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
