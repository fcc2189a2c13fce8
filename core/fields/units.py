"""Responsible units (责任单位): who leads, who supports.

A units cell or annotation is short but messy: role markers (`牵头`, `配合`), wrappers
(`等部门`, `按职责分工负责`), action phrases glued to the last name (`…督促企业落实`), and
PDF damage (spaced-out names, a name split across lines, a character doubled at a page
break). Names are kept as printed (`县发改局` is not expanded) because clerks search the
ledger by the name the document uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text.lines import PARA_SEP


@dataclass
class Units:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)


# What a unit's name ends with (longest first so that 分局 wins over 局).
_SUFFIX_WORDS = (
    "人民政府 管理委员会 委员会 管委会 联合会 办公室 服务中心 分中心 中心 分局 支队 大队 中队 "
    "国有企业 国企 支行 分行 "
    "检察院 法院 公司 集团 银行 协会 工会 团委 妇联 残联 科协 侨联 工商联 红十字会 部门 单位 "
    "机关 机构 成员单位 乡镇 乡（镇） 乡(镇) 街道 社区 政府 办事处 局 委 办 院 所 站 队 部 厅 处 "
    "科 室 股 馆 社 行 台 署 会 校 镇 乡 村 区 团 厂 场 段 组"
)
_SUFFIXES = tuple(_SUFFIX_WORDS.split())
_SUFFIX_RE = "|".join(re.escape(s) for s in _SUFFIXES)
_SUFFIX_END = re.compile(rf"(?:{_SUFFIX_RE})$")

# Role markers inside a units text.
_LEAD_MARK = re.compile(r"牵头|主责|主办|为主")
_SUPPORT_MARK = re.compile(r"配合|协助|协办|参与|协同|按照职责做好配合")
_SOFT_SUPPORT_MARK = re.compile(r"落实|实施|分工负责|共同负责")

# Verbs that start an action phrase glued to a name (`…部门督促企业落实`).
_ACTION = re.compile(
    r"督促|组织|开展|做好|按照|按职责|根据|负责|落实|指导|协调|推进|加强|配合|牵头|参与|协助|"
    r"抓好|共同|分别|依职责|分工|具体|会同|联合|统筹|做|要|对|将"
)
# Action verbs that also open a unit's own name when a one-character suffix follows them
# (`县委组织部`, `县统筹办`, `协调组`): there they are part of the name, not an action.
_NAME_VERBS = ("组织", "统筹", "协调", "指导", "联合")
_NAME_VERB_SUFFIX = set("部办委局组处科室站所队")
# Two-character names that are whole units (`县委 县政府` is two units, `乡村 振兴局` one).
_SHORT_UNITS = {"县委", "市委", "省委", "区委", "团委", "妇联", "残联", "科协", "侨联", "工会"}
# A bare generic word is not a unit: `相关部门、单位` names one collective, not 单位.
_GENERIC = {"单位", "部门", "机构", "机关"}
# A role printed in brackets after a name: `县人社局（牵头）`, `县自然资源局（按职责分工负责）`.
_BRACKET_ROLE = re.compile(
    r"[（(]\s*((?:主要)?牵头(?:单位|部门)?|配合(?:单位|部门)?|协助|协办|参与|"
    r"(?:按职责)?分工负责|共同负责|按职责落实|负责)\s*[）)]"
)
# Wrappers trimmed from either end of a name.
_TAIL = re.compile(
    r"(?:等(?:[省市县区乡镇]级|其他)?(?:有关|相关)?(?:单位|部门)|等|按职责分工负责|按职责落实|"
    r"按照?属地(?:原则|管理)?|按照?职责(?:分工)?|"
    r"分工负责|共同负责|分别牵头|分别负责|牵头负责|牵头|配合|负责|落实|协助|协办|主办|参与|的)+$"
)
_HEAD = re.compile(r"^(?:由|请|各级|责任单位[:：]?|责任部门[:：]?|牵头单位[:：]?|配合单位[:：]?)")
_PREFIX = re.compile(r"^[（(]?\s*(?:主要)?(?:责任单位|责任部门|牵头单位|实施单位|承办单位)\s*[:：]")
_SEP = re.compile(r"[、，,；;。：:/\n" + PARA_SEP + r"]+")
# Characters no unit name starts with: a fragment starting with one is the tail of the
# previous name, split by a stray separator or a line break (`市生态环境局、局兴县分局`).
_TAIL_START = re.compile(r"^(?:局|委|队|院|站|所|厅|分局|大队|中心)")
# Marks a table prints beside a name to flag its role (`县农业农村局*`), explained by a
# footnote (`带*号的为牵头单位`); never part of the name.
MARKS = "*＊★☆▲△●◆"
# Doubled characters that are legitimate in names (兴县县委, 市市场监管局).
_LEGIT_DOUBLES = set("县市区省乡镇村")


# Precompiled: these run for every line and name.
_WS = re.compile(r"\s+")
_STOPS = re.compile(r"[，。；;！？!?]")
_ALIAS = re.compile(r"[（(][^（）()]{1,12}[）)]$")
_NOT_IN_NAME = re.compile(r"[\d，。；;：:！？!?“”《》]")


def _ends_like_unit(s: str) -> bool:
    return bool(_SUFFIX_END.search(s))


def looks_like_unit(text: str) -> bool:
    """True for a short string that names a unit or organisation (局, 委, 办, 中心, 政府,
    各乡镇, 公司, 大队, 管委会, 站, 所 …)."""
    s = _WS.sub("", text or "").strip(MARKS)
    if not 2 <= len(s) <= 30 or _STOPS.search(s):
        return False
    if _ends_like_unit(s):
        return True
    # A name with its alias in brackets: `县司法局（法制办）`, `县应急管理局（县安委办）`.
    bare = _ALIAS.sub("", s)
    return bare != s and len(bare) >= 2 and _ends_like_unit(bare)


# Endings that only an organisation's name has: stricter than `looks_like_unit`, for cues
# that carry no role word (a bare `（区农发局）` closing an item), where a remark such as
# `（试行）` or `（含冷冻产品）` must not pass for a unit.
_ORG_SUFFIX = re.compile(
    r"(?:局|委|办|厅|院|社|中心|公司|集团|政府|管委会|委员会|街道|办事处|乡镇|镇|乡|支队|大队|中队|"
    r"站|所|部|处|科|室|股|银行|协会|联合会|妇联|团委|工会|残联|科协|侨联|工商联|红十字会|海关|"
    r"指挥部|部门|单位|片区|开发区|园区|支行|分行|[县区市州]属国有企业|[县区市州]属国企)$"
)
# Words an organisation's name never holds: a remark (`附件详见县政府网站`, `盖章`).
_NOT_ORG = re.compile(r"详见|参见|附件|请|按照|根据|负责|盖章|签字|如下|是|的|为|见")


def is_unit_name(text: str) -> bool:
    """A name that can only be an organisation's: a county, district, city or province
    unit (`区农发局`, `县直各部门`, `平潭海关`, `各有关乡镇`), no figures or sentence marks."""
    s = _WS.sub("", text or "").strip(MARKS)
    s = _ALIAS.sub("", s)  # an alias: `区招商局（产业办）`
    if not 2 <= len(s) <= 25 or _NOT_IN_NAME.search(s):
        return False
    if _NOT_ORG.search(s):
        return False
    if _ORG_SUFFIX.search(s):
        return True
    # collective units: `各区属国企`, `各县（市、区）`, `各行政村` (not `相关计算指标`)
    return s.startswith("各") and bool(re.search(r"(?:企业|国企|村|社区|县|区|市|[）)])$", s))


def is_unit_list(text: str) -> bool:
    """Whether a text is nothing but unit names (`区环土局、交建局、有关乡镇政府`)."""
    t = re.sub(r"(?:等(?:有关|相关)?(?:单位|部门)|等)$", "", (text or "").strip())
    if not t or len(t) > 120:
        return False
    names = [n for n in re.split(r"[、，,\s]+", t) if n]
    return 1 <= len(names) <= 15 and all(is_unit_name(n) for n in names)


def _undouble(name: str) -> str:
    """Drop a character doubled at a page break (`县自然资源源局` -> `县自然资源局`)."""
    out: list[str] = []
    for c in name:
        if out and c == out[-1] and c not in _LEGIT_DOUBLES and "\u4e00" <= c <= "\u9fff":
            continue
        out.append(c)
    return "".join(out)


def _strip_unbalanced(s: str) -> str:
    """Drop brackets left over from an annotation, keep balanced ones (`各乡(镇)`)."""
    while s and s[0] in "（(" and s.count(s[0]) > s.count("）" if s[0] == "（" else ")"):
        s = s[1:]
    while s and s[-1] in "）)" and s.count(s[-1]) > s.count("（" if s[-1] == "）" else "("):
        s = s[:-1]
    return s


_INNER_LABEL = re.compile(r"^[^:：、，,]{1,10}?(?:单位|部门|主体|科室|处室)\s*[:：]\s*")


def _clean(chunk: str) -> str:
    """One unit name from a chunk: cut a glued action phrase, trim wrappers."""
    s = _strip_unbalanced(chunk.strip().strip("[]【】“”\"' " + MARKS))
    s = _HEAD.sub("", s)
    # no name holds a colon: `省牵头单位：省农业农村厅` names the unit after its label
    label = _INNER_LABEL.match(s)
    if label is not None and looks_like_unit(s[label.end() :]):
        s = s[label.end() :]
    # Cut at the first action verb whose left part already reads as a unit.
    for m in _ACTION.finditer(s):
        if m.group() in _NAME_VERBS and s[m.end() : m.end() + 1] in _NAME_VERB_SUFFIX:
            continue  # `县委组织部`: 组织 belongs to the name
        if m.start() >= 2 and looks_like_unit(s[: m.start()]):
            s = s[: m.start()]
            break
    prev = None
    while prev != s:
        prev = s
        s = _TAIL.sub("", s).strip()
    return _undouble(s)


def _join_tokens(tokens: list[str]) -> list[str]:
    """Re-join a name that extraction spaced out or split across lines.

    `县 发 改 局` and `农业 农村局` are one name; `县水利局 县发改局` are two. A token is
    glued to the previous one while the previous does not yet read as a unit (or is too
    short to be one), or when the token cannot start a name by itself (it begins with a
    suffix such as 局, or a bracket as in `各乡 (镇)`).
    """
    out: list[str] = []
    for tok in tokens:
        if not tok:
            continue
        if out:
            prev = out[-1]
            starts_with_suffix = bool(_TAIL_START.match(tok)) or tok[0] in "（("
            # `乡村 振兴局`: no unit name is two characters long, so `乡村` is a fragment.
            # `县委 县政府`: a whole short unit, then a name that starts afresh (县…, 市…).
            short_unit = prev in _SHORT_UNITS and tok[0] in "县市区省各" and looks_like_unit(tok)
            fragment = not looks_like_unit(prev) or (len(prev) <= 2 and not short_unit)
            if (fragment and not _ACTION.match(tok)) or starts_with_suffix or len(tok) <= 1:
                if starts_with_suffix and prev and tok[0] == prev[-1]:
                    tok = tok[1:]  # `市生态环境局` + `局兴县分局`: the 局 is doubled
                out[-1] = prev + tok
                continue
        out.append(tok)
    return out


# `各县、市、区政府`, `各县（市）、区人民政府`: one collective of several levels.
_LEVELS = re.compile(
    r"各[县市区乡镇旗州盟](?:[（(][县市区乡镇旗街州盟][）)])?"
    r"(?:、[县市区乡镇旗街州盟](?:[（(][县市区乡镇旗街州盟][）)])?){1,3}"
    r"(?=[^\u4e00-\u9fff]|政府|人民政府|$)"
)


_BRACKETED = re.compile(r"(?<=[\u4e00-\u9fff])[（(][^（）()]{1,12}[）)]")


def _split_names(clause: str) -> list[str]:
    """The unit names of one clause, split on 、 and spaces, then on 及/和 between units."""
    names: list[str] = []
    # `各县、市、区政府` (one collective whose levels a 、 separates) and `各县（市、区）人民政府`
    # (a 、 inside brackets): no 、 there parts two units
    for kept in (_LEVELS, _BRACKETED):
        clause = kept.sub(lambda m: m.group().replace("、", "\x00"), clause)
    parts = [p.replace("\x00", "、") for p in clause.split("、")]
    joined = [_join_tokens(re.split(r"\s+", part)) for part in parts]
    for part in [tok for group in joined for tok in group]:
        pieces = [part]
        for conj in ("及", "和", "与"):
            nxt: list[str] = []
            for p in pieces:
                i = p.find(conj)
                if i > 0 and looks_like_unit(p[:i]) and looks_like_unit(_clean(p[i + 1 :])):
                    nxt += [p[:i], p[i + 1 :]]
                else:
                    nxt.append(p)
            pieces = nxt
        # `省农业厅等省直有关部门`: a unit, then the collective it belongs to (both named)
        pieces = [q for p in pieces for q in _split_before_collective(p)]
        pieces = [q for p in pieces for q in _split_glued(p)]
        names += [n for p in pieces for n in _split_after_alias(p)]
    return names


# Where one name ends and the next begins when a cell's spaces were squeezed away
# (`区农业农村委 区林业局` -> `区农业农村委区林业局`): a unit's ending, then a level prefix
# or a collective of places (`区交建局 相关乡镇人民政府`, `县水利局 各乡镇`). A collective of
# departments after a unit is that unit's own (`市人民政府各相关部门`): no second name.
_GLUED_AT = re.compile(
    r"(?:局|委|厅|办|中心|联社|社|站|所|队|院|公司|集团|政府)"
    r"(?=[县区市省][^\s、，,]{2}|(?:各|相关|有关)(?:乡|镇|街道|县|区|市|村|社区|片区))"
)


def _split_glued(name: str) -> list[str]:
    """Two or more unit names run together, split where each part is a unit of its own
    (at least four characters, so `县委县政府督查室` stays one)."""
    if len(name) < 8:
        return [name]
    for m in _GLUED_AT.finditer(name):
        left, right = name[: m.end()], name[m.end() :]
        if len(left) >= 4 and is_unit_name(left):
            rest = _split_glued(right)
            if all(len(r) >= 4 and is_unit_name(r) for r in rest):
                return [left, *rest]
    return [name]


_COLLECTIVE_AFTER_DENG = re.compile(r"等(?=(?:[省市县区]直|各)[^、，,]{1,10}$)")


def _split_before_collective(name: str) -> list[str]:
    """`X等省直有关部门` -> [X, 省直有关部门] when X is a unit name of its own."""
    m = _COLLECTIVE_AFTER_DENG.search(name)
    if m is None or m.start() < 2 or not looks_like_unit(name[: m.start()]):
        return [name]
    return [name[: m.start()], name[m.end() :]]


def _split_after_alias(name: str) -> list[str]:
    """`综合执法局（安监局）规划局` is two names whose separator was lost after the first
    one's alias: split where the bracket holds a unit of its own (an alias, not the `镇` of
    `各乡（镇）人民政府`) and a whole unit name follows it."""
    i = max(name.rfind("）"), name.rfind(")"))
    if not 0 < i < len(name) - 2:
        return [name]
    j = name.rfind("（" if name[i] == "）" else "(", 0, i)
    alias, tail = name[j + 1 : i], _clean(name[i + 1 :])
    if j > 1 and looks_like_unit(name[:j]) and looks_like_unit(alias) and is_unit_name(tail):
        return [name[: i + 1], name[i + 1 :]]
    return [name]


def _keep(name: str) -> bool:
    """Whether a cleaned chunk is a name: drop empty chunks and action phrases that a
    comma cut off from their unit (`督促企业落实“五到位”并…开展检查`)."""
    if not name or name in _GENERIC or re.search(r"\d+\s*[年月日号]|[年月]底|月份", name):
        return False  # a date clause inside an annotation (`；2024年12月底前完成`)
    if looks_like_unit(name):
        return True
    return not _ACTION.match(name) and len(name) <= 12


def _strip_prefix(text: str) -> str:
    t = text.replace("<p>", " ").replace("</p>", " ")
    t = _PREFIX.sub("", t.strip())
    if t.endswith(("）", ")")) and not re.search(r"[（(][^（）()]*[）)]$", t):
        t = t[:-1]  # the closing bracket of `（责任单位：…）`
    return t


def _repair_across_seps(parts: list[str]) -> list[str]:
    """Glue a fragment that cannot stand alone to its neighbour (`市生态环境局、局兴县分局`)."""
    out: list[str] = []
    for p in parts:
        bare = p.strip()
        whole = len(bare) >= 4 and is_unit_name(bare)
        if whole and out and bare[0] != out[-1].rstrip()[-1:]:
            out.append(p)  # `委属部门单位`: a whole name that merely starts like a tail
            continue
        if out and bare and _TAIL_START.match(bare):
            prev = out[-1].rstrip()
            out[-1] = prev + (bare[1:] if prev and bare[0] == prev[-1] else bare)
            continue
        out.append(p)
    return out


_SHORT_LABEL = re.compile(
    r"(^|[；;，,\s])(牵头|主责|主办|配合|协办|协助|参与)\s*[:：]\s*([^；;：:]+?)(?=$|[；;]|\s+\S+\s*[:：])"
)
_WITH = re.compile(r"(?P<x>[^，,；;。、]{2,30}?)会同(?P<y>[^，,；;。]{2,80})")


def _with_roles(m: re.Match[str]) -> str:
    x, y = m.group("x"), re.sub(r"(?:负责|落实|实施|办理)$", "", m.group("y"))
    ys = [p for p in re.split(r"[、及和]", re.sub(r"等(?:有关|相关)?(?:单位|部门)$", "", y)) if p]
    if looks_like_unit(x) and ys and all(looks_like_unit(p) or is_unit_name(p) for p in ys):
        return f"{x}牵头，{y}配合"
    return m.group(0)


# A bracketed note on how to read the list, not a unit: `(列第一位者为牵头或汇总单位，下同)`.
READING_NOTE = re.compile(r"[（(][^（）()]*(?:为牵头|为主责|为主办|下同)[^（）()]*[）)]")


def parse_units(text: str, first_is_lead: bool = False, lead_mark: str | None = None) -> Units:
    """Lead and support units of a units text such as
    `县水利局牵头，县发改局、县工信局等部门配合` -> lead [县水利局], support [县发改局, 县工信局].

    No lead marker -> every unit leads; `first_is_lead` (the document says the first-listed
    unit leads) -> the first unit leads, the rest support; `lead_mark` (the document says
    `带*号的为牵头单位`) -> see `_marked`.
    """
    if lead_mark and any(c in (text or "") for c in _same_marks(lead_mark)):
        return _marked(text, lead_mark)
    stripped = (text or "").strip()
    if lead_mark is None and stripped[:1] in MARKS and sum(stripped.count(c) for c in MARKS) == 1:
        # `★区发改委、统计局` with no footnote: the one marked unit, printed first, leads
        return parse_units(stripped[1:], first_is_lead=True)
    t = _strip_prefix(text or "")
    note = READING_NOTE.search(t)
    if note is not None:  # `…、石碶街道(列第一位者为牵头或汇总单位，下同)`: names no unit
        first_is_lead = first_is_lead or bool(_FIRST_LEADS.search(note.group(0)))
        t = t[: note.start()] + t[note.end() :]
    if not t.strip():
        return Units()
    # `牵头：A；配合：B、C` reads as `A牵头；B、C配合`: a bare role word as a label.
    t = _SHORT_LABEL.sub(lambda m: f"{m.group(1)}{m.group(3).rstrip()}{m.group(2)}；", t)
    # `A（牵头）、B` reads as `A牵头，B`: the bracketed role closes A's clause.
    t = _BRACKET_ROLE.sub(r"\1，", t)
    # `X会同Y`: X leads, Y supports (when both sides are unit names).
    t = _WITH.sub(_with_roles, t)
    clauses = [c for c in re.split(r"[，,；;。" + PARA_SEP + r"]+", t) if c.strip()]
    clauses = _repair_across_seps(clauses)
    has_lead = any(_LEAD_MARK.search(c) for c in clauses)
    roles: list[tuple[str, list[str]]] = []
    for clause in clauses:
        c = clause.strip()
        if _SUPPORT_MARK.search(c) or (has_lead and _SOFT_SUPPORT_MARK.search(c)):
            role = "lead" if _LEAD_MARK.search(c) and not _SUPPORT_MARK.search(c) else "support"
        elif _LEAD_MARK.search(c):
            role = "lead"
        else:
            role = "support" if has_lead and any(r == "lead" for r, _ in roles) else "lead"
        parts = _repair_across_seps(_split_names(c))
        names = [n for n in (_clean(p) for p in parts) if _keep(n)]
        roles.append((role, names))
    if not any(r == "support" for r, _ in roles) and not has_lead:
        roles = [("lead", n) for _, n in roles]
    lead: list[str] = []
    support: list[str] = []
    for role, names in roles:
        for n in names:
            target = lead if role == "lead" else support
            if n not in lead and n not in support:
                target.append(n)
    if first_is_lead and not has_lead and not support and len(lead) > 1:
        lead, support = lead[:1], lead[1:]
    return Units(lead, support)


# `列第一位的为牵头单位`, `排在首位的部门为主责`, `排位靠前的责任单位为牵头单位`,
# `第一个单位为牵头单位`, `牵头单位列第一`: any wording putting the first-listed unit in the lead.
_FIRST_LEADS = re.compile(
    r"(?:列|排|排列|排名|排位|排序|位列|名列)(?:在)?(?:第一|首|最前|靠前|前面|首位)(?:位|个)?"
    r"(?:的|者)?(?:责任)?(?:单位|部门)?(?:为|是|系)(?:牵头|主要责任|主责|主办)"
    r"|(?:第一|首)(?:位|个|家)(?:责任)?(?:单位|部门)?(?:为|是|系)(?:牵头|主办|主责)"
    r"|牵头单位(?:列|排)(?:在)?(?:第一|首)"
)


def first_listed_leads(document_text: str) -> bool:
    """True when the document says its first-listed unit leads (`列第一位的为牵头单位`)."""
    return bool(_FIRST_LEADS.search(re.sub(r"\s+", "", document_text or "")))


def _same_marks(mark: str) -> str:
    """A mark and its other-width twin (`*` and `＊` are the same star)."""
    return "*＊" if mark in "*＊" else mark


def _marked(text: str, mark: str) -> Units:
    """Units of a cell whose lead units carry the footnote's mark (`县农业农村局*、县市场监管局`).

    Lead units are listed first, so the mark closes the lead run: every unit up to the last
    marked one leads (a mark printed once after a pair, `各乡镇人民政府、街道办事处*`, covers
    the pair), the rest support. A role word in the cell itself (`牵头`) wins over the mark.
    """
    marks = _same_marks(mark)
    plain = parse_units(re.sub(f"[{re.escape(MARKS)}]", "", text))
    if plain.support:
        return plain
    names = plain.lead
    squashed = re.sub(r"\s+", "", text)
    last = -1
    pos = 0
    for k, name in enumerate(names):
        at = squashed.find(name, pos)
        if at < 0:
            continue
        pos = at + len(name)
        if squashed[pos : pos + 1] and squashed[pos] in marks:
            last = k
    if last < 0:
        return plain
    return Units(names[: last + 1], names[last + 1 :])


_MARK_LEADS = re.compile(
    rf"(?:带|标|标有|标注|注有|加)?[“\"]?(?P<mark>[{re.escape(MARKS)}])[”\"]?(?:号|符号)?"
    r"(?:标记|标注)?的?(?:单位|部门)?(?:为|是|系)(?:牵头|主要责任|主责)"
)


def lead_mark(document_text: str) -> str | None:
    """The mark a footnote says flags the lead units (`注：带*号的为牵头单位`), if any.

    Bold (`加粗的为牵头单位`) cannot be read: extraction keeps no font, and the markdown
    `**…**` of a second extractor is removed by normalization."""
    m = _MARK_LEADS.search(re.sub(r"\s+", "", document_text or ""))
    return m.group("mark") if m else None
