"""The status bar names the ledger and the clerk; other clerks' saves reach the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from seedfiles import seed_path

from core.ledger import Ledger
from desktop.environment import connection
from desktop.environment.connection import ConnectionStatus, ledger_label


@pytest.fixture
def other(ledger):  # type: ignore[no-untyped-def]
    """Another clerk's program on the same ledger file (own engine, own connections)."""
    with Ledger(f"sqlite:///{ledger.engine.url.database}") as lg:
        yield lg


@pytest.fixture
def status(window, ledger):  # type: ignore[no-untyped-def]
    ledger.import_file(seed_path("000"), by="导入员")
    window.reload()
    return ConnectionStatus(window, lambda: "测试员", interval_ms=3_600_000)


def _row(window, task_id):  # type: ignore[no-untyped-def]
    return next(r for r in window.model.all_rows() if r.id == task_id)


def test_label_names_ledger_and_clerk_without_password() -> None:
    text = ledger_label("postgresql+psycopg://zs:secret@db.gov:5432/taizhang", "张三", ["李四"])
    assert "postgresql+psycopg://zs@db.gov:5432/taizhang" in text
    assert "secret" not in text and "***" not in text
    assert "经办人：张三" in text and "同时在线：李四" in text
    assert "同时在线" not in ledger_label("sqlite:////x/台账.sqlite3", "张三", [])


def test_sqlite_ledger_is_named_by_its_file_path() -> None:
    """A clerk knows a file, not an SQLAlchemy URL."""
    text = ledger_label("sqlite:////x/台账.sqlite3", "张三", [])
    assert "台账：/x/台账.sqlite3" in text and "sqlite:" not in text


def test_status_bar_shows_this_ledger_and_clerk(window, ledger, status) -> None:  # type: ignore[no-untyped-def]
    text = status.label.text()
    assert str(ledger.engine.url.database) in text and "经办人：测试员" in text
    assert status.label in window.statusBar().findChildren(type(status.label))


def test_refresh_brings_in_another_clerks_status_change(window, other, status) -> None:  # type: ignore[no-untyped-def]
    task_id = window.model.all_rows()[0].id
    assert status.refresh() == 0
    other.set_status(task_id, "done", by="李四")
    assert _row(window, task_id).status != "done"
    assert status.refresh() == 1
    assert _row(window, task_id).status == "done"
    assert status.refresh() == 0  # nothing new: the table is not touched again


def test_tasks_another_clerk_imported_appear(window, other, status) -> None:  # type: ignore[no-untyped-def]
    before = window.model.total_count
    other.import_file(seed_path("001"), by="李四")
    assert status.refresh() > 0
    assert window.model.total_count > before


def test_focus_and_timer_both_refresh(window, other, status, qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = window.model.all_rows()
    other.set_status(rows[0].id, "in_progress", by="李四")
    status._last = 0.0
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: _row(window, rows[0].id).status == "in_progress", timeout=5000)
    other.set_status(rows[1].id, "suspended", by="李四")
    status.timer.setInterval(50)
    qtbot.waitUntil(lambda: _row(window, rows[1].id).status == "suspended", timeout=5000)


def test_other_connected_clerks_are_listed(window, status, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(connection, "other_clerks", lambda _ledger, me: ["李四", "王五"])
    status.refresh()
    assert "同时在线：李四、王五" in status.label.text()
