"""How far each task reaches in the source: tasks store only the line they start on.

The lines after a task's first line that repeat its words, or label its units, leader or
deadline, are its own; the next task's first line always ends it. Tasks the clerk added
from selected lines recorded their last line and need no guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from core.finders.prose.text_annotations import LEADER_LABEL, UNIT_LABEL
from core.finders.prose.text_outline import parse_numbering, strip_furniture
from core.ledger.dto import TaskSpan
from core.ledger.reading.task_lines import TaskLine
from core.text.normalize import normalize_line

# Lines printed after an item that belong to it: its units, leader or deadline labels.
_TRAILING_LABELS = ("完成时限", "完成时间", "时间节点", "推进单位", "支撑单位", "实施单位")
_PROBE = 10  # characters of a line that must recur in the task's text to count as its own
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def _squash(text: str) -> str:
    return "".join(normalize_line(text).split())


def _belongs(raw: str, body: str) -> bool:
    """Whether a source line continues a task whose squashed text is `body`."""
    t = strip_furniture(normalize_line(raw))
    if not t:
        return False
    if UNIT_LABEL.match(t) or LEADER_LABEL.match(t) or t.startswith(_TRAILING_LABELS):
        return True
    cells = t.split("\t") if "\t" in t else [t]
    for cell in cells:
        num = parse_numbering(cell)
        words = _BRACKETED.sub("", num.rest if num else cell)  # annotations leave the text
        probe = "".join(words.split())[:_PROBE]
        if len(probe) >= 2 and probe in body:
            return True
    return False


def task_extent(lines: Sequence[str], start: int, limit: int, text: str) -> int:
    """The last line (1-based) of a task starting at `start`: the following lines whose
    words recur in its text, or that label its units/deadline, up to `limit`."""
    body = _squash(text)
    end = start
    blanks = 0
    for no in range(start + 1, min(limit, len(lines)) + 1):
        raw = lines[no - 1]
        if not raw.strip():
            blanks += 1
            if blanks > 1:
                break
            continue
        if not _belongs(raw, body):
            break
        end, blanks = no, 0
    return end


def spans_of(lines: Sequence[str], tasks: Iterable[TaskLine], last: int) -> list[TaskSpan]:
    """Line spans of tasks (id, line, text, last_line, manual) inside a document ending at
    `last`; a span never runs into the next task's first line."""
    ordered = sorted((t for t in tasks if t[1] > 0), key=lambda t: (t[1], t[0]))
    starts = sorted({t[1] for t in ordered})
    out = []
    for task_id, line, text, last_line, manual in ordered:
        if last_line is not None and last_line >= line:
            end = last_line
        else:
            later = [s for s in starts if s > line]
            limit = min([last, *(s - 1 for s in later[:1])])
            end = task_extent(lines, line, limit, text)
        out.append(TaskSpan(task_id, line, end, text, manual))
    return out
