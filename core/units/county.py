"""Which county a document speaks for: the gazette's masthead, else its issuing body.

Units of different counties are never pooled (兴县's 县财政局 is not 交城县's), so every
task's units are resolved within the county of its gazette.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# `兴县人民政府办公室`, `交城县人民政府`, `中共稷山县委办公室`: the county is the name
# ending in 县/区/旗 before the body. Cities (吕梁市) are not counties; 自治县 is kept whole.
_ISSUER_COUNTY = re.compile(r"^(?:中共)?(?P<county>[\u4e00-\u9fff]{1,8}?(?:自治县|县|区|旗))")


def county_of_issuer(issuer: str | None) -> str | None:
    """`兴县人民政府办公室` -> `兴县`; None when the issuer names no county."""
    m = _ISSUER_COUNTY.match("".join((issuer or "").split()))
    return m.group("county") if m else None


def county_of(gazette_county: str | None, issuers: Iterable[str | None] = ()) -> str:
    """The county of a gazette: its masthead's, else the most frequent issuer's ("" if none).

    Ties between issuers go to the alphabetically first name, so the answer never depends
    on the order documents were read in.
    """
    if gazette_county:
        return gazette_county
    counts = Counter(c for c in (county_of_issuer(i) for i in issuers) if c)
    if not counts:
        return ""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def county_stem(county: str) -> str:
    """`交城县` -> `交城`, `兴县` -> `` (a one-character stem is too short to recognise)."""
    stem = re.sub(r"(?:自治县|县|区|旗)$", "", county)
    return stem if len(stem) >= 2 else ""
