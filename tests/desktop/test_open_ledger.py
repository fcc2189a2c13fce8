"""Opening the ledger at start-up: a failed login asks again, then gives a plain message."""

from __future__ import annotations

import socket

import pytest

from core.ledger import LedgerUnavailableError
from desktop.app import open_ledger
from desktop.environment.credentials import Credentials


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_failed_login_asks_again_then_raises_a_clerk_error() -> None:
    asked: list[str] = []

    def ask(key: str) -> str | None:
        asked.append(key)
        return f"try{len(asked)}"

    url = f"postgresql+psycopg://clerk:wrong@127.0.0.1:{closed_port()}/taizhang"
    creds = Credentials(keyring=None, ask=ask)
    with pytest.raises(LedgerUnavailableError) as err:
        open_ledger(url, None, creds, tag=lambda u: u, tries=3)
    assert len(asked) == 2  # the first try used the given password; two more were asked
    assert all(key.startswith("clerk@127.0.0.1") for key in asked)
    assert "无法打开台账数据库" in str(err.value)
    assert "wrong" not in str(err.value) and "try2" not in str(err.value)  # no password shown


def test_cancelling_the_prompt_stops_at_once() -> None:
    asked: list[str] = []
    creds = Credentials(keyring=None, ask=lambda key: asked.append(key) or None)
    url = f"postgresql+psycopg://clerk:wrong@127.0.0.1:{closed_port()}/taizhang"
    with pytest.raises(LedgerUnavailableError):
        open_ledger(url, None, creds, tag=lambda u: u)
    assert len(asked) == 1


def test_a_sqlite_ledger_opens_without_any_prompt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    creds = Credentials(keyring=None, ask=lambda key: pytest.fail("no password for SQLite"))
    ledger = open_ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}", None, creds, tag=lambda u: u)
    try:
        assert ledger.count() == 0
    finally:
        ledger.close()
