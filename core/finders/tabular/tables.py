"""Task-division tables (任务分工 / 重点任务分工): one task per row or per `(n)` sub-item.

Columns are recognised by meaning (`table_kinds.py`), so `序号 · 任务 · 主要内容 ·
责任单位`, `序号 · 重点任务 · 牵头单位 · 配合单位 · 完成时限` and `工作事项 · 具体措施 ·
责任部门 · 时间节点` read alike. The PDF artifacts handled by general rules:

- a row continued on the next page (empty 序号, or the same 序号 printed again under the
  repeated header) extends the row above;
- each `(n)` sub-item of a content cell is a task; its units (deadline, person) are the
  n-th paragraph of the units (deadline, person) cell, a merged units cell is shared, and
  a units cell left empty inherits the row's previous units;
- a sub-item whose number continues the previous row's numbering, printed at the head of
  the next row (the extractor shifted it), belongs to the previous row;
- a row whose empty first cell was printed at its end is read shifted back;
- with no units column, a `（责任单位：…）` annotation closing the details cell names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.fields.deadlines import Deadline, deadline_of_cell, find_deadline
from core.fields.money import cell_amount, find_amounts, unit_multiplier
from core.fields.units import first_listed_leads, lead_mark, looks_like_unit, parse_units
from core.finders.base import DocumentContext, FinderResult
from core.finders.prose.text_annotations import annotation_spans, split_annotation
from core.finders.tabular.table_cells import (
    Item,
    assign_groups,
    clean,
    is_total,
    split_items,
    unit_groups,
)
from core.finders.tabular.table_grid import Role, Row, Table, squash
from core.finders.tabular.table_kinds import (
    claim_tables,
    is_task_table,
    section_of,
    table_task,
    tables_of_kind,
    text_columns,
    unit_source,
)
from core.model import Amount, Task
from core.text.lines import PARA_SEP

_SEQ = re.compile(r"^\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]?\s*$")
_CATEGORY = re.compile(
    r"^\s*[一二三四五六七八九十]+\s*[、.．]|^\s*[(（][一二三四五六七八九十]+[)）]"
)


# A task name's own number (`1.政府工作要做到公开透明`, `（3）…`).
_OWN_NUMBER = re.compile(r"^(?:\d{1,3}\s*[.、．]|[(（]\d{1,3}[)）])\s*")


@dataclass
class _Entry:
    """One sub-item (or whole row) on its way to becoming a Task."""

    seq: str | None
    group: str | None
    item: Item
    line: int
    units: str | None
    support: str | None = None
    deadline_cell: str = ""
    leader: str = ""
    person: str = ""
    others: dict[str, str] = field(default_factory=dict)
    category: str | None = None
    require_units: bool = False  # units inferred from cell values: no unit, no task
    money: list[tuple[str, str]] = field(default_factory=list)  # (header, cell) of 资金 columns
    # the text is a problem found (存在问题, 发现问题 column): its dates are the problem's
    # history (`计划2016年1月完工`), not when it must be put right
    problem: bool = False
    # the one year the table's plan columns are scoped to (`2016年计划完成投资`), if any
    year_scope: tuple[int, str] | None = None
    # cells taken from a merged cell of the rows above ("units", "deadline", "leader",
    # "person"): the row's own rest, printed in the next line, replaces them
    carried: set[str] = field(default_factory=set)


_PROBLEM_HEADER = re.compile(r"问题(?!.*(?:措施|任务|目标))")


def _split_annotation(text: str) -> tuple[str, str | None]:
    """(text without its trailing annotation, the annotation's units) of a task text."""
    spans = annotation_spans(text)
    if not spans:
        return text, None
    start, end, content = spans[-1]
    if text[end:].strip(" 。；;，,"):
        return text, None  # mid-text: a reference, not the row's responsibility
    units, _rest = split_annotation(content)
    body = text[:start].rstrip(" ；;，,")
    return body, units or None


def _join(a: str, b: str) -> str:
    from core.text.normalize import join_broken

    return join_broken(a, b)


def _paragraphs(cell: str, n: int) -> list[str]:
    paras = [clean(p) for p in cell.split(PARA_SEP) if clean(p)]
    return paras if len(paras) == n else []


def _shifted_back(row: Row, text_col: int) -> Row:
    """A row whose missing leading cell the extractor printed at the end instead
    (`蔡家崖北站\t负责组织…\t`): its text column is empty, its first cell is a value
    rather than a 序号, and moving it right by its trailing empty cells fills the text."""
    cells = row.cells
    if squash(row.get(text_col)) or sum(1 for c in cells if squash(c)) < 2:
        return row  # text present, or a one-cell label row (category, 合计)
    if not squash(cells[0]) or _SEQ.match(squash(cells[0])) or _NUMBERED.match(cells[0]):
        return row  # `19.督导检查…` is the row's own numbered task name, its 要求 cell empty
    k = 0
    while k < len(cells) and not squash(cells[-1 - k]):
        k += 1
    if k == 0 or k >= len(cells):
        return row
    shifted = [""] * k + cells[: len(cells) - k]
    if text_col >= len(shifted) or not squash(shifted[text_col]):
        return row
    return Row(line=row.line, cells=shifted, after_break=row.after_break)


# A numbered task name opening a row (`19.督导检查建设单位…`): a value of the first column.
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*[.、．]\s*\D")

_TERMINAL = ("。", "；", ";", "！", "？", "”", "）", ")")


def _follows(prev: Item, item: Item) -> bool:
    """`item` is numbered one after `prev` (`(2)` after `(1)`)."""
    return prev.number is not None and item.number == prev.number + 1


def _numbered_through(table: Table) -> bool:
    """Whether the sub-items are numbered through the whole table (`1、…` to `46、…` across
    its rows) rather than afresh in each row: then a row opening with the next number is
    that row's own item, not one the extractor shifted down from the row above."""
    starts: list[int] = []
    for seg in table.segments:
        seq_col = seg.col(Role.SEQ)
        _g, text_col = text_columns(seg)
        if seq_col is None or text_col is None:
            continue
        for row in seg.rows:
            if _SEQ.match(squash(row.get(seq_col))):
                _p, items = split_items(row.get(text_col))
                if items and items[0].number is not None:
                    starts.append(items[0].number)
    return len(starts) >= 3 and sum(1 for n in starts[1:] if n > 1) * 2 > len(starts) - 1


def _rows(table: Table) -> list[_Entry]:
    """Every sub-item of the table with its row, units and cells, continuations merged."""
    through = _numbered_through(table)
    entries: list[_Entry] = []
    cur_seq: str | None = None
    cur_group: str | None = None
    category: str | None = None
    last_units: str | None = None
    last_support: str | None = None
    # deadline / leader / person of the current row, or of the cell merged down into it
    row_cells: dict[str, str] = {}
    for seg in table.segments:
        seq_col = seg.col(Role.SEQ)
        group_col, text_col = text_columns(seg)
        name_prefix = group_col is not None and seg.roles[group_col] is Role.NAME
        source, unit_col = unit_source(seg)
        lead_cols = seg.cols(Role.LEAD) if source == "header" else []
        support_cols = seg.cols(Role.SUPPORT)
        if source == "values" and unit_col is not None:
            lead_cols = [unit_col]
        deadline_col = seg.col(Role.DEADLINE)
        leader_col = seg.col(Role.LEADER)
        person_col = seg.col(Role.PERSON)
        other_cols = seg.cols(Role.UNIT)
        money_cols = seg.cols(Role.MONEY)
        scope = seg.year_scope()
        if text_col is None:
            continue
        # a cell merged over several rows prints in its first row only: a later row of the
        # same printed part (never one past a page break) with that cell empty keeps it
        spans = False
        for row in seg.rows:
            row = _shifted_back(row, text_col)
            seq_cell = squash(row.get(seq_col))
            text_cell = row.get(text_col).strip()
            group_cell = clean(row.get(group_col)) if group_col is not None else ""
            if name_prefix and group_cell and text_cell and not _NUMBERED.match(text_cell):
                # `<name>：<details>`; a details cell numbering its own items (`1.地区生产总值…`)
                # makes the name their category (the group), not a prefix
                text_cell = f"{squash(group_cell)}：{text_cell}"
            elif group_col != text_col and _NUMBERED.match(group_cell) and not text_cell:
                text_cell = group_cell  # no 要求 printed: the numbered task name is the task
            filled = [c for c in row.cells if squash(c)]
            if is_total(seq_cell) or is_total(group_cell) or is_total(text_cell):
                continue
            if len(filled) == 1 and _CATEGORY.match(filled[0]):
                category = clean(filled[0])  # a category row: 一、… / （一）…
                cur_seq, cur_group = None, None  # numbering may restart under it
                row_cells = {}  # no merged cell spans a full-width row
                continue
            if seq_cell and not _SEQ.match(seq_cell) and not text_cell and not group_cell:
                category = clean(seq_cell)
                cur_seq, cur_group = None, None
                row_cells = {}
                continue
            m = _SEQ.match(seq_cell)
            if seq_col is not None:
                new_row = m is not None and m.group(1) != cur_seq
            else:  # no 序号 column: a printed task name starts a row
                new_row = bool(group_cell) and squash(group_cell) != cur_group
            if m:
                cur_seq = m.group(1)
            merged_above, spans = spans and not row.after_break, True
            if new_row and not merged_above:
                row_cells = {}
            own = {
                key: row.get(col)
                for key, col in (
                    ("deadline", deadline_col),
                    ("leader", leader_col),
                    ("person", person_col),
                )
                if squash(row.get(col))
            }
            inherited = set(row_cells) - set(own) if new_row else set()
            row_cells.update(own)
            if group_cell and (new_row or not cur_group):
                cur_group = squash(group_cell)
            # a new 序号 under an empty task-name cell keeps the name: the cell was merged
            # over several rows
            if not text_cell and group_cell and text_col != group_col:
                text_cell = group_cell if group_col is not None and not new_row else text_cell
            lead_text = PARA_SEP.join(row.get(i) for i in lead_cols if row.get(i).strip())
            support_text = PARA_SEP.join(row.get(i) for i in support_cols if row.get(i).strip())
            if source == "values" and not looks_like_unit(squash(lead_text)):
                lead_text = ""  # a leader or a person in the names column: no unit
            if source == "label" and unit_col is not None:
                label, named = squash(row.get(unit_col)), row.get(unit_col + 1).strip()
                if re.match(r"^(牵头|责任|主责)", label):
                    lead_text = named
                elif label:
                    support_text = named
            prefix, items = split_items(text_cell)
            # `区旅游发展局：⑴…⑵…`: a short name before the sub-items covers them (their group)
            lead_in = prefix.rstrip("：:").strip() if prefix.endswith(("：", ":")) else ""
            lead_in = lead_in if len(items) > 1 and 2 <= len(lead_in) <= 30 else ""
            if not items:
                if entries and not new_row and (lead_text or support_text):
                    # a units cell continued on the next page
                    e = entries[-1]
                    if lead_text:
                        e.units = _join(e.units or "", lead_text)
                    if support_text:
                        e.support = _join(e.support or "", support_text)
                continue
            # a row whose text stops mid-sentence with no units: the rest of the row follows
            cut_short = (
                bool(entries)
                and seq_col is not None
                and (
                    not (entries[-1].units or entries[-1].support) or "units" in entries[-1].carried
                )
                and not clean(entries[-1].item.text).endswith(_TERMINAL)
            )
            if (
                entries
                and not new_row
                and (not (lead_text or support_text) or cut_short)
                and items[0].number is None
                and len(items) == 1
                and entries[-1].seq == cur_seq
            ):
                # the cell ran on past the page break (or wrapped onto the next line): same
                # sub-item, text continued; when the row's first part stopped before its
                # units cells, the rest of the row (units, deadline, money) is here
                e = entries[-1]
                e.item = Item(e.item.number, _join(e.item.text, items[0].text))
                if "units" in e.carried and (lead_text or support_text):
                    e.units, e.support = None, None  # the row's own units are here
                for key in e.carried & set(own):
                    e.deadline_cell = own[key] if key == "deadline" else e.deadline_cell
                    e.leader = clean(own[key]) if key == "leader" else e.leader
                    e.person = clean(own[key]) if key == "person" else e.person
                e.carried = set()
                if lead_text and not e.units:
                    e.units = lead_text
                if support_text and not e.support:
                    e.support = support_text
                e.deadline_cell = e.deadline_cell or row_cells.get("deadline", "")
                e.leader = e.leader or clean(row_cells.get("leader", ""))
                e.person = e.person or clean(row_cells.get("person", ""))
                if not any(squash(c) for _h, c in e.money):
                    e.money = [(seg.header[i], row.get(i)) for i in money_cols]
                for i in other_cols:
                    if row.get(i) and not e.others.get(squash(seg.header[i])):
                        e.others[squash(seg.header[i])] = row.get(i)
                last_units, last_support = e.units, e.support
                continue
            groups = unit_groups(lead_text, len(items)) if lead_text else []
            sgroups = unit_groups(support_text, len(items)) if support_text else []
            assigned = assign_groups(items, groups)
            s_assigned = assign_groups(items, sgroups)
            # a leading run continuing the previous row's numbering was shifted down
            shift_to_prev = 0
            if new_row and entries and items[0].number not in (None, 1) and not through:
                prev = [e for e in entries if e.seq == entries[-1].seq]
                last_no = prev[-1].item.number if prev else None
                if last_no is not None and items[0].number == last_no + 1:
                    k = 0
                    while k < len(items) and (k == 0 or _follows(items[k - 1], items[k])):
                        k += 1
                    shift_to_prev = k
            # one person per sub-item when the 责任人 cell has a paragraph for each
            persons = _paragraphs(row_cells.get("person", ""), len(items))
            # and one deadline per sub-item when the 完成时限 cell has a paragraph for each
            deadlines = _paragraphs(row_cells.get("deadline", ""), len(items))
            prev_seq = entries[-1].seq if entries else None
            prev_group = entries[-1].group if entries else None
            for k, item in enumerate(items):
                units = assigned[k] if assigned[k] is not None else None
                support = s_assigned[k] if s_assigned[k] is not None else None
                carried = set(inherited)
                if units is None and support is None and (merged_above or not new_row):
                    # an empty units cell, or one merged with the row above: the units above
                    units, support = last_units, last_support
                    if new_row and (units or support):
                        carried.add("units")
                shifted = k < shift_to_prev
                entries.append(
                    _Entry(
                        seq=prev_seq if shifted else cur_seq,
                        group=prev_group if shifted else (cur_group or lead_in or None),
                        item=item,
                        line=row.line,
                        units=units,
                        support=support,
                        deadline_cell=deadlines[k] if deadlines else row_cells.get("deadline", ""),
                        leader=clean(row_cells.get("leader", "")),
                        person=persons[k] if persons else clean(row_cells.get("person", "")),
                        others={
                            squash(seg.header[i]): row.get(i) for i in other_cols if row.get(i)
                        },
                        category=category,
                        require_units=source == "values",
                        problem=_PROBLEM_HEADER.search(squash(seg.header[text_col])) is not None,
                        money=[(seg.header[i], row.get(i)) for i in money_cols if k == 0],
                        year_scope=scope,
                        carried=carried,
                    )
                )
                last_units, last_support = units, support
    return entries


def _cell_amounts(entry: _Entry, table: Table) -> list[Amount]:
    """Money printed in a 资金 column, in the unit its header or the table title states."""
    out: list[Amount] = []
    for header, cell in entry.money:
        mult = unit_multiplier(header)
        for text in [*table.context, table.title or ""]:
            mult = mult if mult is not None else unit_multiplier(text)
        a = cell_amount(cell, mult)
        if a is not None:
            out.append(a)
    return out


def _ref(entry: _Entry) -> str | None:
    if entry.item.number is None:
        return entry.seq
    if entry.seq is None:
        return f"({entry.item.number})"
    return f"{entry.seq}/({entry.item.number})"


def tasks_of(
    table: Table, ctx: DocumentContext, first_leads: bool, mark: str | None = None
) -> list[Task]:
    tasks: list[Task] = []
    section = section_of(table)
    leader = ""
    entries = _rows(table)
    # how many items each printed name covers (a name merged over several rows covers all)
    per_group: dict[tuple[str | None, str | None], int] = {}
    for e in entries:
        key = (e.category, e.group)
        per_group[key] = per_group.get(key, 0) + 1
    for e in entries:
        leader = e.leader or leader
        text, noted = _split_annotation(e.item.text)
        group = e.group or e.category
        if e.group and per_group[(e.category, e.group)] == 1 and e.item.number is None:
            # the row's own short name beside its details (工作任务 · 工作要求): `<name>：<details>`
            name = _OWN_NUMBER.sub("", e.group)
            if name and not text.startswith(name):
                text = f"{name}：{text}"
                group = e.category
        if noted and not (e.units or e.support):
            e.units = noted
        u = parse_units(e.units or "", first_is_lead=first_leads, lead_mark=mark)
        lead, support = list(u.lead), list(u.support)
        if e.support:
            s = parse_units(e.support)
            for name in s.lead + s.support:
                if name not in lead and name not in support:
                    support.append(name)
        if not lead and support and not e.units:
            lead, support = support, []
        if e.require_units and not lead:
            continue
        dl = deadline_of_cell(e.deadline_cell, ctx.year)
        if dl is None and not e.problem:
            dl = find_deadline(text, ctx.year)
        if dl is None and e.year_scope is not None:
            dl = Deadline(f"{e.year_scope[0]}-12-31", e.year_scope[1])
        others = {}
        for header, cell in e.others.items():
            ou = parse_units(cell)
            names = ou.lead + ou.support
            if names:
                others[header] = names
        tasks.append(
            table_task(
                ctx,
                section,
                ref=_ref(e),
                group=group,
                leader=e.leader or None,
                text=text,
                lead_units=lead,
                support_units=support,
                other_units=others,
                deadline=dl.iso if dl else None,
                deadline_text=dl.text if dl else None,
                amounts=_cell_amounts(e, table) + find_amounts(text),
                line=e.line,
                person=e.person or None,
            )
        )
    return tasks


def find(ctx: DocumentContext) -> FinderResult:
    """Tasks of every task-division table in the document."""
    tables = tables_of_kind(ctx, is_task_table)
    if not tables:
        return FinderResult()
    text = "\n".join(sl.text for sl in ctx.lines)
    first_leads = first_listed_leads(text)
    mark = lead_mark(text)
    return claim_tables(tables, lambda t: tasks_of(t, ctx, first_leads, mark))
