"""What was not assigned: responsibility cues that no task took (issue 12 point 3).

After the finders ran on a document, every cue (see `core.cues.detect`) whose item no task
covers is reported as a `MissedCue`, and a document that divides work among units yet
yielded no task is flagged, so a clerk never loses an assignment silently.

"Taken" is decided by source lines: the lines the finders consumed (their `claimed`
sets) and the lines where tasks start. A cue also counts as taken when a task starts in the
same item above it — the labelled lines under an item (`一、…` / `牵头单位：…` /
`推进单位：…`) belong to the task that starts at the item's first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.cues.detect import REASON_TABLE_ROW, Cue, find_cues
from core.cues.names import unit_names
from core.model import MissedCue
from core.text.lines import SourceLine

__all__ = [
    "FLAG_REASON",
    "FLAG_REASON_FEW",
    "Cue",
    "divides_unread",
    "find_cues",
    "is_flagged",
    "missed_cues",
]

FLAG_REASON = "文件列有分工但未提取到任务"
FLAG_REASON_FEW = "文件列有分工，但大多未提取为任务"
# A line opening a numbered item (1. / （一） / 一、 / (1)): a cue's item starts there.
_ITEM_START = re.compile(
    r"^\s*(?:\d{1,3}\s*[.、．](?!\d)|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*、|"
    r"第[一二三四五六七八九十\d]{1,3}[条项])"
)
_ITEM_REACH = 8  # lines a labelled cue may sit below its item's first line
_HEADING_MAX = 40  # a list heading is short and holds no sentence
_HEADING_REACH = 3  # lines between a list heading and its first item
_MIN_CUES = 2  # "several" cues: one stray bracket does not make a division of work


def _taken_by_item(lines: list[SourceLine], index: int, taken: set[int]) -> bool:
    """Whether a task took the item the cue at `lines[index]` belongs to: a taken line at or
    above it, no further up than the item's first line."""
    for k in range(index, max(-1, index - _ITEM_REACH - 1), -1):
        sl = lines[k]
        if sl.no in taken:
            return True
        if k < index and ("\t" in sl.text or not sl.text.strip()):
            return False  # a table row or a blank line ends the item
        if _ITEM_START.match(sl.text):
            return False
    return False


def _heads_taken_items(lines: list[SourceLine], index: int, taken: set[int]) -> bool:
    """Whether the cue is a list heading (`（一）县发改局牵头，县财政局配合`, `（二）由县商务局
    牵头落实的工作`) whose items below were taken: its units lead every item beneath it, so
    the finder that took the items used it even when it claimed only the items' lines."""
    text = lines[index].text.strip()
    if len(text) > _HEADING_MAX or re.search(r"[。；;]", text) or not _ITEM_START.match(text):
        return False
    return any(sl.no in taken for sl in lines[index + 1 : index + 1 + _HEADING_REACH])


def missed_cues(
    lines: list[SourceLine], taken: Iterable[int], cues: list[Cue] | None = None
) -> list[MissedCue]:
    """The cues of one document (its normalized lines) that no task took; `cues` are
    `find_cues(lines)` when the caller already has them."""
    taken_set = set(taken)
    index = {sl.no: i for i, sl in enumerate(lines)}
    out: list[MissedCue] = []
    for cue in find_cues(lines) if cues is None else cues:
        if cue.line in taken_set:
            continue
        if cue.reason != REASON_TABLE_ROW and (
            _taken_by_item(lines, index[cue.line], taken_set)
            or _heads_taken_items(lines, index[cue.line], taken_set)
        ):
            continue
        out.append(MissedCue(cue.line, cue.text, cue.reason))
    return out


def is_flagged(cues: list[Cue], missed: list[MissedCue], task_count: int) -> bool:
    """Whether a document divides work among units (several cues) yet yielded no task for
    it: most of its cues went untaken, and they outnumber the tasks found. "Most" rather
    than "all" because a stray task found in a document whose real division the finders
    cannot read (three of four labelled items, none of a 54-row project table) must not
    hide the document from the clerk."""
    return len(cues) >= _MIN_CUES and 2 * len(missed) > len(cues) and len(missed) > task_count


# A column or label naming who does the work, printed as a header cell or on a line of its
# own (`牵头单位`, `责任单位 |`), where the finders found no task at all.
_ROLE_HEADER = re.compile(
    r"^\s*[|｜]?\s*(?:责任|牵头|配合|主责|承办|协办|协同)(?:单位|部门|科室|股室|处室)\s*[|｜]?\s*$"
)
_DUTY_RUN = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:局|部门|委|办|中心)[，,]?\s*负责")
_MIN_UNREAD = 3


def divides_unread(lines: list[SourceLine]) -> bool:
    """Whether a document that yielded no task still shows a division of work in a layout
    the cue patterns do not read either: a units column header printed on its own line (a
    table flattened one cell per line) beside lines of unit names, or a run of `<unit>负责…`
    duties. Such a document is flagged rather than passed over in silence."""
    if any(_ROLE_HEADER.match(sl.text) for sl in lines):
        unit_lines = (sl for sl in lines if len(sl.text) <= 40)
        if sum(1 for sl in unit_lines if unit_names(sl.text.strip(" |｜"))) >= _MIN_UNREAD:
            return True
    run = 0  # consecutive lines that open with `<unit>负责`, or one line holding a whole list
    for sl in lines:
        if len(_DUTY_RUN.findall(sl.text)) >= _MIN_UNREAD:
            return True
        run = run + 1 if _DUTY_RUN.match(sl.text.strip()) else 0
        if run >= _MIN_UNREAD:
            return True
    return False
