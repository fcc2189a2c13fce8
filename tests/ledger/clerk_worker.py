"""One clerk in its own process, editing shared tasks: for the concurrency tests.

    python clerk_worker.py URL CLERK N MODE ID...

Makes N edits on the given tasks in turn, alternating a status change (with a note, so
each one is a history row) and a progress note. MODE `expected` reads the task first and
saves with `expected_version`, re-reading and retrying after each `EditConflict` (counted);
MODE `force` saves without a version (the ledger re-applies on a race). Prints one JSON
line: {"status": ok status writes, "notes": ok notes, "conflicts": n}.
"""

from __future__ import annotations

import json
import sys

from core.ledger import EditConflict, Ledger

CYCLE = ["in_progress", "done", "suspended", "not_started"]


def main(argv: list[str]) -> int:
    url, clerk, n, mode, *ids = argv
    task_ids = [int(x) for x in ids]
    counts = {"status": 0, "notes": 0, "conflicts": 0}
    with Ledger(url) as ledger:
        for i in range(int(n)):
            task_id = task_ids[i % len(task_ids)]
            while True:
                version = ledger.rows([task_id])[0].version if mode == "expected" else None
                try:
                    if i % 2 == 0:
                        ledger.set_status(
                            task_id,
                            CYCLE[(i // 2) % len(CYCLE)],
                            note=f"{clerk}#{i}",
                            by=clerk,
                            expected_version=version,
                        )
                        counts["status"] += 1
                    else:
                        ledger.add_note(
                            task_id, progress=f"{clerk}#{i}", by=clerk, expected_version=version
                        )
                        counts["notes"] += 1
                    break
                except EditConflict as exc:
                    assert exc.changed_by not in (None, clerk), exc  # another clerk, named
                    counts["conflicts"] += 1
    print(json.dumps(counts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
