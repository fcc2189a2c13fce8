"""Read side of the unit directory: units with counts and contacts, a unit's open tasks,
merge suggestions per county, and the directory's history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.ledger.editing.units import normalize_name
from core.ledger.errors import UnknownUnitError
from core.ledger.reading import queries
from core.ledger.statuses import CLOSED_STATUSES
from core.ledger.storage.models import (
    TaskRecord,
    TaskUnit,
    Unit,
    UnitAlias,
    UnitChange,
    UnitMember,
    UnitRejection,
)
from core.ledger.unit_dto import DirectoryUnit, UnitChangeRow, UnitTasks
from core.units.kinds import TOWNSHIP, township_collective
from core.units.names import base_name
from core.units.suggest import NameStat, Suggestion, suggest_groups

T = TaskRecord


def counties(s: Session) -> list[str]:
    return sorted(set(s.scalars(select(Unit.county).distinct())))


def directory(s: Session, county: str | None = None) -> list[DirectoryUnit]:
    """Canonical units (of one county, or all), sorted by county, kind, then name."""
    units = list(
        s.scalars(select(Unit).where(Unit.county == county) if county is not None else select(Unit))
    )
    aliases: dict[int, list[str]] = defaultdict(list)
    for alias, uid in s.execute(
        select(UnitAlias.alias, UnitAlias.unit_id).order_by(UnitAlias.alias)
    ):
        aliases[uid].append(alias)
    live = T.retired_at.is_(None)
    total = dict(
        s.execute(
            select(TaskUnit.unit_id, func.count(func.distinct(TaskUnit.task_id)))
            .join(T, T.id == TaskUnit.task_id)
            .where(live)
            .group_by(TaskUnit.unit_id)
        ).all()
    )
    open_by_role: dict[tuple[int, str], int] = {}
    for uid, role, n in s.execute(
        select(TaskUnit.unit_id, TaskUnit.role, func.count(func.distinct(TaskUnit.task_id)))
        .join(T, T.id == TaskUnit.task_id)
        .where(live, T.status.not_in(CLOSED_STATUSES), TaskUnit.role.in_(("lead", "support")))
        .group_by(TaskUnit.unit_id, TaskUnit.role)
    ):
        open_by_role[(uid, role)] = int(n)
    members: dict[int, list[int]] = defaultdict(list)
    member_of: dict[int, list[int]] = defaultdict(list)
    for g, m in s.execute(
        select(UnitMember.group_id, UnitMember.member_id).order_by(UnitMember.member_id)
    ):
        members[g].append(m)
        member_of[m].append(g)
    rows = [
        DirectoryUnit(
            id=u.id,
            county=u.county,
            name=u.name,
            kind=u.kind,
            aliases=tuple(aliases.get(u.id, ())),
            contact_person=u.contact_person,
            phone=u.phone,
            task_count=int(total.get(u.id, 0)),
            open_lead=open_by_role.get((u.id, "lead"), 0),
            open_support=open_by_role.get((u.id, "support"), 0),
            members=tuple(members.get(u.id, ())),
            member_of=tuple(sorted(member_of.get(u.id, ()))),
        )
        for u in units
    ]
    rows.sort(key=lambda r: (r.county, r.is_collective, r.name, r.id))
    return rows


def unit_tasks(s: Session, unit_id: int, today: date, *, open_only: bool = True) -> UnitTasks:
    """A unit's tasks as lead, as support, and through its collectives (ids, display order)."""
    rows = {r.id: r for r in directory(s)}
    unit = rows.get(unit_id)
    if unit is None:
        raise UnknownUnitError(f"#{unit_id}")

    def ids(unit_ids: Sequence[int], roles: Sequence[str]) -> tuple[int, ...]:
        conds = [T.retired_at.is_(None)]
        if open_only:
            conds.append(T.status.not_in(CLOSED_STATUSES))
        stmt = (
            select(T.id)
            .where(
                *conds,
                T.id.in_(
                    select(TaskUnit.task_id).where(
                        TaskUnit.unit_id.in_(unit_ids), TaskUnit.role.in_(roles)
                    )
                ),
            )
            .order_by(T.deadline.is_(None), T.deadline, T.id)
        )
        return tuple(s.scalars(stmt))

    lead = ids([unit_id], ["lead"])
    support = tuple(i for i in ids([unit_id], ["support"]) if i not in set(lead))
    via = {}
    for gid in unit.member_of:
        got = ids([gid], ["lead", "support"])
        if got:
            via[rows[gid].name] = got
    return UnitTasks(unit=unit, lead=lead, support=support, via_collectives=via)


def unit_workloads(s: Session, county: str, *, open_only: bool = True) -> list[UnitTasks]:
    """`unit_tasks` for every named unit of a county that has tasks (directly or through a
    collective it belongs to), in directory order: one call for all feedback sheets."""
    rows = directory(s, county)
    by_id = {r.id: r for r in rows}
    conds = [T.retired_at.is_(None), TaskUnit.role.in_(("lead", "support"))]
    if open_only:
        conds.append(T.status.not_in(CLOSED_STATUSES))
    links: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"lead": [], "support": []})
    for uid, role, task_id in s.execute(
        select(TaskUnit.unit_id, TaskUnit.role, T.id)
        .join(T, T.id == TaskUnit.task_id)
        .join(Unit, Unit.id == TaskUnit.unit_id)
        .where(Unit.county == county, *conds)
        .order_by(T.deadline.is_(None), T.deadline, T.id)
    ):
        bucket = links[uid][role]
        if task_id not in bucket:
            bucket.append(task_id)
    out: list[UnitTasks] = []
    for r in rows:
        if r.is_collective:
            continue
        lead = tuple(links[r.id]["lead"]) if r.id in links else ()
        support = tuple(i for i in links[r.id]["support"] if i not in lead) if r.id in links else ()
        via: dict[str, tuple[int, ...]] = {}
        for gid in r.member_of:
            if gid in links:
                got = list(dict.fromkeys(links[gid]["lead"] + links[gid]["support"]))
                if got:
                    via[by_id[gid].name] = tuple(got)
        if lead or support or via:
            out.append(UnitTasks(unit=r, lead=lead, support=support, via_collectives=via))
    return out


def collective_candidates(s: Session, group_id: int) -> list[DirectoryUnit]:
    """Named units a collective may stand for: its members, and for 各乡镇-like collectives
    every township the county's directory knows; other collectives list the departments."""
    rows = directory(s)
    group = next((r for r in rows if r.id == group_id), None)
    if group is None:
        raise UnknownUnitError(f"#{group_id}")
    same = [r for r in rows if r.county == group.county and not r.is_collective]
    if township_collective(group.name):
        return [r for r in same if r.kind == TOWNSHIP or r.id in group.members]
    return same


def name_stats(s: Session, county: str) -> list[NameStat]:
    """Every name of the county's directory with the live tasks printed with it."""
    printed: dict[tuple[int, str], set[int]] = defaultdict(set)
    for uid, name, task_id in s.execute(
        select(TaskUnit.unit_id, TaskUnit.printed_name, TaskUnit.task_id)
        .join(Unit, Unit.id == TaskUnit.unit_id)
        .join(T, T.id == TaskUnit.task_id)
        .where(Unit.county == county, T.retired_at.is_(None))
    ):
        printed[(uid, normalize_name(name))].add(task_id)
    out: list[NameStat] = []
    names: dict[int, list[str]] = defaultdict(list)
    for uid, name in s.execute(select(Unit.id, Unit.name).where(Unit.county == county)):
        names[uid].append(name)
    for uid, alias in s.execute(
        select(UnitAlias.unit_id, UnitAlias.alias).where(UnitAlias.county == county)
    ):
        if uid in names:
            names[uid].append(alias)
    for uid in sorted(names):
        for name in sorted(set(names[uid])):
            out.append(NameStat(name=name, unit_id=uid, count=len(printed.get((uid, name), ()))))
    return out


def suggestions(s: Session, county: str | None = None) -> list[Suggestion]:
    """Merge suggestions for one county, or every county in turn."""
    all_counties = counties(s)
    wanted = [county] if county is not None else all_counties
    stats = {c: name_stats(s, c) for c in all_counties}
    out: list[Suggestion] = []
    for c in wanted:
        others = {base_name(n.name, o) for o in all_counties if o != c for n in stats.get(o, [])}
        refused = select(UnitRejection.name_a, UnitRejection.name_b).where(
            UnitRejection.county == c
        )
        rejected = [(a, b) for a, b in s.execute(refused)]
        out += suggest_groups(
            c, stats.get(c, []), other_county_bases=sorted(others), rejected=rejected
        )
    return out


def history(s: Session, county: str | None = None) -> list[UnitChangeRow]:
    stmt = select(UnitChange).order_by(UnitChange.at, UnitChange.id)
    if county is not None:
        stmt = stmt.where(UnitChange.county == county)
    return [change_row(c) for c in s.scalars(stmt)]


def change_row(c: UnitChange) -> UnitChangeRow:
    return UnitChangeRow(
        id=c.id,
        county=c.county,
        action=c.action,
        summary=c.summary,
        at=queries.as_utc(c.at),
        by=c.by,
        undone_at=queries.as_utc(c.undone_at) if c.undone_at else None,
    )
