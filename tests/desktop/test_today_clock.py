"""`--today` moves 超过N天未更新 with the due dates: both count from the ledger's clock,
never from the machine's (issue 17)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from seedfiles import seed_path

from core.ledger import Ledger, TaskFilter
from desktop.app import _fixed_clock
from desktop.gateway import LedgerGateway
from desktop.main_window import MainWindow
from desktop.table.rows import QUICK_STAGNANT
from desktop.workers import SyncTaskRunner


def test_stagnation_counts_from_the_given_day(qtbot, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'l.sqlite3'}"
    with Ledger(url, clock=_fixed_clock("2023-10-15")) as led:
        LedgerGateway(led, lambda: "测试员").import_path(seed_path("002"))
    for day, stagnant in (("2023-10-20", False), ("2023-11-20", True)):
        with Ledger(url, clock=_fixed_clock(day)) as led:
            win = MainWindow(LedgerGateway(led, lambda: "测试员"), settings, SyncTaskRunner())
            qtbot.addWidget(win)
            win.reload()
            total = win.model.rowCount()
            assert total > 0
            win.nav.quick_buttons[QUICK_STAGNANT].click()  # 14 days by default
            # Imported on 2023-10-15: 5 days later nothing is stagnant, 36 days later all is
            # (the machine's clock, years later, would call everything stagnant).
            assert win.model.rowCount() == (total if stagnant else 0), day
            win.close()


def test_ledger_queries_as_of_another_day_measure_stagnation_from_it(tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}", clock=_fixed_clock("2023-10-15")) as led:
        LedgerGateway(led, lambda: "测试员").import_path(seed_path("002"))
        total = led.count()
        stagnant = TaskFilter(stagnant_days=14)
        assert led.count(stagnant) == 0
        later = date(2023, 10, 15) + timedelta(days=30)
        assert led.count(stagnant, today=later) == total
        assert len(led.tasks(stagnant, today=later)) == total
        assert led.count(stagnant, today=date(2023, 10, 20)) == 0
