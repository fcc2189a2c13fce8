"""A separate process that writes to a ledger, for the crash and concurrency tests.

    python ledger_worker.py URL import N ISSUE   # import a generated gazette of N tasks
    python ledger_worker.py URL statuses ID...   # change each task's status, one write each

Prints `PROGRESS k` while importing (flushed, so the parent can kill it mid-transaction)
and `DONE` at the end.
"""

from __future__ import annotations

import sys

from ledger_factories import make_result, make_task

from core.ledger import Ledger


def main(argv: list[str]) -> int:
    url, mode, *rest = argv
    with Ledger(url) as ledger:
        if mode == "import":
            n, issue = int(rest[0]), int(rest[1])
            tasks = [
                make_task(f"生成任务{i}：推进重点项目建设。", str(i), lead_units=[f"单位{i % 40}"])
                for i in range(n)
            ]

            def progress(done: int, total: int) -> None:
                print(f"PROGRESS {done}", flush=True)

            report = ledger.import_result(
                make_result(tasks, issue=issue, text=f"generated {n} {issue}"),
                by="导入进程",
                progress=progress,
            )
            print(report.message, flush=True)
        elif mode == "statuses":
            cycle = ["in_progress", "done", "suspended", "not_started"]
            for k, task_id in enumerate(int(x) for x in rest):
                ledger.set_status(task_id, cycle[k % len(cycle)], by="状态进程", note=f"第{k}次")
        else:
            raise SystemExit(f"unknown mode {mode}")
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
