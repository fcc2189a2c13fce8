"""An item that hands several units their own duties in one sentence, clause by clause.

A reply (批复) or notice often assigns the work in one run of clauses separated by `；`:
`一、出让工作由你局主持，全过程由区监察委进行监督；区交建局负责开竣工审核；区资源中心承担
具体出让工作。` Each clause names its own unit and duty, so each clause is its own task with
that unit as lead. The rule is strict because ordinary prose also says `负责`: every clause of
the item must open with a unit's duty (`<unit>负责/承担/确保/主持…`) or put a unit in charge
(`…由<unit>主持/负责/进行监督`), and there must be at least three of them. `你局` / `你委`
is the document's addressee (`区环境与国土资源局：` on its own line under the title).

A work-requirement item may print the same in one sentence of `，`-clauses after a preamble:
`建立联动机制。A处负责…，各分局派人员配合…，B队负责…，C室负责…。D办负责…，确保…。`
Every clause of that sentence opens with a unit's duty or a unit's support (`配合/协助`), at
least three with a duty: each duty clause is one task (the text without `<unit>负责`), a
support clause's units support the duty it follows, and a later sentence that again opens
with `<unit>负责` is one more task of the same list (its first clause: the rest, `确保…`,
is the aim, not more work).
"""

from __future__ import annotations

import re

from core.fields.units import looks_like_unit
from core.finders.base import DocumentContext
from core.finders.prose.text_outline import Node, join_texts, strip_furniture

_CLAUSES = re.compile(r"[；;]")
_CHUNKS = re.compile(r"[，,]")
_NAME_SPLIT = re.compile(r"[、及]")
_ROLE = r"(?:具体|主要|总体|共同)?(?:负责|承担|确保|主持|牵头|做好)"
# `区交通与建设局负责对宗地开竣工审核`
_OPENS = re.compile(rf"^(?P<u>[^，,。；;由的在对]{{2,30}}?){_ROLE}")
# `公开出让全过程由区监察工作委员会进行监督`
_BY = re.compile(
    rf"^[^，,。；;由]{{0,20}}由(?P<u>[^，,。；;的]{{2,30}}?)(?:{_ROLE}|(?:进行|实施)?监督|组织)"
)
# The addressed unit named back in the body.
_YOU = re.compile(r"^你(?:局|委|办|单位|中心|区|县|公司)$")
_MIN_CLAUSES = 3
_SENTENCES = re.compile(r"(?<=[。！])")
# `局药械处负责组织协调…`: a unit's own duty, the verb kept apart to cut it from the text.
# `各乡镇具体负责…` is the work carried out under the others' lead, not a duty of its own.
_OWN_DUTY = re.compile(
    r"^(?P<u>[^，,。；;由的在对]{2,30}?)(?<!具体|主要|共同)(?:负责|承担)(?P<d>.+)$"
)
# `各分局派人员配合做好…`: units supporting the clause before.
_SUPPORTS = re.compile(r"^(?P<u>[^，,。；;由的在对]{2,30}?)(?:派(?:人员?|员))?(?:配合|协助)")


def addressee(ctx: DocumentContext) -> str | None:
    """The one unit a document is addressed to (`区环境与国土资源局：` under the title)."""
    for sl in ctx.lines[:6]:
        t = strip_furniture(sl.text).strip()
        if t.endswith(("：", ":")):
            name = t[:-1].strip()
            if looks_like_unit(name) and not _NAME_SPLIT.search(name) and "，" not in name:
                return name
            return None
    return None


def _units(m: re.Match[str] | None, you: str | None) -> list[str]:
    if m is None:
        return []
    names = [n.strip() for n in _NAME_SPLIT.split(m.group("u")) if n.strip()]
    out: list[str] = []
    for n in names:
        if _YOU.match(n):
            if you is None:
                return []
            n = you
        if not looks_like_unit(n):
            return []
        out.append(n)
    return out


def _duty(text: str, you: str | None) -> list[str]:
    """The units a clause puts in charge, or [] when it is no unit's duty."""
    return _units(_OPENS.match(text), you) or _units(_BY.match(text), you)


def clause_duties(node: Node, ctx: DocumentContext) -> list[tuple[list[str], str]] | None:
    """(lead units, text) for each clause of an item written as units' duties, else None."""
    if node.num is None:
        return None
    texts = node.texts()
    if sum(t.count("；") + t.count(";") for t in texts) < _MIN_CLAUSES - 2:
        return None  # cheap: most items part no clauses at all
    body = join_texts(texts).strip()
    if not body.endswith("。") or body.count("。") > 1:
        return None  # one sentence of clauses only
    clauses = [c.strip() for c in _CLAUSES.split(body.rstrip("。")) if c.strip()]
    if len(clauses) < _MIN_CLAUSES - 1:
        return None
    you = addressee(ctx)
    out: list[tuple[list[str], str]] = []
    for clause in clauses:
        chunks = [c.strip() for c in _CHUNKS.split(clause) if c.strip()]
        each = [_duty(c, you) for c in chunks]
        if len(chunks) > 1 and all(each):
            out += list(zip(each, chunks, strict=True))
            continue
        lead = _duty(clause, you)
        if not lead:
            return None
        out.append((lead, clause))
    return out if len(out) >= _MIN_CLAUSES else None


def _own_duty(chunk: str) -> tuple[list[str], str] | None:
    m = _OWN_DUTY.match(chunk)
    names = _units(m, None) if m else []
    return (names, m.group("d").strip()) if m and names else None


def comma_duties(node: Node) -> list[tuple[list[str], list[str], str]] | None:
    """(lead, support, text) for each unit duty of an item whose sentence hands several units
    their duties clause by clause (see the module docstring), else None."""
    if node.num is None:
        return None
    texts = node.texts()
    if sum(t.count("负责") + t.count("承担") for t in texts) < _MIN_CLAUSES:
        return None  # cheap: most items hand out no duties at all
    body = join_texts(texts).strip()
    sentences = [s.strip() for s in _SENTENCES.split(body) if s.strip()]
    out: list[tuple[list[str], list[str], str]] = []
    for sentence in sentences:
        chunks = [c.strip() for c in _CHUNKS.split(sentence.rstrip("。！")) if c.strip()]
        if not out:
            found: list[tuple[list[str], list[str], str]] = []
            for chunk in chunks:
                duty = _own_duty(chunk)
                if duty is not None:
                    found.append((duty[0], [], duty[1]))
                    continue
                helpers = _units(_SUPPORTS.match(chunk), None)
                if not helpers or not found:
                    found = []
                    break
                lead, support, text = found[-1]
                extra = [n for n in helpers if n not in lead and n not in support]
                found[-1] = (lead, support + extra, f"{text}，{chunk}")
            if len(found) >= _MIN_CLAUSES:
                out = found
            continue
        duty = _own_duty(chunks[0]) if chunks else None
        if duty is None:
            break
        out.append((duty[0], [], duty[1]))
    return out or None
