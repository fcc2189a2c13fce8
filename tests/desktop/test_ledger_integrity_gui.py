"""Issue 17 in the window: retiring tasks is asked with the list, damage is shown, not written.

The import runs on the real thread pool; the question is the real QMessageBox, answered by
a timer that reads it and clicks a button, so what the clerk would see is what is tested.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from seedfiles import seed_path

from core.ledger import Ledger, LedgerCorruptError
from desktop.actions.importing import ImportSummary
from desktop.environment.ledger_state import announce_ledger_state
from desktop.errors import Notifier, RecordingNotifier
from desktop.gateway import LedgerGateway
from desktop.views.import_flow import ImportController
from desktop.workers import SyncTaskRunner, TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ledger"))
from ledger_damage import damage_ledger
from ledger_dump import dump

DROPPED = slice(438, 442)  # items 二十九 and 三十 of 稷政办发〔2022〕31号 in seed 004


@pytest.fixture
def corrected(tmp_path: Path) -> Path:
    lines = seed_path("004").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "稷山公报更正版.txt"
    path.write_text("".join(lines[: DROPPED.start] + lines[DROPPED.stop :]), encoding="utf-8")
    return path


def answer_when_asked(button: str, seen: list[tuple[str, str]]) -> QTimer:
    """Poll for the 确认删除任务 box; record its text and list, then click `button`."""
    timer = QTimer()

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "确认删除任务":
                seen.append((w.text(), w.detailedText()))
                next(b for b in w.buttons() if b.text() == button).click()
                timer.stop()
                return

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def run_import(qtbot, gateway: LedgerGateway, path: Path) -> ImportSummary:  # type: ignore[no-untyped-def]
    pool = QThreadPool()
    controller = ImportController(gateway, TaskRunner(pool), Notifier(None), show_progress=False)
    controller.notifier.info = lambda *a, **k: None  # type: ignore[method-assign]
    with qtbot.waitSignal(controller.finished, timeout=60_000) as blocker:
        assert controller.start([path])
    pool.waitForDone()
    summary: ImportSummary = blocker.args[0]
    return summary


def ids_of(ledger: Ledger, refs: set[str]) -> dict[str, int]:
    return {r.ref: r.id for r in ledger.tasks() if r.ref in refs and "31号" in (r.doc_number or "")}


def test_retiring_is_asked_with_the_list_and_cancel_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, ledger, gateway, corrected
) -> None:
    ledger.import_file(seed_path("004"))
    ids = ids_of(ledger, {"二十九", "三十"})
    before = dump(str(ledger.engine.url))
    seen: list[tuple[str, str]] = []
    timer = answer_when_asked("取消", seen)
    summary = run_import(qtbot, gateway, corrected)
    timer.stop()
    text, detail = seen[0]
    assert "以下 2 项任务" in text and "稷山公报更正版.txt" in text
    assert f"任务 {ids['二十九']}" in text and f"任务 {ids['三十']}" in detail
    assert [o.outcome for o in summary.unchanged] == ["declined"]
    assert "台账未作改动" in summary.text()
    assert dump(str(ledger.engine.url)) == before


def test_confirming_retires_exactly_the_listed_tasks(  # type: ignore[no-untyped-def]
    qtbot, ledger, gateway, corrected
) -> None:
    ledger.import_file(seed_path("004"))
    ids = ids_of(ledger, {"二十九", "三十"})
    count = ledger.count()
    seen: list[tuple[str, str]] = []
    timer = answer_when_asked("确认删除", seen)
    summary = run_import(qtbot, gateway, corrected)
    timer.stop()
    assert seen and [o.outcome for o in summary.imported] == ["reissue_updated"]
    assert ledger.count() == count - 2
    assert not set(ids.values()) & {r.id for r in ledger.tasks()}


def test_a_part_of_an_imported_issue_is_reported_unchanged(ledger, gateway, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ledger.import_file(seed_path("004"))
    before = dump(str(ledger.engine.url))
    lines = seed_path("004").read_text(encoding="utf-8").splitlines(keepends=True)
    part = tmp_path / "前300行.txt"
    part.write_text("".join(lines[:300]), encoding="utf-8")
    notifier = RecordingNotifier()
    controller = ImportController(gateway, SyncTaskRunner(), notifier, show_progress=False)
    controller.start([part])
    kind, _title, text = notifier.messages[-1]
    assert kind == "info" and "一部分，未作改动" in text
    assert not any(m[0] == "confirm" for m in notifier.messages)  # nothing to ask
    assert dump(str(ledger.engine.url)) == before


# --- a damaged ledger -------------------------------------------------------------------
def _damaged_ledger(tmp_path: Path) -> tuple[Path, Path]:
    """A ledger with seed 004, a sound backup of it, then damage inside a table page."""
    from core.ledger.storage.backup import backup_ledger

    db = tmp_path / "台账.sqlite3"
    with Ledger(f"sqlite:///{db}") as led:
        led.import_file(seed_path("004"))
    backup = backup_ledger(db, tmp_path / "台账备份.sqlite3")
    damage_ledger(db)
    return db, backup


def test_a_damaged_ledger_is_shown_with_the_way_out_and_never_written(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, settings
) -> None:
    from desktop.main_window import MainWindow

    db, _ = _damaged_ledger(tmp_path)
    damaged = db.read_bytes()
    with Ledger(f"sqlite:///{db}") as led:
        notifier = RecordingNotifier()
        window = MainWindow(
            LedgerGateway(led, lambda: "测试员"), settings, SyncTaskRunner(), notifier
        )
        qtbot.addWidget(window)
        assert announce_ledger_state(led, notifier, window) is False
        kind, title, text = notifier.messages[-1]
        assert (kind, title) == ("warning", "台账已损坏")
        assert str(db) in text and "文件 → 恢复台账" in text
        with pytest.raises(LedgerCorruptError):
            window.gateway.set_status(1, "done")
    assert db.read_bytes() == damaged


def test_restore_replaces_a_damaged_ledger_and_the_window_works_again(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, settings
) -> None:
    from desktop.actions.backup_actions import install_backup_actions
    from desktop.main_window import MainWindow

    db, backup = _damaged_ledger(tmp_path)
    damaged = db.read_bytes()
    with Ledger(f"sqlite:///{db}") as led:
        notifier = RecordingNotifier(confirm_answer=True)
        window = MainWindow(
            LedgerGateway(led, lambda: "测试员"), settings, SyncTaskRunner(), notifier
        )
        qtbot.addWidget(window)
        file_menu = window.menuBar().actions()[0].menu()
        actions = install_backup_actions(window, file_menu)
        actions.restore_from(backup)
        assert notifier.messages[-1][1] == "恢复完成", notifier.messages
        assert led.integrity_problem is None
        assert window.model.rowCount() == led.count() > 0
        row = led.tasks()[0]
        assert led.set_status(row.id, "done").status == "done"
    kept = list(tmp_path.glob("台账.恢复前自动备份_*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept


def test_a_new_ledger_is_named_in_the_status_bar(qtbot, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    path = tmp_path / "新台账.sqlite3"
    with Ledger(f"sqlite:///{path}") as led:
        window = MainWindow(
            LedgerGateway(led, lambda: "测试员"), settings, SyncTaskRunner(), RecordingNotifier()
        )
        qtbot.addWidget(window)
        assert announce_ledger_state(led, RecordingNotifier(), window) is True
        label = window.statusBar().findChild(QLabel, "newLedgerNotice")
        assert label is not None and str(path) in label.text()
    with Ledger(f"sqlite:///{path}") as again:
        assert not again.created
