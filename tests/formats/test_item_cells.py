"""Task tables without a 序号 column, printed one cell per line (see core.formats.item_cells).

A 任务分解表 whose first column is the numbered task itself comes out of a PDF or web export
as the task's lines, then one line per unit cell; these tests print such a table by hand in
the shape of a real district's 主要工作任务 · 牵头单位 · 责任单位 table (own wording).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import core
from core.formats.item_cells import rebuild_item_tables
from tests.formats.builders import one_cell_per_line
from tests.formats.equivalence import differences
from tests.real_documents import corpus_text, devset2_text

_TABLE = [
    "某区人民政府关于印发2024年政府工作报告主要工作任务分解表的通知",
    "",
    "2024年政府工作报告主要工作任务分解表",
    "",
    "主要工作任务",
    "",
    "牵头单位",
    "",
    "责任单位",
    "",
    "一、优结构、谋发展,加快构建现代化产业体系",
    "",
    "1.完善现代化产业体系,壮大一批支撑企业,",
    "加快形成新质生产力。",
    "",
    "区发改局",
    "",
    "区工信局、区商务局、各街道办事处",
    "",
    "2.大力发展新兴数字、工业互联网等战略性新兴产业。",
    "",
    "区工信局",
    "",
    "区发改局",
    "",
    "各街道办事处",
]


def test_rows_open_at_the_task_number_and_fill_the_unit_columns(tmp_path: Path) -> None:
    """Each numbered task with its wrapped lines is one row; its unit lines fill 牵头单位 and
    责任单位 in order, a third unit line joining the last column."""
    f = tmp_path / "plan.txt"
    f.write_text("\n".join(_TABLE) + "\n", encoding="utf-8")
    got = [(t.text, t.lead_units, t.support_units, t.line) for t in core.extract(f).tasks]
    assert got == [
        (
            "完善现代化产业体系,壮大一批支撑企业,加快形成新质生产力。",
            ["区发改局"],
            ["区工信局", "区商务局", "各街道办事处"],
            13,
        ),
        (
            "大力发展新兴数字、工业互联网等战略性新兴产业。",
            ["区工信局"],
            ["区发改局", "各街道办事处"],
            20,
        ),
    ]


def test_the_line_count_is_kept() -> None:
    text = "\n".join(_TABLE)
    assert len(rebuild_item_tables(text).split("\n")) == len(_TABLE)


def test_a_numbered_list_without_such_a_header_is_left_alone() -> None:
    """Numbered measures followed by unit lines, but no header naming a task column and
    unit columns above them: not a table, nothing changes."""
    text = "\n".join(_TABLE[10:])
    assert rebuild_item_tables(text) == text


def test_an_item_without_unit_lines_leaves_the_table_as_printed() -> None:
    """One numbered item under the header that names no units: the lines do not read as
    this table, so none of them is rebuilt."""
    lines = [*_TABLE[:19], "3.做好其他工作。", "", "二、保障措施"]
    text = "\n".join(lines)
    assert rebuild_item_tables(text) == text


@pytest.mark.parametrize(
    ("source", "count"),
    [
        # `工作任务 · 牵头单位 · 责任单位 · 工作要求`, its header printed again after each page
        # break: the lines after a row's units are its 工作要求
        (devset2_text("pt_zwgk_2018"), 40),
        # `工作任务 · 工作要求 · 牵头单位 · 配合/责任单位`: a group's name (`一、…`) over
        # numbered tasks, and one misprinted name (`各区属国有企企`) in a units cell
        (corpus_text("pt_38733_2022"), 18),
        # `存在问题 · 整改目标和措施 · 责任单位`, rows unnumbered: a problem printed once
        # over the measures it spans, each row ending at its units
        (devset2_text("pt_ligua_2016"), 47),
        # the same, with measures that open with a date and end like a unit (`…可养区`)
        (devset2_text("pt_huanjing_2016"), 12),
    ],
    ids=lambda v: getattr(v, "stem", str(v)),
)
def test_a_real_table_printed_one_cell_per_line_gives_the_tasks_of_its_text(
    source: Path, count: int, tmp_path: Path
) -> None:
    printed = tmp_path / "cells.txt"
    printed.write_text(one_cell_per_line(source.read_text(encoding="utf-8")), encoding="utf-8")
    expected = core.extract(source).tasks
    assert len(expected) == count
    report = differences(expected, core.extract(printed).tasks)
    assert not report, report
