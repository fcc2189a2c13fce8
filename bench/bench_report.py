"""Benchmark: the weekly report for 20,000 tasks; prints seconds and peak memory.

Targets (issue 4): ≤ 5 s and ≤ 300 MB.

    .venv/bin/python bench/bench_report.py [N]            # workbook writer alone
    .venv/bin/python bench/bench_report.py [N] --ledger   # whole export from a SQLite ledger

With `--ledger`, N generated tasks (plus some status changes and notes in the report week)
are imported into a fresh ledger first; the export then runs in a fresh process, so its
peak memory is the export's own and not the import's.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.report.atomic import save_atomically
from core.report.data import (
    STATUS_LABELS,
    ReportData,
    ReportTask,
    WeekChange,
    sort_for_report,
    summarize,
    week_bounds,
)
from core.report.workbook import build_workbook

UNITS = [
    "县发改局",
    "县财政局",
    "县水利局",
    "县教育局",
    "县住建局",
    "县农业农村局",
    "县文旅局",
    "县应急管理局",
    "各乡镇",
    "兴县水务投资建设有限公司",
]
PHRASES = [
    "推进全县高标准农田建设，完成年度新增任务",
    "实施老旧小区改造工程，完善配套基础设施",
    "加强安全生产隐患排查整治，落实企业主体责任",
    "做好义务教育阶段学校标准化建设",
    "持续开展人居环境整治提升行动",
]


def synthetic_data(n: int, today: date) -> ReportData:
    rng = random.Random(4)
    tasks = []
    for i in range(1, n + 1):
        has_note = rng.random() < 0.6
        status = rng.choice(list(STATUS_LABELS))
        deadline = today + timedelta(days=rng.randint(-60, 300)) if rng.random() < 0.8 else None
        due_state = None
        if deadline and status in ("not_started", "in_progress"):
            days = (deadline - today).days
            due_state = "overdue" if days < 0 else "due_soon" if days <= 7 else None
        tasks.append(
            ReportTask(
                task_id=i,
                doc_number=f"兴政发〔2026〕{rng.randint(1, 60)}号",
                doc_title="关于印发2026年政府工作报告重点工作任务分工的通知",
                text="；".join(rng.sample(PHRASES, rng.randint(1, 3))),
                leader=rng.choice(["李靖", "王强", None]),
                lead_units=tuple(rng.sample(UNITS, rng.randint(1, 2))),
                support_units=tuple(rng.sample(UNITS, rng.randint(0, 3))),
                deadline=today + timedelta(days=rng.randint(-60, 300))
                if rng.random() < 0.8
                else None,
                amount_wan=round(rng.uniform(5, 50000), 2) if rng.random() < 0.3 else None,
                status=status,
                progress="已完成项目立项，正在开展招投标工作" if has_note else None,
                problems="资金缺口较大，需县财政统筹" if has_note and rng.random() < 0.5 else None,
                next_steps="加快推进施工进度，确保按期完成" if has_note else None,
                updated_at=datetime(2026, 11, rng.randint(1, 18), 9, 30) if has_note else None,
                due_state=due_state,
            )
        )
    changes = [
        WeekChange(t, datetime(2026, 11, 17, 10), "note", by="张三", note=t.progress)
        for t in tasks[:: max(1, n // 500)]
    ]
    units, totals = summarize(tasks, {c.task.task_id for c in changes})
    start, end = week_bounds(today)
    return ReportData(
        county="兴县",
        period_start=start,
        period_end=end,
        generated_at=datetime.combine(today, datetime.min.time()),
        tasks=sort_for_report(tasks, [u.unit for u in units]),
        units=units,
        totals=totals,
        changes=changes,
    )


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def generated_results(n: int, today: date) -> list[object]:
    """N tasks as ExtractionResults (the ledger's input contract), 10,000 per gazette."""
    from core.model import Amount, Document, ExtractionResult, Gazette, Task

    rng = random.Random(4)
    results = []
    for f in range(0, n, 10_000):
        tasks = []
        for i in range(f, min(n, f + 10_000)):
            deadline = today + timedelta(days=rng.randint(-60, 300)) if rng.random() < 0.8 else None
            lead = rng.sample(UNITS, rng.randint(1, 2))
            tasks.append(
                Task(
                    doc_number=f"兴政发〔2026〕{i // 50}号",
                    doc_title="关于印发2026年政府工作报告重点工作任务分工的通知",
                    section="附件 重点任务分工",
                    kind="table",
                    ref=str(i),
                    group=None,
                    leader=rng.choice(["李靖", "王强", None]),
                    text="；".join(rng.sample(PHRASES, rng.randint(1, 3))),
                    lead_units=lead,
                    support_units=[
                        u for u in rng.sample(UNITS, rng.randint(0, 3)) if u not in lead
                    ],
                    deadline=deadline.isoformat() if deadline else None,
                    amounts=[Amount(rng.uniform(5e4, 5e8), "万元")] if rng.random() < 0.3 else [],
                    line=i + 1,
                )
            )
        results.append(
            ExtractionResult(
                source=f"/bench/report_{f}.txt",
                gazette=Gazette(county="兴县", year=2026, issue=f // 10_000 + 1),
                documents=[Document("生成", None, None, "2026-01-01", 1, n + 1)],
                tasks=tasks,
                text_sha256=f"{f:064d}",
            )
        )
    return results


def build_ledger(db: Path, n: int, today: date) -> None:
    from core.ledger import Ledger

    moment = [datetime(today.year, today.month, today.day, 2, tzinfo=UTC)]
    with Ledger(f"sqlite:///{db}", clock=lambda: moment[0]) as ledger:
        t0 = time.perf_counter()
        for result in generated_results(n, today):
            ledger.import_result(result, by="bench")  # type: ignore[arg-type]
        rng = random.Random(5)
        ids = ledger.task_ids()
        for task_id in rng.sample(ids, k=min(300, len(ids))):
            ledger.set_status(task_id, rng.choice(["in_progress", "done", "suspended"]), by="张三")
        for task_id in rng.sample(ids, k=min(300, len(ids))):
            ledger.add_note(
                task_id,
                progress="已完成项目立项，正在开展招投标工作",
                problems="资金缺口较大",
                next_steps="加快推进施工进度",
                by="李四",
            )
        print(f"ledger: {len(ids)} tasks imported and tracked in {time.perf_counter() - t0:.1f} s")


def export_from_ledger(db: Path, today: date) -> None:
    """The timed part, run in its own process: query + collect + lay out + save."""
    from core.ledger import Ledger
    from core.report.collect import collect_report

    base = peak_mb()
    moment = datetime(today.year, today.month, today.day, 3, tzinfo=UTC)
    with (
        Ledger(f"sqlite:///{db}", clock=lambda: moment) as ledger,
        tempfile.TemporaryDirectory() as tmp,
    ):
        t0, c0 = time.perf_counter(), time.process_time()
        data = collect_report(ledger, today)
        t1, c1 = time.perf_counter(), time.process_time()
        workbook = build_workbook(data)
        t2, c2 = time.perf_counter(), time.process_time()
        save_atomically(workbook, Path(tmp) / "周报.xlsx")
        t3, c3 = time.perf_counter(), time.process_time()
    print(f"export of {len(data.tasks)} tasks, {len(data.changes)} changes this week:")
    print(
        f"  collect from ledger: {t1 - t0:.2f} s; lay out: {t2 - t1:.2f} s; save: {t3 - t2:.2f} s"
    )
    print(f"  total: {t3 - t0:.2f} s (target ≤ 5 s)")
    print(
        f"  CPU time: collect {c1 - c0:.2f} s, lay out {c2 - c1:.2f} s, save {c3 - c2:.2f} s,"
        f" total {c3 - c0:.2f} s (wall time grows when other jobs share the CPU)"
    )
    print(f"  peak RSS: {peak_mb():.0f} MB (after imports: {base:.0f} MB; target ≤ 300 MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=20_000)
    parser.add_argument("--ledger", action="store_true", help="export from a SQLite ledger")
    parser.add_argument("--export-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    today = date(2026, 11, 18)
    if args.export_only:
        export_from_ledger(args.export_only, today)
        return
    if args.ledger:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.sqlite3"
            build_ledger(db, args.n, today)
            subprocess.run([sys.executable, __file__, "--export-only", str(db)], check=True)
        return
    base = peak_mb()
    t0 = time.perf_counter()
    data = synthetic_data(args.n, today)
    t1 = time.perf_counter()
    c1 = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        workbook = build_workbook(data)
        t2 = time.perf_counter()
        out = save_atomically(workbook, Path(tmp) / "周报.xlsx")
        t3 = time.perf_counter()
        cpu = time.process_time() - c1
        size = out.stat().st_size / 1e6
    print(f"tasks: {args.n}")
    print(f"build data: {t1 - t0:.2f} s")
    print(f"lay out sheets: {t2 - t1:.2f} s; save: {t3 - t2:.2f} s")
    print(f"report total: {t3 - t1:.2f} s  (target ≤ 5 s), file {size:.1f} MB")
    print(f"report CPU time: {cpu:.2f} s (wall time grows when other jobs share the CPU)")
    print(f"peak RSS: {peak_mb():.0f} MB (before: {base:.0f} MB; target ≤ 300 MB)")


if __name__ == "__main__":
    main()
