"""Tables printed one cell per line read as the tab rows they were printed from.

pdftotext, pypdfium2 and many web exports give a ruled table's cells one after another,
each on its own line, a long cell over several lines. These tests print the seed's own
tables that way at test time (every row's cells on separate lines, a cell's paragraphs
each on its own, optionally broken after a fixed number of characters as a narrow column
breaks them) and expect the tasks of the tab-separated seed text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from seedfiles import SEEDS_DIR, SHARED

import core
from core.formats.cell_lines import rebuild_cell_tables
from tests.formats.conftest import SeedDocument
from tests.formats.equivalence import differences

_P = re.compile(r"<p>(.*?)</p>")
# Spaces the seed's own extractor put between Chinese characters (`县 发 改 局`): a cell
# printed on its own line carries the characters as laid out, without them.
_CJK_SPACES = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def one_cell_per_line(lines: list[str], wrap: int = 0) -> list[str]:
    """The lines as a text extractor gives a ruled table: each tab row's cells on lines of
    their own (empty cells print nothing), every other line as it is."""
    out: list[str] = []
    for line in lines:
        if "\t" not in line:
            out.append(line)
            continue
        for cell in line.split("\t"):
            for para in _P.findall(cell) or [cell]:
                text = _CJK_SPACES.sub("", para).strip()
                if wrap:
                    out.extend(text[k : k + wrap] for k in range(0, len(text), wrap))
                elif text:
                    out.append(text)
    return out


def _write(lines: list[str], path: Path) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("wrap", [0, 30, 20], ids=["whole-cells", "wrapped-30", "wrapped-20"])
def test_table_printed_one_cell_per_line_gives_the_seed_tasks(
    table_doc: SeedDocument, tmp_path: Path, wrap: int
) -> None:
    printed = one_cell_per_line(table_doc.lines, wrap)
    assert "序号" in printed and "1" in printed  # the header and row numbers stand alone
    result = core.extract(_write(printed, tmp_path / "cells.txt"))
    assert table_doc.tasks
    report = differences(table_doc.tasks, result.tasks)
    assert not report, report


def test_rebuilt_rows_point_at_their_first_printed_line(
    table_doc: SeedDocument, tmp_path: Path
) -> None:
    printed = one_cell_per_line(table_doc.lines, 20)
    result = core.extract(_write(printed, tmp_path / "cells.txt"))
    rows = [t for t in result.tasks if t.kind == "table"]
    assert len(rows) > 50
    for task in rows:
        line = printed[task.line - 1].replace(" ", "")
        # a row's first line is its 序号; a continuation row's, its own sub-item
        assert line.isdigit() or task.text.replace(" ", "")[:5] in line, (task.line, line)


def test_lines_around_the_table_are_left_as_they_are(table_doc: SeedDocument) -> None:
    printed = one_cell_per_line(table_doc.lines)
    rebuilt = rebuild_cell_tables("\n".join(printed)).split("\n")
    assert len(rebuilt) == len(printed)  # one line for one line: numbers stay right
    start = printed.index("序号")
    body = [i for i, line in enumerate(printed) if i < start and line.strip()]
    assert len(body) > 20
    assert all(rebuilt[i] == printed[i] for i in body)
    rows = [line for line in rebuilt if "\t" in line]
    assert rows[0] == "序号\t任务\t主要内容\t责任单位"
    assert "\t\t(2)县安委会每月至少召开一次会议，分析安全形势，解决重大问题。\t县安委办" in rows


@pytest.mark.parametrize(
    "path",
    [
        *sorted(SEEDS_DIR.glob("*.txt")),
        *sorted((SHARED / "devset2").glob("*.txt")),
        *sorted((SHARED / "corpus").glob("*.txt")),
    ],
    ids=lambda p: p.stem,
)
def test_texts_without_such_tables_are_untouched(path: Path) -> None:
    """Prose, tab tables and numbered lists of every real text come back unchanged."""
    text = path.read_text(encoding="utf-8")
    assert rebuild_cell_tables(text) == text


def test_rows_continued_in_shorter_rows_get_every_sub_item(tmp_path: Path) -> None:
    """平潭's 生态 table prints each measure of a task as a row of its own (measure,
    完成时限, units) under the task's merged cells; one cell per line, every measure is a
    task with its own deadline, as the answer key has it."""
    source = SHARED / "devset2" / "pt_shengtai_2016.txt"
    printed = one_cell_per_line(source.read_text(encoding="utf-8").splitlines())
    result = core.extract(_write(printed, tmp_path / "shengtai.txt"))
    gold = [
        json.loads(line)
        for line in (SHARED / "devset2" / "pt_shengtai_2016.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    found = {t.text.replace(" ", ""): t for t in result.tasks}
    for record in gold:
        task = found.get(record["text"].replace(" ", ""))
        assert task is not None, record["text"]
        assert task.deadline == record["deadline"], record["text"]


def side_by_side(printed: list[str], header: list[str], beside: int) -> list[str]:
    """What pdfium or `pdftotext -raw` print where cells share a baseline: the header on one
    line, its cells parted by spaces, and each row's 序号 with the first line of the next
    `beside` cells after it."""
    out: list[str] = []
    i = 0
    while i < len(printed):
        if printed[i : i + len(header)] == header:
            out.append(" ".join(header))
            i += len(header)
        elif printed[i].isdigit() and i + beside < len(printed):
            out.append(" ".join(printed[i : i + beside + 1]))
            i += beside + 1
        else:
            out.append(printed[i])
            i += 1
    return out


@pytest.mark.parametrize(
    ("wrap", "beside"),
    [(0, 1), (20, 1), (24, 2)],
    ids=["whole-cells", "wrapped-20", "wrapped-24-two-beside"],
)
def test_cells_side_by_side_on_a_shared_line_are_parted(
    table_doc: SeedDocument, tmp_path: Path, wrap: int, beside: int
) -> None:
    header = ["序号", "任务", "主要内容", "责任单位"]
    printed = side_by_side(one_cell_per_line(table_doc.lines, wrap), header, beside)
    assert "序号 任务 主要内容 责任单位" in printed
    assert any(line.startswith("1 提高政治站位") for line in printed)
    result = core.extract(_write(printed, tmp_path / "raw.txt"))
    report = differences(table_doc.tasks, result.tasks)
    assert not report, report


_NOTICE_ZA = Path(__file__).parent.parent / "fixtures_unseen" / "notice_za_one_cell_per_line.txt"


def _rebuilt_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in rebuild_cell_tables(text).split("\n") if "\t" in line]


def test_a_small_table_is_rebuilt_row_by_row() -> None:
    """A three-row notice table (once read only by a fallback inside the table finders):
    a task wrapped inside its sentence (no wrapping width can be told from so few lines)
    is one cell; `…公园5处。` is a count, not a unit name, so it stays the task; a date is
    never a unit name, and the issuer's signature date after the last row is no deadline."""
    rows = _rebuilt_rows(_NOTICE_ZA.read_text(encoding="utf-8"))
    assert rows == [
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["1", "推进老旧小区改造，完成改造12个，惠及居民2300户。", "县住建局", "2024年10月底前"],
        ["2", "新建城市口袋公园5处。", "县自然资源局、县住建局", "2024年12月底前"],
        [
            "3",
            "实施雨污分流改造工程，改造管网15公里。",
            "县住建局牵头，县财政局配合",
            "2024年11月底前",
        ],
    ]


def test_dates_of_one_length_are_no_wrapping_width() -> None:
    """Deadlines printed alike (`2024年10月底前`, ten characters each) and a signature of the
    same length do not make ten characters the width a cell wraps at, and a units cell
    never takes a date: the last row does not run on into the issuer's name and a date
    not printed as a bare signature date (`2024年2月20日印发`)."""
    text = _NOTICE_ZA.read_text(encoding="utf-8").replace("2024年2月20日", "2024年2月20日印发")
    rebuilt = rebuild_cell_tables(text).split("\n")
    assert rebuilt[-3:-1] == ["北山县人民政府办公室", "2024年2月20日印发"]
    assert _rebuilt_rows(text)[-1][-1] == "2024年11月底前"


_ZA_HEADER = "序号\n重点任务\n责任单位\n完成时限\n"
_ZA_ROWS = [
    ("推进老旧小区改造，完成改造12个，惠及居民2300户。", "县住建局", "2024年10月底前"),
    ("新建城市口袋公园5处。", "县自然资源局、县住建局", "2024年12月底前"),
    ("实施雨污分流改造工程，改造管网15公里。", "县住建局牵头，县财政局配合", "2024年11月底前"),
]
_ZA_LAST_ROW_END = "2024年11月底前\n"


def _by_column(text: str) -> list[tuple[str, str, str]]:
    """The rebuilt rows as (task, units, deadline), whatever the columns' order."""
    header, *rows = _rebuilt_rows(text)
    col = {name: k for k, name in enumerate(header)}
    return [
        (row[col["重点任务"]], row[col["责任单位"]], row[col.get("完成时限", -1)])
        if "完成时限" in col
        else (row[col["重点任务"]], row[col["责任单位"]], "")
        for row in rows
    ]


@pytest.mark.parametrize(
    ("old", "new", "rows"),
    [
        (_ZA_HEADER, "总" + _ZA_HEADER, _ZA_ROWS),
        (
            _ZA_LAST_ROW_END,
            _ZA_LAST_ROW_END + "附件2\n县城市更新项目清单\n县住建局、县财政局\n",
            _ZA_ROWS,
        ),
        (_ZA_LAST_ROW_END, _ZA_LAST_ROW_END + "注：各责任单位每月报送进展。\n", _ZA_ROWS),
        (
            _ZA_LAST_ROW_END,
            _ZA_LAST_ROW_END
            + "二、保障措施\n加强组织领导，确保任务落实。\n县住建局\n2024年12月底前\n",
            _ZA_ROWS,
        ),
        (
            _ZA_LAST_ROW_END,
            _ZA_LAST_ROW_END + "（一）加强组织领导\n各单位要加强组织领导。\n县住建局、县财政局\n",
            _ZA_ROWS,
        ),
        (
            _ZA_HEADER,
            "序号\n重点任务\n责任单位\n",
            [(task, units, "") for task, units, _ in _ZA_ROWS],
        ),
        (
            "惠及居民\n2300户。",
            "惠及居民2300户，同步\n加装电梯30部。",
            [
                (
                    "推进老旧小区改造，完成改造12个，惠及居民2300户，同步加装电梯30部。",
                    *_ZA_ROWS[0][1:],
                ),
                *_ZA_ROWS[1:],
            ],
        ),
        (
            "县住建局牵头，县财政局配合",
            "县住建局牵头，县财政局、\n县发改委配合",
            [
                *_ZA_ROWS[:2],
                (_ZA_ROWS[2][0], "县住建局牵头，县财政局、县发改委配合", _ZA_ROWS[2][2]),
            ],
        ),
    ],
    ids=[
        "总序号",
        "attachment-after",
        "note-after",
        "heading-after",
        "sub-heading-after",
        "signature-after-units",
        "count-30部",
        "units-list-broken-after-separator",
    ],
)
def test_small_table_variants_read_as_their_rows(
    old: str, new: str, rows: list[tuple[str, str, str]]
) -> None:
    """The notice's table as other notices print it: a 总序号 column; an attachment, a note
    or a numbered heading after the last row; no deadline column, so the issuer's name
    (a unit name, over the date) comes right after a units cell; a count ending in a word
    that also ends unit names (`30部`); a units list broken after its `、`. The rows are
    the table's, and nothing after the table joins its last row."""
    text = _NOTICE_ZA.read_text(encoding="utf-8")
    if old == _ZA_HEADER and new.startswith("序号"):  # drop the deadline cells too
        for _, _, deadline in _ZA_ROWS:
            text = text.replace(deadline + "\n", "")
    assert old in text
    assert _by_column(text.replace(old, new)) == rows


def test_a_figure_cell_of_four_digits_stays_in_its_row() -> None:
    """A bare `1200` under `资金（万元）` is the row's amount, not a page number to drop."""
    text = _NOTICE_ZA.read_text(encoding="utf-8").replace(
        _ZA_HEADER, "序号\n项目名称\n责任单位\n资金（万元）\n"
    )
    for (_, _, deadline), figure in zip(_ZA_ROWS, ("1200", "300", "4500"), strict=True):
        text = text.replace(deadline, figure)
    rows = _rebuilt_rows(text)
    assert [row[-1] for row in rows] == ["资金（万元）", "1200", "300", "4500"]
    assert rows[-1][2] == "县住建局牵头，县财政局配合"  # the issuer's name stays out


def test_a_column_name_wrapped_before_its_bracket_is_one_column() -> None:
    """`责任股室` / `(单位)` on two lines is one column name; the rows still rebuild."""
    text = "\n".join(
        [
            "某县文化工作任务分解表",
            "序号",
            "工作任务",
            "完成时限",
            "责任股室",
            "(单位)",
            "1",
            "开展文化下乡惠民演出不少于100场。",
            "12月底前",
            "文化宣传股",
            "2",
            "推进图书馆总分馆制建设。",
            "10月底前",
            "图书馆",
            "3",
            "开展专项整治行动4次以上。",
            "11月底前",
            "执法大队",
        ]
    )
    rows = [r for r in rebuild_cell_tables(text).split("\n") if "\t" in r]
    assert rows[0].split("\t") == ["序号", "工作任务", "完成时限", "责任股室(单位)"]
    assert [r.split("\t")[-1] for r in rows[1:]] == ["文化宣传股", "图书馆", "执法大队"]


# A table with row-spanning cells, printed one cell per line: each row prints only the
# cells not merged with the row above (the 类别, deadline, leader and units of row 1 span
# rows 2-3; row 4 opens a new 类别 whose deadline, leader and units span row 5).
_MERGED_TABLE = [
    "北农发〔2025〕8号",
    "北岭县农业农村工作2025年任务分解表",
    "序号",
    "指标",
    "工作任务",
    "完成时限",
    "责任领导",
    "责任股室",
    "(单位)",
    "备注",
    "1",
    "粮食生产",
    "全年粮食播种面积稳定在12万亩以上。",
    "11月底前",
    "王建成",
    "种植业股",
    "农技站",
    "2",
    "新建高标准农田8000亩。",
    "农田建设股",
    "3",
    "推广水稻机插秧技术。",
    "4",
    "畜牧养殖",
    "生猪出栏量达到15万头,规模养殖场粪污处理率达95%。",
    "9月底前",
    "李 芳",
    "畜牧站",
    "5",
    "做好重大动物疫病强制免疫工作。",
]


def test_a_table_with_merged_cells_leaves_the_merged_cells_empty() -> None:
    """A row printing only its own cells (`2 / <task> / <units>`) is shared out by what its
    lines are: the task in the task column, a unit name in the units column, the columns
    merged with the row above left empty; a new 指标 (`畜牧养殖`) opens its own cell."""
    rows = _rebuilt_rows("\n".join(_MERGED_TABLE))
    assert rows == [
        ["序号", "指标", "工作任务", "完成时限", "责任领导", "责任股室(单位)", "备注"],
        [
            "1",
            "粮食生产",
            "全年粮食播种面积稳定在12万亩以上。",
            "11月底前",
            "王建成",
            "种植业股、农技站",
            "",
        ],
        ["2", "", "新建高标准农田8000亩。", "", "", "农田建设股", ""],
        ["3", "", "推广水稻机插秧技术。", "", "", "", ""],
        [
            "4",
            "畜牧养殖",
            "生猪出栏量达到15万头,规模养殖场粪污处理率达95%。",
            "9月底前",
            "李芳",
            "畜牧站",
            "",
        ],
        ["5", "", "做好重大动物疫病强制免疫工作。", "", "", "", ""],
    ]


def test_merged_cells_carry_down_to_the_rows_they_span(tmp_path: Path) -> None:
    """Every task of the merged-cell table keeps the deadline, leader and units of the
    cell spanning its row; a units cell of several lines belongs whole to its one task."""
    result = core.extract(_write(_MERGED_TABLE, tmp_path / "merged.txt"))
    got = [(t.ref, t.leader, t.deadline, t.lead_units) for t in result.tasks]
    assert got == [
        ("1", "王建成", "2025-11-30", ["种植业股", "农技站"]),
        ("2", "王建成", "2025-11-30", ["农田建设股"]),
        ("3", "王建成", "2025-11-30", ["农田建设股"]),
        ("4", "李芳", "2025-09-30", ["畜牧站"]),
        ("5", "李芳", "2025-09-30", ["畜牧站"]),
    ]


def test_rows_that_keep_the_numbers_of_a_longer_list_are_rebuilt(tmp_path: Path) -> None:
    """A bureau's share of the government's tasks keeps their numbers (`6`, `52`, `53`) and
    a progress report's own columns (`目前完成情况`, `是否达到序时进度`); every row is read,
    whatever number follows it."""
    lines = [
        "农业农村局承担政府重点工作完成情况",
        "序号",
        "目标任务",
        "牵头责任单位",
        "计划完成时间",
        "目前完成情况",
        "是否达到序时进度",
        "6",
        "农村常住居民人均可支配收入与经济增长同步。",
        "经管站",
        "2023年底",
        "三季度增幅7.4%。",
        "是",
        "52",
        "建成高标准农田8.3万亩,确保粮食总产稳定在120万吨以上。",
        "农田建设管理股",
        "2023年底",
        "整体进度70%,12月底完成主体工程。",
        "53",
        "持续开展农资打假专项治理行动。",
        "农业执法大队",
        "2023年底",
        "查处违法行为31起。",
        "是",
    ]
    result = core.extract(_write(lines, tmp_path / "share.txt"))
    got = [(t.ref, t.text, t.lead_units, t.deadline) for t in result.tasks]
    assert got == [
        ("6", "农村常住居民人均可支配收入与经济增长同步。", ["经管站"], "2023-12-31"),
        (
            "52",
            "建成高标准农田8.3万亩,确保粮食总产稳定在120万吨以上。",
            ["农田建设管理股"],
            "2023-12-31",
        ),
        ("53", "持续开展农资打假专项治理行动。", ["农业执法大队"], "2023-12-31"),
    ]


def test_a_targets_table_whose_first_row_lost_its_empty_cells(tmp_path: Path) -> None:
    """`序号 · 任务名称 · 现值 · 2023年目标 · 2025年目标 · 责任单位` with a category row (`一、发展
    目标`) before the first row, which printed only two of its figures: the category is no
    column, the name stays in the name column (a figure never is a task), and the
    first-listed unit leads by the note in the units cell."""
    lines = [
        "县城承载能力提升推进方案责任分解清单",
        "序号",
        "任务名称",
        "某县现值",
        "2023年目标",
        "2025年目标",
        "责任单位",
        "一、发展目标",
        "1",
        "滚动推进重大项目(个)、完成投资额(亿元)",
        "15、37",
        "40、500",
        "县发改局、县经信局、县建设局(有多个部门的,列第一位的为牵头单位,下同)",
        "2",
        "常住人口城镇化率(%)",
        "74.5",
        "75",
        "77",
        "县发改局、县统计局",
    ]
    result = core.extract(_write(lines, tmp_path / "targets.txt"))
    got = [(t.text, t.lead_units, t.support_units) for t in result.tasks]
    assert got == [
        ("滚动推进重大项目(个)、完成投资额(亿元)", ["县发改局"], ["县经信局", "县建设局"]),
        ("常住人口城镇化率(%)", ["县发改局"], ["县统计局"]),
    ]


def test_a_column_name_counting_its_items_and_marked_numbers(tmp_path: Path) -> None:
    """`重点工作任务(某市2项牵头工作、3项配合工作)` names the task column (its bracket counts
    items, it is no figure and no 配合 column); `1*` is a 序号 marked as one the city leads;
    the leaders' category rows between the rows stay lines of their own."""
    lines = [
        "省政府工作报告2021年重点工作涉及本市任务责任分解",
        "序号",
        "重点工作任务(某市2项牵头工作、3项配合工作)",
        "责任单位",
        "(一)王某副市长牵头重点工作",
        "1*",
        "大力推进城西科创大走廊建设。",
        "科创产业集聚区管委会,市科技局、市发改委",
        "2",
        "深入实施消费新政,培育新型消费。",
        "市商务局、市发改委",
    ]
    result = core.extract(_write(lines, tmp_path / "count.txt"))
    got = [(t.text, t.lead_units) for t in result.tasks]
    assert got == [
        ("大力推进城西科创大走廊建设。", ["科创产业集聚区管委会", "市科技局", "市发改委"]),
        ("深入实施消费新政,培育新型消费。", ["市商务局", "市发改委"]),
    ]


def test_cells_closed_by_a_bar_and_a_problem_list(tmp_path: Path) -> None:
    """A web export closing every cell with ` |` (an empty cell printing `|` alone), of an
    inspection's problem list (`路段名称 · 问题描述 · 责任单位`): the bars are no text, and each
    problem is a task `<路段>：<问题>` of its unit."""
    lines = [
        "卫生城市测评路段问题汇总表",
        "序号 |",
        "路段名称 |",
        "问题描述 |",
        "责任单位 |",
        "备注 |",
        "1 |",
        "湘北大道 |",
        "沿线街道车辆违停严重 |",
        "停车办 |",
        "|",
        "2 |",
        "赶山西路 |",
        "路口往西150米处路面积水严重 |",
        "市政维护管理处 |",
        "|",
    ]
    result = core.extract(_write(lines, tmp_path / "bars.txt"))
    got = [(t.text, t.lead_units) for t in result.tasks]
    assert got == [
        ("湘北大道：沿线街道车辆违停严重", ["停车办"]),
        ("赶山西路：路口往西150米处路面积水严重", ["市政维护管理处"]),
    ]


def test_a_real_problem_list_printed_one_cell_per_line(tmp_path: Path) -> None:
    """corpus pt_4814_2016 (`序号 · 存在问题 · 整改责任单位`, numbered from 98, problems
    grouped under a unit's name: `区外侨办：⑴…`) printed one cell per line, empty cells
    left out, gives every task of its text."""
    from tests.formats.builders import one_cell_per_line
    from tests.real_documents import corpus_text

    source = corpus_text("pt_4814_2016")
    printed = tmp_path / "cells.txt"
    printed.write_text(one_cell_per_line(source.read_text(encoding="utf-8")), encoding="utf-8")
    expected = core.extract(source).tasks
    assert len(expected) == 50
    report = differences(expected, core.extract(printed).tasks)
    assert not report, report
