"""One-line notices on stderr after a ledger opens: a new empty ledger, a damaged one.

A mistyped `--db` path used to create a new empty ledger without a word, so `tasks` simply
listed nothing; now the clerk reads where the new file is. Reading commands on a ledger that
failed its integrity check say so too (writing commands are refused by the ledger itself).
"""

from __future__ import annotations

import sys

from core.ledger import Ledger

# Sub-commands that only read: they may go on over a damaged ledger, with a warning.
READ_COMMANDS = frozenset({"tasks", "show", "units", "export"})


def announce(ledger: Ledger, command: str | None) -> None:
    if ledger.created and ledger.file is not None:
        print(
            f"提示：{ledger.file} 不存在，已新建空台账（如路径有误，请检查 --db）", file=sys.stderr
        )
    if ledger.integrity_problem is not None and command in READ_COMMANDS:
        print(f"警告：{ledger.corrupt_error()}；以下内容可能不完整", file=sys.stderr)
