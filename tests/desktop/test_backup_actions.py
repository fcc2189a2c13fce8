"""文件 → 备份台账 / 恢复台账 on the real main window over a real SQLite ledger."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.actions.backup_actions import BackupActions, install_backup_actions

NOW = datetime(2026, 11, 20, 9, 30, 15)


def task_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM task").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def actions(window) -> BackupActions:  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    return install_backup_actions(window, file_menu, clock=lambda: NOW)


@pytest.fixture
def imported(window, gateway) -> int:  # type: ignore[no-untyped-def]
    gateway.ledger.import_file(seed_path("000"), by="测试员")
    window.reload()
    return window.model.rowCount()


def test_actions_sit_in_the_file_menu_before_quit(window, actions) -> None:  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("备份台账…") < texts.index("恢复台账…") < texts.index("退出")
    assert file_menu.actions()[texts.index("备份台账…") - 1].isSeparator()
    assert file_menu.actions()[texts.index("恢复台账…") + 1].isSeparator()  # a group of its own


def test_backup_offers_a_dated_name_and_writes_the_copy(  # type: ignore[no-untyped-def]
    window, actions, imported, notifier, monkeypatch, tmp_path
) -> None:
    offered: list[str] = []
    dest = tmp_path / "备份" / "copy.sqlite3"

    def fake_save(parent, title, start, filters):  # type: ignore[no-untyped-def]
        offered.append(start)
        return str(dest), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    actions.backup_action.trigger()
    assert Path(offered[0]).name == "台账备份_20261120_0930.sqlite3"
    assert task_count(dest) == imported > 0
    assert notifier.messages[-1][0:2] == ("info", "备份完成")
    assert str(dest) in notifier.messages[-1][2]
    assert actions.backup_action.isEnabled() and actions.restore_action.isEnabled()


def test_cancelled_dialog_writes_nothing(  # type: ignore[no-untyped-def]
    window, actions, notifier, monkeypatch, tmp_path
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    before = sorted(tmp_path.iterdir())
    actions.backup_action.trigger()
    assert sorted(tmp_path.iterdir()) == before and notifier.messages == []


def test_restore_confirms_naming_the_copy_then_reloads(  # type: ignore[no-untyped-def]
    window, actions, imported, gateway, monkeypatch, tmp_path
) -> None:
    from desktop.errors import Notifier

    db = Path(gateway.ledger.engine.url.database)
    empty = tmp_path / "empty.sqlite3"
    from core.ledger import Ledger

    Ledger(f"sqlite:///{empty}").close()  # a valid ledger backup with no tasks
    actions.notifier = Notifier(window)  # the real notifier: QMessageBox.question decides
    questions: list[str] = []
    shown: list[str] = []

    def answer(parent, title, text, *rest):  # type: ignore[no-untyped-def]
        questions.append(text)
        return (
            QMessageBox.StandardButton.No if len(questions) == 1 else QMessageBox.StandardButton.Yes
        )

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(empty), "")))
    window.undo_stack.push(QUndoCommand("旧台账上的修改"))  # refers to the old contents

    actions.restore_action.trigger()  # answered 否
    expected_copy = db.with_name("ledger.恢复前自动备份_20261120_093015.sqlite3")
    assert str(expected_copy) in questions[0]
    assert not expected_copy.exists() and window.model.rowCount() == imported

    actions.restore_action.trigger()  # answered 是
    assert task_count(expected_copy) == imported
    assert gateway.ledger.count(TaskFilter()) == 0
    assert window.model.rowCount() == 0  # reloaded
    assert window.undo_stack.count() == 0
    assert any(str(expected_copy) in text for text in shown)


def test_a_bad_file_is_refused_without_asking(  # type: ignore[no-untyped-def]
    window, actions, imported, notifier, gateway, monkeypatch, tmp_path
) -> None:
    bad = tmp_path / "照片.sqlite3"
    bad.write_bytes(b"\x89PNG not a ledger")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(bad), "")))
    actions.restore_action.trigger()
    kinds = [m[0] for m in notifier.messages]
    assert "confirm" not in kinds
    assert notifier.messages[-1][0] == "warning" and "照片.sqlite3" in notifier.messages[-1][2]
    assert gateway.ledger.count(TaskFilter()) == window.model.rowCount() == imported


def test_postgres_ledger_is_explained_not_backed_up(  # type: ignore[no-untyped-def]
    window, notifier, monkeypatch
) -> None:
    class FakeLedger:
        class engine:  # stands in for an Engine attribute
            from sqlalchemy.engine import make_url

            url = make_url("postgresql+psycopg://clerk:secret@server/taizhang")

    file_menu = window.menuBar().actions()[0].menu()
    actions = install_backup_actions(window, file_menu, lambda: FakeLedger())  # type: ignore[arg-type, return-value]
    called: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: called.append(a)))
    actions.backup_action.trigger()
    assert called == []
    assert notifier.messages[-1][0] == "warning" and "服务器管理员" in notifier.messages[-1][2]
    assert "secret" not in notifier.messages[-1][2]


def test_backup_runs_on_the_thread_pool(qtbot, window, gateway, imported, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With the app's real runner the copy is made off the GUI thread and reported back."""
    from desktop.errors import RecordingNotifier
    from desktop.workers import TaskRunner

    notifier = RecordingNotifier()
    file_menu = window.menuBar().actions()[0].menu()
    actions = install_backup_actions(window, file_menu, runner=TaskRunner(), notifier=notifier)
    dest = tmp_path / "threaded.sqlite3"
    actions.backup_to(dest)
    assert not actions.backup_action.isEnabled()  # disabled while the copy runs
    qtbot.waitUntil(lambda: bool(notifier.messages), timeout=30_000)
    assert notifier.messages[-1][1] == "备份完成" and task_count(dest) == imported
    assert actions.backup_action.isEnabled()
