"""What kind of unit a name is: a department, a township, an enterprise or a collective.

Collectives (`各乡镇`, `县直各部门`, `负有安全监管职责的部门`, `安委会相关成员单位`) stand for
a group of units rather than one: the directory keeps them apart (never merged with a named
unit; listed after the named units in 汇总) and the clerk may expand them into their
members. Township collectives are filled from the county's townships.
"""

from __future__ import annotations

import re

from core.units.names import name_key

DEPARTMENT, TOWNSHIP, ENTERPRISE, COLLECTIVE = "department", "township", "enterprise", "collective"
KINDS = (DEPARTMENT, TOWNSHIP, ENTERPRISE, COLLECTIVE)
KIND_LABELS = {
    DEPARTMENT: "部门",
    TOWNSHIP: "乡镇（街道）",
    ENTERPRISE: "企业",
    COLLECTIVE: "集合单位",
}

_COLLECTIVE = re.compile(
    r"^(?:各|相关|有关|其他|其它|全县|县直|区直|事发地|所在地|属地|涉及|改厕)"
    r"|各(?:有关|相关)?(?:部门|单位|乡|镇|村|街|行业|成员|级|职能|县直)"
    r"|负有.{0,12}职责|成员单位$|^(?:[（(]?乡[）)]?镇|乡镇)(?:人民)?(?:政府)?$|^村委会$|^村$"
    r"|(?:相关|有关)(?:部门|单位|乡镇)$|项目村$"
)
_TOWNSHIP = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:镇|乡|街道)(?:人民政府|政府|办事处)?$")
_ENTERPRISE = re.compile(r"公司|集团|银行|支行|分行|联社|有限|铁路|合作社$")


def kind_of(name: str) -> str:
    """The kind of a printed unit name (one of `KINDS`)."""
    s = name_key(name)
    if _COLLECTIVE.search(s):
        return COLLECTIVE
    if _ENTERPRISE.search(s):
        return ENTERPRISE
    if _TOWNSHIP.match(s):
        return TOWNSHIP
    return DEPARTMENT


def township_collective(name: str) -> bool:
    """A collective of townships (`各乡镇`, `各有关乡镇`, `事发地乡（镇）政府`): its natural
    members are the county's townships."""
    s = re.sub(r"[（）()]", "", name_key(name))
    return kind_of(name) == COLLECTIVE and ("乡镇" in s or "乡" in s or "街道" in s or "街镇" in s)
