"""A ledger that cannot be reached is a clerk-fixable error, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from seedfiles import ROOT

from core.ledger import Ledger, LedgerUnavailableError


def unreachable_pg_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"postgresql+psycopg://clerk:s3cret@127.0.0.1:{port}/taizhang"


def test_unreachable_server_raises_a_typed_error_without_the_password() -> None:
    with pytest.raises(LedgerUnavailableError) as err:
        Ledger(unreachable_pg_url())
    message = str(err.value)
    assert message.startswith("无法打开台账数据库 postgresql+psycopg://clerk:***@127.0.0.1:")
    assert "s3cret" not in message


def test_cli_prints_one_line_and_exits_2() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "core", "--db", unreachable_pg_url(), "tasks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "无法打开台账数据库" in out.stderr
    assert "Traceback" not in out.stderr
    assert "s3cret" not in out.stderr
