"""Tasks prefilled from selected source lines, and deadlines as clerks type them."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import SHARED

from core.fields.deadlines import deadline_as_written
from core.finders.prefill import prefill_task
from core.text.lines import SourceLine
from core.text.normalize import normalize_lines

CANZHUO = SHARED / "devset2" / "pt_canzhuo_2016.txt"


def _numbered(text: str) -> list[SourceLine]:
    return normalize_lines(text)


def _line_of(path: Path, start: str) -> int:
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(start):
            return no
    raise AssertionError(start)


@pytest.mark.parametrize(
    ("typed", "year", "iso"),
    [
        ("2025年12月底前", None, "2025-12-31"),
        ("年底前", 2025, "2025-12-31"),
        ("10月31日", 2025, "2025-10-31"),
        ("10月底前", 2024, "2024-10-31"),
        ("2025-06-30", None, "2025-06-30"),
        ("2025/6/30", None, "2025-06-30"),
        ("上半年", 2026, "2026-06-30"),
    ],
)
def test_deadline_as_clerks_write_it(typed: str, year: int | None, iso: str) -> None:
    found = deadline_as_written(typed, year)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize("typed", ["", "尽快", "年底前"])
def test_unreadable_deadline_is_none_not_a_guess(typed: str) -> None:
    assert deadline_as_written(typed, None) is None  # 年底前 without a year: no guess


def test_bare_unit_annotation_item_of_devset2() -> None:
    """`1.推广绿色生产技术。…（区农发局）`: numbering and the bare annotation leave the text;
    the unit leads; ref/section/group come from the outline around the line."""
    lines = _numbered(CANZHUO.read_text(encoding="utf-8"))
    no = _line_of(CANZHUO, "1.推广绿色生产技术")
    p = prefill_task(lines, no, no, 2016)
    assert p.text.startswith("推广绿色生产技术。实施化肥") and p.text.endswith("监控和预警。")
    assert p.lead_units == ["区农发局"] and p.support_units == []
    assert (p.ref, p.section, p.group) == ("二/(一)/1", "二、目标任务", "种植养殖环节")


def test_item_broken_over_three_lines_is_rejoined() -> None:
    lines = _numbered(CANZHUO.read_text(encoding="utf-8"))
    no = _line_of(CANZHUO, "6.开展保健食品专项检查")
    p = prefill_task(lines, no, no + 2, 2016)
    assert "生产经营企业的执法检查" in p.text and "\n" not in p.text
    assert p.lead_units == ["区市场监管局"] and p.text.endswith("违法行为。")


def test_labelled_annotation_gives_lead_support_deadline_and_money() -> None:
    text = (
        "三、重点任务\n"
        "（二）基础设施\n"
        "3.新建污水管网12公里，总投资1.5亿元，2024年10月底前完工。"
        "（责任单位：县住建局牵头，县发改局、县财政局配合）\n"
    )
    p = prefill_task(_numbered(text), 3, 3, 2024)
    assert p.text == "新建污水管网12公里，总投资1.5亿元，2024年10月底前完工。"
    assert p.lead_units == ["县住建局"] and p.support_units == ["县发改局", "县财政局"]
    assert p.deadline is not None and p.deadline.iso == "2024-10-31"
    assert [a.yuan for a in p.amounts] == [150_000_000]
    assert p.ref == "三/(二)/3"


def test_labelled_lines_after_the_item() -> None:
    text = (
        "1.建设智慧停车平台。\n牵头单位：区住建局\n配合单位：区财政局、区城管局\n完成时限：年底前\n"
    )
    p = prefill_task(_numbered(text), 1, 4, 2023)
    assert p.text == "建设智慧停车平台。"
    assert p.lead_units == ["区住建局"] and p.support_units == ["区财政局", "区城管局"]
    assert p.deadline is not None and p.deadline.iso == "2023-12-31"


def test_table_row() -> None:
    text = (
        "序号\t重点任务\t责任单位\t完成时限\n2\t完成老旧小区改造\t县住建局、县财政局\t2024年6月\n"
    )
    p = prefill_task(_numbered(text), 2, 2, 2024)
    assert p.text == "完成老旧小区改造"
    assert p.lead_units == ["县住建局", "县财政局"]
    assert p.deadline is not None and p.deadline.iso == "2024-06-30"


def test_a_clicked_first_line_reaches_to_the_units_of_its_item() -> None:
    from core.finders.prefill import item_extent

    lines = _numbered(CANZHUO.read_text(encoding="utf-8"))
    broken = _line_of(CANZHUO, "6.开展保健食品专项检查")
    assert item_extent(lines, broken) == broken + 2  # page-broken over three lines
    one = _line_of(CANZHUO, "1.推广绿色生产技术")
    assert item_extent(lines, one) == one
    assert item_extent(lines, broken + 1) == broken + 1  # not an item's first line
    text = "1.建设智慧停车平台。\n牵头单位：区住建局\n完成时限：年底前\n其后的说明段落。\n"
    assert item_extent(_numbered(text), 1) == 3
