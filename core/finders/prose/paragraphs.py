"""Lead/support paragraphs and member-unit duty lists.

Two prose shapes assign work without an annotation:
- an item whose body names who leads and who supports: `（三）项目环评审批 由市生态环境局
  兴县分局指导开展环评工作…，县水利局、兴县水务投资建设有限公司配合。`
- a member-unit duty list: `1. 县应急管理局（县安委办）。负责…`.
Ordinary policy paragraphs also say `负责` and `各部门`, so a paragraph counts only when it
names both a leading unit and supporting units, and a duty item only when the part before
its first stop is nothing but unit names.
"""

from __future__ import annotations

import re
from typing import Any

from core.fields.units import looks_like_unit
from core.finders.base import DocumentContext, FinderResult
from core.finders.prose.clause_duties import clause_duties, comma_duties
from core.finders.prose.text_annotations import segments
from core.finders.prose.text_outline import (
    L_CN,
    Node,
    build_outline,
    heading_title,
    is_title,
    join_texts,
    roster_lines,
    strip_furniture,
)
from core.finders.prose.text_tasks import group_of, make_task, section_of
from core.text.lines import SourceLine
from core.text.normalize import TITLE_GAP

_NAME_SPLIT = re.compile(r"[、，,及]")
# Words no unit name holds: a clause (`在林区施工由乡镇`) that merely ends like one.
# (`车主所在乡镇政府` is a unit: 所在 says which one.)
_NOT_NAME = re.compile(r"由|(?<!所)在|对|进行|活动|期间|的|时|施工|如")
_REMARK = re.compile(r"[（(][^（）()]*[）)]")
_DUTY = re.compile(r"^(?P<units>[^。：:；;]{2,60}?)[。：:]\s*(?P<duty>.+)$")
_DUTY_VERB = re.compile(
    r"^(?:主要)?(?:负责|配合|协助|牵头|承担|做好|督促|指导|组织|统筹|落实|会同)"
)
# `由X牵头`, `X指导…`, also after a short topic: `队伍组建由县应急局牵头`.
_LEAD_CLAUSE = re.compile(r"^(?:[^由]{0,12}由|请)?(?P<u>.+?)(?:共同|统一)?(?:牵头|指导|负责|主抓)")
# A paragraph that opens by putting units in charge (`由县应急局负责…`, `由A、B共同负责，…`)
# assigns the work even when it names no supporter.
# `由X牵头组建…` alone (no supporter named) describes how a body is set up, not a duty.
# `由区督查室牵头，将…纳入…`: a lead closing its own clause puts the unit in charge of what
# follows (unlike `由X牵头组建…`, which says how a body is formed).
_ASSIGNING = re.compile(r"^由(?P<u>[^，,。；;]{2,60}?)(?:(?:共同|统一|具体)?负责|牵头(?=[，,]))")
# `由区安办根据工作进展情况，适时组织…督查`: a unit named after 由, then on what basis or when
# it acts, puts that unit in charge of the sentence as `由X负责` does.
_ASSIGNING_BY = re.compile(
    r"^由(?P<u>[^，,。；;]{2,30}?)(?:根据|按照|依据|结合|会同|适时|定期|及时|统一|统筹|组织)"
)
_VILLAGE = re.compile(r"村(?:委会|民委员会|两委|委)?$")
# Units doing the work under a lead: `各乡镇具体负责`, `县住建局具体实施`.
_SPECIFIC = re.compile(r"^(?P<u>[^，,。；;]{2,60}?)具体(?:负责|实施|落实|承办)")
_SUPPORT_TAIL = re.compile(
    r"(?:等有关单位|等相关单位|等有关部门|等相关部门|等单位|等部门|等)?(?:配合|协助|作为实施主体)$"
)
# An unnumbered duty line of a member-unit list: `县自然资源局：负责…`, `**县公安局：**负责…`.
_DUTY_LINE = re.compile(r"^(?P<units>[^。：:；;，,]{2,40}?)[：:]\s*(?P<duty>.+)$")
# A numbered duty without a stop, under a duty heading: `（五）县公安局负责提供…`.
_GLUED_DUTY = re.compile(
    r"^(?P<units>[^。：:；;，,]{2,30}?)[，,]?"
    r"(?P<duty>(?:具体|主要|总体)?(?:负责|承担|牵头).+|为[^，,。]{0,20}牵头(?:部门|单位).+)$"
)
# A duty line of the same list that says what the unit must do rather than what it is in
# charge of: `各乡镇要落实属地责任，组织开展村庄清洁行动。` (only after `X负责…` lines).
_MUST_DUTY = re.compile(
    r"^(?P<units>[^。：:；;，,]{2,30}?)"
    r"(?P<duty>要(?:切实|认真|全面|积极|及时|严格)?(?:落实|做好|负责|加强|组织|开展|抓好|承担|履行).+)$"
)
_DUTY_HEADING = re.compile(r"职责")
_LIST_HEADING = re.compile(r"的工作$")
# Words that announce a list of units' duties, so its lines may start with any verb
# (`自然资源局:对管辖的各类建设行为实施全程跟踪监管…`).
_DUTY_CONTEXT = re.compile(r"职责|分工")
# A supporting clause inside a sentence: `兴县华盛燃气有限责任公司作为实施主体`,
# `应急局牵头组建…,各相关部门配合,在本部门…`.
# Not a duty: the part after the colon lists members (`成员单位：县委宣传部、…`) or says
# what a working group is made of (`事件调查组：主要由县市场监督管理局…组成`).
_COMPOSITION = re.compile(r"^(?:主要)?由.+?组成")
_ROLE_LABEL = re.compile(r"^(?:成员|成员单位|组成单位|组长单位|牵头单位|责任单位|配合单位)$")
# A decimal section number printed by another extractor: `2.2.3 县指挥部成员单位职责`.
_DECIMAL_NO = re.compile(r"^\d+(?:\.\d+)+\s*")
_IMPLEMENTER = re.compile(r"^(?P<u>.+?)(?:作为实施主体|配合|协助)$")
# Units opening a clause as its supporters: `县水利局、县林业局配合做好…`; in a sentence that
# names a lead also `县发改局做好…` / `各乡镇做好征地拆迁…`.
_SUPPORT_OPENING = re.compile(
    r"^(?P<u>[^，,。；;]{2,60}?)(?:等(?:有关|相关)?(?:单位|部门))?(?:配合|协助|参与)(?!$)"
)
_DOING_OPENING = re.compile(r"^(?P<u>[^，,。；;]{2,60}?)(?:要|负责)?做好")
# Words that make an opening a clause rather than a list of names (`财政局要协助农经部门`,
# `指导并协调事发地人民政府`).
_CLAUSE_WORD = re.compile(r"要|与|并|协助|配合|指导|协调|负责|组织|督促|将|把|向|按照")
# A heading's title run into its lead unit once the space between them is gone
# (`资金保障县财政局牵头`): a title of words that name no place, then a county-level name.
_GLUED_TITLE = re.compile(r"^(?P<title>[^省市县区州盟旗乡镇村]{4,10}?)(?P<u>[县市区各].+)$")
# A catch-all closing a duty list (`其他各成员单位按照部门职责开展工作。`) assigns nothing.
_CATCH_ALL = re.compile(r"^其他")
_STOP_END = re.compile(r"(?<=。)")
_SENTENCE_SPLIT = re.compile(r"[。；;\u3000]")
_CLAUSE_SPLIT = re.compile(r"[，,]")
TERMINAL = ("。", "！", "；", ";", "）", ")", "”")


def _split_and(name: str) -> list[str]:
    parts = name.split("和")
    if len(parts) == 2 and all(looks_like_unit(p) for p in parts):
        return parts
    return [name]


def _drop_remark(m: re.Match[str]) -> str:
    """A bracket naming the unit's other role stays with the name, as printed
    (`县发改局（领导小组办公室）`); any other remark (`（牵头）`, `（试行）`) goes."""
    inner = m.group(0)[1:-1].strip()
    return m.group(0) if looks_like_unit(inner) and not _NAME_SPLIT.search(inner) else ""


# A measure's title opens with a verb (`完善农产品质量安全可追溯信息平台`); a unit's name never
# does, even when it ends like one (…平台, …中心).
_VERB_OPENING = re.compile(
    r"^(?:完善|推进|加强|建立|健全|推动|实施|开展|强化|提升|加快|深化|做好|促进|优化|规范|严格|"
    r"全面|持续|积极|着力|坚持|支持|打造|构建|创新|培育|巩固|扩大|提高|建设|启动|探索|鼓励)"
)


def _all_units(text: str) -> list[str] | None:
    """The unit names of `text` when it is nothing but unit names, else None."""
    names = [n.strip() for n in _NAME_SPLIT.split(_REMARK.sub(_drop_remark, text)) if n.strip()]
    # `工信局和发改局` is two units; `文化和旅游局` is one (`文化` names no unit).
    names = [p for n in names for p in _split_and(n)]
    if names and all(
        looks_like_unit(n) and not _NOT_NAME.search(n) and not _VERB_OPENING.match(n) for n in names
    ):
        return names
    return None


_LEAD_WORD = re.compile(r"牵头|指导|负责|主抓")


def _lead_support(body: str) -> tuple[list[str], list[str]]:
    """Units that lead (`由X牵头`, `X指导…`) and support (`Y、Z等单位配合`) in a paragraph.

    Without a lead word no unit leads, and every caller drops supporters without a lead,
    so such a paragraph (most of them) is answered at once."""
    if _LEAD_WORD.search(body) is None:
        return [], []
    lead: list[str] = []
    support: list[str] = []
    for sentence in _SENTENCE_SPLIT.split(body):
        doing: list[str] = []  # `X做好…`: supporters when the sentence names a lead
        chunks = [c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c.strip()]
        if not chunks:
            continue
        if _SUPPORT_TAIL.search(chunks[-1]):
            names: list[str] = []
            tail = _SUPPORT_TAIL.sub("", chunks[-1])
            group = _all_units(tail)
            j = len(chunks) - 2
            while group:
                names = group + names
                if j < 0:
                    break
                group = _all_units(chunks[j])
                j -= 1
            support += [n for n in names if n not in support]
            chunks = chunks[: j + 2] if names else chunks
        for c in chunks[1:]:
            m = _IMPLEMENTER.match(c)
            implementers = _all_units(m.group("u")) if m else None
            support += [n for n in implementers or [] if n not in support]
        leads_here = False
        for c in chunks:
            names = _opening_units(_SPECIFIC.match(c))
            if names:
                doing += [n for n in names if n not in doing]
                continue
            m = _LEAD_CLAUSE.match(c)
            names = (_all_units(m.group("u")) or []) if m else []
            if len(names) == 1:
                names = [_untitled(names[0])]
            if names:
                lead += [n for n in names if n not in lead]
                leads_here = True
                continue
            m = _SUPPORT_OPENING.match(c)
            names = _opening_units(m)
            support += [n for n in names if n not in support]
            m = _DOING_OPENING.match(c) if not names else None
            doing += [n for n in _opening_units(m) if n not in doing]
        if leads_here:
            support += [n for n in doing if n not in support]
    return lead, [s for s in support if s not in lead]


def _assigns(text: str) -> bool:
    """Whether a paragraph opens by putting units in charge (`由县应急局负责…`), after at
    most a title sentence (`耕地保护督查。由…`): then a lead alone makes it a task."""
    sentences = [t.strip() for t in _SENTENCE_SPLIT.split(text) if t.strip()]
    if sentences and is_title(sentences[0]) and len(sentences) > 1:
        sentences = sentences[1:]
    m = _ASSIGNING.match(sentences[0]) if sentences else None
    names = _all_units(m.group("u")) if m and not _CLAUSE_WORD.search(m.group("u")) else None
    # A step done by the villages (`由各行政村负责调查统计…`) is no county unit's task.
    return bool(names) and not all(_VILLAGE.search(n) for n in names or [])


def _assigned_by(text: str) -> list[str]:
    """The unit a paragraph opens by putting in charge without a role word (`由区安办根据…
    适时组织力量…开展督查`), after at most a title sentence; [] for any other paragraph."""
    sentences = [t.strip() for t in _SENTENCE_SPLIT.split(text) if t.strip()]
    if len(sentences) > 1 and (is_title(sentences[0]) or len(sentences[0]) <= 20):
        sentences = sentences[1:]  # `强化督查，确保治理工作实效。由…`
    m = _ASSIGNING_BY.match(sentences[0]) if sentences else None
    names = _all_units(m.group("u")) if m else None
    bodies = re.compile(r"(?:领导小组|领导组|工作组|指挥部|专班|委员会)$")  # a body, no unit
    if not names or any(_VILLAGE.search(n) or bodies.search(n) for n in names):
        return []
    return names


def _untitled(name: str) -> str:
    """`资金保障县财政局` -> `县财政局`: a heading title glued to the unit it puts in charge."""
    m = _GLUED_TITLE.match(name)
    title = m.group("title") if m else ""
    if not m or looks_like_unit(title) or title.endswith("自治"):
        return name
    return m.group("u") if looks_like_unit(m.group("u")) else name


def _opening_units(m: re.Match[str] | None) -> list[str]:
    """The names opening a clause (`县水利局、县林业局` of `…配合做好…`), if only names."""
    if m is None or _CLAUSE_WORD.search(m.group("u")):
        return []
    return _all_units(m.group("u")) or []


def _glued(node: Node) -> re.Match[str] | None:
    """`县公安局负责提供…`: a numbered item that runs its unit into its duty."""
    head = node.head.strip().replace("**", "")
    if _LIST_HEADING.search(head):
        return None  # `（一）政府办牵头负责的工作`: a division-list heading, the list finder's
    m = _GLUED_DUTY.match(head)
    return m if m and _all_units(m.group("units")) else None


def _glued_lists(nodes: list[Node]) -> set[int]:
    """Items in a list made mostly of `<unit>负责…` items (`1. 县发改局负责组织协调…`,
    `2. 各乡镇负责…`): a list of units' duties even without a 职责 heading."""
    groups: dict[tuple[int, int], list[Node]] = {}
    for n in nodes:
        if n.num is not None:
            groups.setdefault((id(n.parent) if n.parent else 0, n.num.level), []).append(n)
    out: set[int] = set()
    for siblings in groups.values():
        glued = [n for n in siblings if _glued(n)]
        if len(glued) >= 2 and 2 * len(glued) >= len(siblings):
            out |= {id(n) for n in glued}
    return out


def _duty_item(node: Node, in_list: bool = False) -> tuple[list[str], str] | None:
    """Units and duty of a numbered duty item: `1. 县应急管理局（县安委办）。负责…`, or under a
    duty heading (`四、工作职责`) or in a list of such items one that runs the unit into its
    verb: `（五）县公安局负责…`."""
    head = node.head.strip().replace("**", "")
    m = _DUTY.match(head)
    if not m or not _DUTY_VERB.match(m.group("duty")):
        parent = node.parent
        under_duties = parent is not None and _DUTY_HEADING.search(parent.head) is not None
        # Under a duty heading `（三）区交建局：对…的，停止办理…` is that unit's duty whatever
        # its first word.
        stated = m if under_duties and m and m.group(0)[len(m.group("units"))] in "：:" else None
        m = _glued(node) if under_duties or in_list else None
        m = m or stated
        if not m:
            return None
    names = _all_units(m.group("units"))
    if not names:
        return None
    rest = [strip_furniture(sl.text) for sl in node.lines[1:]]
    return names, join_texts([m.group("duty"), *rest])


# Units opening a later sentence of a unit's duty item with their own part of the work:
# `区经发局，负责调查…`, `区土开集团、城投集团，负责统计…`, `区属国有企业发现…线索的，移交…`.
_OWN_PART = re.compile(r"^(?P<u>[^，,。；;]{2,60}?)(?:具体|主要)?(?:负责|承担|配合|协助|发现)")


def _duty_support(text: str, lead: list[str]) -> list[str]:
    """Other units a lead's duty item gives their own part (`X牵头…工作。X负责…。Y负责…；Z，
    负责…`): they support the item's task. Sentences after the first only, each opening with
    nothing but unit names before its verb or comma."""
    out: list[str] = []
    for sentence in [t.strip() for t in _STOP_END.split(text) if t.strip()][1:]:
        chunk = _CLAUSE_SPLIT.split(sentence, maxsplit=1)[0].strip()
        names = _all_units(chunk) if len(chunk) < len(sentence) else None
        if not names:
            m = _OWN_PART.match(sentence)
            names = _all_units(m.group("u")) if m else None
        out += [n for n in names or [] if n not in lead and n not in out]
    return out


# A county-level place acting as its government (`灵宝市负责…的承接工作`).
_PLACE = re.compile(r"^(?![全我本该各])[\u4e00-\u9fff]{2,4}[市县区旗]$")


def _actor_units(text: str) -> list[str] | None:
    """The units a duty sentence opens with: unit names, or a place acting as its government."""
    names = _all_units(text)
    if names is None and _PLACE.match(text.strip()):
        names = [text.strip()]
    return names


def _unit_clauses(sentence: str) -> list[str]:
    """`X负责…的下放工作，Y负责…的承接工作。`: one sentence giving two units their own duty
    is two duties, cut where a later clause opens with unit names and 负责."""
    clauses = _CLAUSE_SPLIT.split(sentence)
    out: list[str] = []
    start = 0
    for k in range(1, len(clauses)):
        m = _GLUED_DUTY.match(clauses[k].strip())
        if m and m.group("duty").startswith("负责") and _actor_units(m.group("units")):
            out.append("，".join(clauses[start:k]))
            start = k
    out.append("，".join(clauses[start:]))
    return [c.strip() for c in out if c.strip()]


def _duty_sentences(text: str) -> list[tuple[list[str], str, list[str]]] | None:
    """A duty list printed as one paragraph (`自然资源部门负责…。农经中心负责…。`): when every
    sentence opens with unit names and 负责/承担/牵头, each sentence is one unit's duty, with
    the units that carry it out (`…，经办机构具体承办…`) as its support. A trailing catch-all
    (`其他各成员单位按照部门职责开展工作。`) is no duty. None for any other paragraph."""
    sentences = [p for s in _STOP_END.split(text) if s.strip() for p in _unit_clauses(s.strip())]
    out: list[tuple[list[str], str, list[str]]] = []
    for i, sentence in enumerate(sentences):
        m = _GLUED_DUTY.match(sentence)
        names = _actor_units(m.group("units")) if m else None
        if names and any(n.startswith("其他") for n in names):
            names = None
        if not m or not names:
            if out and i == len(sentences) - 1 and _CATCH_ALL.match(sentence):
                break
            return None
        support: list[str] = []
        for clause in _CLAUSE_SPLIT.split(m.group("duty"))[1:]:
            found = _opening_units(_SPECIFIC.match(clause.strip()))
            support += [n for n in found if n not in support and n not in names]
        out.append((names, m.group("duty"), support))
    return out if len(out) >= 2 else None


def _duty_lines(
    node: Node,
) -> list[tuple[list[str], str, list[SourceLine], str | None, list[str]]]:
    """Unnumbered duty lines inside an item (`（二）成员单位主要职责` then `县自然资源局：负责…`
    on lines of their own): each with its units, its duty, its lines, the unnumbered
    heading printed above it, if any, and its supporting units. A line that does not finish
    its sentence is continued by the next unnumbered line (a page break). Under a division
    heading a paragraph of `<unit>负责…。` sentences is a list too, one duty per sentence."""
    out: list[list[Any]] = []
    current: list[Any] | None = None
    heading: str | None = None
    start = 0 if node.num is None else 1
    context = node.num is not None and _DUTY_CONTEXT.search(node.head) is not None
    members = roster_lines(node.lines[start:])
    for sl in node.lines[start:]:
        t = strip_furniture(sl.text).replace("**", "").strip()
        if not t:
            continue
        if sl.no in members:
            current = None  # a member roster ends the duty above it
            continue
        listed = _duty_sentences(t) if context else None
        if listed:
            for units, duty, support in listed:
                out.append([units, [duty], [sl], heading, False, support])
            # A catch-all closing the paragraph ends the list; else a page break may go on.
            current = out[-1] if t.endswith(listed[-1][1]) else None
            continue
        m = _DUTY_LINE.match(t)
        glued = False
        if not m and context:
            m = _GLUED_DUTY.match(t)  # `县农业农村局负责提供确村确户名单。` under 职责分工
            if m is None and out and out[-1][2][-1].no >= sl.no - 3:
                m = _MUST_DUTY.match(t)  # `各乡镇要落实属地责任，…` right after `X负责…` lines
                if m and re.search(r"有关|相关", m.group("units")):
                    m = None  # `有关部门和单位要…`: no unit named
            glued = m is not None
        names: list[str] | None = None
        if m and (context or _DUTY_VERB.match(m.group("duty"))):
            duty = m.group("duty")
            roster = _ROLE_LABEL.match(m.group("units").replace(" ", "")) is not None
            listing = _all_units(duty.rstrip("。；; ")) is not None
            if not roster and not listing and not _COMPOSITION.match(duty):
                names = _all_units(m.group("units"))
            if names and any(n.startswith("其他") for n in names):
                names = None  # `其他部门：按照各自职责…` assigns nothing
        if not names and _DUTY_CONTEXT.search(t):
            context = True  # `各乡镇、单位职责如下：`, `### 2.2.3 县指挥部成员单位职责`
        if m and names:
            current = [names, [m.group("duty")], [sl], heading, glued, []]
            out.append(current)
        elif current is not None and not current[1][-1].endswith(TERMINAL):
            current[1].append(t)
            current[2].append(sl)
        else:
            current = None
            title = _DECIMAL_NO.sub("", t)
            if is_title(title) and _DUTY_CONTEXT.search(title):
                heading = title
    # A lone `县财政局负责…` sentence in a paragraph is prose; a run of them is a duty list.
    if sum(1 for item in out if item[4]) < 2:
        out = [item for item in out if not item[4]]
    return [
        (names, join_texts(parts), sls, head, support)
        for names, parts, sls, head, _, support in out
    ]


def _body_text(node: Node, body: str) -> str:
    """An item's heading and body as one text. A top-level heading that is only a title
    (`五、任务分工`) is not part of the obligation; a lower heading alone on its line
    (`（四）严格执行节水“三同时”管理制度`) ends its sentence before the body starts."""
    head = node.head.strip()
    if not body:
        return head
    if node.titled:
        return body if node.num is not None and node.num.level == L_CN else f"{head}。{body}"
    return join_texts([head, body])


# The group a roster lists, named back without a unit's name: `领导小组负责统筹协调…`.
_GROUP_ITSELF = re.compile(r"^(?:工作)?(?:领导小组|指挥部|专班)(?:办公室)?$")


def _after_group_duty(body: str) -> str:
    """The paragraph after a roster without its opening sentences that give the listed group
    its own role (`领导小组负责统筹协调问题整改落实工作。`): the group is no county unit, so
    the obligation is the units' duty that follows."""
    sentences = [t for t in _STOP_END.split(body) if t.strip()]
    while len(sentences) > 1:
        lead, support = _lead_support(sentences[0])
        if not lead or support or not all(_GROUP_ITSELF.match(n) for n in lead):
            break
        sentences = sentences[1:]
    return "".join(sentences).strip()


def _parts(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """An item's body lines cut at member rosters, which belong to no part: the lines
    before the first roster, then each run of lines after one (empty runs dropped, the
    first always kept so the item's own paragraph is still read)."""
    roster = roster_lines(lines)
    parts: list[list[SourceLine]] = [[]]
    for sl in lines:
        if sl.no in roster:
            if parts[-1] or len(parts) == 1:
                parts.append([])
            continue
        parts[-1].append(sl)
    return [parts[0]] + [p for p in parts[1:] if p]


def find(ctx: DocumentContext) -> FinderResult:
    result = FinderResult()
    if ctx.document.is_toc:
        return result
    before: list[str] = []
    nodes = build_outline(ctx.lines)
    in_lists = _glued_lists(nodes)
    for node in nodes:
        section = section_of(node, ctx, before)
        if node.num is None:
            before.extend(strip_furniture(sl.text) for sl in node.lines)
        if segments(node):
            continue  # annotated: the inline finder's
        clauses = clause_duties(node, ctx)
        listed: list[tuple[list[str], list[str], str]] = (
            [(lead, [], text) for lead, text in clauses or []] or comma_duties(node) or []
        )
        if listed:
            for lead, support, text in listed:
                result.tasks.append(
                    make_task(
                        ctx,
                        "paragraph",
                        text,
                        node.line,
                        lead,
                        support,
                        ref=node.ref,
                        group=group_of(node),
                        section=section,
                    )
                )
            result.claimed |= {sl.no for sl in node.lines}
            continue
        duty = _duty_item(node, id(node) in in_lists) if node.num is not None else None
        found: list[tuple[list[str], list[str], str, int, set[int], str | None]] = []

        if duty is not None:
            lead, text = duty
            support = _duty_support(text, lead)
            found.append((lead, support, text, node.line, {sl.no for sl in node.lines}, None))
        else:
            for names, text, sls, heading, support in _duty_lines(node):
                found.append((names, support, text, sls[0].no, {sl.no for sl in sls}, heading))
        parts = _parts(node.lines[1:]) if not found and node.num is not None else []
        for part in parts[1:]:
            # After a roster (`组 长：…`, `成 员：…`) the paragraph stands on its own.
            body = _after_group_duty(join_texts([strip_furniture(sl.text) for sl in part]))
            lead, support = _lead_support(body)
            if lead and (support or _assigns(body)):
                found.append((lead, support, body, part[0].no, {sl.no for sl in node.lines}, ""))
        if parts:
            body = join_texts([strip_furniture(sl.text) for sl in parts[0]])
            lead, support = _lead_support(body)
            if not (lead and support) and not body and node.children:
                continue  # `（一）县发改局牵头，县财政局配合` heads the items below it
            assigned = _assigns(body)
            if not lead and "由" in body:
                lead = _assigned_by(body)
                assigned = bool(lead)
            if not (lead and (support or assigned)):
                # The heading line may carry the body too: `（三）项目环评审批 由…配合。`
                lead, support = _lead_support(node.head)
                assigned = _assigns(node.head)
                if not lead and "由" in node.head:
                    lead = _assigned_by(node.head)
                    assigned = bool(lead)
                body = ""
            if lead and (support or assigned):
                text = _body_text(node, body)
                claimed = {sl.no for sl in node.lines}
                found.insert(0, (lead, support, text, node.line, claimed, None))
        for lead, support, text, line, claimed, heading in found:
            # A duty line under the item: the item is its group. ("" marks a paragraph of
            # the item itself printed after a roster: the item's own group and ref.)
            inner = line != node.line and heading != ""
            heading = heading or None
            group = group_of(node)
            title, gap, rest = node.head.partition(TITLE_GAP)
            if not inner and gap and is_title(title) and text.startswith(title):
                # `（一）项目立项审批　由县行政审批局负责…`: the title names the item's group
                group, text = title, text[len(title) :].lstrip(TITLE_GAP + "。 ") or rest
            if inner:
                group = heading or heading_title(node.head) or None
                top = node.num is not None and not any(a.num for a in node.ancestors)
                if top and heading is None:
                    section = strip_furniture(node.lines[0].text)
            result.tasks.append(
                make_task(
                    ctx,
                    "paragraph",
                    text,
                    line,
                    lead,
                    support,
                    ref=None if heading else node.ref,
                    group=group,
                    section=section,
                )
            )
            result.claimed |= claimed
    return result
