"""How the report names units: canonical names, qualified by county only where needed.

Units are the ledger's canonical units (aliases merged in 单位管理), so 汇总 has one row per
real unit. In a report spanning several counties, two counties' 县财政局 are two units and
stay two rows: a name that more than one county's unit bears is shown as `县财政局（兴县）`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from core.ledger import Ledger, TaskRow


def unit_labels(ledger: Ledger, rows: Iterable[TaskRow]) -> dict[int, str]:
    """Unit id -> the label the report prints, for the units of `rows`."""
    ids = {i for r in rows for i in (*r.lead_unit_ids, *r.support_unit_ids)}
    if not ids:
        return {}
    units = {u.id: u for u in ledger.unit_directory() if u.id in ids}
    counties: dict[str, set[str]] = defaultdict(set)
    for u in units.values():
        counties[u.name].add(u.county)
    return {
        uid: f"{u.name}（{u.county}）" if len(counties[u.name]) > 1 and u.county else u.name
        for uid, u in units.items()
    }


def labelled(
    names: tuple[str, ...], ids: tuple[int, ...], labels: Mapping[int, str]
) -> tuple[str, ...]:
    """`names` with each replaced by its unit's label (names without ids stay as they are)."""
    if len(ids) != len(names):
        return names
    return tuple(labels.get(i, n) for i, n in zip(ids, names, strict=True))


def collective_labels(ledger: Ledger, labels: Mapping[int, str]) -> frozenset[str]:
    """Labels of collective units (各乡镇, 县直各部门 …): 汇总 lists them after named units."""
    return frozenset(
        labels[u.id] for u in ledger.unit_directory() if u.is_collective and u.id in labels
    )
