"""Benchmark: unit feedback sheets for 100 units × 50 tasks, out and back; prints seconds.

Targets (issue 15): exporting all sheets ≤ 10 s; importing them all back (read, check,
file every row) ≤ 10 s.

    /work/main/.venv/bin/python bench/bench_feedback.py [UNITS] [TASKS_PER_UNIT]

Filling the returned sheets (as the units would, with openpyxl) is set-up, timed apart.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import load_workbook

from core.feedback import export_sheets, file_review, review_file
from core.feedback import sheet_format as F
from core.ledger import Ledger
from core.model import Document, ExtractionResult, Gazette, Task

WEEK = date(2024, 6, 3)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def generated(units: int, per_unit: int) -> ExtractionResult:
    tasks = []
    for u in range(units):
        for i in range(per_unit):
            n = u * per_unit + i
            tasks.append(
                Task(
                    doc_number=f"基政发〔2024〕{n // 40}号",
                    doc_title=f"第{n // 40}号文件",
                    section="附件 重点任务分工",
                    kind="table",
                    ref=str(n),
                    group=None,
                    leader=None,
                    text=f"推进第{n}项重点工作，完成年度建设任务，按月报送进展情况。",
                    lead_units=[f"基准第{u}单位"],
                    support_units=[],
                    deadline=(WEEK + timedelta(days=30 + n % 200)).isoformat(),
                    line=n + 1,
                )
            )
    return ExtractionResult(
        source="/bench/feedback.txt",
        gazette=Gazette(county="基准县", year=2024, issue=1),
        documents=[Document("生成", None, None, "2024-01-01", 1, len(tasks) + 1)],
        tasks=tasks,
        text_sha256="f" * 64,
    )


def fill(path: Path) -> None:
    wb = load_workbook(path)
    ws = wb[F.MAIN_SHEET]
    for r in range(F.HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, F.COL_ID).value is not None:
            ws.cell(r, F.COL_PROGRESS, "本周按计划推进，完成阶段目标")
            ws.cell(r, F.COL_NEXT, "下周继续推进")
    wb.save(path)


def timed(label: str, fn, target: str = "") -> object:  # type: ignore[no-untyped-def]
    """Run `fn`; print wall-clock and CPU seconds (the machine may be shared)."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU{target}")
    return result


def main() -> int:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    per_unit = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    clock = Clock(datetime(2024, 6, 4, 2, 0, tzinfo=UTC))
    with (
        tempfile.TemporaryDirectory() as tmp,
        Ledger(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", clock=clock) as ledger,
    ):
        ledger.import_result(generated(units, per_unit), by="bench")
        out = Path(tmp) / "out"
        run = timed(
            f"export {units} sheets × {per_unit} tasks",
            lambda: export_sheets(ledger, out, WEEK, by="bench"),
            " (target ≤ 10 s)",
        )
        files = run.files  # type: ignore[attr-defined]
        timed("  (set-up: units fill every row with openpyxl)", lambda: [fill(p) for p in files])
        clock.now += timedelta(hours=1)

        def file_all() -> int:
            reviews = [review_file(ledger, p, WEEK) for p in files]
            return sum(file_review(ledger, r, by="bench").notes for r in reviews)

        notes = timed(
            f"import {len(files)} replies (read, check, file)", file_all, " (target ≤ 10 s)"
        )
        print(f"  {notes} notes filed")
        again = timed(
            "re-import of the same files",
            lambda: sum(1 for p in files if review_file(ledger, p, WEEK).already_filed),
        )
        print(f"  {again} of {len(files)} recognised as already filed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
