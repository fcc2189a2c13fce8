"""`python -m core …`: one entry point, each sub-command registered by its own module.

Every failure ends here and is sorted by `core.error_messages.describe`: an error the clerk
can act on (a bad file, a server that went away, a colleague importing the same file)
prints one Chinese line and exits with status 2; a bug prints one short Chinese line naming
the log file that holds its traceback, and exits with status 1. Nothing else reaches
stderr: no traceback, no SQL, no task data.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from core.error_messages import EXIT_BUG, EXIT_USER_ERROR, bug_message, describe, log_bug

# Each module defines `register(subparsers)` and sets `func` on its parser.
COMMAND_MODULES = [
    "core.cli.extract_cmd",
    "core.cli.ledger_cmds",
    "core.cli.export_cmd",
    "core.cli.remind_cmd",
    "core.cli.feedback_cmd",
]


# argparse's own complaints, in the clerk's language (regex on the English text -> Chinese).
_ARGPARSE_MESSAGES = [
    (
        r"argument (\S+): expected one argument",
        r"选项 \1 后缺少内容（内容以“-”开头时请写成 \1=内容）",
    ),
    (r"argument (\S+): expected at least one argument", r"选项 \1 后至少需要一项内容"),
    (r"argument (\S+): invalid int value: '(.*)'", r"\1 需要整数，而不是“\2”"),
    (r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)", r"\1 不能是“\2”，可选：\3"),
    (r"the following arguments are required: (.*)", r"缺少必填参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是：\2"),
]


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors are Chinese (sub-command parsers inherit it)."""

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            translated, n = re.subn(pattern, chinese, message)
            if n:
                message = translated
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}：错误：{message}\n")


def _single_value_options(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """(options taking exactly one value, every option string) over all sub-commands."""
    single: set[str] = set()
    every: set[str] = set()
    for action in parser._actions:
        every.update(action.option_strings)
        if action.option_strings and action.nargs is None and action.const is None:
            single.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                s, e = _single_value_options(sub)
                single |= s
                every |= e
    return single, every


def glue_dash_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """`--note -已开会` -> `--note=-已开会`: a text value may start with "-".

    argparse takes any word starting with "-" for an option, so a note such as "-已开会"
    (or "—" typed as "-") was refused. A word after a one-value option is its value unless
    it is itself one of our options.
    """
    single, every = _single_value_options(parser)
    out: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            out.extend(args[i:])
            break
        nxt = args[i + 1] if i + 1 < len(args) else None
        if (
            word in single
            and nxt is not None
            and nxt.startswith("-")
            and nxt != "--"
            and nxt.split("=", 1)[0] not in every
        ):
            out.append(f"{word}={nxt}")
            i += 2
            continue
        out.append(word)
        i += 1
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m core", description="公报督办台账 命令行工具")
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
    parser = build_parser()
    raw = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(glue_dash_values(parser, raw))
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # The reader went away (`python -m core tasks | head`): not an error. Point stdout at
        # devnull so the interpreter's final flush does not raise a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已中断：未完成的操作没有写入台账", file=sys.stderr)
        return 130
    except Exception as exc:
        return report_failure(exc, where=_ledger_place(args))


def report_failure(exc: BaseException, where: str | None = None) -> int:
    """Print the one line for `exc` on stderr; returns the exit status."""
    message = describe(exc, where)
    if message is not None:
        print(f"错误：{message.line}", file=sys.stderr)
        return EXIT_USER_ERROR
    print(f"错误：{bug_message(exc, log_bug(exc))}", file=sys.stderr)
    return EXIT_BUG


def _ledger_place(args: argparse.Namespace) -> str | None:
    """The ledger the command used, for messages about its server (no password shown)."""
    try:
        from core.ledger.storage.db import resolve_url

        return resolve_url(getattr(args, "db", None))
    except Exception:  # a message about the failure must not fail itself
        return None
