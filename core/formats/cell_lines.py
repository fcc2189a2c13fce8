"""Tables printed one cell per line, rebuilt into tab-separated rows.

pdftotext, pypdfium2 and many web exports give a ruled table's cells one after another,
each on its own line (a long cell over several lines), with nothing between the cells:

    序号 / 任务 / 主要内容 / 责任单位 / 1 / 提高政治站位 / 各部门、各乡镇要… / 县直各部门

The finders read tables as tab-separated rows, so such a run is rebuilt before they run.
It is recognised by its header: `序号` alone on a line, then short lines that name columns
by meaning (`table_grid.classify`), among them a task or project column and a unit,
deadline or money column. The header gives the column count; each row opens with its
序号 alone on a line, counting up. A row's lines are then shared out among the columns,
in order, by what each column holds: a 完成时限 cell reads as a date, a 资金 cell as a
figure, a 责任单位 cell as unit names, never as a sentence. Where a row's lines outrun the
columns, a cell was wrapped or held several paragraphs; where the unit cell is followed
by another sub-item, the row went on in a continuation row (its 序号 and task cells
merged with the row above), as the seed texts print them.

Prose never has this shape, and when a table's rows cannot be shared out convincingly
the lines are left exactly as they are. Each rebuilt row keeps the number of its first
source line, so a task still points the clerk at the printed row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.fields.units import looks_like_unit
from core.finders.tabular.table_grid import (
    CATEGORY_LINE,
    COUNT_REMARK,
    VALUE_CELL,
    Role,
    classify,
    squash,
)
from core.formats.rebuild import starts_with_label
from core.text.lines import SourceLine
from core.text.normalize import normalize_line

_SEQ_HEADER = re.compile(r"^总?(?:序号|编号|序)$")
# A 序号, perhaps marked (`1*`: an item the county leads rather than supports).
_SEQ = re.compile(r"^\d{1,3}[*＊★]?$")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
# A line holding nothing but 序号 (or 编号): where a one-cell-per-line header may start.
_SEQ_HEADER_LINE = re.compile(
    r"^[^\S\n]*(?:总[^\S\n]*)?(?:序[^\S\n]*号?|编[^\S\n]*号)(?:[^\S\n]*$|[ \u3000]+[^\s\d])",
    re.MULTILINE,
)
# A header printed on one line, its cells parted by spaces (`序号 任务 主要内容 责任单位`).
_SPACED_HEADER = re.compile(r"^\s*(?:序号|编号)[ \u3000]+\S")
# A row's number and the first lines of its cells side by side, as pdfium or `pdftotext
# -raw` print what shares a baseline (`1 提高政治站位 各部门、各乡镇要`).
_LEADING_SEQ = re.compile(r"^\s*(\d{1,3})[ \u3000]+(?=\S)")
_CELL_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f]|[(（]\d)")
_YEAR_LABEL = re.compile(r"(?:19|20)\d{2}年度?")
_SENTENCE = re.compile(r"[，。；！？,;!?]")
_COMMA = re.compile(r"[，,、；;]")
_OTHER_HEADER_WORD = re.compile(
    r"备注|指标|类型|性质|地点|规模|对象|名称|说明|类别|层级|情况|进展|进度|是否|现值|现状|基数"
)
# Text under a name: `区外侨办：⑴所有审批事项均未进驻行政服务中心办理。`
_NAMED_TEXT = re.compile(r"^[^：:，,。；;]{2,20}[：:][^：:]{8,}")
# An inspection's list of what to put right (`序号 · 存在问题 · 整改责任单位`): its problems
# are the text the table reader takes them for (see `table_kinds.prose_column`).
PROBLEM_HEADER = re.compile(r"^(?:存在|发现|突出)?的?问题(?:清单|描述)?$")
_PROGRESS_HEADER = re.compile(r"完成情况|进展情况|推进情况|进度")
_DATE_LIKE = re.compile(
    r"(?:19|20)\d{2}\s*[年.\-/／]|\d{1,2}\s*月|年底|年内|年末|季度|上半年|下半年|长期|持续|常态|"
    r"每[年月季周]|即时|立即|[日号]前|全年|年度|当年|今年|明年"
)
# A date standing as a whole cell: a year, month or day and a deadline word, nothing else.
_WHOLE_DATE = re.compile(
    r"^(?=.*\d)(?:(?:19|20)\d{2}\s*年)?(?:\d{1,2}\s*月)?(?:\d{1,2}\s*日)?(?:底|末|中旬|上旬|下旬)?前?$"
)
# A figure and a measure word (`5处`, `30部`, `3个`): a count, never part of a unit's name.
_COUNT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:[处个项家所座条部台辆户栋套间名场次人件米亩吨元%％]|公里|万|亿)"
)
_AFTER_TABLE = re.compile(
    r"^(?:附\s*件|注[:：]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
_SIGNATURE_DATE = re.compile(r"^[（(]?(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[)）]?$")
_FIGURE = re.compile(r"^[\d.,，]+(?:万元|亿元|元|万)?$")
_UNIT_SPLIT = re.compile(r"[、，,；;：:。\s]+")
_TERMINAL = ("。", "；", ";")
_LIST_OPEN = ("、", "，", ",")
_ROLE_WORD = re.compile(r"牵头|配合|负责|参与|协办|协助")

_FULLWIDTH_DIGITS = {0xFF10 + k: 0x30 + k for k in range(10)}
_MAX_HEADER = 20  # columns
_ROW_LINES = 300  # lines a row may take
_MIN_FULL = 8  # characters: a column narrower than this wraps too unevenly to tell
_UNIT_ROLES = (Role.LEAD, Role.SUPPORT, Role.UNIT)
_TEXT_ROLES = (Role.TASK, Role.CONTENT, Role.NAME)
_EMPTY = -1.5  # a cell the extractor printed nothing for
_CUT_AT_FULL = -1.5  # a cell that ends on a full-width line
_NEW_ROW = -0.5  # a continuation row (merged 序号 and task cells)
_SPANNED = -0.2  # a cell merged with the row above (a table with merged cells)
_NEG = -1e9
_MIN_GOOD_ROWS = 0.75  # share of rows whose cells all read as their columns' kind


@dataclass
class _Header:
    cells: list[str]
    roles: list[Role]
    lines: list[SourceLine]
    full: frozenset[int] = frozenset()  # lengths of the table's wrapped lines

    lead_in: int = 0  # category lines between the header and the first row

    @property
    def width(self) -> int:
        return len(self.cells)

    @property
    def span(self) -> int:
        """Printed lines of the header (a wrapped column name takes two)."""
        return len(self.lines)


def rebuild_cell_tables(text: str) -> str:
    """The text with every one-cell-per-line table rebuilt as tab rows; the rest unchanged.

    Works on the source text before normalization (which drops a 序号 alone on its line as
    a page number) and keeps the line count: a rebuilt row takes the place of its first
    line and the lines it absorbed become blank, so every line keeps its number and page.
    """
    if not _SEQ_HEADER_LINE.search(text):
        return text  # the common case, one scan of the text
    raw = _unpiped(text.split("\n"))
    starts = [
        i for i, r in enumerate(raw) if _SEQ_HEADER.match(squash(r)) or _SPACED_HEADER.match(r)
    ]
    if not starts:
        return text
    changed = False
    done = -1
    for start in starts:
        if start <= done:
            continue
        # The header is looked for in a few lines first: most 序号 lines open no table.
        if _header_at(_window(raw, start, 3 * _MAX_HEADER), 0) is None:
            continue
        lines = _window(raw, start, _WINDOW)
        header = _header_at(lines, 0)
        rebuilt = None
        if header is not None:
            # a table with merged cells (a row printing only its own cells) is tried only
            # where the plain reading fails, so a table that reads plainly reads as before
            if _numbers_skip(lines, header):
                rebuilt = _read_table(lines, 0, header, gaps=True)
            else:
                rebuilt = _read_table(lines, 0, header) or _read_table(
                    lines, 0, header, merged=True
                )
        if rebuilt is None:
            continue
        rows, used = rebuilt
        if used < len(lines) and lines[used].no == lines[used - 1].no:
            continue  # the table would end inside a printed line: leave it all
        for sl in lines[:used]:
            raw[sl.no - 1] = ""
        for row in rows:
            raw[row.no - 1] = row.text
        done = lines[used - 1].no - 1
        changed = True
    return "\n".join(raw) if changed else text


_WINDOW = 20000  # printed lines a table may span

# A web export that closes every cell with a bar (`序号 |`, `县人社局 |`, `|` for an empty one).
_CELL_BAR = re.compile(r"[ \t\u3000]*\|[ \t\u3000]*$")
_MIN_BARS = 5


def _unpiped(raw: list[str]) -> list[str]:
    """The lines without the bar a web export printed after every cell, when it did so for
    a whole table (five cells at least); an empty cell's bar alone becomes a blank line.
    A text whose lines merely end in a bar now and then is left as it is."""
    if sum(1 for r in raw if _CELL_BAR.search(r) and "\t" not in r) < _MIN_BARS:
        return raw
    return [_CELL_BAR.sub("", r) if "\t" not in r else r for r in raw]


def _window(raw: list[str], start: int, size: int) -> list[SourceLine]:
    """The non-blank lines from `start` on (`size` printed lines at most), normalized (a
    bare number, a 序号 or an amount, kept as it is), a line holding several cells parted
    into them."""
    out: list[SourceLine] = []
    for i in range(start, min(len(raw), start + size)):
        for piece in _pieces(raw[i]):
            bare = squash(piece).translate(_FULLWIDTH_DIGITS)
            # a bare number is a 序号 or a figure cell, never a page number to drop
            text = bare if _BARE_NUMBER.match(bare) else normalize_line(piece)
            if text.strip():
                out.append(SourceLine(no=i + 1, text=text))
    return out


def _pieces(line: str) -> list[str]:
    """The cells a line holds: one, or several side by side parted by spaces (a header
    printed on one line; a row's number with the first lines of its cells)."""
    if _SPACED_HEADER.match(line):  # the header, or its repeat after a page break
        return line.split()
    match = _LEADING_SEQ.match(line)
    if match is None:
        return [line]
    rest = line[match.end() :]
    return [match.group(1), *(p for p in _CELL_GAP.split(rest) if p.strip())]


# ----------------------------------------------------------------------------- header


def _header_cell(text: str) -> bool:
    """A short column name: no figures (a year naming the column aside), no sentence."""
    t = squash(text)
    bare = COUNT_REMARK.sub("", t)  # `重点工作任务(杭州市2项配合工作)`
    if not 1 <= len(bare) <= 12 or "\t" in text or _SENTENCE.search(t) or CATEGORY_LINE.match(t):
        return False  # `一、发展目标` is the first category row, not a column
    if re.search(r"\d", _YEAR_LABEL.sub("", bare)):
        return False
    return (
        classify(t) is not Role.OTHER
        or bool(_OTHER_HEADER_WORD.search(t))
        or bool(PROBLEM_HEADER.match(t))
    )


def _header_at(lines: list[SourceLine], i: int) -> _Header | None:
    """The header that opens at line i (`序号` alone on its line), or None."""
    cells = [squash(lines[i].text)]
    j = i + 1
    while j < len(lines) and len(cells) < _MAX_HEADER:
        if len(cells) > 1 and re.fullmatch(r"[（(][^（）()]{1,6}[）)]", squash(lines[j].text)):
            cells[-1] += squash(lines[j].text)  # `责任股室` / `（单位）`: one name wrapped
            j += 1
            continue
        if _header_cell(lines[j].text):
            cells.append(squash(lines[j].text))
            j += 1
            continue
        # a column name wrapped over two lines (`市政府` / `分管领导`)
        joined = squash(lines[j].text) + (squash(lines[j + 1].text) if j + 1 < len(lines) else "")
        if len(squash(lines[j].text)) <= 6 and _header_cell(joined):
            cells.append(joined)
            j += 2
            continue
        break
    if len(cells) < 3 or j >= len(lines):
        return None
    # category rows (`一、…`, `（一）`, a short heading) may come before the first row
    lead_in = 0
    while (
        lead_in < _MAX_LEAD_IN
        and j + lead_in < len(lines)
        and not _SEQ.match(squash(lines[j + lead_in].text))
        and _category_line(lines[j + lead_in].text)
    ):
        lead_in += 1
    if j + lead_in >= len(lines) or not _SEQ.match(squash(lines[j + lead_in].text)):
        return None
    roles = [Role.CONTENT if PROBLEM_HEADER.match(c) else classify(c) for c in cells]
    roles[0] = Role.SEQ
    # a progress report's own columns (`目前完成情况`, `是否达到序时进度`) name columns too
    known = sum(
        1
        for c, r in zip(cells[1:], roles[1:], strict=True)
        if r is not Role.OTHER or _PROGRESS_HEADER.search(c)
    )
    if known * 3 < 2 * (len(cells) - 1):
        return None
    has_text = any(r in _TEXT_ROLES for r in roles)
    has_kind = any(r in (*_UNIT_ROLES, Role.DEADLINE, Role.MONEY) for r in roles)
    if not (has_text and has_kind):
        return None
    return _Header(cells, roles, lines[i:j], lead_in=lead_in)


_MAX_LEAD_IN = 4


def _category_line(text: str) -> bool:
    """A category row printed before a table's first row: numbered like a heading, or a
    short line with no unit names and no figures."""
    t = squash(text)
    if not t or len(t) > 40 or "\t" in text:
        return False
    return bool(CATEGORY_LINE.match(t)) or (not re.search(r"\d", t) and not units_line(t))


def _repeats_header(lines: list[SourceLine], i: int, header: _Header) -> bool:
    """The header printed again (after a page break) at line i."""
    end = i + header.span
    return end <= len(lines) and [squash(sl.text) for sl in lines[i:end]] == [
        squash(sl.text) for sl in header.lines
    ]


# ----------------------------------------------------------------------------- rows


def _read_table(
    lines: list[SourceLine], start: int, header: _Header, merged: bool = False, gaps: bool = False
) -> tuple[list[SourceLine], int] | None:
    """The rebuilt table from line `start` and the index after it, or None to leave it.

    With `merged`, the table has row-spanning cells: a row prints only the cells that are
    not merged with the row above (`2 / <task> / <units>` under a row that printed its
    deadline and leader), so a row may be as short as its task, it ends at the next
    number, and a column skipped under a printed cell costs little; the skipped cells stay
    empty, for the finders carry a spanned cell down.

    With `gaps`, the rows are a selection that keeps the numbers of a longer list (`6`,
    `52`, `53`: a bureau's share of the government's tasks): a row may be followed by any
    higher number once it has printed nearly all its cells (see `_row_end`).
    """
    out = [_joined_line(header.lines, header.cells)]
    i = start + header.span
    out.extend(lines[i : i + header.lead_in])  # category rows before the first row
    i += header.lead_in
    header.full = _full_lengths(lines[i:])
    seq = 0
    good = total = 0
    spanned: set[int] = set()  # columns with a value in a row above
    while i < len(lines):
        if _repeats_header(lines, i, header):
            out.append(_joined_line(lines[i : i + header.span], header.cells))
            i += header.span
            continue
        value = _seq_value(lines[i])
        if value is None or (seq and value not in (seq, seq + 1) and not (gaps and value > seq)):
            break
        end, last = _row_end(lines, i + 1, value, header, merged, gaps)
        body = lines[i + 1 : end]
        # category lines (`二、产业配套项目`) printed between two rows stay lines of their own
        trailing: list[SourceLine] = []
        while not last and body and CATEGORY_LINE.match(body[-1].text.strip()):
            trailing.insert(0, body.pop())
        shared = _share_out(body, header, last, frozenset(spanned) if merged else None)
        if shared is None:
            break
        segments, used, fits = shared
        spanned.update(lead + k for lead, cells in segments for k, cell in enumerate(cells) if cell)
        total += 1
        good += fits
        out.extend(_row_lines(lines[i], body[:used], segments, header, merged))
        if last and used < len(body):
            i = i + 1 + used
            seq = value
            break
        out.extend(trailing)
        i = end
        seq = value
    rows = total
    if rows == 0 or good < _MIN_GOOD_ROWS * rows:
        return None
    return out, i


def _numbers_skip(lines: list[SourceLine], header: _Header) -> bool:
    """Whether the rows keep the numbers of a longer list (`6`, `52`, `53`): the first
    row's number is not followed by the next one within two rows' lines, but by a higher
    one that opens a row of text."""
    i = header.span + header.lead_in
    first = _seq_value(lines[i]) if i < len(lines) else None
    if first is None:
        return False
    window = lines[i + 1 : i + 1 + 2 * header.width]
    if any(_seq_value(sl) == first + 1 for sl in window):
        return False
    return any(
        (v := _seq_value(sl)) is not None
        and v > first + 1
        and k >= header.width - 2
        and k + 1 < len(window)
        and _seq_value(window[k + 1]) is None
        and not _DIGIT_ONLY.match(squash(window[k + 1].text))
        for k, sl in enumerate(window)
    )


_DIGIT_ONLY = re.compile(r"[\d.,%％]+")


def _seq_value(line: SourceLine) -> int | None:
    t = squash(line.text)
    return int(t.rstrip("*＊★")) if _SEQ.match(t) else None


def _row_end(
    lines: list[SourceLine],
    begin: int,
    value: int,
    header: _Header,
    merged: bool = False,
    gaps: bool = False,
) -> tuple[int, bool]:
    """Where the row whose lines start at `begin` ends: at the next row's 序号 (the next
    number, or the same one again where a page break cut the row), at a repeated header,
    or, for the table's last row, a window from which the row takes what it needs.

    That window ends where the text after the table begins: an attachment's or a note's
    first line, a numbered heading, or the issuer's signature (a unit name over a full
    date) once the row has had a line for each of its cells. In a table with merged cells
    a row may print one cell only, so the next number ends it after one line (its own
    number again, a page break, does not: a lone row has no cells to part). With `gaps`, a
    higher number ends a row that has printed a line for all its cells but the last, when
    a text line, not another figure, follows it."""
    least = 1 if merged else max(1, (header.width - 1) // 2)  # sooner: a cell's value
    limit = begin + _ROW_LINES
    after: int | None = None  # where the text after the table would begin
    j = begin
    while j < len(lines) and j < limit:
        if j - begin >= least:
            nxt = _seq_value(lines[j])
            if nxt in ((value + 1,) if merged else (value, value + 1)) or _repeats_header(
                lines, j, header
            ):
                return j, False
            if (
                gaps
                and nxt is not None
                and nxt > value
                and j - begin >= header.width - 2
                and j + 1 < len(lines)
                and _seq_value(lines[j + 1]) is None
                and not _DIGIT_ONLY.match(squash(lines[j + 1].text))
            ):
                return j, False
        if after is None and j > begin and _after_table(lines, j, j - begin >= header.width - 1):
            after = j
        j += 1
    return (j if after is None else after), True


def _after_table(lines: list[SourceLine], j: int, row_filled: bool) -> bool:
    """Line j opens the text after a table: `附件2`, `注：…`, `二、保障措施`, `（一）…`, or,
    once the row is filled, the issuer's signature (its name over a full date)."""
    t = squash(lines[j].text)
    if _AFTER_TABLE.match(t):
        return True
    return (
        row_filled
        and j + 1 < len(lines)
        and looks_like_unit(t)
        and bool(_SIGNATURE_DATE.match(squash(lines[j + 1].text)))
    )


def _paragraphs(
    role: Role, cell: list[str], full: frozenset[int], open_wraps: bool = False
) -> tuple[list[str], float]:
    """A cell's lines regrouped into its paragraphs, and how likely that grouping is.

    An item number (`(2)`) opens a paragraph. A line as long as the table's wrapped lines
    (`full`) ran into the cell's edge and goes on in the next line. A shorter line ends
    its paragraph in a units column (one per sub-item); in a text column the next line
    carries it on, but hardly after a finished sentence; a units line that ends on a
    separator (`县财政局、`) goes on in the next one. With `open_wraps`, a text line
    that leaves its sentence open costs nothing where the next one carries it on: what
    a small table's cells wrap at shows no spike in `full`, yet such a cell still reads
    as text (used to judge a row, never to choose where its cells part).
    """
    paras: list[str] = []
    score = 0.0
    for k, line in enumerate(cell):
        if not paras or starts_with_label(line):
            paras.append(line)
            continue
        before = cell[k - 1]
        if _is_full(before, full):
            paras[-1] += line
            score += 0.5
        elif role in _UNIT_ROLES and before.endswith(_LIST_OPEN):
            paras[-1] += line  # a list of units broken after its separator goes on
        elif role in _UNIT_ROLES:
            paras.append(line)
        else:
            paras[-1] += line
            if before.endswith(_TERMINAL):
                score -= 1.0
            elif not (open_wraps and _open_sentence(before)):
                score -= 0.3
    return paras, score


def _open_sentence(line: str) -> bool:
    """A line broken inside a sentence: it ends on neither a stop nor a closing bracket,
    and it has begun a sentence (a comma in it), unlike a short task name."""
    return not line.endswith((*_TERMINAL, "）", ")", "：", ":")) and bool(_COMMA.search(line))


def _is_full(line: str, full: frozenset[int]) -> bool:
    return len(line) in full


def _fit(header: _Header, col: int, cell: list[str], open_wraps: bool = False) -> float:
    """How well the lines of one cell read as the column's kind (0: no opinion)."""
    if not cell:
        return _EMPTY
    role, full = header.roles[col], header.full
    paras, score = _paragraphs(role, cell, full, open_wraps)
    text = "".join(paras)
    if role in (Role.DEADLINE, Role.START):
        return score + (2.0 if _DATE_LIKE.search(text) and len(text) <= 40 else -3.0)
    if role is Role.MONEY:
        return score + (2.0 if _FIGURE.match(squash(text)) else -3.0)
    if role in _UNIT_ROLES:
        # a sub-item, or a date (the next column's value), is never a unit name
        if any(starts_with_label(c) or _WHOLE_DATE.match(c) for c in paras):
            return -3.0
        return score + sum((1.5, 0.5, -1.0)[2 - units_line(c)] for c in paras)
    if role is Role.PERSON:
        return score + (1.0 if len(text) <= 12 and not _SENTENCE.search(text) else -2.0)
    if role in (Role.CONTENT, Role.TASK, Role.NAME) and VALUE_CELL.match(squash(text)):
        return score - 2.0  # `15、37`, `4.8%`: a value, never a task
    if role is Role.TARGET and VALUE_CELL.match(squash(text)):
        return score + 1.0
    if role in (Role.CONTENT, Role.TASK):
        # a paragraph of unit names belongs in the units column; a unit's name before a
        # colon and its text (`区外侨办：⑴所有审批事项均未进驻…`) is the details' own
        score += sum(
            (-1.0, -0.5, 0.0)[2 - units_line(c)] for c in paras if not _NAMED_TEXT.match(c)
        )
        if role is Role.TASK and Role.CONTENT in header.roles[col + 1 :]:
            # a short task name beside a details column: its sub-items are the details'
            score -= 2.0 * sum(1 for c in paras[1:] if starts_with_label(c))
        return score
    return score


def _full_lengths(lines: Sequence[SourceLine]) -> frozenset[int]:
    """Line lengths the table's wrapped cells print at.

    A cell wraps where its column ends, every time after about the same number of
    characters, so the lengths of the table's distinct lines show a spike there (a little
    spread below it: normalization removes stray spaces). Repeated lines (`县安委办` under
    every row) do not count; a table whose cells never wrap shows no spike. Nor do lines
    that are a whole date (`2024年10月底前`): dates print alike, not at a column's edge.
    """
    texts = {sl.text.strip() for sl in lines}
    texts = {t for t in texts if not _WHOLE_DATE.match(t)}
    counts = Counter(len(t) for t in texts if len(t) >= 6)
    total = sum(counts.values())
    spikes = []
    for n, c in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:4]:
        background = sum(counts.get(n + d, 0) for d in (-6, -5, -4, -3, 3, 4, 5, 6)) / 8
        if n >= _MIN_FULL and c >= 4 and c * 30 >= total and c >= 3 * background + 2:
            spikes.append(n)
    full: set[int] = set()
    # Widest column first: a column never prints a line longer than its width, so the
    # lines longer than a narrower spike must come from the wider columns' spikes.
    for n in sorted(spikes, reverse=True):
        c = counts[n]
        if any(abs(n - f) <= 3 for f in full):
            continue
        longer = sum(k for length, k in counts.items() if length > n and length not in full)
        if longer > 2 * c:
            continue
        full.add(n)
        full.update(n - d for d in (1, 2) if counts.get(n - d, 0) * 4 >= c)
    return frozenset(full)


def units_line(text: str) -> int:
    """2 for a line listing units (nearly every piece a unit name, a role word aside), 1 for
    a line that opens with one (`各行业主管部门、…部门督促企业落实`), 0 for anything else."""
    units, pieces = unit_pieces(text)
    if not units:
        return 0
    return 2 if units * 3 >= 2 * pieces else 1


def unit_pieces(text: str) -> tuple[int, int]:
    """(unit names, pieces) of a line parted at its separators and role words; (0, n) when
    its first piece names no unit (or the line is an item or no list at all)."""
    t = squash(text).rstrip("。")
    if not t or len(t) > 400 or starts_with_label(t):
        return 0, 0
    pieces = [p for p in _UNIT_SPLIT.split(_ROLE_WORD.sub("、", t)) if p]
    if not pieces or not _unit_piece(pieces[0]):
        return 0, len(pieces)
    return sum(1 for p in pieces if _unit_piece(p)), len(pieces)


def _unit_piece(piece: str) -> bool:
    """A unit name, or several printed without a separator (`县安委办县应急局`); never a
    count of things (`新建城市口袋公园5处`), which only looks like one by its last word."""
    if _COUNT.search(piece):
        return False
    return looks_like_unit(piece) or (len(piece) <= 60 and looks_like_unit(piece[-20:]))


def _continuation(header: _Header) -> tuple[int, int] | None:
    """Where a continuation row starts and the last column it must reach: the text column
    before the (first) units column, and that units column (later columns, such as a
    task's source, may be merged with the row above)."""
    for u in range(1, header.width):
        if header.roles[u] in _UNIT_ROLES:
            texts = [c for c in range(1, u) if header.roles[c] in _TEXT_ROLES]
            return (texts[-1], u) if texts else None
    return None


_State = tuple[int, int, int]  # (lines used, last column filled, in a continuation row)


def _share_out(
    body: Sequence[SourceLine], header: _Header, last: bool, spanned: frozenset[int] | None = None
) -> tuple[list[tuple[int, list[list[str]]]], int, bool] | None:
    """Share a row's lines out among columns 1.. (the 序号 is the anchor line).

    Returns the row's segments (the first row, then continuation rows), each its first
    column and its cells' lines; how many lines were used (a table's last row may stop
    early); and whether every cell read as its column's kind. Dynamic programming over
    (line, column, continuation): a cell takes zero or more consecutive lines; the first
    row fills every column, a continuation row from its start at least to the units.

    With `spanned` (a table with merged cells: the columns holding a value in a row
    above), a column left empty under a value is a merged cell and costs little, and so
    does an empty remark column (`备注`, rarely filled); the task column is never empty
    (every row has its own task), and a sentence never stands in a deadline, leader or
    remark cell (a short row's task must not drift right). Rows are never continued (a
    short row is the merged cells' doing).
    """
    texts = [sl.text.strip() for sl in body]
    m, width = len(texts), header.width
    cont = _continuation(header)
    skip = [_EMPTY] * width
    merged = spanned is not None
    if spanned is not None:
        task = cont[0] if cont is not None else None
        skip = [
            _NEG
            if c == task
            else _SPANNED
            if c in spanned or (task is not None and c > task and header.roles[c] is Role.OTHER)
            else _EMPTY
            for c in range(width)
        ]
        cont = None

    # every row has its own task: an empty first text column costs more than another gap
    text_col = next((c for c, r in enumerate(header.roles) if r in _TEXT_ROLES), None)
    if not merged and text_col is not None:
        skip[text_col] = _EMPTY - 1.0

    def fit_of(col: int, cell: list[str]) -> float:
        if not cell:
            return skip[col]
        fit = _fit(header, col, cell)
        role = header.roles[col]
        if merged and role not in (*_UNIT_ROLES, *_TEXT_ROLES) and _sentence_cell(cell):
            fit -= 3.0
        return fit

    best: dict[_State, float] = {(0, 0, 0): 0.0}
    back: dict[_State, tuple[_State, bool]] = {}
    # A cell rarely ends on a line as long as the wrapped ones, unless a sentence ends there
    # too: the next line goes on.
    cut = [0.0] + [
        _CUT_AT_FULL
        if b < m and _is_full(texts[b - 1], header.full) and not texts[b - 1].endswith(_TERMINAL)
        else 0.0
        for b in range(1, m + 1)
    ]

    def relax(state: _State, score: float, came: _State, new_row: bool) -> None:
        if score > best.get(state, _NEG):
            best[state] = score
            back[state] = (came, new_row)

    def closed(c: int, k: int) -> bool:  # may the segment end after column c?
        return c == width - 1 or (k == 1 and cont is not None and c >= cont[1])

    for a in range(m + 1):
        for c in range(width):
            for k in (0, 1):
                score = best.get((a, c, k), _NEG)
                if score <= _NEG:
                    continue
                if closed(c, k) and cont is not None and a < m:
                    for b in range(a + 1, m + 1):
                        fit = _fit(header, cont[0], texts[a:b])
                        relax((b, cont[0], 1), score + _NEW_ROW + fit + cut[b], (a, c, k), True)
                if c == width - 1:
                    continue
                for b in range(a, m + 1):
                    fit = fit_of(c + 1, texts[a:b])
                    relax((b, c + 1, k), score + fit + cut[b], (a, c, k), False)
    finals = [
        (score, -a, (a, c, k))
        for (a, c, k), score in best.items()
        if (a == m or last) and closed(c, k) and (a > 0 or m == 0)
    ]
    if not finals:
        return None
    _, _, state = max(finals)
    end = state[0]
    # Walk back: collect (lines, column) cells and the row breaks.
    cells: list[tuple[int, int, int, bool]] = []  # (from, to, column, opens a new row)
    while state in back:
        came, new_row = back[state]
        cells.append((came[0], state[0], state[1], new_row))
        state = came
    cells.reverse()
    segments: list[tuple[int, list[list[str]]]] = [(1, [])]
    fits = True
    for a, b, col, new_row in cells:
        if new_row:
            segments.append((col, []))
        segments[-1][1].append(texts[a:b])
        if b > a and _fit(header, col, texts[a:b], open_wraps=True) < 0:
            fits = False
    return segments, end, fits


def _sentence_cell(cell: list[str]) -> bool:
    """A cell holding a sentence: it ends on a stop or parts clauses with a comma."""
    text = "".join(cell)
    return text.endswith(_TERMINAL) or bool(re.search(r"[，,。]", text))


def _row_lines(
    anchor: SourceLine,
    body: Sequence[SourceLine],
    segments: list[tuple[int, list[list[str]]]],
    header: _Header,
    merged: bool = False,
) -> list[SourceLine]:
    """The row and its continuation rows as tab lines, each numbered by its first line.

    In a table with merged cells, a units cell of several lines beside a task of one
    paragraph lists that task's units (one a line), not one group per sub-item."""
    out: list[SourceLine] = []
    k = 0  # index into body of the segment's first line
    for s, (lead, cells) in enumerate(segments):
        roles = header.roles[lead : lead + len(cells)]
        values = [_cell_text(r, cell, header.full) for r, cell in zip(roles, cells, strict=True)]
        one_task = all(
            len(_paragraphs(r, cell, header.full)[0]) <= 1
            for r, cell in zip(roles, cells, strict=True)
            if r in _TEXT_ROLES
        )
        if merged and one_task:
            values = [
                "、".join(_paragraphs(r, cell, header.full)[0]) if r in _UNIT_ROLES else v
                for r, cell, v in zip(roles, cells, values, strict=True)
            ]
        values += [""] * (header.width - lead - len(cells))
        if s == 0:
            first = anchor
            values = [squash(anchor.text), *values]
        else:
            first = body[k] if k < len(body) else anchor
            values = [""] * lead + values
        out.append(SourceLine(no=first.no, text="\t".join(values), page=first.page))
        k += sum(len(cell) for cell in cells)
    return out


def _cell_text(role: Role, cell: list[str], full: frozenset[int]) -> str:
    """One cell's lines as its text, several paragraphs as `<p>…</p>` like the seed texts."""
    paras, _ = _paragraphs(role, cell, full)
    if len(paras) <= 1:
        return paras[0] if paras else ""
    return " ".join(f"<p>{p}</p>" for p in paras)


def _joined_line(lines: Sequence[SourceLine], cells: list[str]) -> SourceLine:
    first = lines[0]
    return SourceLine(no=first.no, text="\t".join(cells), page=first.page)
