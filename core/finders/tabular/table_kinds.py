"""Which kind a table is (task division or project) and which columns hold what.

Columns are recognised by meaning (see `table_grid.Role`), then by their values when no
header names them: a role-label column, a column of unit names, a column of sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from core.fields.units import looks_like_unit
from core.finders.base import DocumentContext, FinderResult
from core.finders.prose.text_annotations import annotation_spans
from core.finders.tabular.table_grid import Role, Segment, Table, squash
from core.model import Task

_ROLE_LABEL = re.compile(r"^(牵头|责任|主责|成员|配合|协办|参与|协同)(单位|部门)$")


def mostly(
    cells: list[str], test: Callable[[str], object], tenths: int = 6, least: int = 1
) -> bool:
    """At least `tenths` in ten of the filled cells (and `least` of them at all) pass
    `test`."""
    filled = [squash(c) for c in cells if squash(c)]
    return len(filled) >= least and sum(1 for c in filled if test(c)) * 10 >= len(filled) * tenths


def role_label_column(seg: Segment) -> int | None:
    """A column of role labels (`牵头单位` / `成员单位`) whose right neighbour holds the
    units: `综合协调组 · 牵头单位 · 县应急局 · 职责` + `· 成员单位 · 县发改局、… ·`."""
    for i in range(len(seg.header) - 1):
        if mostly([r.get(i) for r in seg.rows], _ROLE_LABEL.match):
            return i
    return None


def unit_valued_column(seg: Segment) -> int | None:
    """With no responsibility header, a column left of the details whose cells are mostly
    unit names (`成员单位 · 县委宣传部 · 负责…`) names who is responsible."""
    content = seg.col(Role.CONTENT)
    if content is None:
        return None
    for i in range(content - 1, -1, -1):
        if seg.roles[i] in (Role.SEQ, Role.DEADLINE, Role.START, Role.MONEY):
            continue
        if mostly([r.get(i) for r in seg.rows], looks_like_unit):
            return i
    return None


def unit_source(seg: Segment) -> tuple[str, int | None]:
    """How a segment names its units: 'header' (牵头/责任/配合 columns), 'label' (a role-label
    column), 'values' (a column of unit names), or 'none'."""
    if seg.cols(Role.LEAD) or seg.cols(Role.SUPPORT):
        return "header", None
    col = role_label_column(seg)
    if col is not None:
        return "label", col
    col = unit_valued_column(seg)
    if col is not None:
        return "values", col
    if _annotated(seg):
        return "annotation", None
    return "none", None


def _annotated(seg: Segment) -> bool:
    """No units column, but the details cells close with `（责任单位：…）` annotations."""
    _group, text_col = text_columns(seg)
    if text_col is None:
        return False
    return mostly([r.get(text_col) for r in seg.rows], annotation_spans)


def prose_column(seg: Segment) -> int | None:
    """With no recognised task or details header (`攻坚方向`, `改革清单`), the unlabelled
    column whose cells read as sentences carries the task: the longest on average, at
    least a short clause long."""
    if {Role.TASK, Role.CONTENT, Role.NAME} & set(seg.roles) or not seg.rows:
        return None
    best, best_len = None, 12.0
    for i, role in enumerate(seg.roles):
        if role is not Role.OTHER or not squash(seg.header[i]):
            continue
        cells = [squash(r.get(i)) for r in seg.rows]
        filled = [c for c in cells if c]
        mean = sum(len(c) for c in filled) / len(filled) if filled else 0.0
        if mean > best_len and len(filled) * 2 >= len(cells):
            best, best_len = i, mean
    return best


def _promote_prose(table: Table) -> None:
    for seg in table.segments:
        col = prose_column(seg)
        if col is not None:
            seg.roles[col] = Role.CONTENT


def is_task_table(table: Table) -> bool:
    """Task columns (a task or details column) plus a way of naming the responsible units,
    and not a project table (those belong to the projects finder)."""
    _promote_prose(table)
    roles = table.roles
    has_text = Role.TASK in roles or Role.CONTENT in roles
    has_units = any(unit_source(seg)[0] != "none" for seg in table.segments)
    return has_text and has_units and not is_project_table(table)


def is_project_table(table: Table) -> bool:
    """A project table: a 项目名称 column beside money, schedule or content columns.

    A `项目` column beside a `重点工作目标任务` column and nothing about money or schedule is
    a task table's category column (`主要预期目标`), not a list of projects."""
    for seg in table.segments:
        names = [seg.header[i] for i in seg.cols(Role.NAME)]
        if not any("项目" in squash(h) or "工程" in squash(h) for h in names):
            continue
        if {Role.MONEY, Role.DEADLINE, Role.START} & set(seg.roles):
            return True
        contents = [squash(seg.header[i]) for i in seg.cols(Role.CONTENT)]
        if contents and not any("任务" in h for h in contents):
            return True
    return False


def section_of(table: Table) -> str | None:
    """'附件 <title>' when the title sits under an 附件 heading, else the title."""
    title = table.title
    if not title:
        return None
    if any(re.match(r"^附\s*件\s*\d*[:：]?\s*$", c.strip()) for c in table.context[-3:]):
        return f"附件 {title}"
    return title


def text_columns(seg: Segment) -> tuple[int | None, int | None]:
    """(group column, text column): the details column carries the task text and a short
    task-name column beside it becomes the group; with one of them, it is the text."""
    candidates = [i for i, r in enumerate(seg.roles) if r in (Role.TASK, Role.CONTENT, Role.NAME)]
    content = [i for i in candidates if seg.roles[i] is Role.CONTENT]
    text_col = content[-1] if content else (candidates[-1] if candidates else None)
    group_col = next((i for i in candidates if i != text_col and i < (text_col or 0)), None)
    return group_col, text_col


def tables_of_kind(ctx: DocumentContext, kind: Callable[[Table], bool]) -> list[Table]:
    """The document's tables of one kind; none in a 目录, whose rows only list titles."""
    if ctx.document.is_toc:
        return []
    return [t for t in ctx.tables if kind(t)]


def table_task(ctx: DocumentContext, section: str | None, **fields: Any) -> Task:
    """A task read from a table row of the document (`fields`: the Task's own fields)."""
    fields.setdefault("ref", None)
    fields.setdefault("group", None)
    fields.setdefault("leader", None)
    return Task(
        doc_number=ctx.document.doc_number,
        doc_title=ctx.document.title,
        section=section,
        kind="table",
        **fields,
    )


def claim_tables(tables: list[Table], read: Callable[[Table], list[Task]]) -> FinderResult:
    """Each table's tasks; a table that yields any is claimed whole, so no later finder
    reads its rows again as lists or paragraphs."""
    result = FinderResult()
    for table in tables:
        tasks = read(table)
        if tasks:
            result.tasks.extend(tasks)
            result.claimed |= table.lines
    return result
