"""A task printed as a form of label lines and value lines, rebuilt into labelled lines.

A two-column form (label | value), or a web page's definition list, comes out of a text
export one cell per line:

    具体任务 / 全面落实疫情防控…… / 责任单位 / 卫健局、文旅局 / 配合单位 / 各乡镇 / 完成时限 / …

The finders read the labelled-line form (`<task>` then `责任单位：…` lines, see
`text_annotations`), so each label standing alone on its line is joined to the value on the
next one (`具体任务：…` is read as the task's own text). Only a run in which
labels and values alternate at least twice, one of the labels naming units, is rebuilt:
a table's header (label after label) and ordinary prose are left as they are. The line
count is kept: a value's line becomes blank once joined to its label's.
"""

from __future__ import annotations

import re

from core.fields.roles import ROLE_LABEL_BARE
from core.finders.tabular.table_grid import squash
from core.formats.rebuild import rebuild_runs

_TASK_LABEL = re.compile(r"^(?:具体|主要|重点|工作)?(?:任务|内容|事项|措施)(?:内容)?$")
_OTHER_LABEL = re.compile(
    r"^(?:完成|办结)?(?:时限|时间|期限)(?:要求)?$|^(?:责任|分管|牵头)(?:领导|县领导|市领导|区领导)$"
)
_MIN_PAIRS = 2
# A line that may be a bare label: short, ending like one (a first, cheap look at the text).
_BARE_LABEL_LINE = re.compile(
    r"^[^\S\n]*[^\s]{0,6}(?:单位|部门|主体|任务|内容|事项|措施|时限|时间|期限|领导)[^\S\n]*$",
    re.MULTILINE,
)


def _unit_label(t: str) -> bool:
    m = ROLE_LABEL_BARE.match(t)
    return m is not None and m.end("role") == len(t)


def _label(t: str) -> str | None:
    """'task', 'units' or 'other' for a line that is a bare label, else None."""
    if len(t) > 8:
        return None
    if _TASK_LABEL.match(t):
        return "task"
    if _unit_label(t):
        return "units"
    if _OTHER_LABEL.match(t):
        return "other"
    return None


def rebuild_label_lines(text: str) -> str:
    """The text with every label/value form rebuilt into labelled lines; the rest unchanged."""
    if "单位" not in text and "部门" not in text:
        return text
    # cheap first: the lines that may be bare labels, found in one scan of the text
    return rebuild_runs(text, _BARE_LABEL_LINE, _rebuild_at, least=_MIN_PAIRS)


def _rebuild_at(raw: list[str], i: int) -> int | None:
    """Join the labels of the form opening at line i to their values; its last line."""
    pairs = _pairs(raw, i)
    if len(pairs) < _MIN_PAIRS or not any(kind == "units" for _, _, kind in pairs):
        return None
    for label, value, kind in pairs:
        joined = f"{squash(raw[label])}：{raw[value].strip()}"
        if kind == "task":  # the task keeps the line its text is printed on
            raw[label], raw[value] = "", joined
        else:
            raw[label], raw[value] = joined, ""
    return pairs[-1][1]


def _next_filled(raw: list[str], k: int) -> int | None:
    while k < len(raw):
        if raw[k].strip():
            return k
        k += 1
    return None


def _kind(line: str) -> str | None:
    return _label(squash(line)) if len(line) <= 16 else None


def _pairs(raw: list[str], i: int) -> list[tuple[int, int, str]]:
    """The (label line, value line, kind) pairs alternating from line i on."""
    pairs: list[tuple[int, int, str]] = []
    k: int | None = i
    while k is not None:
        kind = _kind(raw[k])
        value = _next_filled(raw, k + 1) if kind is not None else None
        if kind is None or value is None or _kind(raw[value]) is not None:
            break
        pairs.append((k, value, kind))
        k = _next_filled(raw, value + 1)
    return pairs
