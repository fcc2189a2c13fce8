"""Canonical units and their aliases, per county: filters and counts follow the canonical unit.

A task keeps the unit name as the gazette printed it (`TaskUnit.printed_name`) and links to
a canonical `Unit` of its gazette's county (兴县's 县财政局 is never 交城县's). Merging an
alias into a canonical unit (县发改局 → 县发展和改革局) moves every link, records the alias so
later imports resolve it, and drops duplicate links. The directory's other edits, with
history and undo, are in `directory.py`.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from core.ledger.errors import UnitMergeError, UnknownUnitError
from core.ledger.storage.models import DocumentRecord, GazetteIssue, TaskUnit, Unit, UnitAlias
from core.units.county import county_of
from core.units.kinds import kind_of


def normalize_name(name: str) -> str:
    """Unit names as keys: surrounding and inner whitespace removed (`县 发 改 局`)."""
    return "".join(name.split())


def gazette_county(session: Session, gazette_id: int) -> str:
    """The county a gazette's units belong to: its masthead's, else its documents' issuer's."""
    county = session.scalar(select(GazetteIssue.county).where(GazetteIssue.id == gazette_id))
    if county:
        return county
    issuers = session.scalars(
        select(DocumentRecord.issuer)
        .where(DocumentRecord.gazette_id == gazette_id)
        .order_by(DocumentRecord.id)
    )
    return county_of(None, issuers)


class UnitResolver:
    """Maps printed names to canonical unit ids of one county, creating units on demand.

    Loads the county's (small) unit and alias tables once, so an import of thousands of
    tasks does not query per unit. Aliases recorded without a county (a merge made before
    any gazette named the unit) hold in every county: the name resolves to that county's
    unit of the canonical name.
    """

    def __init__(self, session: Session, county: str = "") -> None:
        self.session = session
        self.county = county or ""
        self.ids: dict[str, int] = dict(
            session.execute(select(Unit.name, Unit.id).where(Unit.county == self.county)).all()
        )
        for alias, unit_id in session.execute(
            select(UnitAlias.alias, UnitAlias.unit_id).where(UnitAlias.county == self.county)
        ):
            self.ids[alias] = unit_id
        self.general: dict[str, str] = {}
        if self.county:
            self.general = dict(
                session.execute(
                    select(UnitAlias.alias, Unit.name)
                    .join(Unit, Unit.id == UnitAlias.unit_id)
                    .where(UnitAlias.county == "")
                ).all()
            )

    def resolve(self, printed: str) -> int | None:
        name = normalize_name(printed)
        if not name:
            return None
        unit_id = self.ids.get(name)
        if unit_id is None and name in self.general:
            unit_id = self.resolve(self.general[name])
            if unit_id is not None:
                self.ids[name] = unit_id
        if unit_id is None:
            unit = Unit(name=name, county=self.county, kind=kind_of(name))
            self.session.add(unit)
            self.session.flush()
            unit_id = self.ids[name] = unit.id
        return unit_id


def find_units(session: Session, name: str, county: str | None = None) -> list[Unit]:
    """Canonical units called `name` (or with it as an alias), in every county or one."""
    key = normalize_name(name)
    by_name = select(Unit).where(Unit.name == key)
    by_alias = (
        select(Unit).join(UnitAlias, UnitAlias.unit_id == Unit.id).where(UnitAlias.alias == key)
    )
    if county is not None:
        by_name = by_name.where(Unit.county == county)
        by_alias = by_alias.where(Unit.county == county)
    found = {u.id: u for u in session.scalars(by_name)}
    for u in session.scalars(by_alias):
        found.setdefault(u.id, u)
    return [found[i] for i in sorted(found)]


def find_unit(session: Session, name: str, county: str | None = None) -> Unit | None:
    """The canonical unit for a name or alias (the first county's when several), or None."""
    units = find_units(session, name, county)
    return min(units, key=lambda u: (u.county, u.id)) if units else None


def require_unit(session: Session, name: str) -> Unit:
    unit = find_unit(session, name)
    if unit is None:
        raise UnknownUnitError(name)
    return unit


def require_unit_ids(session: Session, name: str) -> list[int]:
    """Ids of every county's unit of that name or alias: a name filter spans counties."""
    units = find_units(session, name)
    if not units:
        raise UnknownUnitError(name)
    return [u.id for u in units]


def merge_unit(
    session: Session, alias: str, canonical: str, by: str, county: str | None = None
) -> Unit:
    """Make `alias` a name of `canonical` in `county`; return the canonical unit.

    Without a county: the county where `alias` is a unit's name (the one with most
    tasks when several hold it; merge again with `county` for the others); a ledger with
    no such unit uses the county of `canonical`, else the blank county. The canonical unit
    is created when it does not exist yet (merging 县发改局 into a full name nobody has
    printed so far is a rename). An alias no task uses yet is still recorded, so future
    imports resolve it.
    """
    alias_key, canon_key = normalize_name(alias), normalize_name(canonical)
    if not alias_key or not canon_key:
        raise UnitMergeError("单位名称不能为空")
    if county is None:
        county = _county_for(session, alias_key, canon_key)
    target = find_unit(session, canon_key, county)
    if target is None:
        target = Unit(name=canon_key, county=county, kind=kind_of(canon_key))
        session.add(target)
        session.flush()
    source = session.scalar(select(Unit).where(Unit.name == alias_key, Unit.county == county))
    if source is not None and source.id == target.id:
        raise UnitMergeError(f"“{alias}”与“{canonical}”已是同一单位")
    existing_alias = session.scalar(
        select(UnitAlias).where(UnitAlias.alias == alias_key, UnitAlias.county == county)
    )
    if existing_alias is not None and existing_alias.unit_id == target.id:
        return target  # already merged: nothing to do
    if source is not None:
        move_unit(session, source.id, target.id)
    if existing_alias is not None:
        existing_alias.unit_id = target.id
    else:
        session.add(UnitAlias(alias=alias_key, unit_id=target.id, created_by=by, county=county))
    session.flush()
    return target


def _county_for(session: Session, alias: str, canonical: str) -> str:
    for name in (alias, canonical):
        counts = Counter(
            dict(
                session.execute(
                    select(Unit.county, func.count(TaskUnit.id))
                    .outerjoin(TaskUnit, TaskUnit.unit_id == Unit.id)
                    .where(Unit.name == name)
                    .group_by(Unit.county)
                ).all()
            )
        )
        if counts:
            return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return ""


def move_unit(session: Session, source_id: int, target_id: int) -> list[dict[str, object]]:
    """Move every link and alias of `source_id` to `target_id` and delete the source.

    Returns the links dropped as duplicates (a task naming both), so undo can put them back.
    """
    session.execute(update(TaskUnit).where(TaskUnit.unit_id == source_id).values(unit_id=target_id))
    session.execute(
        update(UnitAlias).where(UnitAlias.unit_id == source_id).values(unit_id=target_id)
    )
    session.execute(delete(Unit).where(Unit.id == source_id))
    return _drop_duplicate_links(session, target_id)


def _drop_duplicate_links(session: Session, unit_id: int) -> list[dict[str, object]]:
    """After a merge a task may list both names: keep one link per (task, role, header)."""
    keep = (
        select(func.min(TaskUnit.id))
        .where(TaskUnit.unit_id == unit_id)
        .group_by(TaskUnit.task_id, TaskUnit.role, TaskUnit.header)
    )
    doomed = session.execute(
        select(
            TaskUnit.id,
            TaskUnit.task_id,
            TaskUnit.role,
            TaskUnit.header,
            TaskUnit.printed_name,
            TaskUnit.position,
        ).where(TaskUnit.unit_id == unit_id, TaskUnit.id.not_in(keep))
    ).all()
    dropped: list[dict[str, object]] = [
        {"id": i, "task_id": t, "role": r, "header": h, "printed_name": p, "position": pos}
        for i, t, r, h, p, pos in doomed
    ]
    if dropped:
        session.execute(
            delete(TaskUnit)
            .where(TaskUnit.id.in_([d["id"] for d in dropped]))
            .execution_options(synchronize_session=False)
        )
    return dropped
