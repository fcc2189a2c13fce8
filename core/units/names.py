"""Unit names as keys, and the base form that aliases of one unit share.

A county's documents print one bureau several ways: with the county's name
(`兴县农业农村局`), with the bare `县` prefix (`县农业农村局`), without any
(`农业农村局`), with its alias in brackets (`县应急管理局（县安委办）`), behind a vertical
organisation's name (`国家税务总局交城县税务局`). `base_name` strips all of that, so equal
bases within one county are the strongest evidence that two names are one unit.
"""

from __future__ import annotations

import re

from core.units.county import county_stem

# Marks a table prints beside a name to flag its role; never part of the name.
_MARKS = "*＊★☆▲△●◆"
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})

# A city's name before a unit of the city (`吕梁市生态环境局` is the city's 市生态环境局).
_CITY = re.compile(r"^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{3})")
# A township's government: `蔡家会镇人民政府` is the town 蔡家会镇.
_TOWN_GOV = re.compile(r"^(?P<town>[\u4e00-\u9fff]{2,8}?(?:镇|乡|街道))(?:人民政府|政府|办事处)$")
# A name with its alias in brackets: `县司法局（法制办）`.
_BRACKET_ALIAS = re.compile(r"^(?P<name>.{3,}?[局委办部院所站队心会司])（[^（）]{1,12}）$")
# Prefixes of names a vertical organisation prints before the county (`国家税务总局`, `国网`);
# the party and youth league are not: `中共交城县委员会` is not `共青团交城县委员会`.
_NOT_VERTICAL = ("中共", "共青团", "中国共产党")
# What may not be left after dropping a vertical organisation's name: too general to
# identify a unit on its own.
_TOO_GENERAL = {"委员会", "人民政府", "政府", "人民法院", "人民检察院"}


def name_key(name: str) -> str:
    """A printed name as a directory key: no whitespace, no role marks, full-width brackets."""
    return "".join(name.split()).strip(_MARKS).translate(_HALF_TO_FULL)


def drop_county(name: str, county: str) -> str:
    """`兴县农业农村局` / `县农业农村局` -> `农业农村局` (county `兴县`); `县委办` -> `委办`.

    The bare `县`/`区` prefix is dropped too: within one county's documents it can only mean
    that county. The county's stem alone (`交城经济开发区…`) counts when a name follows.
    """
    stem = county_stem(county) if county else ""
    if county and name.startswith(county) and len(name) > len(county) + 1:
        return name[len(county) :]
    if stem and name.startswith(stem) and len(name) >= len(stem) + 3:
        return name[len(stem) :]
    if name[:1] in "县区" and len(name) >= 3:
        return name[1:]
    return name


def _drop_vertical(name: str, county: str) -> str:
    """`国家税务总局交城县税务局` -> `税务局`; `国网交城县供电公司` -> `供电公司`."""
    stem = county_stem(county) if county else ""
    for token in (county, stem):
        if not token:
            continue
        at = name.find(token, 2)
        if at < 2 or name.startswith(_NOT_VERTICAL):
            continue
        rest = name[at + len(token) :]
        if len(rest) >= 3 and rest not in _TOO_GENERAL and not rest.startswith("分"):
            return rest
    return name


def base_name(name: str, county: str = "") -> str:
    """The form two aliases of one unit of `county` share (see the module docstring)."""
    s = name_key(name)
    m = _BRACKET_ALIAS.match(s)
    if m:
        s = m.group("name")
    s = drop_county(s, county)
    s = _drop_vertical(s, county)
    s = _CITY.sub("市", s)
    m = _TOWN_GOV.match(s)
    if m:
        s = m.group("town")
    return s


def collective_key(name: str) -> str:
    """One key for the spellings of one collective: `各乡（镇）人民政府`, `各乡镇政府`, `各乡(镇)`
    and `乡镇` are all `乡镇`; `有关各部门` and `相关部门` are both `相关部门`."""
    s = re.sub(r"[（）()]", "", name_key(name))
    s = re.sub(r"(.)\1+", r"\1", s)  # 乡镇（镇） -> 乡镇镇 -> 乡镇
    s = s.replace("人民政府", "政府").replace("有关", "相关")
    s = re.sub(r"^各", "", s)
    s = re.sub(r"(?<=.)各", "", s)
    if s.endswith(("乡镇政府", "镇政府")) and s != "政府":
        s = s[: -len("政府")]
    return s
