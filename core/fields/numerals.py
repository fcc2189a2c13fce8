"""Chinese numerals (五百, 三点五, 二〇二三) as numbers.

Gazettes print most figures in Arabic digits, but money and dates also appear as Chinese
numerals (`三点五亿元`, `十月底前`); the parsers share this one reader so both agree.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
DIGITS |= {"七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# Characters a Chinese numeral may be written with (for building regexes).
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS)

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def _integer(s: str) -> int:
    """An integer written without 点: 五百, 一千二百, 十五, 二〇二三 (digit by digit)."""
    if not s:
        raise ValueError("empty numeral")
    if all(c in DIGITS for c in s):
        # 二〇二三, or a single digit: read digit by digit.
        return int("".join(str(DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c in BIG_UNITS:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[c]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + section + (digit or 0)


def cn_to_decimal(s: str) -> Decimal:
    """The value of a Chinese numeral (三点五, 五百, 一千二百五十, 十五); raises ValueError."""
    s = s.strip()
    if "点" in s:
        whole, frac = s.split("点", 1)
        if not frac or any(c not in DIGITS for c in frac):
            raise ValueError(f"not a Chinese numeral: {s!r}")
        fraction = "".join(str(DIGITS[c]) for c in frac)
        return Decimal(_integer(whole) if whole else 0) + Decimal("0." + fraction)
    return Decimal(_integer(s))


def to_decimal(s: str) -> Decimal:
    """An Arabic (half- or full-width, with thousands commas) or Chinese numeral as Decimal."""
    t = s.strip().translate(FULLWIDTH_DIGITS).replace(",", "")
    if t and all(c.isdigit() or c == "." for c in t):
        return Decimal(t)
    return cn_to_decimal(t)


def to_int(s: str) -> int:
    """A small integer such as a month or day, in Arabic or Chinese digits (十二, 3)."""
    return int(to_decimal(s))
