"""Responsibility cues: the lines of a document that assign work to named units.

The finders know a handful of layouts; a document from another place may assign units in a
layout none of them reads, and then its tasks would vanish without a trace. These patterns
are deliberately independent of the finders and of layout: wherever a line names units in
a dividing way — a labelled role (`牵头单位：…`, `（责任部门：…）`, `推进单位 …`), a bare
bracket of unit names closing an item (`（区农发局）`), a `由X牵头`/`X牵头，Y配合` sentence, a
row of a table whose header has a units column — it is a cue, and the pipeline reports the
cues no task took (see `core.cues.missed_cues`).

Lines that name units without dividing work are not cues: a leading group's roster
(组长/成员), the covering notice's addressees (主送/抄送, `各乡镇人民政府，县直各部门：`),
its `请各单位认真贯彻执行`, the signature, contact lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.cues.names import any_unit_name, unit_names
from core.text.lines import SourceLine

REASON_LABEL = "有责任单位标注，未对应到任务"
REASON_BRACKET = "列有单位名称的括注，未对应到任务"
REASON_TABLE_ROW = "分工表格的行未识别为任务"
REASON_SENTENCE = "有牵头/配合分工语句，未对应到任务"
REASON_UNIT_LINE = "单独成行的责任单位，未对应到任务"
REASON_UNIT_HEADING = "单位标题下的工作未对应到任务"
REASON_DUTY = "列明单位职责的条目，未对应到任务"


@dataclass(frozen=True)
class Cue:
    """One line that assigns work to units; `line` is the 1-based source line."""

    line: int
    text: str
    reason: str


# A role label: 责任单位, 牵头单位, 配合部门, 推进单位, 主责部门, 承办单位, 牵头推进单位,
# 分级管理单位, 责任主体 … — a role word, then at most a few characters ending in 单位/部门;
# or 责任主体/责任处室. (`高危单位`, `重点单位` name a kind of unit, not a role.)
_ROLE_WORD = (
    r"(?:责任|牵头|配合|推进|支撑|主责|承办|协办|主办|实施|参与|协助|主管|监管|负责|管理|建设|"
    r"项目|业主|包联|督办|落实|执行|承担|具体|联动|协同|帮扶|对口)"
)
_LABEL = (
    rf"[\u4e00-\u9fff]{{0,3}}?{_ROLE_WORD}[\u4e00-\u9fff]{{0,3}}?(?:单位|部门|乡镇|处室|科室)|"
    r"责任主体|责任领导"
)
# Labels that address or list units without assigning: 各单位, 有关部门, 成员单位 (a roster).
_NOT_A_ROLE = re.compile(
    r"^(?:各|有关|相关|其他|其它|县直|区直|市直|成员|所属|本|下属|上述|以上|用人|主送|抄送)"
)
_ITEM_NO = (
    r"(?:\d{1,3}\s*[.、．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|"
    r"[一二三四五六七八九十]{1,3}\s*、)"
)
_LABEL_LINE = re.compile(
    rf"^(?:{_ITEM_NO})?\s*[（(【]?\s*(?P<label>{_LABEL})\s*(?:[：:]|\s+)\s*(?P<rest>.*)$"
)
_LABEL_IN_BRACKET = re.compile(rf"[（(【]\s*(?P<label>{_LABEL})\s*[：:]\s*(?P<rest>[^（）()【】]+)")
_LABEL_ALONE = re.compile(rf"^[（(【]?\s*(?P<label>{_LABEL})\s*[：:]?\s*[）)】]?$")
# A bracket closing the line: `…加强农产品监管。（区农发局）`, `（县工科局、县文旅局负责）`.
_CLOSING_BRACKET = re.compile(
    r"(?P<before>.?)[（(](?P<inner>[^（）()]{2,120})[）)]?\s*[。；;，,]?\s*$"
)
# `由X牵头`, `由X负责`, `X牵头，Y配合`, `X牵头，积极争取…`.
_BY = r"由(?P<by>[^，,。；;：:（）()]{2,40}?)(?:牵头|负责|主责|具体负责|统筹|指导|承担)"
_LEADS = r"(?P<lead>[^，,。；;：:（）()]{2,40}?)牵头[，,、；;]"
_LEAD_SENTENCE = re.compile(f"{_BY}|{_LEADS}")
# The same with one alternative only: where the other cannot match (its key word is not in
# the line) the matches are the same, found without trying the lazy scan at every position.
_BY_SENTENCE = re.compile(f"{_BY}|(?P<lead>(?!))")
_LEADS_SENTENCE = re.compile(f"(?P<by>(?!))|{_LEADS}")
_BY_VERB = re.compile(r"牵头|负责|主责|统筹|指导|承担")
# A list heading that is a unit (`（二）县财政局`, `（一）县发改局牵头，县财政局配合`,
# `（二）应急管理局牵头负责的工作`): the unit leads every item beneath it.
_UNIT_HEADING = re.compile(
    rf"^(?:{_ITEM_NO})\s*(?P<units>[^。；;：:]{{2,40}}?)"
    r"(?:(?:牵头|负责|主责|牵头负责|牵头落实|分管)?的?(?:工作|任务|事项))?$"
)
# A member unit's duties (`1.县发改局（领导小组办公室）。负责…`, `县财政局：负责…`).
_UNIT_DUTY = re.compile(
    rf"^(?:{_ITEM_NO})?\s*(?P<units>[^。：:，,；;]{{2,60}}?)\s*[。：:]\s*(?:负责|牵头|主责|承担)"
)

# Not assignments.
_ROSTER = re.compile(
    r"^(?:[组副]\s*组\s*长|组\s*长|成\s*员|主\s*任|副\s*主\s*任|总\s*指\s*挥|副总指挥|顾\s*问|"
    r"秘\s*书\s*长|联\s*络\s*员|办公室主任)\s*[：:]|成员单位\s*[：:]|成员名单|组成人员|^成\s*员\s*$"
)
_ROSTER_HEADING = re.compile(
    r"(?:领导小组|工作专班|指挥部|委员会|工作组)(?:成员|组成人员|名单)|成员名单|组成如下"
)
_ROSTER_CHARS = re.compile(r"[组员任挥问秘班部会单名]")
_CONTACT = re.compile(
    r"联\s*系\s*人|联系电话|电\s*话[：:]|传\s*真|邮\s*箱|电子邮件|邮政编码|地\s*址[：:]"
)
_ROUTING = re.compile(r"^[（(]?\s*(?:抄\s*送|主\s*送|抄\s*报|发\s*送|分\s*送|印\s*发)|印发$|^附件")
_NOTICE_CLOSING = re.compile(
    r"^(?:请|望|各|现将|希)[^。]{0,30}(?:认真贯彻|贯彻执行|遵照执行|认真执行|抓好落实|认真组织实施|结合实际)"
)
_DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年")
_TOTAL_ROW = re.compile(r"^\s*(?:合\s*计|小\s*计|总\s*计|共\s*计)")
# A table header cell naming a units column (责任单位, 牵头部门, 主责部门, 承办单位, 责任主体 …).
_UNITS_HEADER_CELL = re.compile(rf"^(?:{_LABEL}|牵头|配合|主责|承办|责任|负责|主办|协办)$")
# A roster or contact table (姓名 · 职务 · 单位, 单位 · 联系人 · 电话) assigns nothing.
_PERSON_HEADER_CELL = re.compile(
    r"^(?:姓\s*名|职\s*务|职\s*称|联系人|联络员|联系电话|电\s*话|手\s*机|手机号码)$"
)
_NEW_TABLE_TITLE = re.compile(r"^附\s*件|(?:名单|名册|一览表|明细表|汇总表)$")
_ROW_GAP = 3  # non-tab lines a table may hold between rows (wrapped cells, page breaks)


def _cells(text: str) -> list[str]:
    return ["".join(c.split()) for c in text.split("\t")]  # every cell without its spaces


def _is_units_header(text: str, cells: list[str] | None = None) -> bool:
    if "\t" not in text:
        return False
    cells = _cells(text) if cells is None else cells
    if any(_PERSON_HEADER_CELL.match(c) for c in cells):
        return False
    return any(_UNITS_HEADER_CELL.match(c) and not _NOT_A_ROLE.match(c) for c in cells)


def _table_rows(lines: list[SourceLine]) -> dict[int, bool]:
    """Index -> True for each row of a table whose header names a units column (the
    header rows themselves -> False)."""
    rows: dict[int, bool] = {}
    i = 0
    while i < len(lines):
        if not _is_units_header(lines[i].text):
            i += 1
            continue
        rows[i] = False
        header = set(_cells(lines[i].text))
        j = i + 1
        gap = 0
        while j < len(lines) and gap <= _ROW_GAP:
            text = lines[j].text
            if "\t" not in text:
                if _NEW_TABLE_TITLE.search(text.strip()):
                    break  # 附件2 / 各乡镇联络员名单: another table starts
                gap += 1
                j += 1
                continue
            gap = 0
            cells = _cells(text)
            if any(_PERSON_HEADER_CELL.match(c) for c in cells):
                break  # a roster or contact table follows
            repeated = len(header & set(cells)) >= 2 or _is_units_header(text, cells)
            rows[j] = not repeated
            j += 1
        i = j
    return rows


def _roster_lines(lines: list[SourceLine]) -> set[int]:
    """Indices of a roster: the line naming it (领导小组成员名单) and the short lines under it."""
    out: set[int] = set()
    inside = False
    for i, sl in enumerate(lines):
        text = sl.text
        # cheap first: every roster word holds one of these characters
        heading = _ROSTER_CHARS.search(text) and _ROSTER_HEADING.search(text)
        if heading or (_ROSTER_CHARS.search(text) and _ROSTER.search(text)):
            out.add(i)
            inside = bool(heading) or inside
            continue
        if inside and len(text) <= 60 and not re.search(r"[。；;]$", text):
            out.add(i)
            continue
        inside = False
    return out


def _excluded(text: str) -> bool:
    return bool(
        _CONTACT.search(text)
        or _ROUTING.search(text)
        or _NOTICE_CLOSING.search(text)
        or (text.endswith(("：", ":")) and bool(unit_names(text[:-1])))  # addressees
    )


# What every label holds (see `_LABEL`): a line without any of these has none.
_LABEL_KEY = re.compile(r"单位|部门|乡镇|处室|科室|责任主体|责任领导")
_DUTY_KEY = re.compile(r"负责|牵头|主责|承担")


def _label_cue(text: str) -> bool:
    """`牵头单位：区交通与建设局。`, `（责任部门：县水利局）`, `推进单位 各片区开发管理局`."""
    if _LABEL_KEY.search(text) is None:
        return False
    for m in (_LABEL_LINE.match(text), *_LABEL_IN_BRACKET.finditer(text)):
        if m is None or _NOT_A_ROLE.match(m.group("label")):
            continue
        rest = re.split(r"[）)】]", m.group("rest"))[0]
        if any_unit_name(re.sub(r"[。；;]$", "", rest)):
            return True
    return False


def _bracket_cue(text: str) -> bool:
    """A bracket of unit names closing the line, unless it is a unit's alias
    (`县应急管理局（县安委办）`)."""
    if "（" not in text and "(" not in text:
        return False  # no bracket to search for
    m = _CLOSING_BRACKET.search(text)
    if m is None:
        return False
    before = text[: m.start("inner") - 1]
    if re.search(r"(?:局|委|办|厅|中心|公司|政府|部|院|所|队|站)$", before):
        return False  # an alias right after a name
    inner = re.sub(r"[。；;]$", "", m.group("inner").strip())
    parts = [p for p in re.split(r"[，,；;]", inner) if p.strip()]
    return bool(parts) and all(unit_names(p) for p in parts)


# `由X负责解释/解读` (who interprets a rule), `监测组由X负责…组成` (who makes up a body),
# `领导小组下设办公室，办公室设在X` (where a body sits) name units without dividing work.
_NOT_AN_ASSIGNMENT = re.compile(
    r"负责解释|负责解读|解释权|组成[。，,；;]|共同组成|人员组成|[组队]由|下设办公室|办公室设在"
)


# The issuing government itself (`由县人民政府统筹规划`) is no unit work is divided among.
_GOVERNMENT = re.compile(r"^(?:[县区市省州]|[\u4e00-\u9fff]{1,8}?[县区市省州])(?:人民)?政府$")


def _sentence_cue(text: str) -> bool:
    by = "由" in text and _BY_VERB.search(text) is not None
    leads = "牵头" in text
    if not (by or leads):
        return False  # neither form can match
    if _NOT_AN_ASSIGNMENT.search(text):
        return False
    pattern = _LEAD_SENTENCE if by and leads else _BY_SENTENCE if by else _LEADS_SENTENCE
    for m in pattern.finditer(text):
        if m.group("by") is not None:
            names = unit_names(m.group("by"))
            if names and not all(_GOVERNMENT.match(n) for n in names):
                return True
        elif unit_names(_last_clause(m.group("lead"))):
            return True
    return False


# Bodies a document sets up (`（一）…工作领导小组`): the heading of their composition.
_BODY = re.compile(r"(?:领导小组|工作专班|工作组|小组|委员会|指挥部)$")


def _unit_heading(text: str) -> bool:
    # A heading is a number (at most 5 characters), at most 40 characters of units and a
    # 7-character tail (`牵头负责的工作`): a longer line is none (spaces aside).
    if len(text) > 52 and len(re.sub(r"\s+", "", text)) > 52:
        return False
    m = _UNIT_HEADING.match(text)
    if m is None or _BODY.search(m.group("units")):
        return False
    clauses = [c for c in re.split(r"[，,]", m.group("units")) if c.strip()]
    return bool(clauses) and all(unit_names(c) for c in clauses)


def _heads_content(lines: list[SourceLine], i: int) -> bool:
    """Whether a unit heading heads work: the next line is a sentence, not another unit
    (`1.县委办` / `2.人大办` is a list of units — awarded, ordered to close — not a division)."""
    for sl in lines[i + 1 : i + 3]:
        text = sl.text.strip()
        if not text:
            continue
        return not _unit_heading(text) and len(text) > 15 and bool(re.search(r"[，。；,;]", text))
    return False


def _last_clause(text: str) -> str:
    """The units right before 牵头: drop a leading verb phrase (`要求县水利局` -> `县水利局`)."""
    t = re.split(r"[，,。；;：:]", text)[-1]
    m = re.search(r"(?:由|请|要求|责成|明确)([^由请]*)$", t)
    return m.group(1) if m else t


def find_cues(lines: list[SourceLine]) -> list[Cue]:
    """Every responsibility cue of one document's lines, in source order."""
    roster = _roster_lines(lines)
    rows = _table_rows(lines)
    label_alone = False  # a units label on its own line: a table printed one cell per line
    cues: list[Cue] = []
    for i, sl in enumerate(lines):
        text = sl.text.strip()
        if not text or i in roster:
            continue
        # An excluded line (contact, routing, addressees) is neither a cue nor a label: the
        # check is made only where a line would count, which is the same and cheaper.
        reason: str | None = None
        if i in rows:
            if (
                rows[i]
                and not _TOTAL_ROW.match(text)
                # shortest cells first: a units cell is short, and `any` stops at it
                and any(any_unit_name(c) for c in sorted(_cells(text)[1:], key=len))
            ):
                reason = REASON_TABLE_ROW
        elif _LABEL_ALONE.match(text) and not _NOT_A_ROLE.match(text.strip("（(【")):
            if not _excluded(text):
                label_alone = True
        elif _label_cue(text):
            reason = REASON_LABEL
        elif _bracket_cue(text):
            reason = REASON_BRACKET
        elif _unit_heading(text) and _heads_content(lines, i):
            reason = REASON_UNIT_HEADING
        elif (
            _DUTY_KEY.search(text)
            and (m := _UNIT_DUTY.match(text))
            and unit_names(m.group("units"))
        ):
            reason = REASON_DUTY
        elif _sentence_cue(text):
            reason = REASON_SENTENCE
        elif label_alone and unit_names(text) and not _signature(lines, i):
            reason = REASON_UNIT_LINE
        if reason and not _excluded(text):
            cues.append(Cue(sl.no, text, reason))
    return cues


def _signature(lines: list[SourceLine], i: int) -> bool:
    """A unit alone on a line next to a date line is the issuer's signature."""
    near = lines[max(0, i - 2) : i + 3]
    return any(_DATE_LINE.search(sl.text) for sl in near)
