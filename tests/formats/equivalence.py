"""Compare the tasks extracted from a rebuilt file with those from the seed text."""

from __future__ import annotations

import re
from collections import Counter

from core.model import Task

_WS = re.compile(r"\s+")


def _squash(text: str | None) -> str:
    # A line wrap in print swallows the space that stood there in the seed text
    # ("确保 PM2.5" printed at a line end comes back as "确保PM2.5"); spacing is not content.
    return _WS.sub("", text or "")


def task_key(task: Task) -> tuple[object, ...]:
    """What must survive the trip through PDF/DOCX: text, units, deadline, amounts."""
    return (
        _squash(task.text),
        tuple(_squash(u) for u in task.lead_units),
        tuple(_squash(u) for u in task.support_units),
        tuple(sorted((k, tuple(_squash(u) for u in v)) for k, v in task.other_units.items())),
        task.deadline,
        tuple((a.yuan, a.per) for a in task.amounts),
    )


def differences(expected: list[Task], actual: list[Task]) -> str:
    """Empty when both hold the same tasks (as a multiset); else a readable report."""
    want = Counter(task_key(t) for t in expected)
    got = Counter(task_key(t) for t in actual)
    missing = want - got
    extra = got - want
    if not missing and not extra:
        return ""
    lines = [f"{len(expected)} tasks from the seed, {len(actual)} from the file"]
    lines += [f"  only in seed: {k!r:.300}" for k in missing]
    lines += [f"  only in file: {k!r:.300}" for k in extra]
    return "\n".join(lines)
