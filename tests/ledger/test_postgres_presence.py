"""Who is connected to a shared ledger, as the status bar shows it."""

from __future__ import annotations

import pytest

from core.ledger import Ledger
from core.ledger.presence import application_name, clerk_of, other_clerks, with_clerk


def test_other_clerks_lists_everyone_connected_but_me(db_url: str, backend: str) -> None:
    with (
        Ledger(with_clerk(db_url, "张三")) as mine,
        Ledger(with_clerk(db_url, "李四")) as li,
        Ledger(with_clerk(db_url, "王五")) as wang,
    ):
        li.count(), wang.count()  # each holds a pooled connection now
        expected = ["李四", "王五"] if backend == "postgresql" else []
        assert other_clerks(mine, me="张三") == expected
        wang.close()
        assert other_clerks(mine, me="张三") == expected[:1]


def test_url_tag_keeps_password_and_leaves_sqlite_alone() -> None:
    url = "postgresql+psycopg://u:p%40w@h:5432/db"
    tagged = with_clerk(url, "张三")
    assert tagged is not None and tagged.startswith("postgresql+psycopg://u:p%40w@h:5432/db?")
    assert "application_name=taizhang" in tagged
    assert with_clerk("sqlite:////tmp/x.sqlite3", "张三") == "sqlite:////tmp/x.sqlite3"
    assert with_clerk(None, "张三") is None


@pytest.mark.parametrize("clerk", ["张三", "很长的名字" * 10])
def test_application_name_fits_postgresql_limit(clerk: str) -> None:
    name = application_name(clerk)
    assert name.startswith("taizhang:") and name.isascii()
    assert len(name.encode()) <= 63
    back = clerk_of(name)
    assert back and clerk.startswith(back)
    assert clerk_of("psql") is None
