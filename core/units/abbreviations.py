"""Is one unit name a short form of another? (`发改局` of `发展和改革局`, `住建局` of
`住房和城乡建设管理局`, `交通局` of `交通运输局`.)

The general rule: split the long name's core (before its suffix 局/委/中心…) into words —
at 和/与/及, then two characters at a time, as Chinese office names are built — and read
the short core as the start of some of those words, in order, the first word always
included. Words left out are counted (`skipped`): when a short form fits several long names
the one leaving out fewest wins, and a tie means no suggestion (教育局 is not pooled with
both 教育体育局 and 教育科技局).
"""

from __future__ import annotations

import re
from functools import cache

# Unit suffixes, longest first: two names are compared only when they end alike.
SUFFIXES = [
    "管理委员会",
    "人民政府",
    "办事处",
    "服务中心",
    "委员会",
    "管委会",
    "办公室",
    "分公司",
    "大队",
    "支队",
    "中队",
    "分局",
    "中心",
    "政府",
    "公司",
    "集团",
    "支行",
    "局",
    "委",
    "办",
    "部",
    "院",
    "所",
    "站",
    "队",
    "会",
    "社",
    "室",
    "组",
    "行",
]
_CONNECTORS = re.compile(r"[和与及、]")


def split_suffix(name: str) -> tuple[str, str]:
    """(core, suffix): `发展和改革局` -> (`发展和改革`, `局`); no suffix -> (name, "")."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


def words(core: str) -> tuple[str, ...]:
    """`住房和城乡建设管理` -> (住房, 城乡, 建设, 管理); `工业和信息化` -> (工业, 信息, 化)."""
    out: list[str] = []
    for part in _CONNECTORS.split(core):
        out += [part[i : i + 2] for i in range(0, len(part), 2)]
    return tuple(w for w in out if w)


@cache
def skipped_words(short: str, long: str) -> int | None:
    """Words of `long` left out when `short` abbreviates it; None when it does not.

    Both are whole names with the same suffix; the short core needs at least two
    characters (a one-character core such as 县委 abbreviates nothing safely). A short form
    that only leaves words out, shortening none, may leave out only generic words
    (`交通局` of `交通运输局`, `应急局` of `应急管理局`): `卫生健康局` is not taken for
    `卫生健康和体育局`, nor `工信局` for `工信和科技局`.
    """
    s_core, s_suffix = split_suffix(short)
    l_core, l_suffix = split_suffix(long)
    if not s_suffix or s_suffix != l_suffix or len(s_core) < 2 or len(s_core) >= len(l_core):
        return None
    if not re.fullmatch(r"[\u4e00-\u9fff]+", s_core + l_core.replace("、", "")):
        return None
    ws = words(l_core)
    best: int | None = None
    for taken in _alignments(s_core, ws, 0, 0):
        skipped = [w for j, w in enumerate(ws) if j not in taken]
        shortened = any(k < len(ws[j]) for j, k in taken.items())
        if not shortened and any(w not in GENERIC_WORDS for w in skipped):
            continue
        if best is None or len(skipped) < best:
            best = len(skipped)
    return best


# Words an office name may leave out without being another office.
GENERIC_WORDS = frozenset({"管理", "服务", "运输", "发展", "事务", "综合"})


def _alignments(s: str, ws: tuple[str, ...], i: int, j: int) -> list[dict[int, int]]:
    """Every way to read s[i:] as starts of ws[j:] in order: {word index: chars taken}.

    The first word always contributes (`规划和自然资源局` is not abbreviated `自然资源局`)."""
    if i == len(s):
        return [{}]
    out: list[dict[int, int]] = []
    for jj in range(j, len(ws) if j > 0 else 1):
        word = ws[jj]
        for k in range(1, min(len(word), len(s) - i) + 1):
            if s[i : i + k] != word[:k]:
                break
            for rest in _alignments(s, ws, i + k, jj + 1):
                out.append({jj: k, **rest})
    return out
