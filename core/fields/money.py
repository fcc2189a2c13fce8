"""Money amounts in task text and in table cells, converted to yuan.

Ledger reports sum funding per unit, so every printed amount must come out in one unit
(yuan) and rates (`2000元/户`, `每芽4.5元`) must say what they are per. Numbers that are not
money (%, 吨, 亩, head counts, `百项百亿`, place names such as 九元坪) must not slip in.

Ranges: `3-5万元` yields both ends (30000 and 50000), each as its own Amount, because each
is a printed amount and a range's meaning (floor? cap?) depends on the sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.fields.numerals import CN_NUMERAL_CHARS, FULLWIDTH_DIGITS, to_decimal
from core.model import Amount

MULTIPLIERS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000)}
MULTIPLIERS |= {"亿元": Decimal(100_000_000), "万亿元": Decimal(10**12)}

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = rf"[{CN_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
_NUM = rf"(?:{_ARABIC}|{_CHINESE})"
# What a rate is per: common measures, else one CJK character (`元/户`, `元/m²`).
_PER = r"(?:平方米|立方米|m²|m2|㎡|m³|公里|千米|公顷|人次|人·年|人/年|[\u4e00-\u9fff])"
_AMOUNT = re.compile(
    rf"(?P<lo>{_NUM})(?:(?P<lounit>万|亿)?元?(?:-|—|－|~|～|至|到)(?P<hi>{_NUM}))?"
    # `5000余万元`, `300多万元`: an approximate amount is still the printed amount.
    rf"(?:余|多)?(?P<unit>万亿元|亿元|万元|千元|元|万(?![\u4e00-\u9fff]))"
    rf"(?:/(?P<per>{_PER}(?:/{_PER})?))?"
)
# Characters after 元 that make it part of a word (元旦, 元宵, 元素, 一元化 …).
_NOT_MONEY_AFTER = re.compile(r"^(?:旦|宵|素|化|件|器|老|首|帅|气|月|年)")
# A bare `N万` (no 元) counts only after a payment verb: `2022年已支付135.8万`.
_PAY_BEFORE = re.compile(
    r"(?:支付|付|投资|投入|资金|补助|补贴|奖励|资助|拨付|到位|增收|收入)[^，。；\d]{0,2}$"
)
# `每芽4.5元`, `每亩补助200元`, `每生每年资助3000元`, `户均增收1450元`.
_PER_PREFIX = re.compile(
    r"(?:每(?P<a>公里|公斤|千米|平方米|立方米|半天|人次|[\u4e00-\u9fff])"
    r"(?:[^，。；;,\d每]{0,4}每(?P<b>[年月天日]))?|(?P<c>[户人亩])均"
    r"|(?P<d>[户亩]|(?:^|(?<=[，,；;、。\s]))人)(?=年?新?增|产值|收益))[^，。；;,\d每]{0,8}$"
)


def _yuan(value: Decimal, unit: str) -> float:
    v = value * MULTIPLIERS.get(unit, MULTIPLIERS.get(unit + "元", Decimal(1)))
    return float(v.quantize(Decimal("0.01"))) if v != v.to_integral() else float(v)


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in `text`, in order of appearance, in yuan."""
    t = re.sub(r"(?<=[\d万亿元/])\s+(?=[\d万亿元/m²])", "", text or "")
    t = t.translate(FULLWIDTH_DIGITS).replace("m ²", "m²")
    out: list[Amount] = []
    for m in _AMOUNT.finditer(t):
        lo, hi, unit = m.group("lo"), m.group("hi"), m.group("unit")
        before, after = t[max(0, m.start() - 20) : m.start()], t[m.end() : m.end() + 2]
        is_cn = not lo[0].isdigit()
        if unit == "元" and _NOT_MONEY_AFTER.match(after) and not m.group("per"):
            continue
        if is_cn and unit == "元" and not re.search("[十百千]", lo):
            continue  # 九元坪, 一元化: a lone Chinese digit before 元 is a word, not money
        if is_cn and re.fullmatch("[百千]+", lo):
            continue  # `每千元营业收入`, `百元以上`: a measure word, no amount
        if unit == "万" and not _PAY_BEFORE.search(before):
            continue
        if (
            is_cn
            and m.start() > 0
            and re.match(r"[\u4e00-\u9fff]", t[m.start() - 1])
            and not (re.search("[十百千]", lo) or unit != "元")
        ):
            continue
        per = m.group("per")
        if per is None:
            pm = _PER_PREFIX.search(before)
            if pm:
                per = pm.group("a") or pm.group("c") or pm.group("d")
                if pm.group("b"):
                    per = f"{per}/{pm.group('b')}"
        try:
            values = [to_decimal(lo)] + ([to_decimal(hi)] if hi else [])
        except ValueError:
            continue
        printed = m.group(0)
        for i, v in enumerate(values):
            if hi:
                u = unit if i == 1 or not m.group("lounit") else m.group("lounit") + "元"
                txt = (lo if i == 0 else hi) + unit
                out.append(
                    Amount(_yuan(v, u), txt + (f"/{m.group('per')}" if m.group("per") else ""), per)
                )
            else:
                out.append(Amount(_yuan(v, unit), printed, per))
    return out


_HEADER_UNIT = re.compile(r"(万亿元|亿元|万元|千元|元)")


def unit_multiplier(header: str) -> float | None:
    """The money unit a header or table title states: 万元 -> 10000, 亿元 -> 1e8, 元 -> 1.

    Looks for a bracketed unit (`资金规模（万元）`, `投资(亿元)`) or `单位：万元`; a header that
    merely contains the word elsewhere still counts when it ends with the unit.
    """
    h = re.sub(r"\s+", "", header or "")
    m = re.search(r"[（(【\[]\s*(?:单位[:：])?(万亿元|亿元|万元|千元|元)\s*[）)】\]]", h)
    if not m:
        # `单位：万元`, and a footnote's `表中投资额单位均为亿元` / `金额单位统一为万元`
        m = re.search(r"单位(?:均|统一|一律|都)?[:：为是]?(万亿元|亿元|万元|千元|元)", h)
    if not m:
        m = re.search(r"(万亿元|亿元|万元|千元)$", h)
    return float(MULTIPLIERS[m.group(1)]) if m else None


_UNIT_NAME = {1.0: "元", 1000.0: "千元", 10_000.0: "万元", 1e8: "亿元", 1e12: "万亿元"}


def cell_amount(cell: str, multiplier: float | None) -> Amount | None:
    """The amount of a table cell: a bare number (`24`, `247.8`, `1,200`) takes the unit of
    its header or title (`multiplier`); a cell that prints its own unit uses that. A cell
    reading zero (`0.00`) holds no amount."""
    t = re.sub(r"\s+", "", cell or "").translate(FULLWIDTH_DIGITS)
    t = re.sub(r"</?p>", "", t).replace("\u2029", "")
    if not t:
        return None
    if re.fullmatch(r"\d+(?:[,，]\d{3})*(?:\.\d+)?", t):
        if multiplier is None:
            return None
        value = Decimal(t.replace(",", "").replace("，", "")) * Decimal(str(multiplier))
        v = float(value.quantize(Decimal("0.01")))
        if v == 0:
            return None  # `0.00`: nothing planned in this column, no amount
        return Amount(v, t + _UNIT_NAME.get(multiplier, "元"))
    found = find_amounts(t)
    return found[0] if found else None
