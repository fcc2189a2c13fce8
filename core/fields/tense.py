"""Whether a measure is reported as already done: a report of work, not a task.

Documents that list measures under each unit's heading are sometimes reports upward
(整改落实情况的报告): `已联合…印发…`, `该公司已在醒目位置张贴…`. An obligation is what a
unit still has to do; a measure reported in the perfect (`已…`) is not one (DOMAIN.md: what
makes a task is an obligation with units assigned to it).
"""

from __future__ import annotations

import re

# A preamble clause that says on what basis (`根据《…》，`, `按照…要求，`) before the measure.
_PREAMBLE = re.compile(r"^(?:根据|按照|依照|依据|对照|针对|结合)[^，,。；;]*[，,]")
# A short subject before the verb (`该公司`, `我局`, `该镇`, `区交建局`).
_SUBJECT = re.compile(
    r"^(?:(?:该|我|本)[\u4e00-\u9fff]{0,3}?|[\u4e00-\u9fff]{1,10}?(?:局|公司|镇|乡|办|委|中心|站|所|队))?(?=已)"
)
# `已` + a verb; `已出台的…` / `已建成的…` (a participle before its noun) is no report.
_DONE = re.compile(r"^已(?:经)?(?!出台的|建成的|完成的|有的|取得的|批准的)[\u4e00-\u9fff]")


def reports_done(text: str) -> bool:
    """True when the measure opens with what has already been done (`已…`, `该公司已…`,
    `根据《…》，已取得…`)."""
    t = re.sub(r"\s+", "", text)
    t = _PREAMBLE.sub("", t, count=1)
    m = _SUBJECT.match(t)
    if m is None:
        return False
    return bool(_DONE.match(t[m.end() :]))
