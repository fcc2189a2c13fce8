"""Project tables (项目名称 · 建设工期 · 责任单位 · 资金规模 …): one task per project row.

A project row is an obligation of its responsible unit: build it by the end of its
schedule, with its money. The text is `<项目名称>：<主要内容>`; the lead comes from the
责任单位 (or 牵头单位) column, else from the 项目单位 / 实施单位 / 建设单位 column; other unit
columns (主管部门, 建设单位, 行业部门) are kept under their header. Rows that only label a
category (`一、农业产业发展项目54个`, `（一）黑木耳菌棒奖补项目13个`) become the group of the
rows under them; 合计/小计 rows and rows printed twice around a page break are skipped.

Money: a bare number in the funding column takes the unit its header, the table title or a
`单位：万元` line states; when none does, the document's own figures decide (a column value
printed elsewhere in the document as `N万元`). Amounts printed in the content and 绩效目标
cells are kept too, since every money figure of the row is part of the record.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from core.fields.deadlines import Deadline, deadline_from_cell, find_deadline
from core.fields.money import cell_amount, find_amounts, unit_multiplier
from core.fields.units import parse_units
from core.finders.base import DocumentContext, FinderResult
from core.finders.tabular.table_cells import clean, is_total
from core.finders.tabular.table_grid import Role, Segment, Table, squash
from core.finders.tabular.table_kinds import (
    claim_tables,
    is_project_table,
    section_of,
    table_task,
    tables_of_kind,
)
from core.model import Amount, Task

_SEQ = re.compile(r"^\s*(\d{1,4})\s*[.、]?\s*$")
_TOP_CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_SUB_CATEGORY = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
# Which unit column leads when there is no 责任单位/牵头单位 column, in order of preference.
_LEAD_FALLBACK = ("项目单位", "实施单位", "承担单位", "实施主体", "管理单位", "建设单位")


def _lead_and_others(seg: Segment) -> tuple[list[int], list[int]]:
    """(lead columns, other unit columns) of a segment."""
    lead = seg.cols(Role.LEAD)
    units = seg.cols(Role.UNIT)
    if not lead:
        for key in _LEAD_FALLBACK:
            hit = [i for i in units if key in squash(seg.header[i])]
            if hit:
                lead = hit[:1]
                break
    return lead, [i for i in units if i not in lead]


def _multiplier(
    table: Table, header: str, values: list[str], body_text: str, siblings: list[str]
) -> float | None:
    """The money unit of a bare funding cell: header, then title / 单位 lines, then the
    unit every other money column of the table states (`总投资（亿元）` beside
    `至2015年底完成投资`), then the document's own figures (its body, outside the tables,
    printing a column value or the column total as `N万元` or `N元`)."""
    m = unit_multiplier(header)
    if m is not None:
        return m
    for text in [*table.context, table.title or ""]:
        m = unit_multiplier(text)
        if m is not None:
            return m
    stated = {unit_multiplier(h) for h in siblings if h != header}
    stated.discard(None)
    if len(stated) == 1:
        return stated.pop()
    numbers = [v for v in values if re.fullmatch(r"\d+(?:\.\d+)?", v)]
    if not numbers:
        return None
    total = sum(float(v) for v in numbers)
    candidates = set(numbers) | {f"{total:g}", f"{total:.2f}".rstrip("0").rstrip(".")}
    wan = yuan = 0
    for v in candidates:
        pat = re.escape(v)
        wan += len(re.findall(rf"(?<![\d.]){pat}\s*万元", body_text))
        yuan += len(re.findall(rf"(?<![\d.]){pat}\s*元", body_text))
    if wan > yuan:
        return 10_000.0
    if yuan > wan:
        return 1.0
    return None


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, squash(a), squash(b)).ratio() >= 0.8


def tasks_of(table: Table, ctx: DocumentContext, doc_text: str) -> list[Task]:
    tasks: list[Task] = []
    section = section_of(table)
    top: str | None = None
    sub: str | None = None
    package = False  # `top` is a package row's name (its sibling rows end it)
    seen: dict[str, str] = {}  # 序号 -> project name, to drop rows printed twice
    money_values: dict[str, list[str]] = {}  # funding column -> every value in the table
    by_header: dict[str, float | None] = {}  # funding column -> its money unit
    siblings = [seg.header[i] for seg in table.segments for i in seg.cols(Role.MONEY)]
    for seg in table.segments:
        for i in seg.cols(Role.MONEY):
            vals = money_values.setdefault(squash(seg.header[i]), [])
            vals += [squash(r.get(i)) for r in seg.rows if not is_total(squash(r.cells[0]))]
    for seg in table.segments:
        seq_col = seg.col(Role.SEQ)
        name_col = next(
            (i for i in seg.cols(Role.NAME) if "名称" in squash(seg.header[i])),
            seg.col(Role.NAME),
        )
        content_cols = seg.cols(Role.CONTENT)
        lead_cols, other_cols = _lead_and_others(seg)
        deadline_col = seg.col(Role.DEADLINE)
        scope = seg.year_scope()
        person_col = seg.col(Role.PERSON)
        leader_col = seg.col(Role.LEADER)
        money_cols = seg.cols(Role.MONEY)
        target_cols = seg.cols(Role.TARGET)
        multipliers = {}
        for i in money_cols:
            header = seg.header[i]
            if header not in by_header:  # the same column under every repeated header
                values = money_values[squash(header)]
                by_header[header] = _multiplier(table, header, values, doc_text, siblings)
            multipliers[i] = by_header[header]
        if name_col is None:
            continue
        support_cols = seg.cols(Role.SUPPORT)
        detail_cols = [*content_cols, *lead_cols, *support_cols, *other_cols]
        for k, row in enumerate(seg.rows):
            nxt = seg.rows[k + 1] if k + 1 < len(seg.rows) else None
            seq = squash(row.get(seq_col))
            name = clean(row.get(name_col))
            first = squash(row.cells[0]) if row.cells else ""
            if is_total(first) or is_total(seq) or is_total(name):
                continue
            label = seq if seq and not _SEQ.match(seq) else ("" if seq else first)
            if not seq and not label:
                # a category cell merged over the first columns is printed where they end
                filled = [squash(c) for c in row.cells if squash(c)]
                sub_row = filled and _SUB_CATEGORY.match(filled[0])
                if sub_row and name and any(squash(row.get(i)) for i in detail_cols):
                    # `（一）光纤网络建设 · 0.05 · 内容 · 单位`: a sub-item of the package above,
                    # with its own details and units, is a project, not a category.
                    label = sub_row.group()
                    name = clean(name[len(sub_row.group()) :]) if name.startswith(label) else name
                elif filled and (_TOP_CATEGORY.match(filled[0]) or sub_row):
                    label, name = filled[0], ""
                    row = type(row)(line=row.line, cells=[c for c in row.cells if squash(c)])
            if label and not _SEQ.match(label) and (not name or label == squash(name)):
                # a category row: 一、… resets the sub-category, （一）… sets it
                if _TOP_CATEGORY.match(label):
                    top, sub = clean(row.cells[0]), None
                elif _SUB_CATEGORY.match(label):
                    sub = clean(row.cells[0])
                continue
            if not name:
                continue  # a stray line of figures
            if (
                seq
                and not _SEQ.match(seq)
                and not any(squash(row.get(i)) for i in detail_cols)
                and nxt is not None
                and _SUB_CATEGORY.match(squash(nxt.get(name_col)) or squash(nxt.get(seq_col)))
            ):
                # `五 · 信息网络工程包 · 2.30` over rows `（一）…`: only a subtotal, their group
                top, sub, package = squash(name), None, True
                continue
            if package and seq and not _SEQ.match(seq) and not _SUB_CATEGORY.match(seq):
                top, sub, package = None, None, False  # `七 · …`: the package's next sibling
            if seq and seq in seen and _similar(seen[seq], name):
                continue  # the same row printed again after a page break
            if seq:
                seen[seq] = name
            content = "".join(clean(row.get(i)) for i in content_cols)
            text = f"{squash(name)}：{content}" if content else squash(name)
            others: dict[str, list[str]] = {}
            lead_text = "、".join(row.get(i) for i in lead_cols if row.get(i).strip())
            units = parse_units(lead_text)
            support = list(units.support)
            for i in support_cols:
                su = parse_units(row.get(i))
                names = [n for n in su.lead + su.support if n not in units.lead]
                support += [n for n in names if n not in support]
                header = squash(seg.header[i])
                if names and "配合" not in header:  # the printed role (`推进单位`) is kept
                    others[header] = names
            for i in other_cols:
                ou = parse_units(row.get(i))
                names = ou.lead + ou.support
                if names:
                    others[squash(seg.header[i])] = names
            cell = squash(row.get(deadline_col))
            dl = deadline_from_cell(cell, ctx.year) if cell else None
            if dl is None and not cell:
                dl = find_deadline(content, ctx.year)
            if dl is None and scope is not None:
                dl = Deadline(f"{scope[0]}-12-31", scope[1])
            amounts: list[Amount] = []
            for i in money_cols:
                a = cell_amount(row.get(i), multipliers[i])
                if a is not None:
                    amounts.append(a)
            amounts += find_amounts(text)
            for i in target_cols:
                amounts += find_amounts(row.get(i))
            tasks.append(
                table_task(
                    ctx,
                    section,
                    ref=seq or label or None,
                    group=sub or top,
                    leader=clean(row.get(leader_col)) or None,
                    text=text,
                    lead_units=units.lead,
                    support_units=support,
                    other_units=others,
                    deadline=dl.iso if dl else None,
                    deadline_text=(cell or dl.text) if dl else None,
                    amounts=amounts,
                    line=row.line,
                    person=clean(row.get(person_col)) or None,
                )
            )
    return tasks


def find(ctx: DocumentContext) -> FinderResult:
    """Tasks of every project table in the document."""
    tables = tables_of_kind(ctx, is_project_table)
    if not tables:
        return FinderResult()
    inside = set().union(*(t.lines for t in tables))
    doc_text = "\n".join(sl.text for sl in ctx.lines if sl.no not in inside)
    return claim_tables(tables, lambda t: tasks_of(t, ctx, doc_text))
