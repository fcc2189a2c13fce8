"""Read every row of every ledger table, to prove an operation changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, select

from core.ledger.storage.models import Base


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key))]
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()
