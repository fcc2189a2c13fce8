"""Shared-ledger load test: several clerk processes on one PostgreSQL server.

    .venv/bin/python bench/bench_pg_load.py [--url postgresql+psycopg://…] [--clerks 8]
                                            [--edits 500] [--tasks 20]

Without `--url` a private PostgreSQL server is started for the run (as the `postgres`
user when run as root, see tests/ledger/pg_server.py) and removed afterwards; with `--url`
the given database is used (its ledger tables must be empty or absent).

Each clerk process makes `--edits` saves — status changes (with a note) and progress
notes, alternately — on tasks picked at random from a small shared set, so clerks keep
colliding. Every save reads the task and passes `expected_version`, as the GUI does; an
`EditConflict` is recorded (who/what/when must name another clerk), the task is re-read
and the save retried. At the end the parent checks:

- zero lost updates: status-history rows == successful status saves, notes == successful
  note saves, and each task's version == 1 + saves on it;
- every conflict reported: each refused save raised `EditConflict` naming another clerk;

and prints p50/p95/max latency of a save (read + write) and the throughput. Exit status
1 when anything was lost. Prints figures; asserts no timing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ledger"))

from core.ledger import EditConflict, Ledger  # noqa: E402
from core.model import Document, ExtractionResult, Gazette, Task  # noqa: E402

CYCLE = ["in_progress", "done", "suspended", "not_started"]


def make_gazette(n: int) -> ExtractionResult:
    tasks = [
        Task(
            doc_number="兴政发〔2024〕9号",
            doc_title="关于印发重点任务分工的通知",
            section="附件",
            kind="table",
            ref=str(i + 1),
            group=None,
            leader=None,
            text=f"共同督办任务{i + 1}：推进重点项目建设。",
            lead_units=[f"县单位{i % 5}"],
            support_units=[],
            line=10 + i,
        )
        for i in range(n)
    ]
    body = "\n".join(t.text for t in tasks)
    return ExtractionResult(
        source="/bench/兴县政府公报2024第9期.txt",
        gazette=Gazette(title="兴县人民政府公报", county="兴县", year=2024, issue=9),
        documents=[
            Document(
                title="关于印发重点任务分工的通知",
                doc_number="兴政发〔2024〕9号",
                issuer="兴县人民政府",
                issue_date="2024-03-27",
                first_line=1,
                last_line=10_000,
            )
        ],
        tasks=tasks,
        text_sha256=hashlib.sha256(body.encode()).hexdigest(),
        encoding="utf-8",
        text=body,
    )


def worker(url: str, clerk: str, edits: int, task_ids: list[int], seed: int) -> None:
    """One clerk: `edits` successful saves; prints one JSON line of counts and latencies."""
    rng = random.Random(seed)
    saves: dict[int, int] = {}
    status_ok = notes_ok = 0
    conflicts: list[dict[str, object]] = []
    latencies: list[float] = []
    with Ledger(url) as ledger:
        for i in range(edits):
            task_id = rng.choice(task_ids)
            while True:
                start = time.perf_counter()
                version = ledger.rows([task_id])[0].version
                try:
                    if i % 2 == 0:
                        ledger.set_status(
                            task_id,
                            CYCLE[(i // 2) % len(CYCLE)],
                            note=f"{clerk} 第{i}次",
                            by=clerk,
                            expected_version=version,
                        )
                        status_ok += 1
                    else:
                        ledger.add_note(
                            task_id, progress=f"{clerk} 第{i}次", by=clerk, expected_version=version
                        )
                        notes_ok += 1
                except EditConflict as exc:
                    conflicts.append(
                        {
                            "task": exc.task_id,
                            "by": exc.changed_by,
                            "what": exc.change,
                            "at": exc.changed_at.isoformat() if exc.changed_at else None,
                            "named_other": exc.changed_by not in (None, clerk),
                        }
                    )
                    continue
                latencies.append(time.perf_counter() - start)
                saves[task_id] = saves.get(task_id, 0) + 1
                break
    print(
        json.dumps(
            {
                "clerk": clerk,
                "status": status_ok,
                "notes": notes_ok,
                "saves": saves,
                "conflicts": conflicts,
                "latencies": latencies,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run(url: str, clerks: int, edits: int, n_tasks: int) -> int:
    with Ledger(url) as ledger:
        ledger.import_result(make_gazette(n_tasks), by="导入员")
        task_ids = [r.id for r in ledger.tasks()]
        print(f"ledger {ledger.url}: {len(task_ids)} shared tasks")
    print(f"{clerks} clerk processes × {edits} saves (status changes and notes, alternately)")
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", url, f"办事员{k + 1}", str(edits), str(k)]
            + [str(t) for t in task_ids],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(clerks)
    ]
    results = []
    for p in procs:
        out, err = p.communicate()
        if p.returncode != 0:
            print(f"clerk process failed:\n{err}", file=sys.stderr)
            return 1
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - started

    status_ok = sum(r["status"] for r in results)
    notes_ok = sum(r["notes"] for r in results)
    conflicts = [c for r in results for c in r["conflicts"]]
    latencies = [x for r in results for x in r["latencies"]]
    saves: dict[int, int] = {}
    for r in results:
        for task, n in r["saves"].items():
            saves[int(task)] = saves.get(int(task), 0) + n

    with Ledger(url) as ledger:
        details = [ledger.task(t) for t in task_ids]
    history = sum(len(d.history) for d in details)
    notes = sum(len(d.notes) for d in details)
    wrong_versions = [d.task.id for d in details if d.task.version != 1 + saves.get(d.task.id, 0)]
    unnamed = [c for c in conflicts if not c["named_other"] or not c["at"]]

    print(f"successful saves      {status_ok + notes_ok} ({status_ok} status, {notes_ok} notes)")
    print(f"history rows          {history} status changes, {notes} notes")
    lost = (status_ok - history) + (notes_ok - notes)
    print(f"lost updates          {lost}")
    print(f"tasks with wrong ver. {len(wrong_versions)}")
    print(f"conflicts reported    {len(conflicts)} (not naming another clerk: {len(unnamed)})")
    if conflicts:
        c = conflicts[0]
        print(f"  e.g. task {c['task']} changed by {c['by']} at {c['at']}: {c['what']}")
    print(
        f"save latency          p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
    )
    print(f"throughput            {(status_ok + notes_ok) / wall:.0f} saves/s over {wall:.1f} s")
    ok = lost == 0 and not wrong_versions and not unnamed
    print("OK: nothing lost, every conflict reported" if ok else "FAILED")
    return 0 if ok else 1


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--worker":
        url, clerk, edits, seed, *ids = argv[1:]
        worker(url, clerk, int(edits), [int(x) for x in ids], int(seed))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="PostgreSQL URL (default: start a private server)")
    parser.add_argument("--clerks", type=int, default=8)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=20, help="shared tasks the clerks edit")
    args = parser.parse_args(argv)
    if args.url:
        return run(args.url, args.clerks, args.edits, args.tasks)

    import pg_server
    import psycopg

    server = pg_server.start()
    try:
        name = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(
            host=server.host, port=server.port, user=server.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return run(server.url(name), args.clerks, args.edits, args.tasks)
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
