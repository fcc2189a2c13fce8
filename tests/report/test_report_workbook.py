"""The weekly workbook read back with openpyxl: values, fills, layout, print settings, safety."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from core.report.cells import display_width, safe_sheet_title
from core.report.data import NO_LEAD_UNIT, ReportData
from core.report.workbook import write_report
from tests.report.conftest import build_data

RED, AMBER, GREEN = "00FFC7CE", "00FFEB9C", "00C6EFCE"


@pytest.fixture
def book(tmp_path: Path, sample_data: ReportData):
    path = write_report(sample_data, tmp_path / "周报.xlsx")
    return load_workbook(path)


def rows(ws: Worksheet, header_row: int = 1) -> list[dict[str, object]]:
    header = [c.value for c in ws[header_row]]
    out = []
    for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if any(v is not None for v in row):
            out.append(dict(zip(header, row, strict=True)))
    return out


def fill_of(ws: Worksheet, row: int) -> str | None:
    fill = ws.cell(row=row, column=1).fill
    return fill.fgColor.rgb if fill.fill_type == "solid" else None


SHEETS = ["汇总", "本周重点", "本周变化", "任务明细"]


def test_sheets_in_reading_order(book) -> None:
    assert book.sheetnames == SHEETS
    assert book.active.title == "汇总"


def test_detail_rows_grouped_by_lead_unit_then_deadline(book, sample_data: ReportData) -> None:
    detail = rows(book["任务明细"])
    assert [r["序号"] for r in detail] == list(range(1, len(sample_data.tasks) + 1))
    groups = [str(r["牵头单位"] or NO_LEAD_UNIT).split("、")[0] for r in detail]
    # each lead unit's tasks are contiguous, in the summary's unit order, undated last
    seen: list[str] = []
    for g in groups:
        if not seen or seen[-1] != g:
            assert g not in seen
            seen.append(g)
    assert seen == [u.unit for u in sample_data.units if u.unit in groups]
    fagai = [r for r in detail if str(r["牵头单位"]).startswith("县发改局")]
    deadlines = [r["完成时限"] for r in fagai if r["完成时限"] is not None]
    assert deadlines == sorted(deadlines)


def test_detail_values(book) -> None:
    detail = {r["任务内容"]: r for r in rows(book["任务明细"])}
    water = detail["实施黄河流域生态保护和高质量发展水利项目建设，完成堤防加固工程"]
    assert water["牵头单位"] == "县水利局、县发改局"
    assert water["资金(万元)"] == 26034.0
    assert water["状态"] == "暂缓"
    assert water["完成时限"] is None
    soon = detail["推进第2项重点工作"]
    assert soon["完成时限"] == datetime(2026, 11, 20)
    assert soon["剩余天数"] == 2
    assert soon["配合单位"] == "县财政局"
    # a control character from extraction is dropped rather than breaking the file
    assert "各乡镇落实属地责任" in detail
    note = next(r for r in detail.values() if r["最新进展"])
    assert note["来源文件(文号)"] == "@关于做好防汛工作的函"
    assert note["更新时间"] == datetime(2026, 11, 17)
    # 存在问题 and 下步措施 are labelled lines of the one 最新进展 cell
    assert note["最新进展"] == '=HYPERLINK("http://x","y")\n问题：+资金缺口\n措施：-协调县财政局'


def test_status_fills(book) -> None:
    ws = book["任务明细"]
    by_text = {ws.cell(row=r, column=3).value: r for r in range(2, ws.max_row + 1)}
    assert fill_of(ws, by_text["推进第1项重点工作"]) == RED  # overdue
    assert fill_of(ws, by_text["推进第2项重点工作"]) == AMBER  # due in 2 days
    assert fill_of(ws, by_text["推进第3项重点工作"]) == GREEN  # done, though past deadline
    assert fill_of(ws, by_text["各乡镇落实属地责任"]) == AMBER  # due in exactly 7 days
    assert fill_of(ws, by_text["推进第5项重点工作"]) is None  # months ahead
    # every cell of a highlighted row carries the fill, not just the first
    row = by_text["推进第1项重点工作"]
    assert {ws.cell(row=row, column=c).fill.fgColor.rgb for c in range(1, 12)} == {RED}


def test_focus_sheet_parts(book) -> None:
    ws = book["本周重点"]
    values = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]
    headings = [v[0] for v in values if isinstance(v[0], str)]
    assert headings == [
        "一、已逾期任务（1项）",
        "二、7天内到期任务（2项）",
        "三、本周有进展或变化的任务（2项）",
    ]
    tasks = [v for v in values if isinstance(v[0], int)]
    assert [v[0] for v in tasks] == list(range(1, len(tasks) + 1))
    overdue = tasks[0]
    assert overdue[2] == "推进第1项重点工作" and overdue[5] == -17
    assert fill_of(ws, 3) == RED
    # a task is listed once, in the first part it belongs to
    assert len({v[2] for v in tasks}) == len(tasks)


def test_summary_counts_and_totals(book, sample_data: ReportData) -> None:
    ws = book["汇总"]
    assert ws["A1"].value == "兴县重点任务推进情况周报"
    assert "2026年11月16日至2026年11月22日" in ws["A2"].value
    assert "2026-11-18 15:30" in ws["A2"].value
    table = [r for r in rows(ws, header_row=4) if r["任务数"] is not None]
    by_unit = {r["牵头单位"]: r for r in table}
    fagai = by_unit["县发改局"]
    # tasks 1, 2, 3 and 4 (co-led with 县水利局)
    assert fagai["任务数"] == 4
    assert (fagai["已完成"], fagai["推进中"], fagai["未开始"], fagai["暂缓"]) == (1, 1, 1, 1)
    assert fagai["已逾期"] == 1 and fagai["本周完成"] == 1
    assert fagai["完成率"] == pytest.approx(0.25)
    assert by_unit[NO_LEAD_UNIT]["任务数"] == 1
    total = by_unit["合计"]
    assert total["任务数"] == len(sample_data.tasks) == 6  # task 4 counted once
    assert total["已完成"] == 1 and total["已逾期"] == 1 and total["本周完成"] == 1
    assert sum(r["任务数"] for r in table if r["牵头单位"] != "合计") == 7
    # 县发改局 … first, then the section of collective / unassigned units, then 合计
    assert [r["牵头单位"] for r in table][-2:] == [NO_LEAD_UNIT, "合计"]
    last = ws.max_row
    assert ws.cell(row=last, column=1).value == "合计" and ws.cell(row=last, column=1).font.b
    assert ws.auto_filter.ref == f"A4:I{last - 1}"  # the totals row is not filtered


def test_changes_sheet(book) -> None:
    changes = rows(book["本周变化"])
    assert [(c["变化"], c["状态变化"], c["登记人"]) for c in changes] == [
        ("完成", "推进中→已完成", "张三"),
        ("进展更新", None, "李四"),
    ]
    assert changes[0]["时间"] == datetime(2026, 11, 16, 10, 0)
    assert fill_of(book["本周变化"], 2) == GREEN


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, sample_data: ReportData) -> None:
    path = write_report(sample_data, tmp_path / "r.xlsx")
    ws = load_workbook(path)["任务明细"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    risky = {c.value: c for c in cells if c.value[0] in "=+-@"}
    assert set(risky) == {
        '=HYPERLINK("http://x","y")\n问题：+资金缺口\n措施：-协调县财政局',
        "@关于做好防汛工作的函",
    }
    for cell in risky.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it text even when the clerk edits the cell
    with zipfile.ZipFile(path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            assert "<f>" not in zf.read(name).decode("utf-8")


def test_layout_and_print_settings(book) -> None:
    for ws in book.worksheets:
        header_row = 4 if ws.title == "汇总" else 1
        assert ws.freeze_panes == f"A{header_row + 1}"
        assert ws.auto_filter.ref.startswith(f"A{header_row}:")
        assert ws.print_title_rows == f"${header_row}:${header_row}"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        # big tables print the grid instead of per-cell borders; summary and focus have borders
        assert ws.print_options.gridLines == (ws.title not in ("汇总", "本周重点"))
        header = ws.cell(row=header_row, column=1)
        assert header.font.b and header.fill.fill_type == "solid"


def test_formats_and_wrapping(book) -> None:
    ws = book["任务明细"]
    header = {c.value: c.column for c in ws[1]}
    assert ws.cell(row=2, column=header["完成时限"]).number_format == "yyyy-mm-dd"
    assert ws.cell(row=2, column=header["资金(万元)"]).number_format == "#,##0.00"
    assert ws.cell(row=2, column=header["更新时间"]).number_format == "yyyy-mm-dd"
    assert ws.cell(row=2, column=header["任务内容"]).alignment.wrap_text
    assert book["汇总"].cell(row=5, column=9).number_format == "0.0%"


def test_column_widths_count_chinese_as_two(book) -> None:
    ws = book["任务明细"]
    header = {c.value: c.column_letter for c in ws[1]}
    longest_lead = display_width("兴县水务投资建设有限公司")
    assert longest_lead == 24
    width = ws.column_dimensions[header["牵头单位"]].width
    assert width >= min(longest_lead, 14)  # capped at the column's maximum, then wrapped
    assert ws.column_dimensions[header["序号"]].width < width
    summary = book["汇总"]
    assert summary.column_dimensions["A"].width >= longest_lead


def test_display_width() -> None:
    assert display_width("县发改局") == 8
    assert display_width("ab县（") == 6
    assert display_width("abc\n县发改局") == 8
    assert display_width("很长" * 50, cap=30) == 30


def test_safe_sheet_title() -> None:
    assert safe_sheet_title("汇总") == "汇总"
    assert safe_sheet_title("a/b:c*d?[e]\\") == "a_b_c_d__e__"
    assert len(safe_sheet_title("长" * 40)) == 31
    assert safe_sheet_title("汇总", {"汇总"}) == "汇总(2)"
    assert safe_sheet_title("") == "Sheet"


def test_empty_report_still_has_every_sheet(tmp_path: Path) -> None:
    data = build_data([], [], set())
    wb = load_workbook(write_report(data, tmp_path / "empty.xlsx"))
    assert wb.sheetnames == SHEETS
    assert wb["本周重点"]["A2"].value == "一、已逾期任务（0项）"
    assert wb["本周重点"]["C3"].value == "（无）"
    assert rows(wb["汇总"], header_row=4)[-1]["任务数"] == 0
    assert wb["任务明细"].auto_filter.ref == "A1:K1"


def test_page_header_names_report_and_period(book) -> None:
    header = book["任务明细"].oddHeader.center.text
    assert header == "兴县重点任务推进情况周报（任务明细）  2026年11月16日至2026年11月22日"


def test_ampersand_in_county_is_literal_in_page_header(tmp_path: Path) -> None:
    data = build_data([], [], set())
    data.county = "A&B县"
    wb = load_workbook(write_report(data, tmp_path / "amp.xlsx"))
    assert wb["汇总"].oddHeader.center.text.startswith("A&&B县重点任务推进情况周报")
    assert wb["汇总"]["A1"].value == "A&B县重点任务推进情况周报"


def test_week_is_monday_to_sunday(sample_data: ReportData) -> None:
    assert sample_data.period_start == date(2026, 11, 16)
    assert sample_data.period_end == date(2026, 11, 22)
    assert sample_data.period_start.weekday() == 0


def test_fast_width_agrees_with_unicodedata() -> None:
    """The regex used for speed must count exactly what east_asian_width says."""
    from core.report.cells import char_width, line_width

    sample = "".join(chr(cp) for cp in range(0x20, 0x40000, 13) if not 0xD800 <= cp <= 0xDFFF)
    sample += "县发改局（）ＡＢ，。、ｱｲｳ한국어😀"
    assert line_width(sample) == sum(char_width(ch) for ch in sample)
