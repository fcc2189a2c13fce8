"""Quota tables: each row a unit, each figure the share of the work it owes.

A county divides a target among its towns in a table of its own (`XX年金桔生产任务分解表`):

    乡镇 · 新种任务(亩) · 备注
    全县合计 · 7000
    长安镇 · 2150 · 其中县农业投资有限公司新种任务1500亩…
    板榄镇 · 600

No cell holds a sentence: the obligation is the column's target, and the row's unit owes
its figure. Each unit row is a task whose text is `<column>：<figure>` (one part per target
column it fills), with its remark; a total row is none. A table is read so only when one
column names units row by row, at least one column named by a target (`任务`, `目标`) holds
nothing but figures, and no column holds the task sentences a division table has (that one
belongs to `tables`).
"""

from __future__ import annotations

import re

from core.fields.deadlines import find_deadline
from core.fields.money import find_amounts
from core.fields.units import is_unit_name, looks_like_unit
from core.finders.base import DocumentContext, FinderResult
from core.finders.tabular.table_cells import is_total
from core.finders.tabular.table_grid import Role, Segment, Table, squash
from core.finders.tabular.table_kinds import (
    claim_tables,
    mostly,
    section_of,
    table_task,
    tables_of_kind,
)
from core.model import Task

# A quantity: `2150`, `1.5万亩`, `30%`, `12个` (a number and at most a short measure).
_FIGURE = re.compile(r"^\d[\d.,，]*\s*(?:万|千|百)?[^\d\s]{0,3}$")
_TARGET_HEADER = re.compile(r"任务|目标|指标")
_REMARK_HEADER = re.compile(r"^(备注|说明)$")
_MIN_ROWS = 2
_TENTHS = 8  # in ten of a column's filled cells must read as its kind


def _is_unit(cell: str) -> bool:
    return looks_like_unit(cell) or is_unit_name(cell)


def _columns(seg: Segment) -> tuple[int, list[int], int | None] | None:
    """(units column, target columns, remark column) of a quota segment, or None."""
    if not any(_TARGET_HEADER.search(h) for h in seg.header):
        return None  # cheap first: most tables name no target column
    rows = [r for r in seg.rows if not is_total(r.get(0))]
    units = None
    targets: list[int] = []
    remark = None
    for i, header in enumerate(seg.header):
        cells = [squash(r.get(i)) for r in rows]
        h = squash(header)
        figures = mostly(cells, _FIGURE.match, _TENTHS, _MIN_ROWS)
        if seg.roles[i] in (Role.CONTENT, Role.NAME) and not figures:
            return None  # task sentences or project names: a division or project table
        if (
            units is None
            and not _TARGET_HEADER.search(h)
            and mostly(cells, _is_unit, _TENTHS, _MIN_ROWS)
        ):
            units = i
        elif _TARGET_HEADER.search(h) and figures:
            targets.append(i)
        elif _REMARK_HEADER.match(h):
            remark = i
    if units is None or not targets or any(t < units for t in targets):
        return None
    return units, targets, remark


def _is_quota_table(table: Table) -> bool:
    return all(_columns(seg) is not None for seg in table.segments)


def tasks_of(table: Table, ctx: DocumentContext) -> list[Task]:
    tasks: list[Task] = []
    section = section_of(table)
    for seg in table.segments:
        cols = _columns(seg)
        if cols is None:
            continue
        units, targets, remark = cols
        for row in seg.rows:
            unit = squash(row.get(units))
            if not unit or is_total(unit) or not _is_unit(unit):
                continue
            figures = [(squash(seg.header[i]), squash(row.get(i))) for i in targets]
            parts = [f"{header}：{figure}" for header, figure in figures if figure]
            if not parts:
                continue
            text = "；".join(parts)
            note = row.get(remark).strip() if remark is not None else ""
            if note:
                text = f"{text}；{note}"
            dl = find_deadline(text, ctx.year)
            tasks.append(
                table_task(
                    ctx,
                    section,
                    ref=None,
                    group=None,
                    leader=None,
                    text=text,
                    lead_units=[unit],
                    deadline=dl.iso if dl else None,
                    deadline_text=dl.text if dl else None,
                    amounts=find_amounts(text),
                    line=row.line,
                )
            )
    return tasks


def find(ctx: DocumentContext) -> FinderResult:
    """Tasks of every quota table in the document."""
    tables = tables_of_kind(ctx, _is_quota_table)
    if not tables:
        return FinderResult()
    return claim_tables(tables, lambda t: tasks_of(t, ctx))
