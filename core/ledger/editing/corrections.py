"""Which fields of a task stand corrected by a clerk: the net effect of its corrections.

Every correction is kept (history), but a field whose corrections end on the value it had
before the first one (the clerk undid the edit, or typed the old value back) is no longer
corrected: 已人工修正 goes away with the undo, and a re-issue may update the field again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, select
from sqlalchemy.orm import Session

from core.ledger.storage.models import FieldCorrection

DELETED_FIELD = "deleted"  # 删除/恢复 are recorded as corrections of this pseudo-field


def net_corrected(rows: Sequence[tuple[int, str, Any, Any]]) -> dict[int, set[str]]:
    """(task id, field, old, new) in the order they were saved -> task id -> fields whose
    last new value differs from the first old value."""
    first: dict[tuple[int, str], Any] = {}
    last: dict[tuple[int, str], Any] = {}
    for task_id, field, old, new in rows:
        first.setdefault((task_id, field), old)
        last[(task_id, field)] = new
    out: dict[int, set[str]] = {}
    for key, new in last.items():
        if new != first[key]:
            out.setdefault(key[0], set()).add(key[1])
    return out


def corrected_fields(
    session: Session | Connection, task_ids: Sequence[int] | Select[Any]
) -> dict[int, set[str]]:
    """Task id -> fields the clerk's corrections still change (the 删除 marker excluded)."""
    C = FieldCorrection
    rows = session.execute(
        select(C.task_id, C.field, C.old_value, C.new_value)
        .where(C.task_id.in_(task_ids), C.field != DELETED_FIELD)
        .order_by(C.id)
    ).all()
    return net_corrected([(r[0], r[1], r[2], r[3]) for r in rows])
