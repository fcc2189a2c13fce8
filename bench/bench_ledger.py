"""Ledger benchmark: prints figures, asserts nothing.

    .venv/bin/python bench/bench_ledger.py [--tasks 100000]

1. Five seed gazettes into a fresh ledger (target ≤ 3 s): extraction and ledger import
   timed separately and together.
2. A ledger of N generated tasks (default 100,000; 60 units, random statuses and
   deadlines): import time, then median times of one filtered query (target ≤ 50 ms),
   counts per unit, a count, a text search and a stagnation query.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import extract  # noqa: E402
from core.ledger import Ledger, TaskFilter  # noqa: E402
from core.model import Document, ExtractionResult, Gazette, Task  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
NOW = datetime(2024, 6, 10, 12, tzinfo=UTC)
TODAY = date(2024, 6, 10)
KINDS = ["污水", "道路", "学校", "医院"]


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def bench_seeds(tmp: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    t0 = time.perf_counter()
    with Ledger(f"sqlite:///{tmp / 'seeds.sqlite3'}") as ledger:
        t_open = time.perf_counter() - t0
        t_extract = t_import = 0.0
        n = 0
        for seed in seeds:
            t, result = timed(lambda s=seed: extract(s))
            t_extract += t
            t, report = timed(lambda r=result: ledger.import_result(r, by="bench"))
            t_import += t
            n += report.tasks_added
    total = time.perf_counter() - t0
    print(f"five seeds: {len(seeds)} files, {n} tasks")
    print(f"  open+migrate {t_open * 1000:7.0f} ms")
    print(f"  extraction   {t_extract * 1000:7.0f} ms")
    print(f"  ledger import{t_import * 1000:7.0f} ms")
    print(f"  total        {total * 1000:7.0f} ms   (target ≤ 3000 ms)")


def generated(n: int, per_file: int) -> list[ExtractionResult]:
    rng = random.Random(7)
    units = [f"县第{i}局" for i in range(60)]
    out = []
    for f in range(0, n, per_file):
        tasks = []
        for i in range(f, min(n, f + per_file)):
            lead = rng.sample(units, k=rng.choice((1, 1, 2)))
            support = rng.sample(units, k=rng.choice((0, 1, 2, 3)))
            deadline = (
                TODAY + timedelta(days=rng.randint(-120, 240)) if rng.random() < 0.8 else None
            )
            tasks.append(
                Task(
                    doc_number=f"兴政发〔2024〕{i // 50}号",
                    doc_title=f"第{i // 50}号文件",
                    section="附件 重点任务分工",
                    kind="table",
                    ref=str(i),
                    group=None,
                    leader=None,
                    text=f"推进第{i}项重点工作，完成{rng.choice(KINDS)}建设。",
                    lead_units=lead,
                    support_units=[u for u in support if u not in lead],
                    deadline=deadline.isoformat() if deadline else None,
                    line=i + 1,
                )
            )
        out.append(
            ExtractionResult(
                source=f"/bench/gen_{f // per_file}.txt",
                gazette=Gazette(county="基准县", year=2024, issue=f // per_file + 1),
                documents=[Document("生成", None, None, "2024-01-01", 1, n + 1)],
                tasks=tasks,
                text_sha256=f"{f:064d}",
            )
        )
    return out


def bench_large(tmp: Path, n: int) -> None:
    clock = lambda: NOW  # noqa: E731
    with Ledger(f"sqlite:///{tmp / 'large.sqlite3'}", clock=clock) as ledger:
        results = generated(n, per_file=10_000)
        t, _ = timed(lambda: [ledger.import_result(r, by="bench") for r in results])
        print(f"\n{n} generated tasks: import {t:.1f} s ({n / t:,.0f} tasks/s)")
        rng = random.Random(3)
        ids = ledger.task_ids(today=TODAY)
        for task_id in rng.sample(ids, k=min(2000, len(ids))):
            ledger.set_status(task_id, rng.choice(["in_progress", "done", "suspended"]), by="b")
        f = TaskFilter(unit="县第7局", status=("not_started", "in_progress"), due="month")
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("filtered query (unit+status+due month)", lambda: ledger.tasks(f, today=TODAY)),
            (
                "filtered query (unit, lead+support)",
                lambda: ledger.tasks(TaskFilter(unit="县第7局"), limit=200, today=TODAY),
            ),
            ("count (overdue)", lambda: ledger.count(TaskFilter(due="overdue"), today=TODAY)),
            ("counts per unit (60 units)", lambda: ledger.unit_counts(today=TODAY)),
            (
                "text search, first 200",
                lambda: ledger.tasks(TaskFilter(text="医院"), limit=200, today=TODAY),
            ),
            ("first page of all tasks (200)", lambda: ledger.tasks(limit=200, today=TODAY)),
            ("all ids in display order", lambda: ledger.task_ids(today=TODAY)),
            (
                "stagnant ≥ 30 days, count",
                lambda: ledger.count(TaskFilter(stagnant_days=30), today=TODAY),
            ),
        ]
        for label, fn in cases:
            t, res = timed(fn, repeat=15)
            size = len(res) if isinstance(res, list) else res
            print(f"  {label:42s} {t * 1000:8.1f} ms  ({size} rows)")
        print("  target: filtered query ≤ 50 ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tasks", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench_seeds(Path(d))
        bench_large(Path(d), args.tasks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
