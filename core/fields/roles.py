"""Role labels: the words a document uses to say which part a unit plays in a task.

Documents from different places print the same assignment in many wordings: `牵头单位：`,
`主责部门：`, `责任主体：`, `推进单位：`, `支撑单位：`, `实施单位：`, `成员单位` … Every finder
that reads a label (an annotation, a line of its own under an item, a table cell) asks this
module, so a new place's wording needs one new word here, not a new finder.

The rule (DOMAIN.md): a role that leads (牵头, 主责, 主办) gives the lead units; every other
role is support, and the printed role is kept (`other_units`) when it is not plain 配合.
`责任单位` / `负责单位` lead unless a 牵头 label sits beside them, where they share the work
(`牵头单位：A；责任单位：B` -> lead A, support B).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words that make a role lead outright.
_LEADING = ("牵头", "主责", "主办", "主抓")
# 主办 leads in a table header or a role cell, but a line `主办单位：…` is mostly a web
# page's or an event's sponsor, so it is no label of its own.
_LABEL_LEADING = ("牵头", "主责", "主抓")
# Words that make a role "responsible": the lead, unless a leading role is printed beside it.
_RESPONSIBLE = ("责任", "负责", "承办", "主要责任", "落实责任", "承担", "执行", "完成", "办理")
# Every other role word (support). Open set: a role word not listed here is not a label.
_SUPPORTING = (
    "配合",
    "协办",
    "协助",
    "协同",
    "参与",
    "参加",
    "支撑",
    "支持",
    "推进",
    "实施",
    "成员",
    "落实",
    "联办",
    "会办",
    "保障",
    "协作",
    "联动",
    "责任",  # (second word of 牵头责任 …)
)
_ROLE_WORD = "|".join(sorted({*_LABEL_LEADING, *_RESPONSIBLE, *_SUPPORTING}, key=len, reverse=True))
# Roles that name who a body is made of, not who does a task: a `成员单位：…` line alone is
# a roster (`领导小组…成员单位：县委宣传部、…`), never an assignment.
MEMBER_ROLE = re.compile(r"成员|组成")
# `牵头单位：`, `主要责任单位：`, `牵头推进单位`, `责任主体：`, `主责部门`, `配合部门（单位）：`.
ROLE_LABEL = re.compile(
    rf"(?P<role>(?:主要|具体)?(?:{_ROLE_WORD}){{1,2}}(?:单位|部门|主体|处室|科室|方)"
    r"(?:[（(](?:单位|部门)[）)])?)\s*[:：]\s*"
)
# The same label standing at the start of a text (a line of its own, a cell).
ROLE_LABEL_START = re.compile(r"^\s*[（(]?\s*" + ROLE_LABEL.pattern)
# The same label printed without its colon (`牵头单位 区交建局`, spaces squeezed away):
# only a label when nothing but unit names follow (the caller checks).
ROLE_LABEL_BARE = re.compile(
    rf"^\s*(?P<role>(?:主要|具体)?(?:{_ROLE_WORD}){{1,2}}(?:单位|部门|主体))\s*(?![:：])"
)
# A completion label: its text is the task's deadline (`完成时限：2019年11月底`).
DEADLINE_LABEL = re.compile(
    r"^\s*[（(]?\s*(?:完成|办结|截止)?(?:时限|时间|期限|时间节点)(?:要求|安排)?\s*[:：]\s*"
)


def role_kind(role: str) -> str:
    """'lead', 'responsible' or 'support' for a printed role label."""
    r = re.sub(r"\s+", "", role)
    if any(w in r for w in _LEADING):
        return "lead"
    if any(r.startswith(w) or r.startswith("主要" + w) for w in _RESPONSIBLE) and not any(
        w in r for w in ("配合", "协办", "协助", "参与", "支撑", "推进", "实施", "成员")
    ):
        return "responsible"
    return "support"


def role_name(role: str) -> str:
    """The role as kept in `other_units`: the label without its colon or bracket."""
    return re.sub(r"[（(].*$", "", re.sub(r"\s+", "", role))


@dataclass
class RoleParts:
    """A labelled text split by its labels: (role, text) pairs, then what no label named."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    deadline: str = ""
    unlabelled: str = ""


def split_roles(text: str) -> RoleParts:
    """`牵头单位：A、B，支撑单位：C；完成时限：6月底` -> [(牵头单位, A、B), (支撑单位, C)],
    deadline `6月底`. Labels may follow each other after `，`, `；`, a space or a line break."""
    out = RoleParts()
    t = text.strip()
    marks = [m for m in ROLE_LABEL.finditer(t) if _label_boundary(t, m.start())]
    dl = re.search(
        r"(?:^|[，,；;\s]|(?<=[局委办厅室队所站心司府会]))((?:完成|办结)?(?:时限|时间|期限)\s*[:：])",
        t,
    )
    stops = sorted(
        [(m.start(), m.end(), m.group("role")) for m in marks]
        + ([(dl.start(1), dl.end(1), "")] if dl else [])
    )
    if not stops:
        out.unlabelled = t
        return out
    out.unlabelled = t[: stops[0][0]].strip(" ，,；;")
    for k, (_s, e, role) in enumerate(stops):
        end = stops[k + 1][0] if k + 1 < len(stops) else len(t)
        body = t[e:end].strip(" ，,；;。")
        if not role:
            out.deadline = body
        elif body:
            out.parts.append((role, body))
    return out


def _label_boundary(text: str, pos: int) -> bool:
    """A label starts the text or follows a separator (not the tail of a word), or the end
    of a unit's name whose separating space normalization squeezed away
    (`牵头单位：县住建局配合单位：县财政局`)."""
    return (
        pos == 0
        or text[pos - 1] in " ，,；;。（(\n\u3000"
        or (text[pos - 1] in _NAME_END and bool(re.match(r"[^：:]{0,6}单位\s*[:：]", text[pos:])))
    )


_NAME_END = set("局委办厅室队所站心司府会")


@dataclass
class Assigned:
    """Units read from role labels: lead, support, the printed non-配合 roles, deadline text."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    others: dict[str, list[str]] = field(default_factory=dict)
    deadline: str = ""
    labelled: bool = False  # at least one role label was read


def assign_roles(text: str, first_is_lead: bool = False, mark: str | None = None) -> Assigned:
    """Lead and support units of a labelled units text (see `split_roles`).

    A text without any label is read by the plain units parser (`X牵头，Y配合`, or every
    unit leads). Within a label the units parser still reads role words (`责任单位：X牵头，
    Y配合`)."""
    from core.fields.units import parse_units

    rp = split_roles(text)
    out = Assigned(deadline=rp.deadline)
    if not rp.parts:
        u = parse_units(rp.unlabelled or text, first_is_lead=first_is_lead, lead_mark=mark)
        out.lead, out.support = list(u.lead), list(u.support)
        return out
    out.labelled = True
    has_leading = any(role_kind(r) == "lead" for r, _ in rp.parts)
    parts = list(rp.parts)
    if rp.unlabelled:
        parts.insert(0, ("", rp.unlabelled))
    for role, body in parts:
        kind = role_kind(role) if role else "responsible"
        responsible = kind == "responsible"
        u = parse_units(
            body,
            first_is_lead=first_is_lead and responsible,
            lead_mark=mark if responsible else None,
        )
        if kind == "lead" or (kind == "responsible" and not has_leading):
            lead, support = u.lead, u.support
        else:
            lead, support = [], u.lead + u.support
            name = role_name(role) if role else ""
            if name:
                kept = out.others.setdefault(name, [])
                kept += [n for n in support if n not in kept]
        out.lead += [n for n in lead if n not in out.lead]
        out.support += [n for n in support if n not in out.support and n not in out.lead]
    out.support = [n for n in out.support if n not in out.lead]
    # plain 配合 alone needs no note; beside another role (实施单位) each keeps its own
    if all(k.startswith("配合") for k in out.others):
        out.others = {}
    if not out.lead:  # no role leads (`配合单位：X` alone): every listed unit leads
        out.lead, out.support = out.support, []
    return out


# A blanket statement covering every later item: `以下均需相关乡镇配合，不再列出`.
BLANKET = re.compile(
    r"(?:以下|下列|下述)(?:各项|任务|工作)?(?:均|都|皆)(?:需|须|要|由)?(?P<u>[^，,。；;（）()]{2,30}?)"
    r"(?P<role>配合|参与|协助|协办|负责)(?:落实|实施|完成|推进)?(?:[，,]?\s*(?:不再|不另|不一一)(?:列出|列明|标注|注明))?"
    # `具体任务均涉及相关市（州）人民政府，不再做分工，下同`: those units share every task
    r"|(?:(?:具体|各项|以上|上述)?任务)?均涉及(?P<u2>[^，,。；;]{2,30}?)[，,]\s*不再(?:做|作|进行)?分工"
    r"(?:[，,]\s*下同)?"
)


def blanket_units(text: str) -> tuple[list[str], str] | None:
    """(units, role) of a blanket statement in `text`, if it holds one."""
    from core.fields.units import parse_units

    m = BLANKET.search(text)
    if m is None:
        return None
    u = parse_units(m.group("u") or m.group("u2"))
    names = u.lead + u.support
    return (names, m.group("role") or "配合") if names else None


def drop_blanket(text: str) -> str:
    """`text` without its blanket statement (it assigns no unit to the item it closes)."""
    return BLANKET.sub("", text)


# A clause that only says when (or how long) the work runs: `2018年3月底前完成`,
# `2018年4月至2019年10月深化提升`, `持续推进`, `长期坚持`, `年底前取得阶段性成果`.
TIME_CLAUSE = re.compile(
    r"^(?:于|在|力争|确保|从|自)?(?:\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|年底|年内|年末|"
    r"今年|明年|本年|当年|上半年|下半年|第?[一二三四1-4]季度|即日|立即|限期|按期|"
    r"持续|长期|常态|逐步|定期|每[年月季周日天]|分阶段|分年度|近期|中期|远期)"
)
_CLAUSE_SPLIT = re.compile(r"[，,；;]")


def split_time_tail(text: str) -> tuple[str, str]:
    """(units part, time clauses) of an annotation that also says when the work is due:
    `X牵头，Y、Z等按职责分工负责，2018年3月底前完成` -> (`X牵头，Y、Z等按职责分工负责`,
    `2018年3月底前完成`); the time may also come first (`2024年底前完成，县发改局负责`).
    Time clauses are taken from either end only, and only while something is left between
    them, so a units list is never read as a date nor a date as a unit."""
    pieces = _CLAUSE_SPLIT.split(text)
    if len(pieces) < 2:
        return text, ""

    def timed(p: str) -> bool:
        return TIME_CLAUSE.match(p.strip()) is not None and len(p) <= 40

    i, k = 0, len(pieces)
    while k - i > 1 and timed(pieces[k - 1]):
        k -= 1
    while k - i > 1 and timed(pieces[i]):
        i += 1
    if (i, k) == (0, len(pieces)):
        return text, ""
    seps = list(_CLAUSE_SPLIT.finditer(text))
    start = seps[i - 1].end() if i else 0
    end = seps[k - 1].start() if k < len(pieces) else len(text)
    when = [p.strip() for p in pieces[:i] + pieces[k:] if p.strip()]
    return text[start:end].strip(), "；".join(when)
