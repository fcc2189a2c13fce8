"""A strict recognizer of unit names, for telling an assignment cue from ordinary prose.

`core.fields.units.looks_like_unit` is lenient on purpose: it reads a cell or annotation
that is already known to hold units. Here the question is the reverse — does this bracket,
cell or clause name units at all? — so a name must either carry an administrative prefix
(县/区/市/省/镇/乡/街道 …) or end in a suffix that only organisations wear (局, 委员会,
办公室, 中心, 公司 …); a one-character suffix that ordinary words share (区, 会, 村, 组)
counts only after such a prefix. Collective units (各乡镇, 县直各部门, 各区属国企) count too;
villages (各行政村) do not: a step left to them is no county assignment.
"""

from __future__ import annotations

import re

_CJK = r"\u4e00-\u9fff"
# Suffixes only organisations wear: enough on their own for a name of 3+ characters.
_STRONG_SUFFIX = (
    "人民政府|政府办公室|管理委员会|委员会|管委会|办公室|指挥部|服务中心|中心|分局|支队|大队|"
    "检察院|法院|有限公司|公司|集团|银行|联合会|工商联|红十字会|妇联|残联|科协|团委|局|委|办|"
    "办事处|开发区|示范区|管理处|管理所|管理站|研究院|医院|卫生院|事务所|指挥中心"
)
# Suffixes that ordinary words share (社区, 大会, 学校, 小组): a unit only after a prefix.
_WEAK_SUFFIX = "部|院|所|队|站|厅|处|科|室|馆|社|署|会|校|镇|乡|街道|场|厂|组|行|台"
# An administrative prefix opens the name: 县…, 区…, 市…, 乡镇 …, or a short place name
# ending in one (兴县…, 中阳县…, 城关镇…) — short, so that `研究县属…` is no prefix.
_ADMIN_PREFIX = re.compile(
    rf"^(?:县|区|市|省|州|盟|旗|镇|乡|街道|中共|共青团|国家|自治区|国网|[{_CJK}]{{1,3}}(?:县|镇|乡))"
)
# A name with a suffix that ordinary words share must open with the level itself.
_STRICT_PREFIX = re.compile(r"^(?:县|区|市|省|州|镇|乡|街道|中共|共青团|国网)")
# A town by its name: two to four characters before 镇/乡/街道.
_TOWN = re.compile(rf"^[{_CJK}]{{2,4}}(?:镇|乡|街道|街道办事处)$")
_NOT_TOWNS = {"特色小镇", "小城镇", "重点镇", "中心镇", "全县乡", "各乡", "城乡", "省市县乡"}
# Words ending in 局/委/办 that are no organisation (布局, 格局, 大局 …).
_FALSE_END = re.compile(
    r"(?:布局|格局|大局|全局|结局|开局|当局|新局|时局|棋局|举办|创办|承办|主办|督办|代办|帮办|包办)$"
)
_STRONG_END = re.compile(f"(?:{_STRONG_SUFFIX})$")
_WEAK_END = re.compile(f"(?:{_WEAK_SUFFIX})$")
_COLLECTIVE = re.compile(
    r"^(?:各|县直|区直|市直|省直|县属|区属|市属|全县|全区|全市|其他|有关|相关)"
    r"[\u4e00-\u9fff（）()]{0,10}?(?:单位|部门|乡镇|乡（镇）|乡\(镇\)|街道|企业|国企|机关|学校|医院|"
    r"片区开发管理局|开发管理局|管理局|指挥部|镇|乡|县（市、区）|县市区)(?:人民政府)?$"
)
# A name never holds these: digits, dates, sentence punctuation, verbs of an obligation.
_NOT_A_NAME = re.compile(
    r"[0-9０-９%％\"“”《》〔〕，。；;！？!?：:]|年|月|日|以上|以下|简称|含|不含|包括|其中|"
    r"将|把|或|的|确保|加强|开展|进一步|此件|附件|详见|网站|网页|平台"
)
# Wrappers and role words around a name in a units text.
_WRAPPER = re.compile(
    r"(?:等有关部门|等相关部门|等有关单位|等相关单位|等部门|等单位|等|按职责分工负责|按职责落实|"
    r"按照职责分工负责|分工负责|共同负责|各负其责|分别负责|分别牵头|牵头负责|具体负责|负责|牵头|"
    r"配合|协办|协助|参与|落实|主责|为主|按职责)+$"
)
_LEAD_WORDS = re.compile(r"^(?:由|请|牵头单位|配合单位|责任单位|主办|协办|其中)")


# Precompiled: these run for every line and name.
_WS = re.compile(r"\s+")
_ALIAS = re.compile(r"[（(][^（）()]{1,12}[）)]$")
_PIECE_SPLIT = re.compile(r"[、，,；;/\s]+|(?<=[局委办])[及和与]")


def is_unit_name(text: str) -> bool:
    """True when `text` (already stripped of role words) names a unit or organisation."""
    s = _WS.sub("", text or "").strip("*＊★☆▲△●◆")
    if not 2 <= len(s) <= 30:
        return False
    if _COLLECTIVE.match(s):
        return True
    # An alias in brackets: `县司法局（法制办）`, `县应急管理局（县安委办）`.
    s = _ALIAS.sub("", s)
    if _NOT_A_NAME.search(s):
        return False
    if _FALSE_END.search(s):
        return False
    if _STRONG_END.search(s):
        return len(s) >= 3 or bool(_ADMIN_PREFIX.match(s))
    if _TOWN.match(s) and s not in _NOT_TOWNS:
        return True  # 金罗镇, 下枣林乡, 凤城街道
    if _WEAK_END.search(s):
        return bool(_STRICT_PREFIX.match(s)) and len(s) >= 3
    return False


def _pieces(text: str) -> list[str]:
    """The names of a units text: split on list separators, role words trimmed."""
    out: list[str] = []
    for clause in _PIECE_SPLIT.split(text):
        c = _LEAD_WORDS.sub("", clause.strip())
        prev = None
        while prev != c:
            prev = c
            c = _WRAPPER.sub("", c).strip()
        if c:
            out.append(c)
    return out


def unit_names(text: str) -> list[str]:
    """The unit names in a units text when every piece of it is one, else []."""
    pieces = _pieces(text)
    if not pieces or not all(is_unit_name(p) for p in pieces):
        return []
    return pieces


def any_unit_name(text: str) -> bool:
    """True when at least one piece of a units text is a unit name (a table cell may mix a
    unit with a person or a note)."""
    return any(is_unit_name(p) for p in _pieces(text))
