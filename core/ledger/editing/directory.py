"""The clerk's edits of the unit directory: accept or reject a suggested merge, rename,
contacts, kind, a collective's members — each recorded in `unit_change` and undoable.

Undo never erases history: the change keeps its row and is marked undone, and undoing a
merge puts every task link back on the unit it came from (the links the merge moved, links
later imports made with that unit's printed names, and duplicates the merge dropped).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from core.ledger.editing.units import find_units, move_unit, normalize_name
from core.ledger.errors import UnitMergeError, UnknownUnitError
from core.ledger.storage.models import (
    TaskUnit,
    Unit,
    UnitAlias,
    UnitChange,
    UnitMember,
    UnitRejection,
)
from core.units.kinds import KIND_LABELS, KINDS, kind_of


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise UnknownUnitError(f"#{unit_id}")
    return unit


def _in_county(session: Session, name: str, county: str) -> Unit:
    units = find_units(session, name, county)
    if not units:
        raise UnknownUnitError(f"{name}（{county or '未注明县'}）")
    return units[0]


def _record(
    session: Session,
    county: str,
    action: str,
    summary: str,
    detail: dict[str, Any],
    by: str,
    now: datetime,
) -> UnitChange:
    change = UnitChange(county=county, action=action, summary=summary, detail=detail, by=by, at=now)
    session.add(change)
    session.flush()
    return change


# --- merge -------------------------------------------------------------------------------
def accept_merge(
    session: Session,
    county: str,
    names: Sequence[str],
    canonical: str,
    by: str,
    now: datetime,
) -> UnitChange:
    """Make every unit named in `names` one unit called `canonical`, in `county`.

    The canonical unit is the one already called (or aliased) `canonical`; when none is,
    the unit of the first name is renamed to it. Each other unit's links, aliases and
    memberships move over, and its name becomes an alias, so later imports resolve it.
    """
    canon = normalize_name(canonical)
    if not canon:
        raise UnitMergeError("规范名称不能为空")
    units: list[Unit] = []
    for name in names:
        unit = _in_county(session, name, county)
        if all(u.id != unit.id for u in units):
            units.append(unit)
    found = find_units(session, canon, county)
    target = found[0] if found else units[0]
    if all(u.id != target.id for u in units):
        units.insert(0, target)
    sources = [u for u in units if u.id != target.id]
    if not sources:
        raise UnitMergeError(f"“{'、'.join(names)}”已是同一单位")
    detail: dict[str, Any] = {
        "target": target.id,
        "target_name": target.name,
        "target_contacts": [target.contact_person, target.phone],
        "renamed_alias": None,
        "sources": [],
    }
    if target.name != canon:
        clash = session.scalar(select(Unit).where(Unit.county == county, Unit.name == canon))
        if clash is not None:
            raise UnitMergeError(f"“{canon}”已是另一单位的名称")
        old_alias = session.scalar(
            select(UnitAlias).where(UnitAlias.county == county, UnitAlias.alias == canon)
        )
        if old_alias is not None:
            detail["removed_alias"] = [old_alias.alias, old_alias.unit_id, old_alias.created_by]
            session.delete(old_alias)
            session.flush()
        old_name = target.name
        target.name = canon
        session.flush()
        alias = UnitAlias(alias=old_name, unit_id=target.id, county=county, created_by=by)
        session.add(alias)
        session.flush()
        detail["renamed_alias"] = alias.id
    for src in sources:
        detail["sources"].append(_merge_one(session, src, target, by))
        if target.contact_person is None and target.phone is None:
            target.contact_person, target.phone = src.contact_person, src.phone
    session.flush()
    merged = "、".join(s["name"] for s in detail["sources"])
    return _record(session, county, "merge", f"合并单位：{merged} → {canon}", detail, by, now)


def _merge_one(session: Session, src: Unit, target: Unit, by: str) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": src.id,
        "name": src.name,
        "kind": src.kind,
        "contacts": [src.contact_person, src.phone],
        "created_at": src.created_at.isoformat() if src.created_at else None,
        "links": list(session.scalars(select(TaskUnit.id).where(TaskUnit.unit_id == src.id))),
        "aliases": list(session.scalars(select(UnitAlias.id).where(UnitAlias.unit_id == src.id))),
        "names": [
            src.name,
            *session.scalars(select(UnitAlias.alias).where(UnitAlias.unit_id == src.id)),
        ],
        "memberships": [
            [m.id, m.group_id, m.member_id]
            for m in session.scalars(
                select(UnitMember).where(
                    (UnitMember.group_id == src.id) | (UnitMember.member_id == src.id)
                )
            )
        ],
    }
    _move_memberships(session, src.id, target.id)
    rec["dropped"] = move_unit(session, src.id, target.id)
    alias = UnitAlias(alias=src.name, unit_id=target.id, county=src.county, created_by=by)
    session.add(alias)
    session.flush()
    rec["alias"] = alias.id
    return rec


def _move_memberships(session: Session, src: int, target: int) -> None:
    """A collective's members follow a merge; a pair that would repeat or point at itself goes."""
    rows = list(
        session.scalars(
            select(UnitMember).where((UnitMember.group_id == src) | (UnitMember.member_id == src))
        )
    )
    existing = {
        (g, m)
        for g, m in session.execute(
            select(UnitMember.group_id, UnitMember.member_id).where(
                (UnitMember.group_id == target) | (UnitMember.member_id == target)
            )
        )
    }
    for row in rows:
        pair = (
            target if row.group_id == src else row.group_id,
            target if row.member_id == src else row.member_id,
        )
        if pair[0] == pair[1] or pair in existing:
            session.delete(row)
            continue
        row.group_id, row.member_id = pair
        existing.add(pair)
    session.flush()


def _undo_merge(session: Session, detail: dict[str, Any]) -> None:
    target = _unit(session, detail["target"])
    for rec in reversed(detail["sources"]):
        session.execute(delete(UnitAlias).where(UnitAlias.id == rec["alias"]))
        src = Unit(
            id=rec["id"],
            county=target.county,
            name=rec["name"],
            kind=rec["kind"],
            contact_person=rec["contacts"][0],
            phone=rec["contacts"][1],
        )
        if rec.get("created_at"):
            src.created_at = datetime.fromisoformat(rec["created_at"])
        session.add(src)
        session.flush()
        names = {normalize_name(n) for n in rec["names"]}
        printed = [
            i
            for i, p in session.execute(
                select(TaskUnit.id, TaskUnit.printed_name).where(TaskUnit.unit_id == target.id)
            )
            if normalize_name(p) in names
        ]
        back = sorted(set(rec["links"]) | set(printed))
        if back:
            session.execute(
                update(TaskUnit)
                .where(TaskUnit.id.in_(back), TaskUnit.unit_id == target.id)
                .values(unit_id=src.id)
                .execution_options(synchronize_session=False)
            )
        own = set(rec["links"])
        for d in rec["dropped"]:
            # A dropped duplicate was either the source's link or the target's own.
            session.add(
                TaskUnit(
                    task_id=d["task_id"],
                    unit_id=src.id if d["id"] in own else target.id,
                    role=d["role"],
                    header=d["header"],
                    printed_name=d["printed_name"],
                    position=d["position"],
                )
            )
        if rec["aliases"]:
            session.execute(
                update(UnitAlias)
                .where(UnitAlias.id.in_(rec["aliases"]))
                .values(unit_id=src.id)
                .execution_options(synchronize_session=False)
            )
        for mid, group_id, member_id in rec["memberships"]:
            row = session.get(UnitMember, mid)
            if row is None:
                session.add(UnitMember(id=mid, group_id=group_id, member_id=member_id))
            else:
                row.group_id, row.member_id = group_id, member_id
        session.flush()
    if detail.get("renamed_alias"):
        session.execute(delete(UnitAlias).where(UnitAlias.id == detail["renamed_alias"]))
        target.name = detail["target_name"]
        session.flush()
    if detail.get("removed_alias"):
        alias, owner, created_by = detail["removed_alias"]
        session.add(
            UnitAlias(alias=alias, unit_id=owner, county=target.county, created_by=created_by)
        )
    target.contact_person, target.phone = detail["target_contacts"]
    session.flush()


# --- reject ------------------------------------------------------------------------------
def reject_suggestion(
    session: Session, county: str, names: Sequence[str], by: str, now: datetime
) -> UnitChange:
    """Remember that these names are different units: no pair of them is suggested again."""
    keys = sorted({normalize_name(n) for n in names if normalize_name(n)})
    if len(keys) < 2:
        raise UnitMergeError("至少需要两个单位名称")
    ids: list[int] = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            known = session.scalar(
                select(UnitRejection.id).where(
                    UnitRejection.county == county,
                    UnitRejection.name_a == a,
                    UnitRejection.name_b == b,
                )
            )
            if known is None:
                row = UnitRejection(county=county, name_a=a, name_b=b, by=by, at=now)
                session.add(row)
                session.flush()
                ids.append(row.id)
    summary = f"不合并：{'、'.join(keys)}"
    return _record(session, county, "reject", summary, {"rejections": ids}, by, now)


# --- add ------------------------------------------------------------------------------------
def add_unit(
    session: Session, county: str, name: str, kind: str | None, by: str, now: datetime
) -> UnitChange:
    """Enter a unit no gazette has named yet (a township, so 各乡镇 can reach it)."""
    key = normalize_name(name)
    if not key:
        raise UnitMergeError("单位名称不能为空")
    if find_units(session, key, county):
        raise UnitMergeError(f"{county or '该县'}已有单位“{key}”")
    chosen = kind or kind_of(key)
    if chosen not in KINDS:
        raise UnitMergeError(f"未知的单位类别“{chosen}”，可选：{'、'.join(KINDS)}")
    unit = Unit(county=county, name=key, kind=chosen)
    session.add(unit)
    session.flush()
    summary = f"新增单位：{key}（{KIND_LABELS[chosen]}）"
    return _record(session, county, "add", summary, {"unit": unit.id}, by, now)


def _undo_add(session: Session, detail: dict[str, Any]) -> None:
    unit = _unit(session, detail["unit"])
    used = session.scalar(select(TaskUnit.id).where(TaskUnit.unit_id == unit.id).limit(1))
    if used is not None:
        raise UnitMergeError(f"“{unit.name}”已有任务，不能撤销新增")
    session.execute(
        delete(UnitMember).where(
            (UnitMember.group_id == unit.id) | (UnitMember.member_id == unit.id)
        )
    )
    session.delete(unit)
    session.flush()


# --- rename, contacts, kind, members ---------------------------------------------------------
def rename_unit(
    session: Session, unit_id: int, new_name: str, by: str, now: datetime
) -> UnitChange:
    """Give a unit another canonical name; the old one stays an alias for later imports."""
    unit = _unit(session, unit_id)
    name = normalize_name(new_name)
    if not name:
        raise UnitMergeError("单位名称不能为空")
    if name == unit.name:
        raise UnitMergeError(f"单位已叫“{name}”")
    other = find_units(session, name, unit.county)
    if any(u.id != unit.id for u in other):
        raise UnitMergeError(f"“{name}”已是另一单位的名称，请用合并")
    removed = session.scalar(
        select(UnitAlias).where(UnitAlias.county == unit.county, UnitAlias.alias == name)
    )
    removed_alias = None
    if removed is not None:
        removed_alias = [removed.alias, removed.created_by]
        session.delete(removed)
        session.flush()
    old = unit.name
    unit.name = name
    session.flush()
    alias = UnitAlias(alias=old, unit_id=unit.id, county=unit.county, created_by=by)
    session.add(alias)
    session.flush()
    detail = {"unit": unit.id, "old": old, "alias": alias.id, "removed_alias": removed_alias}
    return _record(session, unit.county, "rename", f"改名：{old} → {name}", detail, by, now)


def _undo_rename(session: Session, detail: dict[str, Any]) -> None:
    unit = _unit(session, detail["unit"])
    session.execute(delete(UnitAlias).where(UnitAlias.id == detail["alias"]))
    unit.name = detail["old"]
    session.flush()
    if detail.get("removed_alias"):
        alias, created_by = detail["removed_alias"]
        session.add(
            UnitAlias(alias=alias, unit_id=unit.id, county=unit.county, created_by=created_by)
        )


def set_contacts(
    session: Session,
    unit_id: int,
    contact_person: str | None,
    phone: str | None,
    by: str,
    now: datetime,
) -> UnitChange:
    unit = _unit(session, unit_id)
    detail = {"unit": unit.id, "old": [unit.contact_person, unit.phone]}
    unit.contact_person = (contact_person or "").strip() or None
    unit.phone = (phone or "").strip() or None
    summary = f"{unit.name} 联系人：{unit.contact_person or '—'}，电话：{unit.phone or '—'}"
    return _record(session, unit.county, "contacts", summary, detail, by, now)


def set_kind(session: Session, unit_id: int, kind: str, by: str, now: datetime) -> UnitChange:
    if kind not in KINDS:
        raise UnitMergeError(f"未知的单位类别“{kind}”，可选：{'、'.join(KINDS)}")
    unit = _unit(session, unit_id)
    detail = {"unit": unit.id, "old": unit.kind}
    unit.kind = kind
    summary = f"{unit.name} 类别：{KIND_LABELS[kind]}"
    return _record(session, unit.county, "kind", summary, detail, by, now)


def set_members(
    session: Session, group_id: int, member_ids: Sequence[int], by: str, now: datetime
) -> UnitChange:
    """The named units a collective stands for (各乡镇 -> the county's townships)."""
    group = _unit(session, group_id)
    wanted = sorted(set(member_ids) - {group_id})
    for mid in wanted:
        member = _unit(session, mid)
        if member.county != group.county:
            raise UnitMergeError(f"“{member.name}”不属于{group.county or '该县'}")
    old = sorted(
        session.scalars(select(UnitMember.member_id).where(UnitMember.group_id == group_id))
    )
    _replace_members(session, group_id, wanted, by)
    names = [_unit(session, m).name for m in wanted]
    summary = f"{group.name} 包含：{'、'.join(names) or '（无）'}"
    detail = {"group": group_id, "old": old, "new": wanted}
    return _record(session, group.county, "members", summary, detail, by, now)


def _replace_members(session: Session, group_id: int, member_ids: Sequence[int], by: str) -> None:
    session.execute(delete(UnitMember).where(UnitMember.group_id == group_id))
    for mid in member_ids:
        if session.get(Unit, mid) is not None:
            session.add(UnitMember(group_id=group_id, member_id=mid, created_by=by))
    session.flush()


# --- undo ----------------------------------------------------------------------------------
def undo_change(session: Session, change_id: int, by: str, now: datetime) -> UnitChange:
    """Reverse one directory change (the latest first, as the undo stack does)."""
    change = session.get(UnitChange, change_id)
    if change is None:
        raise UnknownUnitError(f"变更 #{change_id}")
    if change.undone_at is not None:
        raise UnitMergeError(f"“{change.summary}”已撤销")
    d = change.detail
    if change.action == "merge":
        _undo_merge(session, d)
    elif change.action == "reject":
        if d["rejections"]:
            session.execute(delete(UnitRejection).where(UnitRejection.id.in_(d["rejections"])))
    elif change.action == "rename":
        _undo_rename(session, d)
    elif change.action == "contacts":
        unit = _unit(session, d["unit"])
        unit.contact_person, unit.phone = d["old"]
    elif change.action == "kind":
        _unit(session, d["unit"]).kind = d["old"]
    elif change.action == "add":
        _undo_add(session, d)
    elif change.action == "members":
        _replace_members(session, d["group"], d["old"], by)
    change.undone_at, change.undone_by = now, by
    session.flush()
    return change
