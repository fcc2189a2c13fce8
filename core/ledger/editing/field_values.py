"""What a clerk typed, read into stored form: text, unit lists, dates, amounts.

Typing errors raise `InvalidFieldError` with the reason in Chinese, never store a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from core.ledger.errors import InvalidFieldError


def clean_text(v: str | None) -> str | None:
    """Trimmed text, None when empty. NUL characters are dropped: PostgreSQL cannot store
    them in text (SQLite can), and no clerk typed one on purpose: a note pasted from a
    damaged file must save the same on both back ends."""
    if not v:
        return None
    return v.replace("\x00", "").strip() or None


def unit_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"[、，,；;\s]+", value)
    names = ["".join(str(v).split()) for v in value or []]
    return [n for n in names if n]


def parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise InvalidFieldError(f"日期“{value}”格式不对，应为 YYYY-MM-DD") from exc


def jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def parse_amounts(value: Any) -> list[dict[str, Any]]:
    """Amounts as the clerk typed them ("24万元；0.9元/棒") or as a list, in the stored form.

    Text goes through the same money rules as extraction (`core.fields.money`), so a
    correction is stored exactly like an extracted amount; text with no amount in it is
    refused rather than silently clearing the field.
    """
    from core.fields.money import find_amounts

    if value is None or value == "" or value == []:
        return []
    if isinstance(value, str):
        found = find_amounts(value)
        if not found:
            raise InvalidFieldError(f"“{value}”中没有可识别的金额，请写成如“24万元；0.9元/棒”")
        items: Sequence[Any] = found
    else:
        items = value
    out = []
    for a in items:
        d = asdict(a) if is_dataclass(a) and not isinstance(a, type) else dict(a)
        if "yuan" not in d:
            raise InvalidFieldError(f"金额“{d}”缺少以元计的数值")
        out.append({"yuan": float(d["yuan"]), "text": d.get("text"), "per": d.get("per")})
    return out
