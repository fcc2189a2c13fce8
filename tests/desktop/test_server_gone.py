"""The window on a shared ledger whose server goes away and comes back.

A private PostgreSQL server (stopped and restarted by the test, so not the session one):
while it is down the clerk reads one Chinese line naming the server, never a driver's text
or a crash report; once it is back the same window reads and saves again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from ledger import pg_server as pg  # tests/ledger, importable as a namespace package
from ledger.ledger_factories import make_result, sample_tasks

from core.ledger import Ledger
from desktop.environment.connection import ConnectionStatus

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server() -> Iterator[pg.PgServer]:
    try:
        srv = pg.start()
    except pg.PgUnavailable as exc:
        if pg.on_ci():
            pytest.fail(f"CI 必须运行 PostgreSQL 测试，但服务器无法启动：{exc}")
        pytest.skip(f"PostgreSQL 不可用：{exc}")
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def ledger(server: pg.PgServer) -> Iterator[Ledger]:
    """Overrides the desktop suite's SQLite ledger: a fresh database on the private server."""
    name = f"gone_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(
        host=server.host, port=server.port, user=server.user, dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    with Ledger(server.url(name)) as led:
        led.import_result(make_result(sample_tasks()), by="导入员")
        yield led


def test_window_says_the_server_is_away_and_recovers(  # type: ignore[no-untyped-def]
    window, ledger, notifier, server
) -> None:
    total = ledger.count()
    assert window.model.rowCount() == total
    status = ConnectionStatus(window, lambda: "测试员", interval_ms=3_600_000)
    place = f"{server.host}:{server.port}"

    server.halt()
    try:
        window.reload()
        kind, title, text = notifier.messages[-1]
        assert (kind, title) == ("warning", "无法读取台账")
        assert "共享台账服务器" in text and place in text and "\n" not in text
        assert "Traceback" not in text and "SELECT" not in text and "psycopg" not in text
        assert window.model.rowCount() == total  # the rows already shown stay

        assert status.refresh() == 0
        assert "共享台账服务器" in window.statusBar().currentMessage()
        assert "连接中断" in status.label.text()

        task_id = window.model.row_at(0).id
        window.select_task(task_id)  # the detail panel cannot load: a status-bar line
        assert "共享台账服务器" in window.statusBar().currentMessage()
        assert not window.change_status("in_progress")  # a save: refused in one line
        kind, title, text = notifier.messages[-1]
        assert (kind, title) == ("warning", "无法保存")
        assert "共享台账服务器" in text and place in text
    finally:
        server.resume()

    shown = len(notifier.messages)
    window.reload()
    assert window.model.rowCount() == total
    assert len(notifier.messages) == shown  # no new complaint
    status.refresh()
    assert "连接中断" not in status.label.text()
    assert "已重新连接" in window.statusBar().currentMessage()
    window.select_task(task_id)
    assert window.change_status("in_progress")  # the same window saves again
    assert ledger.task(task_id).task.status == "in_progress"
    assert len(notifier.messages) == shown
