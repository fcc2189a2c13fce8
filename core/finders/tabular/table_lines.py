"""Tables printed one cell per line, as PDF text extractors often emit a ruled table.

    序号
    重点任务
    责任单位
    完成时限
    1
    推进老旧小区改造，完成改造12个。
    县住建局
    2024年10月底前
    2
    …

The header is a run of short lines that each name a column (by the same meanings as a
tab-separated header); each row starts at its 序号 and its cells follow, a long cell
possibly wrapped over several lines. The rows are rebuilt as tab-separated lines (numbered
as the row's first line), so the table finders read them like any other table; every line
of a rebuilt row is remembered so the whole region is claimed.
"""

from __future__ import annotations

import re

from core.finders.tabular.table_grid import Role, classify, squash
from core.text.lines import SourceLine

_SEQ = re.compile(r"^\d{1,3}$")
_TEXT_ROLES = (Role.TASK, Role.CONTENT, Role.NAME)
_TYPED = (Role.LEAD, Role.SUPPORT, Role.UNIT, Role.DEADLINE, Role.START, Role.MONEY)
_END = re.compile(
    r"^(?:附\s*件|注[:：]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)


def _header_run(lines: list[SourceLine], i: int) -> list[Role] | None:
    """The roles of a one-cell-per-line header starting at `i`: 3–10 short lines naming
    columns, the first a 序号, with a task text column and a units column among them."""
    roles: list[Role] = []
    for sl in lines[i : i + 10]:
        t = squash(sl.text)
        if "\t" in sl.text or not t or len(t) > 10:
            break
        role = classify(t)
        if role is Role.OTHER and not re.search(r"备注|说明|来源|情况", t):
            break
        roles.append(role)
    if len(roles) < 3 or roles[0] is not Role.SEQ:
        return None
    if not any(r in _TEXT_ROLES for r in roles) or not any(
        r in (Role.LEAD, Role.SUPPORT, Role.UNIT) for r in roles
    ):
        return None
    return roles


def _fits(role: Role, text: str) -> bool:
    from core.fields.units import is_unit_list, looks_like_unit

    t = squash(text)
    if role in (Role.LEAD, Role.SUPPORT, Role.UNIT):
        parts = [p for p in re.split(r"[、，,；;]", t) if p]
        stripped = [re.sub(r"(?:牵头|配合|负责|等部门|等单位)+$", "", p) for p in parts]
        return bool(parts) and (is_unit_list(t) or all(looks_like_unit(p) for p in stripped))
    if role in (Role.DEADLINE, Role.START):
        return bool(re.search(r"(?:19|20)\d{2}|\d{1,2}月|年底|年内|全年|长期|持续|常态", t))
    if role is Role.MONEY:
        return bool(re.fullmatch(r"[\d.,，]+(?:万元|亿元|元)?", t))
    return True


def _rejoin(body: list[str]) -> list[str]:
    """Lines of one cell wrapped by the page width rejoined: a line that does not end its
    sentence continues onto the next one unless that one is a typed value."""
    from core.text.normalize import join_broken

    out: list[str] = []
    for t in body:
        open_end = out and not out[-1].endswith(("。", "；", ";", "）", ")"))
        if open_end and not _typed_value(t) and not _typed_value(out[-1]):
            out[-1] = join_broken(out[-1], t)
            continue
        out.append(t)
    return out


def _typed_value(t: str) -> bool:
    """A short date or a list of unit names: a cell of its own, never a wrapped text."""
    n = len(squash(t))
    return (n <= 16 and _fits(Role.DEADLINE, t)) or (n <= 40 and _fits(Role.LEAD, t))


def _cells(roles: list[Role], body: list[str]) -> list[str] | None:
    """The row's cells (without its 序号) from its printed lines: typed columns on the right
    take one line each when it fits; what is left belongs to the text columns."""
    cols = roles[1:]
    cells = [""] * len(cols)
    rest = _rejoin(body)
    k = len(cols) - 1
    while k >= 0 and cols[k] not in _TEXT_ROLES and rest:
        if cols[k] in _TYPED and _fits(cols[k], rest[-1]):
            cells[k] = rest.pop()
        elif cols[k] not in _TYPED and len(rest) > 1:
            cells[k] = rest.pop()  # 备注 and the like: one line
        k -= 1
    text_cols = [j for j in range(k + 1) if cols[j] in _TEXT_ROLES]
    if not text_cols or not rest:
        return None
    if len(text_cols) >= 2 and len(rest) >= 2:
        cells[text_cols[0]] = rest.pop(0)  # a short task name, then its details
        cells[text_cols[-1]] = "".join(rest)
    else:
        cells[text_cols[-1]] = "".join(rest)
    return cells


def _rows(
    lines: list[SourceLine], j: int, roles: list[Role]
) -> tuple[list[tuple[SourceLine, list[str], set[int]]], int]:
    """The rows after a header at `j`, and where they end.

    A row starts at its 序号 line when one is printed (a bare number may also have been
    dropped as a page number); it ends at the next 序号, or once its last column, when that
    column is typed (units, a date), is filled. A row left incomplete ends the table."""
    n = len(lines)
    last = roles[-1]
    rows: list[tuple[SourceLine, list[str], set[int]]] = []
    expected = 1
    while j < n:
        k = j
        seq = squash(lines[k].text) == str(expected)
        if seq:
            k += 1
        elif last not in _TYPED:
            break
        body: list[SourceLine] = []
        complete = False
        while k < n and "\t" not in lines[k].text and len(body) < 12:
            repeat = _header_run(lines, k)
            if repeat is not None:  # the header printed again after a page break
                k += len(repeat)
                continue
            t = lines[k].text.strip()
            if body and squash(t) == str(expected + 1):
                complete = last not in _TYPED
                break
            if _END.match(t):
                break
            body.append(lines[k])
            k += 1
            if last in _TYPED and len(body) >= len(roles) - 1 and _fits(last, t):
                complete = True
                break
        if not complete and not (seq and k >= n):
            break
        cells = _cells(roles, [sl.text.strip() for sl in body])
        if cells is None:
            break
        first = lines[j]
        nos = {sl.no for sl in lines[j:k]}
        rows.append((first, [str(expected) if not seq else squash(first.text), *cells], nos))
        expected += 1
        j = k
    return rows, j


def rebuild(lines: list[SourceLine]) -> tuple[list[SourceLine], dict[int, set[int]]]:
    """`lines` with every one-cell-per-line table rebuilt as tab-separated rows, and for
    each rebuilt line the numbers of all the source lines it stands for."""
    out: list[SourceLine] = []
    spans: dict[int, set[int]] = {}
    i, n = 0, len(lines)
    while i < n:
        t = squash(lines[i].text)
        roles = _header_run(lines, i) if len(t) <= 4 and classify(t) is Role.SEQ else None
        if roles is None:
            out.append(lines[i])
            i += 1
            continue
        header = lines[i : i + len(roles)]
        rows, j = _rows(lines, i + len(roles), roles)
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        head = SourceLine(header[0].no, "\t".join(sl.text.strip() for sl in header), header[0].page)
        out.append(head)
        spans[head.no] = {sl.no for sl in header}
        for first, cells, nos in rows:
            row = SourceLine(first.no, "\t".join(cells), first.page)
            out.append(row)
            spans[row.no] = nos
        i = j
    return out, spans
