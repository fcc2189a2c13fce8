"""Suggested alias groups for one county's units, each member with the evidence for it.

Nothing is merged here: the clerk accepts, edits or rejects each suggestion. The rules,
strongest first:

1. Same base (`names.base_name`): the county's name or `县` prefix dropped, a bracketed
   alias dropped, a township's 人民政府 dropped — `兴县农业农村局` = `县农业农村局` = `农业农村局`.
   Collectives compare by `names.collective_key` (`各乡（镇）` = `各乡镇`), never with a
   named unit.
2. Short form (`abbreviations.skipped_words`): `县发改局` = `县发展和改革局`; a short form that
   fits two long names equally well is left alone.
3. A name missing its suffix (`县气象` beside `县气象局`), one character dropped
   (`市生态环境兴县分局`) or one character slipped (`县展改局` beside `县发改局`) — only for a
   rare name (at most two tasks) next to a frequent one (three times as many), never when
   the rare name is itself an established department (`县民政局` is not `县财政局`'s typo).

Pairs the clerk rejected are never suggested again. Output order is fixed by names and
counts only, never by set or dict iteration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.fields.units import looks_like_unit
from core.units.abbreviations import skipped_words, split_suffix
from core.units.established import KNOWN_DEPARTMENTS, is_established
from core.units.kinds import COLLECTIVE, kind_of
from core.units.names import base_name, collective_key

RARE_MAX = 2  # tasks a name may have and still be taken for a slip
FREQUENT_RATIO = 3  # how many times more tasks the frequent name needs


@dataclass(frozen=True)
class NameStat:
    """One name of the county's directory: a unit's canonical name or one of its aliases."""

    name: str
    unit_id: int
    count: int  # tasks printed with this name (for an alias: the tasks it names)


@dataclass(frozen=True)
class SuggestionMember:
    name: str
    unit_id: int
    count: int
    # canonical | same_base | abbreviation | missing_suffix | dropped_char | slip | same_unit
    rule: str
    evidence: str  # Chinese, for the clerk


@dataclass(frozen=True)
class Suggestion:
    """Names the directory believes are one unit; `canonical` is the proposed name."""

    county: str
    canonical: str
    members: tuple[SuggestionMember, ...]  # the canonical name first

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)

    @property
    def unit_ids(self) -> tuple[int, ...]:
        return tuple(sorted({m.unit_id for m in self.members}))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


class _Groups:
    """Union-find over node keys, smallest key as the root (deterministic)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _one_char_apart(a: str, b: str) -> tuple[str, str] | None:
    """The differing characters when `a` and `b` have one length and differ in one place."""
    if len(a) != len(b):
        return None
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return diff[0] if len(diff) == 1 else None


def _one_char_dropped(short: str, long: str) -> bool:
    if len(long) != len(short) + 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def suggest_groups(
    county: str,
    names: Sequence[NameStat],
    *,
    other_county_bases: Iterable[str] = (),
    rejected: Iterable[tuple[str, str]] = (),
) -> list[Suggestion]:
    """Alias groups among `names` (one county's directory) that span more than one unit."""
    others = frozenset(other_county_bases)
    refused = {_pair(a, b) for a, b in rejected}
    stats = sorted(names, key=lambda n: n.name)
    kind = {n.name: kind_of(n.name) for n in stats}
    base = {
        n.name: ("集合:" + collective_key(n.name))
        if kind[n.name] == COLLECTIVE
        else base_name(n.name, county)
        for n in stats
    }
    # A name the clerk refused to pool with another of the same base stands alone.
    node: dict[str, str] = {}
    for n in stats:
        alone = any(
            n.name in pair
            and pair[0] in base
            and pair[1] in base
            and base[pair[0]] == base[pair[1]]
            for pair in refused
        )
        node[n.name] = f"独:{n.name}" if alone else base[n.name]
    by_node: dict[str, list[NameStat]] = defaultdict(list)
    for n in stats:
        by_node[node[n.name]].append(n)
    node_count = {k: sum(n.count for n in v) for k, v in by_node.items()}
    node_kind = {k: kind[v[0].name] for k, v in by_node.items()}

    def refused_between(a: str, b: str) -> bool:
        return any(_pair(x.name, y.name) in refused for x in by_node[a] for y in by_node[b])

    groups = _Groups()
    # Why a node joined: node -> (rule, evidence), for nodes attached to another node.
    why: dict[str, tuple[str, str]] = {}
    # Nodes compare by their base (a name standing alone keeps its base for comparing).
    bt = {k: base[v[0].name] for k, v in by_node.items()}
    plain = sorted(k for k in by_node if node_kind[k] != COLLECTIVE)

    # Rule 2: short forms, the fewest skipped words winning; ties suggest nothing.
    # Only names with the same suffix and first character can abbreviate one another.
    same_start: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in plain:
        core, suffix = split_suffix(bt[k])
        same_start[(suffix, core[:1])].append(k)
    for s in plain:
        fits = []
        core, suffix = split_suffix(bt[s])
        for target in same_start[(suffix, core[:1])]:
            if target == s or node_kind[target] != node_kind[s]:
                continue
            skipped = skipped_words(bt[s], bt[target])
            if skipped is not None and not refused_between(s, target):
                fits.append((skipped, target))
        if not fits:
            continue
        fits.sort()
        if len(fits) > 1 and fits[0][0] == fits[1][0]:
            continue
        target = fits[0][1]
        groups.union(s, target)
        why.setdefault(s, ("abbreviation", f"“{bt[s]}”是“{bt[target]}”的简称"))

    # Rule 3a: a name cut before its suffix (`县气象`), whatever its count.
    for r in plain:
        short = bt[r]
        if looks_like_unit(short):
            continue
        cut = [
            f
            for f in plain
            if bt[f] != short
            and bt[f].startswith(short)
            and split_suffix(bt[f])[1] == bt[f][len(short) :]
            and not refused_between(r, f)
        ]
        if len(cut) == 1:
            full = cut[0]
            groups.union(r, full)
            cut_evidence = f"“{short}”少了单位后缀，应为“{bt[full]}”（{node_count[full]}项）"
            why.setdefault(r, ("missing_suffix", cut_evidence))

    # Rule 3b: a rare name beside a frequent one of the same kind.
    for r in plain:
        if node_count[r] > RARE_MAX:
            continue
        rare = bt[r]
        r_established = is_established(rare, others, node_count[r]) or _known(rare)
        near: list[tuple[str, tuple[str, str]]] = []
        for f in plain:
            if len(bt[f]) not in (len(rare), len(rare) + 1):
                continue
            if f == r or node_kind[f] != node_kind[r] or refused_between(r, f):
                continue
            if node_count[f] < max(3, FREQUENT_RATIO * node_count[r]):
                continue
            rule = _near_rule(rare, bt[f], r_established)
            if rule is not None:
                near.append((f, rule))
        if len(near) != 1:
            continue
        f, (near_rule, template) = near[0]
        groups.union(r, f)
        why.setdefault(r, (near_rule, template.format(f=bt[f], n=node_count[f], m=node_count[r])))

    # Rule 1 within nodes, and names already one unit, tie nodes together.
    unit_nodes: dict[int, list[str]] = defaultdict(list)
    for n in stats:
        unit_nodes[n.unit_id].append(node[n.name])
    for nodes in unit_nodes.values():
        for k in nodes[1:]:
            groups.union(nodes[0], k)

    members_of: dict[str, list[str]] = defaultdict(list)
    for k in sorted(by_node):
        members_of[groups.find(k)].append(k)
    out: list[Suggestion] = []
    for root in sorted(members_of):
        nodes = members_of[root]
        group = [n for k in nodes for n in by_node[k]]
        if len({n.unit_id for n in group}) < 2:
            continue
        out.append(_suggestion(county, group, node, why, base))
    out.sort(key=lambda s: (-sum(m.count for m in s.members), s.canonical))
    return out


def _known(base: str) -> bool:
    return base in KNOWN_DEPARTMENTS or (base.startswith("委") and "县" + base in KNOWN_DEPARTMENTS)


def _near_rule(rare: str, frequent: str, rare_established: bool) -> tuple[str, str] | None:
    """How a rare base may be a damaged form of a frequent one (templates take f, n, m)."""
    _core, r_suffix = split_suffix(rare)
    if rare_established or len(rare) < 3:
        return None
    if len(rare) >= 5 and _one_char_dropped(rare, frequent):
        return ("dropped_char", "比常用名“{f}”（{n}项）少一个字，本身仅{m}项，疑为漏字")
    chars = _one_char_apart(rare, frequent)
    if chars is not None and r_suffix and split_suffix(frequent)[1] == r_suffix:
        return (
            "slip",
            f"与常用名“{{f}}”（{{n}}项）只差一字（“{chars[0]}”/“{chars[1]}”），本身仅{{m}}项，疑为笔误",
        )
    return None


def _suggestion(
    county: str,
    group: list[NameStat],
    node: dict[str, str],
    why: dict[str, tuple[str, str]],
    base: dict[str, str],
) -> Suggestion:
    damaged = {"missing_suffix", "dropped_char", "slip"}
    candidates = [n for n in group if why.get(node[n.name], ("", ""))[0] not in damaged] or group
    # The full name (longest base), without a bracketed note (`（县安委办）`, a stray `（4）`),
    # then the most printed, then the longer (`国网交城县供电公司` over `县供电公司`).
    canonical = min(
        candidates,
        key=lambda n: (
            -len(base[n.name]),
            "（" in n.name or "(" in n.name,
            -n.count,
            -len(n.name),
            n.name,
        ),
    )
    c_node = node[canonical.name]
    members = [
        SuggestionMember(
            canonical.name, canonical.unit_id, canonical.count, "canonical", "建议的规范名称"
        )
    ]
    for n in sorted(group, key=lambda n: (-n.count, n.name)):
        if n is canonical:
            continue
        k = node[n.name]
        if k == c_node and k.startswith("集合:"):
            rule = "same_base"
            evidence = f"与“{canonical.name}”是同一集合单位的不同写法（括号、“各”、“人民政府”不计）"
        elif k == c_node:
            rule = "same_base"
            evidence = f"与“{canonical.name}”去掉县名或“县”字后相同（“{base[n.name]}”）"
        elif k in why:
            rule, evidence = why[k]
        elif c_node in why and why[c_node][0] == "abbreviation":
            rule, evidence = (
                "abbreviation",
                f"“{canonical.name}”的简称或同一单位的另一写法（{why[c_node][1]}）",
            )
        else:
            rule, evidence = "same_unit", "与上述名称已属同一单位或经简称相连"
        members.append(SuggestionMember(n.name, n.unit_id, n.count, rule, evidence))
    return Suggestion(county=county, canonical=canonical.name, members=tuple(members))
