"""Rebuild the tab-separated tables of one document into header-labelled rows.

Both table finders (task-division tables and project tables) read the same extraction
artifacts: the header row is repeated after every page break (sometimes with a running
title and a `单位：万元` line in between, sometimes with one column more or less), a second
header row carries sub-labels (`户次 · 人次`, `乡 · 村数`), and a row may lose leading empty
cells. This module turns those lines into `Table`s whose columns are known by their
*meaning* (`Role`), decided from the header wording, so that the finders never depend on
one gazette's column names or order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from core.text.lines import SourceLine


class Role(StrEnum):
    """What a column holds, read from its header."""

    SEQ = "seq"  # 序号
    TASK = "task"  # short task name: 任务, 重点任务, 工作事项
    CONTENT = "content"  # details: 主要内容, 具体措施, 目标任务, 目标要求, 主要职责
    NAME = "name"  # 项目名称
    LEAD = "lead"  # 牵头单位, 责任单位
    SUPPORT = "support"  # 配合单位, 协办单位
    UNIT = "unit"  # other unit columns: 主管部门, 建设单位, 项目单位, 行业部门
    LEADER = "leader"  # 分管领导, 分管县领导
    PERSON = "person"  # 责任人
    DEADLINE = "deadline"  # 完成时限, 完成时间, 时间节点, 建设工期
    START = "start"  # 开工时间: a start is never a deadline
    MONEY = "money"  # 资金规模, 整合资金拟安排金额
    TARGET = "target"  # 绩效目标
    OTHER = "other"


# Order matters: the first matching rule wins (目标任务 is details, not a target).
_ROLE_RULES: list[tuple[Role, re.Pattern[str]]] = [
    (Role.SEQ, re.compile(r"^(总)?(序号|编号|序)$")),
    (Role.LEADER, re.compile(r"(分管|责任|牵头|包联|联系)?(县)?领导")),
    (Role.PERSON, re.compile(r"^(?!.*(单位|部门)).*(责任人|负责人|联系人)$")),
    # `推进单位` beside `牵头部门` supports it (not `牵头推进单位`, nor a `推进时间` column).
    (
        Role.SUPPORT,
        re.compile(
            r"(配合|协办|协同|协助|协作|参与|参加|支撑)(单位|部门|机构)?|(?<!牵头)推进(单位|部门)"
        ),
    ),
    (
        Role.LEAD,
        re.compile(
            r"(牵头|责任|主责|负责|承办|主办|主抓|落实|承担|执行|完成|办理)"
            r"(单位|部门|科室|处室|股室|乡镇|主体|机构|处(?!理|置)|科(?!学|技)|股)|^牵头$|^责任方$"
        ),
    ),
    (Role.START, re.compile(r"(开工|开始|启动)(时间|日期)")),
    (
        Role.DEADLINE,
        re.compile(
            r"时限|完成(时间|日期|期限|节点)|时间(节点|要求|安排)|推进时间|^时间$|截止|"
            r"建设(工期|期限)|工期|实施(期限|时间)|进度(安排|要求|节点|计划)|时间进度|"
            # `建设起止年限`, `起止年限`, `建设年限`: a period whose end is due
            r"起止(年限|年度|时间)|(建设|实施)年限"
        ),
    ),
    # `投资重点内容`, `投资内容` describe what the money builds: details, not an amount.
    (
        Role.MONEY,
        re.compile(r"(资金|金额|投资|概算|预算|补助|奖补)(?!.*(类型|来源|性质|渠道|类|内容))"),
    ),
    (Role.UNIT, re.compile(r"(单位|部门|乡镇|业主|主体)$|主管|行业部门")),
    (
        Role.CONTENT,
        re.compile(
            r"内容|措施|目标(任务|要求)|职责|具体(工作|任务)|工作(要求|举措)|任务(分解|细化)|举措"
            # an inspection's problem list: each problem is what the unit must put right
            r"|问题(描述|表现)|具体问题"
        ),
    ),
    (Role.TASK, re.compile(r"任务|事项|工作|重点|类别|领域|环节|工作组|实事")),
    (Role.NAME, re.compile(r"(项目|工程)(名称)?$|名称$")),
    (Role.TARGET, re.compile(r"目标|成效|效益")),
]

# A units column of the issuing body itself (`本局责任处（单位）`, `我委责任科室`).
_OWN_BODY = re.compile(r"^(本|我)(局|委|办|厅|部门|单位|中心|院|所|级)|^局(属|内)")

# Words that make a cell look like a column header.
HEADER_WORD = re.compile(
    r"序号|编号|任务|措施|内容|单位|部门|时限|时间|期限|工期|名称|领导|责任|资金|金额|投资|目标|"
    r"备注|类型|性质|地点|职责|事项|牵头|配合|规模|要求|对象|工作组|节点|机构|成员|分工|实事"
)
# `2016年计划完成投资`, `2023年度目标`, `2024年工作目标`: a plan column scoped to one year.
_YEAR_SCOPE = re.compile(r"(?<![至到截])((?:19|20)\d{2})年度?(?=计划|目标|工作目标|力争|预计|拟)")
_UNIT_LINE = re.compile(r"^\s*(单位|计量单位|金额单位)\s*[:：]\s*(\S+)")
CATEGORY_LINE = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")
_NOTE = re.compile(r"^(注|备注|说明)\s*[:：\d]")
_SEQ_CELL = re.compile(r"^\s*(\d{1,3})\s*$")


def squash(text: str) -> str:
    """Text with all whitespace removed (header and unit comparison).

    `str.split()` splits on the same Unicode whitespace as `\\s` (PARA_SEP included) and is
    several times cheaper than a regex; the finders call this for every cell they look at.
    """
    return "".join(text.split()) if text else ""


# A bracketed count remarks on a column (`重点工作任务(杭州市2项配合工作)`); it names no role.
COUNT_REMARK = re.compile(r"[(（][^()（）]*\d[^()（）]*[)）]")


@lru_cache(maxsize=4096)
def classify(header: str) -> Role:
    """The role of a header cell; headers repeat at every page break, so it is cached."""
    # a bracketed count is a remark on the column (`重点工作任务(杭州市2项配合工作)`), not its role
    h = COUNT_REMARK.sub("", squash(header))
    if not h:
        return Role.OTHER
    for role, pat in _ROLE_RULES:
        if pat.search(h):
            return role
    return Role.OTHER


@dataclass
class Row:
    """One printed table line, its cells aligned to the header's columns."""

    line: int
    cells: list[str]
    printed: list[str] | None = None  # the cells as printed, when fewer than the header's
    after_break: bool = False  # first row after a page break that repeated no header

    def get(self, idx: int | None) -> str:
        if idx is None or idx >= len(self.cells):
            return ""
        return self.cells[idx]


@dataclass
class Segment:
    """The rows printed under one copy of the header (one page of the table)."""

    header: list[str]
    roles: list[Role]
    header_line: int
    rows: list[Row] = field(default_factory=list)

    def cols(self, role: Role) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r is role]

    def col(self, role: Role) -> int | None:
        found = self.cols(role)
        return found[0] if found else None

    def year_scope(self) -> tuple[int, str] | None:
        """The one year a table's plan columns are scoped to, when it has no deadline column.

        `2016年计划完成投资（亿元）` or `2023年度目标` over a table without a 完成时限 column
        makes every row a target of that year (DOMAIN.md: a target scoped to a year is due
        at its end). A cumulative `至2015年底完成投资` is not a scope; two different years
        leave it undecided.
        """
        if self.col(Role.DEADLINE) is not None:
            return None
        found: dict[int, str] = {}
        for i, role in enumerate(self.roles):
            if role not in (Role.MONEY, Role.TARGET):
                continue
            m = _YEAR_SCOPE.search(squash(self.header[i]))
            if m:
                found.setdefault(int(m.group(1)), m.group(0))
        if len(found) != 1:
            return None
        return next(iter(found.items()))


@dataclass
class Table:
    """A table continued across pages: its segments, title, money unit and lines."""

    segments: list[Segment]
    title: str | None  # nearest heading line above (附件 title)
    context: list[str]  # non-table lines inside/around it: 单位：万元, titles, footnotes
    lines: set[int]
    first_line: int

    @property
    def roles(self) -> set[Role]:
        return {r for s in self.segments for r in s.roles}


def cells_of(line: SourceLine) -> list[str]:
    return [c.strip() for c in line.text.split("\t")]


_DIGIT = re.compile(r"\d")
_OPEN_PAREN = re.compile(r"[(（]")
# A year naming a column (`2024年计划投资`, `2023年度完成投资`): a label, not a figure.
# A reporting period naming a column (`1-10月推进情况`, `8月计划进度`): a label too.
_YEAR_LABEL = re.compile(
    r"(?:19|20)\d{2}\s*年度?(?=\D)"
    r"|\d{1,2}(?:\s*[-—–~至]\s*\d{1,2})?\s*月份?(?=计划|推进|完成|进展|进度|工作|情况|落实)"
)


def is_header(cells: list[str]) -> bool:
    """A header row: ≥2 short cells naming columns, no data-looking cell.

    Every tab line of a document is asked this, so it gives up at the first long or
    figure-bearing cell instead of squashing the whole row first.
    """
    filled: list[str] = []
    for cell in cells:
        c = COUNT_REMARK.sub("", squash(cell))
        if not c:
            continue
        figures = _DIGIT.search(c) and _DIGIT.search(_YEAR_LABEL.sub("", c))
        if len(c) > 16 or (figures and not _OPEN_PAREN.search(c)):
            return False
        filled.append(c)
    if len(filled) < 2:
        return False
    hits = sum(1 for c in filled if HEADER_WORD.search(c))
    return hits >= 2 and hits * 2 >= len(filled)


def _is_subheader(cells: list[str], header: list[str]) -> bool:
    """A second header row: first cell empty, the rest short labels without figures."""
    if not cells or squash(cells[0]):
        return False
    found = False
    for cell in cells[1:]:
        c = squash(cell)
        if not c:
            continue
        if len(c) > 8 or _DIGIT.search(c):
            return False
        found = True
    return found


def _align(cells: list[str], width: int) -> list[str]:
    """Pad a short row; a row that lost its leading empty cells is right-aligned."""
    if len(cells) >= width:
        return cells[:width] if all(not c for c in cells[width:]) else cells
    if cells and not _SEQ_CELL.match(cells[0]) and width - len(cells) >= 1 and len(cells) >= 2:
        # a short row whose first cell is not a 序号 lost cells on the left
        return [""] * (width - len(cells)) + cells
    return cells + [""] * (width - len(cells))


def _title_above(lines: list[SourceLine], idx: int) -> str | None:
    """The table title: the nearest short non-table line above the header (skipping
    `单位：万元` and bare `附件N`)."""
    for j in range(idx - 1, max(-1, idx - 5), -1):
        t = lines[j].text.strip()
        if "\t" in t:
            break
        if _UNIT_LINE.match(t) or re.fullmatch(r"附\s*件\s*\d*[:：]?", t):
            continue
        if len(t) <= 60:
            return t
        break
    return None


def _header_at(lines: list[SourceLine], i: int) -> bool:
    """A header row, or the first line of a header wrapped over two lines (`序 · 重点 …`
    over `号 · 任务 …`), which only reads as a header once joined."""
    cells = cells_of(lines[i])
    if is_header(cells):
        return True
    if i + 1 >= len(lines) or "\t" not in lines[i + 1].text:
        return False
    sub = cells_of(lines[i + 1])
    if not _wraps(cells, sub):
        return False
    return is_header(_merge_subheader(cells, sub))


def find_tables(lines: list[SourceLine]) -> list[Table]:
    """Every header-led table of the document, page-break repeats merged.

    Read once per document through `DocumentContext.tables`, which both table finders use.
    A table printed one cell per line was rebuilt into tab rows before normalization
    (`core.formats.cell_lines`), so it is found here like any other.
    """
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if "\t" not in line.text:
            i += 1
            continue
        if not _header_at(lines, i):
            header = _headerless(lines, i)
            if header is None:
                i += 1
                continue
            # a table printed without its header row: read it under the header its cells
            # imply, a line standing where the header would be
            lines = [*lines[:i], SourceLine(line.no, "\t".join(header), line.page), *lines[i:]]
            n = len(lines)
        table = Table(
            segments=[],
            title=_title_above(lines, i),
            context=[],
            lines=set(),
            first_line=line.no,
        )
        for j in range(max(0, i - 4), i):
            if "\t" not in lines[j].text:
                table.context.append(lines[j].text)
        i = _read_table(lines, i, table)
        tables.append(table)
    return tables


_HEADERLESS_MIN_ROWS = 3


def _headerless(lines: list[SourceLine], i: int) -> list[str] | None:
    """The header implied by a run of rows printed without one (`1 · 完成…改造。 · 县教育局 ·
    已安装…`): at least three rows of one width numbered 1, 2, 3 …, one column of unit names
    in (nearly) every row and a column of sentences before it. None for anything else."""
    from core.fields.units import is_unit_list

    if i > 0 and "\t" in lines[i - 1].text:
        return None  # inside a table: only a run's first row may start one
    rows: list[list[str]] = []
    for sl in lines[i : i + 60]:
        if "\t" not in sl.text:
            break
        cells = [squash(c) for c in sl.text.split("\t")]
        if rows and len(cells) != len(rows[0]):
            break
        if not re.fullmatch(str(len(rows) + 1), cells[0]):
            break
        rows.append(cells)
    width = len(rows[0]) if rows else 0
    if len(rows) < _HEADERLESS_MIN_ROWS or width < 3:
        return None
    unit_col = next(
        (
            k
            for k in range(2, width)
            if sum(1 for r in rows if r[k] and is_unit_list(r[k])) * 5 >= 4 * len(rows)
        ),
        None,
    )
    if unit_col is None:
        return None
    text_col = max(range(1, unit_col), key=lambda k: sum(len(r[k]) for r in rows))
    if sum(len(r[text_col]) for r in rows) < 8 * len(rows):
        return None
    header = ["备注"] * width
    header[0], header[text_col], header[unit_col] = "序号", "工作任务", "责任单位"
    return header


def _start_segment(lines: list[SourceLine], i: int, table: Table) -> tuple[Segment, int]:
    header = cells_of(lines[i])
    table.lines.add(lines[i].no)
    i += 1
    if (
        i < len(lines)
        and "\t" in lines[i].text
        and (_is_subheader(cells_of(lines[i]), header) or _wraps(header, cells_of(lines[i])))
    ):
        sub = cells_of(lines[i])
        header = _merge_subheader(header, sub)
        table.lines.add(lines[i].no)
        i += 1
    elif i < len(lines) and "\t" in lines[i].text and _label_row(cells_of(lines[i])):
        spanned = _spanned_header(header, cells_of(lines[i]), _data_rows(lines, i + 1))
        if spanned is not None:
            header = spanned
            table.lines.add(lines[i].no)
            i += 1
    seg = Segment(header=header, roles=_roles(header), header_line=lines[i - 1].no)
    table.segments.append(seg)
    return seg, i


def _roles(header: list[str]) -> list[Role]:
    """Column roles, settled against each other: beside a 牵头单位 column, a 责任单位 column
    lists the units that share the work (`牵头单位 · 责任单位` reads as lead · support); beside
    the issuer's own units column (`本局责任处`), another lead column is the higher body's."""
    roles = [classify(h) for h in header]
    leads = [i for i, r in enumerate(roles) if r is Role.LEAD]
    own = [i for i in leads if _OWN_BODY.search(squash(header[i]))]
    if own and len(own) < len(leads):
        # A bureau passing on a higher body's table (`党工委管委会牵头部门 · 本局责任处`):
        # the issuer's own column says who does the work here; the higher body's lead is
        # kept as a printed role, not made the lead of the bureau's task.
        for i in leads:
            if i not in own:
                roles[i] = Role.UNIT
        return roles
    if len(leads) > 1 and any("牵头" in squash(header[i]) for i in leads):
        for i in leads:
            if "牵头" not in squash(header[i]):
                roles[i] = Role.SUPPORT
    return roles


def _known(cells: list[str]) -> int:
    return sum(1 for c in cells if classify(c) is not Role.OTHER)


def _merge_subheader(header: list[str], sub: list[str]) -> list[str]:
    """The header completed by its second row.

    A sub-label names its column when the main header cell is empty (受益对象 · 户次/人次);
    a header whose cells wrapped onto a second line (`重点 / 任务`, `牵头 / 单位`, `完成 /
    时限`) is read joined, when joining makes more columns recognisable than before.
    """
    sub = sub + [""] * (len(header) - len(sub))
    filled = [h or sub[k] for k, h in enumerate(header)]
    joined = [h + sub[k] for k, h in enumerate(header)]
    return joined if _known(joined) > _known(filled) else filled


def _wraps(header: list[str], sub: list[str]) -> bool:
    """The header's second printed line (`序 · 重点 · 牵头` over `号 · 任务 · 单位`): short
    labels without figures, one under each header cell, that make more columns known."""
    pairs = [(h, c) for h, c in zip(header, sub, strict=False) if squash(c)]
    if len(pairs) < 2 or any(not squash(h) or len(squash(c)) > 6 for h, c in pairs):
        return False
    if any(_DIGIT.search(c) for _h, c in pairs):
        return False
    sub = sub + [""] * (len(header) - len(sub))
    return _known([h + sub[k] for k, h in enumerate(header)]) > _known(header)


def _same_header(a: list[str], b: list[str]) -> bool:
    sa = {squash(c) for c in a if squash(c)}
    sb = {squash(c) for c in b if squash(c)}
    return bool(sa and sb) and len(sa & sb) * 2 >= max(len(sa), len(sb))


def _read_table(lines: list[SourceLine], i: int, table: Table) -> int:
    i = _read_rows(lines, i, table)
    for seg in table.segments:
        place_short_rows(seg)
        _unshift_merged_units(seg)
    return i


def _unshift_merged_units(seg: Segment) -> None:
    """A row that lost its units cell to a cell merged from above, yet kept the table's
    width with an empty cell at its end (`2 · <task> · <plan> · 已完成。… · ` under a
    `牵头单位` column): the cells from the units column on move one column right, the units
    cell stays empty (the finders carry the units down from the row above)."""
    units = [k for k, r in enumerate(seg.roles) if r in (Role.LEAD, Role.UNIT)]
    if len(units) != 1 or units[0] + 1 >= len(seg.header):
        return
    k = units[0]
    from core.fields.units import looks_like_unit, parse_units

    for row in seg.rows[1:]:
        cells = row.cells
        if len(cells) != len(seg.header) or squash(cells[-1]) or not squash(cells[k]):
            continue
        if not re.search(r"[。，,；;]", cells[k]):
            continue  # a short value that may well be a name
        named = parse_units(cells[k])
        if any(looks_like_unit(n) for n in (*named.lead, *named.support)):
            continue  # `县发改局牵头，县财政局配合`: units, however punctuated
        row.cells = [*cells[:k], "", *cells[k:-1]]


def _read_rows(lines: list[SourceLine], i: int, table: Table) -> int:
    seg, i = _start_segment(lines, i, table)
    n = len(lines)
    broke = False  # page furniture without a repeated header came before this line
    while i < n:
        line = lines[i]
        if "\t" in line.text:
            cells = cells_of(line)
            if is_header(cells):
                if not _same_header(cells, seg.header):
                    break  # a different table starts
                seg, i = _start_segment(lines, i, table)
                continue
            if _is_subheader(cells, seg.header) and not seg.rows:
                table.lines.add(line.no)
                i += 1
                continue
            first = squash(cells[0]) if cells else ""
            if _UNIT_LINE.match(first) and not any(squash(c) for c in cells[1:]):
                table.context.append(first)
                table.lines.add(line.no)
                i += 1
                continue
            aligned = _align(cells, len(seg.header))
            short = len(cells) < len(seg.header) and len(cells) >= 2
            seg.rows.append(
                Row(
                    line=line.no,
                    cells=aligned,
                    printed=cells if short else None,
                    after_break=broke,
                )
            )
            broke = False
            table.lines.add(line.no)
            i += 1
            continue
        # A tab-free category line (`一、交通基础设施`) between rows: a row of one cell.
        t = line.text.strip()
        if (
            CATEGORY_LINE.match(t)
            and len(t) <= 40
            and i + 1 < n
            and "\t" in lines[i + 1].text
            and not is_header(cells_of(lines[i + 1]))
        ):
            seg.rows.append(Row(line=line.no, cells=_align([t], len(seg.header))))
            table.lines.add(line.no)
            i += 1
            continue
        # A tab-free line: page furniture between two pages of the table (title, 单位：万元)
        # when a repeat of the header follows shortly; otherwise the table has ended.
        k = i
        while k < n and k - i < 4 and "\t" not in lines[k].text:
            k += 1
        if k < n and "\t" in lines[k].text and _same_header(cells_of(lines[k]), seg.header):
            for m in range(i, k):
                table.context.append(lines[m].text)
                table.lines.add(lines[m].no)
            i = k
            continue
        # a page break without a repeated header: short furniture lines, then rows as wide
        # as the table's
        if (
            k < n
            and "\t" in lines[k].text
            and not is_header(cells_of(lines[k]))
            and abs(len(cells_of(lines[k])) - len(seg.header)) <= 1
            and all(len(lines[m].text) <= 40 for m in range(i, k))
            and not any(_NOTE.match(lines[m].text.strip()) for m in range(i, k))
        ):
            for m in range(i, k):
                table.context.append(lines[m].text)
                table.lines.add(lines[m].no)
            i = k
            broke = True
            continue
        # footnotes right under the table (注：…, 列第一位的为牵头单位) belong to it
        for m in range(i, min(k, i + 2)):
            t = lines[m].text.strip()
            if _NOTE.match(t) or ("牵头单位" in t and len(t) < 60):
                table.context.append(t)
        break
    return i


# What a cell holds, for placing a row that lost cells to merged (row-spanning) neighbours.
_FEATURES: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\d{1,3}$"),  # a 序号
    re.compile(r"^\d{1,3}\s*[、.．]\D|^[(（]\d{1,2}[)）]"),  # a numbered sub-item
    re.compile(r"^(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月|全年|年底|年内|上半年|下半年|\d{4}[.\-/])"),
    re.compile(r"(?:局|委|办|厅|中心|公司|集团|政府|街道|乡镇|镇|部|站|所|处|队|院|会)$"),  # units
    re.compile(r"[。；;，,]"),  # a sentence
)


def _profile(cell: str) -> list[float]:
    c = squash(cell)
    feats = [1.0 if p.search(c) else 0.0 for p in _FEATURES]
    return [*feats, 1.0 if c else 0.0, min(len(c), 80) / 80.0]


def place_short_rows(seg: Segment) -> None:
    """Put the cells of a row that lost cells to merged neighbours under the right columns.

    A printed table merges a cell over several rows (序号 and 主要工作任务 on the left, 任务来源
    on the right); the rows under it print only their own cells. Which columns those are is
    read from the table's own full rows: each run of consecutive columns is scored by how
    much each cell resembles what that column holds (a 序号, a numbered sub-item, a date,
    unit names, sentences, its length). Right alignment stays unless another run fits
    clearly better.
    """
    width = len(seg.header)
    full = [
        r.cells for r in seg.rows if r.printed is None and sum(1 for c in r.cells if c) >= width - 1
    ]
    short = [r for r in seg.rows if r.printed is not None]
    if not short:
        return
    if len(full) < 2:
        _place_by_roles(seg)
        return
    cols: list[list[float]] = []
    for k in range(width):
        vals = [_profile(cells[k]) for cells in full if k < len(cells)]
        cols.append([sum(v[f] for v in vals) / len(vals) for f in range(len(vals[0]))])

    def fit(cells: list[str], offset: int) -> float:
        score = 0.0
        for j, cell in enumerate(cells):
            prof, col = _profile(cell), cols[offset + j]
            score += sum(1.0 - abs(a - b) for a, b in zip(prof, col, strict=True))
        return score

    def fit_ends(cells: list[str]) -> float:
        """The first cell under the first column, the rest under the last columns."""
        return fit(cells[:1], 0) + fit(cells[1:], width - len(cells) + 1)

    for i, row in enumerate(seg.rows):
        if row.printed is None:
            continue
        cells = row.printed
        n = len(cells)
        if n >= width:
            continue
        right = width - n
        scores = [(fit(cells, o), o) for o in range(width - n + 1)]
        best_score, best = max(scores, key=lambda x: (x[0], x[1]))
        if n >= 2 and fit_ends(cells) > max(best_score, fit(cells, right) + 0.5 * n):
            # `2.某项任务\t要求…` under a row whose middle cells (units) span down to it:
            # the spanned cells are the row above's.
            above = seg.rows[i - 1].cells if i else []
            middle = [above[k] if k < len(above) else "" for k in range(1, width - n + 1)]
            row.cells = [cells[0], *middle, *cells[1:]]
            continue
        if best != right and best_score > fit(cells, right) + 0.5 * n:
            row.cells = [""] * best + cells + [""] * (width - n - best)


# What a column of each role holds, in `_profile`'s terms (序号, sub-item, date, units,
# sentence, filled, length): the prior for a table too short of full rows to learn from.
_ROLE_PROFILE: dict[Role, list[float]] = {
    Role.SEQ: [1, 0, 0, 0, 0, 1, 0.02],
    Role.TASK: [0, 0.3, 0, 0, 0.3, 1, 0.2],
    Role.NAME: [0, 0.3, 0, 0, 0.3, 1, 0.2],
    Role.CONTENT: [0, 0.5, 0, 0, 1, 1, 0.6],
    Role.LEAD: [0, 0, 0, 1, 0, 1, 0.1],
    Role.SUPPORT: [0, 0, 0, 1, 0, 1, 0.15],
    Role.UNIT: [0, 0, 0, 1, 0, 1, 0.1],
    Role.LEADER: [0, 0, 0, 0, 0, 1, 0.04],
    Role.PERSON: [0, 0, 0, 0, 0, 1, 0.04],
    Role.DEADLINE: [0, 0, 1, 0, 0, 1, 0.08],
    Role.START: [0, 0, 1, 0, 0, 1, 0.08],
    Role.MONEY: [0.5, 0, 0, 0, 0, 1, 0.05],
}
_OTHER_PROFILE = [0, 0, 0, 0, 0.5, 1, 0.3]


def _place_by_roles(seg: Segment) -> None:
    """Place short rows by what their header says each column holds.

    With a single full row (`1 · 主要预期目标 · 1.地区生产总值… · 钱宇 · ★区发改委` over rows
    `2.一般公共预算收入… · ★区财政局`) nothing can be learnt from the data; each cell goes
    to the column whose role it resembles most, cells keeping their order, when that fits
    clearly better than where `_align` put it. Rows printing the same number of cells lost
    the same merged columns, so they are placed together, on the evidence of all of them.
    The columns a row skips stay empty: the finders carry a merged 序号 or 牵头领导 on from
    the row above.
    """
    width = len(seg.header)
    cols = [_ROLE_PROFILE.get(r, _OTHER_PROFILE) for r in seg.roles]

    def _role_fit(cell: str, k: int) -> float:
        fit = _cell_fit(cell, cols[k])
        if seg.roles[k] in (Role.LEAD, Role.SUPPORT, Role.UNIT) and VALUE_CELL.match(squash(cell)):
            fit -= 2.0  # `72%`, `3项`: a figure is never a unit name
        return fit

    by_width: dict[int, list[Row]] = {}
    for row in seg.rows:
        if row.printed is not None and 1 <= len(row.printed) < width:
            by_width.setdefault(len(row.printed), []).append(row)
    for n, rows in sorted(by_width.items()):
        printed = [r.printed or [] for r in rows]

        def fit(j: int, k: int, printed: list[list[str]] = printed) -> float:
            return sum(_role_fit(cells[j], k) for cells in printed)

        found = _monotone_fit(n, width, fit)
        if found is None:
            continue
        placed, score = found
        now = 0.0
        filled = 0
        for r, cells in zip(rows, printed, strict=True):
            # where `_align` put it: after a leading 序号 from the left, else from the right
            at = list(range(n)) if r.cells[:n] == cells else list(range(width - n, width))
            now += sum(_role_fit(c, k) for c, k in zip(cells, at, strict=True))
            filled += sum(1 for c in cells if squash(c))  # an empty cell fits anywhere
        if score <= now + 0.5 * filled:
            continue
        for r, cells in zip(rows, printed, strict=True):
            out = [""] * width
            for cell, k in zip(cells, placed, strict=True):
                out[k] = cell
            r.cells = out


# A value cell: figures, a percentage, a pair or range of them (`72%`, `15、37`, `1—8`).
VALUE_CELL = re.compile(r"^[\d.,，、%％/—\-]*\d[\d.,，、%％/—\-]*(?:万元|亿元|元|万|个|项|家|人)?$")


def _cell_fit(cell: str, col: list[float]) -> float:
    if not squash(cell):
        return 0.0  # an empty printed cell fits anywhere
    return sum(1.0 - abs(a - b) for a, b in zip(_profile(cell), col, strict=True))


def _monotone_fit(
    n: int, w: int, fit: Callable[[int, int], float]
) -> tuple[list[int], float] | None:
    """Increasing column indices for `n` cells among `w` columns maximising the summed
    `fit(cell, column)` (rightmost on ties), and that sum."""
    neg = float("-inf")
    best = [[neg] * w for _ in range(n)]
    back = [[-1] * w for _ in range(n)]
    for k in range(w):
        best[0][k] = fit(0, k)
    for j in range(1, n):
        run, arg = neg, -1
        for k in range(w):
            if k > 0 and best[j - 1][k - 1] >= run:
                run, arg = best[j - 1][k - 1], k - 1
            if run > neg:
                best[j][k], back[j][k] = run + fit(j, k), arg
    end = max(range(w), key=lambda k: (best[n - 1][k], k))
    if best[n - 1][end] == neg:
        return None
    placed = [end]
    for j in range(n - 1, 0, -1):
        placed.append(back[j][placed[-1]])
    return placed[::-1], best[n - 1][end]


def _label_row(cells: list[str]) -> bool:
    """A second header row printed without the cells its first row spans over
    (`计划投资（亿元） · 进度 · 单位名称 · 项目责任人 …`): short labels, no figures."""
    filled = [squash(c) for c in cells if squash(c)]
    if len(filled) < 2 or len(filled) != len([c for c in cells if c.strip()]):
        return False
    for c in filled:
        if len(c) > 10 or _DIGIT.search(re.sub(r"[(（][^)）]*[)）]", "", _YEAR_LABEL.sub("", c))):
            return False
    return sum(1 for c in filled if HEADER_WORD.search(c) or classify(c) is not Role.OTHER) >= 2


def _data_rows(lines: list[SourceLine], i: int) -> list[list[str]]:
    """The next few table rows after a header, for reading its layout."""
    out: list[list[str]] = []
    for sl in lines[i : i + 30]:
        if "\t" not in sl.text:
            break
        out.append(cells_of(sl))
        if len(out) >= 12:
            break
    return out


_LEAF_ROLES = (Role.SEQ, Role.MONEY, Role.DEADLINE, Role.START, Role.NAME, Role.CONTENT)
_GENERIC_CHILD = re.compile(r"^(?:单位)?名称$|^单位$")
_MONEY_VALUE = re.compile(r"^-?\d+(?:\.\d+)?$")
_PERIOD_VALUE = re.compile(r"(?:19|20)\d{2}|\d{1,2}\s*月|年底|全年")
_PERSON_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def _child_label(parent: str, child: str) -> str:
    """The header of a column under a spanning cell: `分级管理单位` over `单位名称` is
    `分级管理单位`; a person (`项目责任人`) is its own label; else parent and child."""
    p, c = squash(parent), squash(child)
    if _GENERIC_CHILD.match(c):
        return p
    if classify(c) in (Role.PERSON, Role.LEADER):
        return c
    return p + c


def _fits(role: Role, value: str) -> float:
    """How well a cell value fits a column role (1 fits, 0 does not, 0.5 cannot tell)."""
    v = squash(value)
    if not v:
        return 0.5
    if role is Role.SEQ:
        return 1.0 if re.fullmatch(r"\d{1,3}", v) else 0.0
    if role is Role.MONEY:
        return 1.0 if _MONEY_VALUE.match(v) else 0.0
    if role in (Role.DEADLINE, Role.START):
        return 1.0 if _PERIOD_VALUE.search(v) else 0.0
    if role in (Role.PERSON, Role.LEADER):
        return 1.0 if _PERSON_VALUE.match(v) else 0.0
    if role in (Role.LEAD, Role.SUPPORT, Role.UNIT):
        from core.fields.units import looks_like_unit

        return 1.0 if looks_like_unit(v) else 0.0
    if role in (Role.NAME, Role.CONTENT, Role.TASK, Role.TARGET):
        return 0.0 if _MONEY_VALUE.match(v) else 1.0
    return 0.5


def _spanned_header(header: list[str], sub: list[str], rows: list[list[str]]) -> list[str] | None:
    """The one-row header of a two-row header whose first row has cells spanning columns.

    The data rows are wider than the first row by (sub-labels - spanning cells); which of
    the first row's cells span is decided by the data: each layout is scored by how well
    every column's values fit the role its label names (figures under 投资, periods under
    年限, unit names under 单位, people under 责任人), and the best layout wins."""
    from itertools import combinations

    h = [c for c in header]
    kids = [c for c in sub if squash(c)]
    widths = [len(r) for r in rows if len(r) > len(h)]
    if not widths:
        return None
    width = max(set(widths), key=lambda w: (widths.count(w), w))
    extra = width - len(h)
    k = len(kids) - extra
    if extra <= 0 or k <= 0 or len(kids) % k:
        return None
    per = len(kids) // k
    data = [r for r in rows if len(r) == width][:10]
    if not data:
        return None
    best: tuple[float, list[str]] | None = None
    for n, parents in enumerate(combinations(range(len(h)), k)):
        if n > 5000:
            break
        out: list[str] = []
        q = 0
        for j, cell in enumerate(h):
            if j in parents:
                out += [_child_label(cell, kids[q + t]) for t in range(per)]
                q += per
            else:
                out.append(cell)
        roles = [classify(c) for c in out]
        score = sum(_fits(roles[c], r[c]) for r in data for c in range(width))
        # A cell naming a leaf column's data (序号, 项目名称, 总投资（亿元）, 建设年限) rarely
        # groups others; a grouping label (工作目标, 管理单位, 项目业主) does.
        score -= 0.25 * len(data) * sum(1 for j in parents if classify(h[j]) in _LEAF_ROLES)
        if best is None or score > best[0]:
            best = (score, out)
    return best[1] if best else None
