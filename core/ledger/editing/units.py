"""Canonical units and their aliases: filters and counts follow the canonical unit.

A task keeps the unit name as the gazette printed it (`TaskUnit.printed_name`) and links to
a canonical `Unit`. Merging an alias into a canonical unit (县发改局 → 县发展和改革局) moves
every link, records the alias so later imports resolve it, and drops duplicate links.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from core.ledger.errors import UnitMergeError, UnknownUnitError
from core.ledger.storage.models import TaskUnit, Unit, UnitAlias


def normalize_name(name: str) -> str:
    """Unit names as keys: surrounding and inner whitespace removed (`县 发 改 局`)."""
    return "".join(name.split())


class UnitResolver:
    """Maps printed names to canonical unit ids within one session, creating units on demand.

    Loads the whole (small) unit and alias tables once, so an import of thousands of tasks
    does not query per unit.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = dict(session.execute(select(Unit.name, Unit.id)).all())
        for alias, unit_id in session.execute(select(UnitAlias.alias, UnitAlias.unit_id)):
            self.ids[alias] = unit_id

    def resolve(self, printed: str) -> int | None:
        name = normalize_name(printed)
        if not name:
            return None
        unit_id = self.ids.get(name)
        if unit_id is None:
            unit = Unit(name=name)
            self.session.add(unit)
            self.session.flush()
            unit_id = self.ids[name] = unit.id
        return unit_id


def find_unit(session: Session, name: str) -> Unit | None:
    """The canonical unit for a name or alias, or None."""
    key = normalize_name(name)
    unit = session.scalar(select(Unit).where(Unit.name == key))
    if unit is not None:
        return unit
    return session.scalar(
        select(Unit).join(UnitAlias, UnitAlias.unit_id == Unit.id).where(UnitAlias.alias == key)
    )


def require_unit(session: Session, name: str) -> Unit:
    unit = find_unit(session, name)
    if unit is None:
        raise UnknownUnitError(name)
    return unit


def merge_unit(session: Session, alias: str, canonical: str, by: str) -> Unit:
    """Make `alias` a name of `canonical`; return the canonical unit.

    The canonical unit is created when it does not exist yet (merging 县发改局 into a full
    name nobody has printed so far is a rename). An alias that no task uses yet is still
    recorded, so future imports resolve it.
    """
    alias_key, canon_key = normalize_name(alias), normalize_name(canonical)
    if not alias_key or not canon_key:
        raise UnitMergeError("单位名称不能为空")
    target = find_unit(session, canon_key)
    if target is None:
        target = Unit(name=canon_key)
        session.add(target)
        session.flush()
    source = session.scalar(select(Unit).where(Unit.name == alias_key))
    if source is not None and source.id == target.id:
        raise UnitMergeError(f"“{alias}”与“{canonical}”已是同一单位")
    existing_alias = session.scalar(select(UnitAlias).where(UnitAlias.alias == alias_key))
    if existing_alias is not None and existing_alias.unit_id == target.id:
        return target  # already merged: nothing to do
    if source is not None:
        session.execute(
            update(TaskUnit).where(TaskUnit.unit_id == source.id).values(unit_id=target.id)
        )
        session.execute(
            update(UnitAlias).where(UnitAlias.unit_id == source.id).values(unit_id=target.id)
        )
        session.execute(delete(Unit).where(Unit.id == source.id))
        _drop_duplicate_links(session, target.id)
    if existing_alias is not None:
        existing_alias.unit_id = target.id
    else:
        session.add(UnitAlias(alias=alias_key, unit_id=target.id, created_by=by))
    session.flush()
    return target


def _drop_duplicate_links(session: Session, unit_id: int) -> None:
    """After a merge a task may list both names: keep one link per (task, role, header)."""
    keep = (
        select(func.min(TaskUnit.id))
        .where(TaskUnit.unit_id == unit_id)
        .group_by(TaskUnit.task_id, TaskUnit.role, TaskUnit.header)
    )
    session.execute(
        delete(TaskUnit)
        .where(TaskUnit.unit_id == unit_id, TaskUnit.id.not_in(keep))
        .execution_options(synchronize_session=False)
    )
