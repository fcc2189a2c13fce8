"""Task tables without a 序号 column, printed one cell per line, rebuilt into tab rows.

A 任务分解表 whose first column holds the numbered task itself prints, once a PDF or web
export has put each cell on its own line:

    主要工作任务 / 牵头单位 / 责任单位 / 一、<category> / 1.<task…> / 区发改局 / 区工信局、…

There is no 序号 line to anchor a row (see `cell_lines` for tables that have one): the header
is a run of short lines naming a task column, then unit columns, then perhaps columns of
details (`工作要求`, `完成时限`, `备注`), and each row opens with the task's own number (`1.`,
`2、`). The task's lines run until the first line that lists units; the unit lines that
follow fill the unit columns in order (more unit lines than columns: the last column takes
the rest, a wrapped list). With no details column, a category line (`一、…`) or anything
that is neither ends the row; with one, the lines after the units are its text (one line
per column, the last taking the rest of a wrapped cell) until the next item or category.
Rows are rebuilt only when every numbered item under the header reads so; otherwise the
lines are left exactly as they are. As in `cell_lines`, a rebuilt row keeps the number of
its first line and the lines it absorbed become blank.
"""

from __future__ import annotations

import re

from core.finders.tabular.table_grid import CATEGORY_LINE, HEADER_WORD, Role, classify, squash
from core.formats.cell_lines import PROBLEM_HEADER, unit_pieces
from core.formats.rebuild import rebuild_runs

_TEXT_ROLES = (Role.TASK, Role.CONTENT, Role.NAME)
_UNIT_ROLES = (Role.LEAD, Role.SUPPORT, Role.UNIT)
# Columns after the units: details, a deadline, a target, a remark.
_TRAILING_ROLES = (Role.CONTENT, Role.DEADLINE, Role.TARGET, Role.OTHER)
# A line after a table, never part of its last row's details.
_AFTER_TABLE = re.compile(r"^\s*(?:注|附件|附表|抄送|说明)\s*\d*\s*[:：]|^\s*附\s*件\s*\d*\s*$")
_ITEM = re.compile(r"^\s*\d{1,3}\s*[.、．]\s*\S")
_HEADER_LINE = re.compile(
    r"^[^\S\n]*[^\s\t]{0,8}(?:任务|工作|内容|事项|措施|名称|项目|重点|实事|问题)[^\s\t]{0,8}[^\S\n]*$",
    re.MULTILINE,
)
_MAX_HEADER = 5
_MIN_ROWS = 2


def rebuild_item_tables(text: str) -> str:
    """The text with every such table rebuilt as tab rows; the rest unchanged (same line
    count)."""
    if "单位" not in text and "部门" not in text:
        return text
    # cheap first: a header opens with a short line naming the task column
    return rebuild_runs(text, _HEADER_LINE, _rebuild_at)


def _rebuild_at(raw: list[str], i: int) -> int | None:
    """Rebuild the table whose header opens at line i; the index of its last line."""
    header = _header_at(raw, i)
    if header is None:
        return None
    cols, units, end = header
    rows = _rows(raw, end, cols, units)
    if rows is None:
        return None
    first = next(k for k in range(i, end) if raw[k].strip())
    for k in range(i, end):
        raw[k] = ""
    raw[first] = "\t".join(cols)
    last = end
    for row_at, cells, used in rows:
        for k in used:
            raw[k] = ""
        raw[row_at] = "\t".join(cells)
        last = max(last, *used)
    return last


def _header_at(raw: list[str], i: int) -> tuple[list[str], int, int] | None:
    """The header opening at line i — a task column, unit columns, then perhaps details
    columns — as (columns, how many unit columns, the index after it), or None."""
    cols: list[str] = []
    units = 0
    j = i
    while j < len(raw) and len(cols) <= _MAX_HEADER + 1:
        t = squash(raw[j])
        if not t:
            if not cols:
                return None
            j += 1
            continue
        if "\t" in raw[j] or len(t) > 10:
            break
        role = _role(t)
        if not cols:
            if role not in _TEXT_ROLES:
                return None
        elif len(cols) == 1 and not units and role in _TEXT_ROLES:
            pass  # `工作任务 · 工作要求`: a group's name, then the numbered task
        elif role in _UNIT_ROLES and len(cols) == _text_columns(cols) + units:
            units += 1
        elif not (units and role in _TRAILING_ROLES and HEADER_WORD.search(t)):
            break
        cols.append(t)
        j += 1
    if units == 0 or len(cols) < 2:
        return None
    return cols, units, j


def _lists_units(line: str) -> bool:
    """A units cell: a line of unit names, or a short one that opens with a unit and holds
    no sentence (a misprinted name, `各区属国有企企`, spoils only its own piece)."""
    units, pieces = unit_pieces(line)
    if units * 3 >= 2 * pieces > 0:
        return True
    return pieces >= 2 and units * 2 >= pieces and len(squash(line)) <= 40 and "。" not in line


def _role(name: str) -> Role:
    """What a column holds; an inspection's `存在问题` holds the text to put right."""
    return Role.CONTENT if PROBLEM_HEADER.match(name) else classify(name)


def _text_columns(cols: list[str]) -> int:
    """How many of the header's first columns hold text (a group's name, the task)."""
    return 2 if len(cols) >= 2 and _role(cols[1]) in _TEXT_ROLES else 1


def _repeated_header(raw: list[str], j: int, cols: list[str]) -> list[int] | None:
    """The lines of the header printed again at line j (after a page break), or None."""
    used: list[int] = []
    k = j
    while k < len(raw) and len(used) < len(cols):
        if raw[k].strip():
            if squash(raw[k]) != cols[len(used)]:
                return None
            used.append(k)
        k += 1
    return used if len(used) == len(cols) else None


def _rows(
    raw: list[str], j: int, cols: list[str], width: int
) -> list[tuple[int, list[str], list[int]]] | None:
    """The rows after a header: (first line, cells, lines used), or None when the lines
    under the header do not read as such rows. A header printed again is a row of its own,
    as in a table typed with tabs."""
    texts = _text_columns(cols)
    trailing = len(cols) - texts - width
    rows_at = (k for k in range(j, len(raw)) if raw[k].strip())
    first = next((k for k in rows_at if not CATEGORY_LINE.match(raw[k].strip())), None)
    if first is not None and texts == 2 and not trailing and not _ITEM.match(raw[first]):
        return _unnumbered_rows(raw, first, width)
    rows: list[tuple[int, list[str], list[int]]] = []
    n = len(raw)
    while j < n:
        t = raw[j].strip()
        if not t or CATEGORY_LINE.match(t):
            j += 1  # a category line stays a line of its own between the rows
            continue
        again = _repeated_header(raw, j, cols)
        if again is not None:
            rows.append((j, list(cols), again))
            j = again[-1] + 1
            continue
        if not _ITEM.match(t):
            break
        row = _row(raw, j, cols, width, trailing)
        if row is None:
            return None
        at, cells, used = row
        # the group's name stands on its own line above the row
        rows.append((at, [""] * (texts - 1) + cells, used))
        j = used[-1] + 1
    return rows if sum(1 for r in rows if r[1] != cols) >= _MIN_ROWS else None


# A date in a line makes it a task (`2016年6月底前划定…禁养区和可养区` ends like a unit).
_DATED = re.compile(r"\d{4}\s*年|\d{1,2}\s*月")


def _unnumbered_rows(
    raw: list[str], j: int, width: int
) -> list[tuple[int, list[str], list[int]]] | None:
    """Rows of a `存在问题 · 整改措施 · 责任单位` table whose rows carry no number: each row
    ends at its units line. Two text lines before it are the group's name (printed once,
    on the first row it spans) and the task; one is a task under the group above. More
    (a cell printed over several lines) cannot be told apart: the table is left alone."""
    rows: list[tuple[int, list[str], list[int]]] = []
    pending: list[int] = []
    for k in range(j, len(raw)):
        t = raw[k].strip()
        if not t:
            continue
        if not _lists_units(t) or _DATED.search(t):
            if _AFTER_TABLE.match(t) or len(pending) == 2:
                break
            pending.append(k)
            continue
        if not pending:
            break
        names = [raw[p].strip() for p in pending]
        group = names[0] if len(names) == 2 else ""
        cells = [group, names[-1], t] + [""] * (width - 1)
        rows.append((pending[0], cells, [*pending, k]))
        pending = []
    return rows if len(rows) >= _MIN_ROWS else None


def _row(
    raw: list[str], j: int, cols: list[str], width: int, trailing: int
) -> tuple[int, list[str], list[int]] | None:
    """One row from its numbered task line: the task's lines, its unit lines, then the
    lines of its details columns (when the header has any)."""
    text: list[str] = []
    units: list[str] = []
    details: list[str] = []
    used: list[int] = []
    k = j
    while k < len(raw):
        t = raw[k].strip()
        if not t:
            k += 1
            continue
        if k > j and (_ITEM.match(t) or CATEGORY_LINE.match(t) or squash(t) == cols[0]):
            break
        if details or (units and trailing and not _lists_units(t)):
            if _AFTER_TABLE.match(t):
                break
            details.append(t)
        elif _lists_units(t):
            units.append(t)
        elif units:
            break  # the text after the table
        else:
            text.append(t)
        used.append(k)
        k += 1
    if not text or not units:
        return None
    if len(units) > width:
        units = [*units[: width - 1], "、".join(units[width - 1 :])]
    cells = units + [""] * (width - len(units))
    if trailing:
        if len(details) > trailing:
            details = [*details[: trailing - 1], "".join(details[trailing - 1 :])]
        cells += details + [""] * (trailing - len(details))
    return j, ["".join(text), *cells], used
