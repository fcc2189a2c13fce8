"""Desktop tests: offscreen Qt, a QApplication for every test, marked `gui`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.gui)
            # The offscreen platform's notices when a top-level window is shown or raised.
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", "support raise"))


@pytest.fixture(autouse=True)
def _qt_application(qapp):  # type: ignore[no-untyped-def]
    """Models create pixmaps and fonts, which need a QApplication even without widgets."""
    return qapp


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Settings in a throw-away INI file, never the clerk's real ones."""
    from PySide6.QtCore import QSettings

    from desktop.environment.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def ledger(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh SQLite ledger file per test."""
    from core.ledger import Ledger

    with Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}") as led:
        yield led


@pytest.fixture
def gateway(ledger):  # type: ignore[no-untyped-def]
    from desktop.gateway import LedgerGateway

    return LedgerGateway(ledger, lambda: "测试员")


@pytest.fixture
def notifier():  # type: ignore[no-untyped-def]
    from desktop.errors import RecordingNotifier

    return RecordingNotifier()


@pytest.fixture
def window(qtbot, gateway, settings, notifier):  # type: ignore[no-untyped-def]
    """The main window over the temp ledger, with jobs run inline (no threads)."""
    from desktop.main_window import MainWindow
    from desktop.workers import SyncTaskRunner

    win = MainWindow(gateway, settings, SyncTaskRunner(), notifier)
    qtbot.addWidget(win)
    win.reload()
    return win
