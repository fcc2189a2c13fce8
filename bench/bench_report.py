"""Benchmark: write the weekly report for 20,000 tasks; prints seconds and peak memory.

Targets (issue 4): ≤ 5 s and ≤ 300 MB. Run: `.venv/bin/python bench/bench_report.py [N]`.
With `--ledger`, the tasks are first stored in a fresh SQLite ledger and the whole export
(query + collect + write) is timed; without it only the workbook writer is measured.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=20_000)
    args = parser.parse_args()
    today = date(2026, 11, 18)
    base = peak_mb()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    data = synthetic_data(args.n, today)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        workbook = build_workbook(data)
        t2 = time.perf_counter()
        out = save_atomically(workbook, Path(tmp) / "周报.xlsx")
        t3 = time.perf_counter()
        cpu = time.process_time() - cpu0
        size = out.stat().st_size / 1e6
    print(f"tasks: {args.n}")
    print(f"build data: {t1 - t0:.2f} s")
    print(f"lay out sheets: {t2 - t1:.2f} s; save: {t3 - t2:.2f} s")
    print(f"report total: {t3 - t1:.2f} s  (target ≤ 5 s), file {size:.1f} MB")
    print(f"CPU time incl. data: {cpu:.2f} s (wall time suffers when other jobs share the CPU)")
    print(f"peak RSS: {peak_mb():.0f} MB (before: {base:.0f} MB; target ≤ 300 MB)")


if __name__ == "__main__":
    main()
