"""Document numbers (文号) and printed dates: recognising and normalizing them.

Extractors render the 〔〕 brackets of a 文号 as `[ ]`, `( )`, `【 】` or full-width
parentheses, with stray spaces; the ledger must see one spelling (`兴政发〔2023〕4号`) so the
same document is recognised wherever it was printed.
"""

from __future__ import annotations

import re

_OPEN = "〔\\[(（【［﹝"
_CLOSE = "〕\\])）】］﹞"

# Issuer code (兴政发, 交政办函, 中政任字 …), bracketed year, serial number, 号.
DOC_NUMBER = re.compile(
    rf"(?P<code>[\u4e00-\u9fff]{{1,10}})\s*[{_OPEN}]\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}]"
    rf"\s*(?P<serial>\d{{1,4}})\s*号"
)

# A line that is nothing but a 文号 (optionally wrapped in parentheses): the masthead line
# under a document's title.
STANDALONE_DOC_NUMBER = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?$")

_CN_DIGITS = {"〇": 0, "零": 0, "O": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4}
_CN_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d|[〇零○O一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def normalize_doc_number(text: str) -> str | None:
    """The canonical spelling of the first 文号 in `text`, or None."""
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    return f"{m.group('code')}〔{m.group('year')}〕{int(m.group('serial'))}号"


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            _CN_DIGITS.get(ones, 0) if ones else 0
        )
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def parse_date(text: str) -> str | None:
    """ISO date of the first `2023年3月27日` (or 二〇二三年三月二十七日) in `text`, else None."""
    m = _DATE.search(text)
    if not m:
        return None
    try:
        y, mo, d = (_cn_number(m.group(k)) for k in ("y", "m", "d"))
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    import datetime

    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None
