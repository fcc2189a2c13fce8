"""Word automatic numbering (自动编号), recovered as the text Word would print.

In a .docx the `1.` or `（一）` in front of a numbered paragraph is not in the text at all:
the paragraph points (numPr: numId + ilvl, directly or through its style) at a list
definition in numbering.xml, whose level says how to print the counter (numFmt) and in what
frame (lvlText such as `（%1）`). The list and table finders depend on those numbers, so the
DOCX loader asks `NumberingCounter.label()` for each paragraph in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def chinese_counting(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _CN[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _CN[rest]
        return head + (_CN[1] + chinese_counting(rest) if rest < 20 else chinese_counting(rest))
    return str(n)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 -> AA, 28 -> BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """The counter `n` printed in Word's number format `fmt` (ST_NumberFormat)."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "taiwanCounting",
        "taiwanCountingThousand",
        "japaneseCounting",
        "koreanCounting",
    ):
        return chinese_counting(n)
    if fmt in ("ideographDigital", "taiwanDigital", "japaneseDigitalTenThousand"):
        return "".join("〇" if c == "0" else _CN[int(c)] for c in str(n))
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart_after: int | None = None  # lvlRestart: reset when this (0-based) level advances
    legal: bool = False  # isLgl: print every counter in decimal
    suffix: str = "tab"


def _parse_level(lvl: Any) -> _Level:
    level = _Level()
    start = _val(lvl, "w:start")
    if start is not None and start.lstrip("-").isdigit():
        level.start = int(start)
    level.fmt = _val(lvl, "w:numFmt") or "decimal"
    text = _val(lvl, "w:lvlText")
    level.text = text if text is not None else ""
    restart = _val(lvl, "w:lvlRestart")
    if restart is not None and restart.isdigit():
        level.restart_after = int(restart) - 1
    level.legal = lvl.find(qn("w:isLgl")) is not None
    level.suffix = _val(lvl, "w:suff") or "tab"
    return level


@dataclass
class NumberingCounter:
    """Counts numbered paragraphs the way Word does, so their labels can be printed.

    Lists that share an abstract definition share their counters (Word continues the
    numbering), unless a `num` restarts a level with `startOverride`.
    """

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> lvl
    counter_key: dict[str, str] = field(default_factory=dict)  # numId -> whose counters
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    style_numpr: dict[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: Any) -> NumberingCounter:
        counter = cls()
        counter._read_styles(document)
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return counter
        abstract: dict[str, dict[int, _Level]] = {}
        for an in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = lvl.get(qn("w:ilvl"))
                if ilvl is not None and ilvl.isdigit():
                    levels[int(ilvl)] = _parse_level(lvl)
            abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abs_id = _val(num, "w:abstractNumId")
            levels = dict(abstract.get(abs_id or "", {}))
            overridden = False
            for ov in num.findall(qn("w:lvlOverride")):
                ilvl_s = ov.get(qn("w:ilvl"))
                if ilvl_s is None or not ilvl_s.isdigit():
                    continue
                ilvl = int(ilvl_s)
                lvl = ov.find(qn("w:lvl"))
                base = _parse_level(lvl) if lvl is not None else levels.get(ilvl, _Level())
                start = _val(ov, "w:startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    base = _Level(**{**base.__dict__, "start": int(start)})
                    overridden = True
                levels[ilvl] = base
            counter.levels[num_id] = levels
            counter.counter_key[num_id] = f"num:{num_id}" if overridden else f"abs:{abs_id}"
        return counter

    def _read_styles(self, document: Any) -> None:
        """Paragraph styles (标题 1, List Number …) may carry the numbering themselves."""
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            return
        based_on: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for st in styles.findall(qn("w:style")):
            sid = st.get(qn("w:styleId"))
            parent = _val(st, "w:basedOn")
            if parent:
                based_on[sid] = parent
            ppr = st.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if numpr is not None:
                num_id = _val(numpr, "w:numId")
                ilvl = _val(numpr, "w:ilvl")
                if num_id:
                    own[sid] = (num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)
        for sid in dict.fromkeys([*based_on, *own]):  # document order, not hash order
            seen: set[str] = set()
            cur: str | None = sid
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based_on.get(cur)
            if cur in own:
                self.style_numpr[sid] = own[cur]

    def numpr_of(self, p: Any) -> tuple[str, int] | None:
        """(numId, ilvl) of a `w:p` element: its own numPr, else its style's."""
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None
        numpr = ppr.find(qn("w:numPr"))
        style = _val(ppr, "w:pStyle")
        from_style = self.style_numpr.get(style) if style else None
        if numpr is None:
            return from_style
        num_id = _val(numpr, "w:numId") or (from_style[0] if from_style else None)
        ilvl_s = _val(numpr, "w:ilvl")
        ilvl = int(ilvl_s) if ilvl_s and ilvl_s.isdigit() else (from_style[1] if from_style else 0)
        return (num_id, ilvl) if num_id else None

    def label(self, p: Any) -> str:
        """Advance the counters for paragraph `p` and return the label Word prints ("" if none).

        Returned with its separator: `（1）` + " " unless the level says nothing follows.
        """
        numpr = self.numpr_of(p)
        if numpr is None:
            return ""
        num_id, ilvl = numpr
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        key = self.counter_key.get(num_id, num_id)
        counts = self.counters.setdefault(key, {})
        level = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else level.start
        for deeper in [k for k in counts if k > ilvl]:
            restart_after = levels[deeper].restart_after if deeper in levels else None
            if restart_after is None or restart_after >= ilvl:
                del counts[deeper]
        if level.fmt in ("bullet", "none") or not level.text:
            return ""
        text = level.text
        for ref in range(9, -1, -1):
            token = f"%{ref + 1}"
            if token not in text:
                continue
            ref_level = levels.get(ref, _Level())
            n = counts.get(ref, ref_level.start)
            fmt = "decimal" if level.legal and ref != ilvl else ref_level.fmt
            text = text.replace(token, format_number(n, fmt))
        return text + ("" if level.suffix == "nothing" else " ")
