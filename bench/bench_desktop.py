"""Desktop benchmark: start-up with 10,000 tasks, filter/sort over 100,000 rows, memory.

    .venv/bin/python bench/bench_desktop.py [--tasks 10000] [--rows 100000]

Prints figures; targets from issue 5: start to window ≤ 1.5 s, filter and sort ≤ 100 ms
each, memory ≤ 400 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

UNITS = [
    f"县{n}局"
    for n in (
        "财政",
        "水利",
        "发改",
        "工信",
        "住建",
        "交通",
        "农业农村",
        "教育",
        "卫健",
        "应急",
        "商务",
        "文旅",
        "民政",
        "审批",
    )
]
KINDS = ("table", "list", "inline", "paragraph")


def synthetic_result(n: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """An ExtractionResult with n varied tasks, as if one huge gazette had been read."""
    from core.model import Amount, Document, ExtractionResult, Gazette, Task

    rnd = random.Random(seed)
    docs = [
        Document(
            f"关于印发第{i}号工作方案的通知",
            f"兴政发〔2024〕{i}号",
            "兴县人民政府",
            "2024-03-01",
            i * 10 + 1,
            i * 10 + 9,
        )
        for i in range(1, 41)
    ]
    tasks = []
    for i in range(n):
        d = docs[i % len(docs)]
        lead = rnd.sample(UNITS, 1)
        tasks.append(
            Task(
                doc_number=d.doc_number,
                doc_title=d.title,
                section="附件",
                kind=KINDS[i % 4],
                ref=str(i),
                group=None,
                leader=None,
                text=f"第{i}项任务：推进重点项目建设，完善工作机制，落实{rnd.choice(UNITS)}相关要求。",
                lead_units=lead,
                support_units=rnd.sample([u for u in UNITS if u not in lead], 2),
                deadline=(date(2024, 1, 1) + timedelta(days=rnd.randrange(700))).isoformat(),
                amounts=[Amount(rnd.randrange(1, 9000) * 10_000.0, "万元")] if i % 3 == 0 else [],
                line=d.first_line,
            )
        )
    return ExtractionResult(
        source="synthetic.txt",
        gazette=Gazette(title="基准测试公报", county="兴县", year=2024, issue=1),
        documents=docs,
        tasks=tasks,
        text_sha256=f"bench-{n}-{seed}",
    )


def bench_startup(n_tasks: int, runs: int = 3) -> None:
    from core.ledger import Ledger

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        t0 = time.perf_counter()
        with Ledger(url) as ledger:
            ledger.import_result(synthetic_result(n_tasks), by="bench")
        print(f"ledger with {n_tasks} tasks built in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp}
        for run in range(runs):
            # Timestamps are taken here as the child's lines arrive: from process start
            # (interpreter, imports, ledger open) to the window shown and to the table filled.
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--db", url, "--exit-when-ready"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            seen: dict[str, float] = {}
            assert proc.stdout is not None
            for ln in proc.stdout:
                for key in ("shown", "ready"):
                    if ln.startswith(key):
                        seen[key] = (time.perf_counter() - start) * 1000
            proc.wait(timeout=120)
            if len(seen) < 2:
                print(f"start-up run {run + 1} failed: {proc.stderr.read()[-300:]}")
                continue
            print(
                f"start-up run {run + 1}: process start -> window shown {seen['shown']:.0f} ms,"
                f" -> table filled with {n_tasks} tasks {seen['ready']:.0f} ms"
            )


def bench_model(n_rows: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.table.rows import (
        QUICK_OVERDUE,
        QUICK_STAGNANT,
        QUICK_WEEK,
        FilterSpec,
        TaskRow,
        make_search_blob,
    )
    from desktop.table.task_table_model import (
        COL_AMOUNT,
        COL_DEADLINE,
        COL_LEAD,
        COL_LIGHT,
        COL_TEXT,
        TaskTableModel,
    )

    app = QApplication.instance() or QApplication([])
    rnd = random.Random(3)
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    rows = []
    for i in range(n_rows):
        lead = (rnd.choice(UNITS),)
        r = TaskRow(
            id=i,
            text=f"第{i}项任务：推进重点项目建设，落实{rnd.choice(UNITS)}要求",
            lead_units=lead,
            support_units=tuple(rnd.sample(UNITS, 2)),
            deadline=date.today() + timedelta(days=rnd.randrange(-300, 400)) if i % 7 else None,
            amount_yuan=rnd.randrange(1, 9000) * 10_000.0 if i % 3 == 0 else None,
            status=rnd.choice(("not_started", "in_progress", "done", "suspended")),
            doc_number=f"兴政发〔2024〕{i % 50}号",
            gazette_id=i % 5,
            doc_key=f"兴政发〔2024〕{i % 50}号",
            last_activity=now - timedelta(days=rnd.randrange(60)),
        )
        rows.append(TaskRow(**{**r.__dict__, "search_blob": make_search_blob(r)}))
    print(f"{n_rows} rows generated in {(time.perf_counter() - t0) * 1000:.0f} ms")
    model = TaskTableModel()
    t0 = time.perf_counter()
    model.set_rows(rows)
    print(f"set_rows: {(time.perf_counter() - t0) * 1000:.0f} ms")
    specs = {
        "text 水利": FilterSpec(text="水利"),
        "unit 县财政局": FilterSpec(unit="县财政局"),
        "quick overdue": FilterSpec(quick=QUICK_OVERDUE),
        "quick week + status": FilterSpec(quick=QUICK_WEEK, statuses=frozenset({"in_progress"})),
        "stagnant 14 days": FilterSpec(quick=QUICK_STAGNANT, stagnation_days=14),
        "gazette + text": FilterSpec(gazette_id=2, text="第1"),
    }
    for name, spec in specs.items():
        t0 = time.perf_counter()
        model.set_filter(spec)
        print(
            f"filter {name:<22} {(time.perf_counter() - t0) * 1000:6.1f} ms"
            f" -> {model.rowCount()} rows"
        )
    model.set_filter(FilterSpec())
    for col, name in (
        (COL_DEADLINE, "deadline"),
        (COL_TEXT, "text"),
        (COL_LEAD, "lead unit"),
        (COL_AMOUNT, "amount"),
        (COL_LIGHT, "light"),
    ):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t0 = time.perf_counter()
            model.sort(col, order)
            label = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
            print(
                f"sort {name:<10} {label:<4} {(time.perf_counter() - t0) * 1000:6.1f} ms"
                + ("  (first sort builds the key cache)" if label == "asc" else "")
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) with {n_rows} rows loaded: {rss:.0f} MB")
    del app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    bench_startup(args.tasks)
    bench_model(args.rows)


if __name__ == "__main__":
    main()
