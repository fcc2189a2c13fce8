"""Crash and concurrency behaviour on a real SQLite file with real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_factories import make_result, make_task

from core.ledger import Ledger, TaskFilter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORKER = HERE / "ledger_worker.py"


def _worker(url: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]))
    return subprocess.Popen(
        [sys.executable, str(WORKER), url, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_sigkill_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    with Ledger(url) as ledger:
        ledger.import_result(make_result([make_task("既有任务。", "1")], issue=1))
    n = 20_000
    proc = _worker(url, "import", str(n), "2")
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the import is mid-transaction once it reports progress
    assert line.startswith("PROGRESS"), proc.stderr.read() if proc.stderr else line
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Ledger(url) as ledger:
        gazettes = {g.issue: g.task_count for g in ledger.gazettes()}
        assert gazettes.get(1) == 1  # earlier work intact
        assert gazettes.get(2) in (None, n)  # the killed file: none of it (or, if it won, all)
        assert ledger.count() in (1, 1 + n)
        assert ledger.set_status(ledger.tasks()[0].id, "done", by="事后").status == "done"


@pytest.mark.slow
def test_import_and_status_changes_from_two_processes_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    with Ledger(url) as ledger:
        ledger.import_result(
            make_result([make_task(f"已有任务{i}。", str(i)) for i in range(30)], issue=1)
        )
        ids = [r.id for r in ledger.tasks()]
    changes = ids * 3
    importer = _worker(url, "import", "6000", "2")
    assert importer.stdout is not None
    assert importer.stdout.readline().startswith("PROGRESS")  # importer holds the write lock
    statuses = _worker(url, "statuses", *map(str, changes))
    out_s, err_s = statuses.communicate(timeout=180)
    out_i, err_i = importer.communicate(timeout=180)
    assert importer.returncode == 0, err_i
    assert statuses.returncode == 0, err_s
    assert "locked" not in err_s + err_i
    assert "DONE" in out_s and "DONE" in out_i
    with Ledger(url) as ledger:
        assert ledger.count(TaskFilter()) == 30 + 6000
        history = sum(len(ledger.task(i).history) for i in ids)
        assert history == len(changes)


def test_busy_database_is_retried_then_reported_in_chinese() -> None:
    """retry_busy re-runs a write that hit SQLITE_BUSY, and gives up with a clerk error."""
    from sqlalchemy.exc import OperationalError

    from core.ledger import LedgerBusyError
    from core.ledger.storage.db import retry_busy

    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return "ok"

    assert retry_busy(flaky) == "ok" and len(calls) == 3

    def always_busy() -> str:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    with pytest.raises(LedgerBusyError) as exc:
        retry_busy(always_busy, attempts=2)
    assert "占用" in str(exc.value)


@pytest.mark.slow
def test_several_processes_opening_a_new_ledger_at_once(tmp_path: Path) -> None:
    """Each one may try to create the schema; the others must wait and find it done."""
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    procs = [_worker(url, "statuses") for _ in range(4)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "DONE" in out
    with Ledger(url) as ledger:
        assert ledger.count() == 0
