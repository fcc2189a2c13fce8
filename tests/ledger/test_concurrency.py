"""Several clerks on one ledger (SQLite file or PostgreSQL server): no edit silently lost.

Runs on every back end through the parametrized `db_url`. Separate `Ledger` objects (own
engines and pools) stand for separate clerks' programs; the multi-process tests use real
processes racing on the same rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_factories import Clock, make_result, sample_tasks

from core.ledger import EditConflict, Ledger

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORKER = HERE / "clerk_worker.py"


@pytest.fixture
def task_ids(ledger: Ledger) -> list[int]:
    ledger.import_result(make_result(sample_tasks()), by="导入员")
    return [r.id for r in ledger.tasks()]


def test_saving_over_another_clerks_save_names_who_what_when(
    ledger: Ledger, db_url: str, task_ids: list[int], clock: Clock
) -> None:
    task_id = task_ids[0]
    seen_by_a = ledger.rows([task_id])[0]
    clock.advance(hours=1)
    with Ledger(db_url, clock=clock) as other:
        other.set_status(task_id, "推进中", by="李四", expected_version=seen_by_a.version)
    with pytest.raises(EditConflict) as exc:
        ledger.set_status(task_id, "done", by="张三", expected_version=seen_by_a.version)
    conflict = exc.value
    assert conflict.changed_by == "李四"
    assert conflict.changed_at == clock.now
    assert conflict.change is not None and "推进中" in conflict.change
    assert conflict.current_version == seen_by_a.version + 1
    assert "李四" in str(conflict) and "推进中" in str(conflict)
    # Nothing was overwritten: the other clerk's status stands, only their change is logged.
    assert ledger.rows([task_id])[0].status == "in_progress"
    assert [h.by for h in ledger.task(task_id).history] == ["李四"]


def test_overwrite_after_conflict_keeps_both_changes_in_history(
    ledger: Ledger, db_url: str, task_ids: list[int], clock: Clock
) -> None:
    task_id = task_ids[0]
    v = ledger.rows([task_id])[0].version
    with Ledger(db_url, clock=clock) as other:
        other.set_status(task_id, "suspended", by="李四", expected_version=v)
        other.add_note(task_id, progress="李四的进展", by="李四")
    clock.advance(minutes=5)
    with pytest.raises(EditConflict):
        ledger.add_note(task_id, progress="张三的进展", by="张三", expected_version=v)
    ledger.set_status(task_id, "done", by="张三")  # the clerk chose "overwrite"
    ledger.add_note(task_id, progress="张三的进展", by="张三")
    detail = ledger.task(task_id)
    assert [(h.by, h.to_status) for h in detail.history] == [
        ("李四", "suspended"),
        ("张三", "done"),
    ]
    assert [(n.by, n.progress) for n in detail.notes] == [
        ("李四", "李四的进展"),
        ("张三", "张三的进展"),
    ]
    assert detail.task.version == v + 4


def test_each_ledger_sees_the_others_changes(
    ledger: Ledger, db_url: str, task_ids: list[int], clock: Clock
) -> None:
    mark = clock.now
    clock.advance(minutes=1)
    with Ledger(db_url, clock=clock) as other:
        other.add_note(task_ids[1], progress="异地录入", by="李四")
    assert ledger.changed_since(mark) == [task_ids[1]]
    assert ledger.task(task_ids[1]).notes[-1].by == "李四"


def _clerk(url: str, clerk: str, n: int, mode: str, ids: list[int]) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]))
    return subprocess.Popen(
        [sys.executable, str(WORKER), url, clerk, str(n), mode, *map(str, ids)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["expected", "force"])
def test_clerk_processes_racing_on_the_same_tasks_lose_nothing(
    ledger: Ledger, db_url: str, task_ids: list[int], mode: str
) -> None:
    """Every successful write is a history row or note; every refused one was reported."""
    clerks, edits = 4, 30
    shared = task_ids[:2]
    procs = [_clerk(db_url, f"办事员{k}", edits, mode, shared) for k in range(clerks)]
    totals = {"status": 0, "notes": 0, "conflicts": 0}
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        for key, value in json.loads(out.strip().splitlines()[-1]).items():
            totals[key] += value
    assert totals["status"] + totals["notes"] == clerks * edits
    history = [h for t in shared for h in ledger.task(t).history]
    notes = [n for t in shared for n in ledger.task(t).notes]
    assert len(history) == totals["status"]
    assert len(notes) == totals["notes"]
    # Each clerk's own writes are all there, by name.
    for k in range(clerks):
        mine = [h for h in history if h.by == f"办事员{k}"] + [
            n for n in notes if n.by == f"办事员{k}"
        ]
        assert len(mine) == edits
    # The version counts every write exactly once.
    versions = sum(ledger.rows([t])[0].version for t in shared)
    assert versions == len(shared) + clerks * edits
    if mode == "force":
        assert totals["conflicts"] == 0
