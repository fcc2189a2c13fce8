"""The weekly report on paper: every sheet A4 landscape at 9 pt or more, and a default print
of a few pages for a whole county (汇总, 本周重点, 本周变化; 任务明细 only on request).

The font check reads the workbook back with openpyxl and works out the print scale that
"fit to one page wide" will apply from the column widths and the chart, the way Excel and
LibreOffice do; the page count renders the real file with LibreOffice Calc.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from seedfiles import seed_path

from core import extract
from core.ledger import Ledger, TaskFilter
from core.report import export_weekly_report

A4_LANDSCAPE_INCHES = 11.69
DPI = 96  # Excel's column widths are defined against 96 dpi pixels of a 7-pixel digit


def column_pixels(width: float) -> int:
    """Excel's pixel width of a column `width` characters wide (Calibri 11 digit = 7 px)."""
    return int(((256 * width + int(128 / 7)) / 256) * 7)


def content_pixels(ws: Worksheet) -> float:
    """Width the sheet's used columns and charts take, in pixels at 100 %."""
    last = ws.max_column
    letters = [get_column_letter(c) for c in range(1, last + 1)]
    starts, x = [], 0
    for letter in letters:
        starts.append(x)
        dim = ws.column_dimensions.get(letter)
        x += column_pixels(dim.width if dim is not None and dim.width else 8.43)
    right = float(x)
    for chart in ws._charts:
        col = chart.anchor._from.col  # 0-based
        left = starts[col] if col < len(starts) else x + (col - last) * column_pixels(8.43)
        ext = getattr(chart.anchor, "ext", None)  # read back: the drawing's size in EMU
        cm = ext.width / 360_000 if ext is not None else chart.width
        right = max(right, left + cm / 2.54 * DPI)
    return right


def print_scale(ws: Worksheet) -> float:
    margins = ws.page_margins.left + ws.page_margins.right
    printable = (A4_LANDSCAPE_INCHES - margins) * DPI
    return min(1.0, printable / content_pixels(ws))


def smallest_font(ws: Worksheet) -> float:
    sizes = [
        float(c.font.sz)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and c.font is not None and c.font.sz
    ]
    sizes += [float(ws.oddFooter.center.size or 11), float(ws.oddHeader.center.size or 11)]
    return min(sizes)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def county_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 900-task county ledger: three issues of 中阳县's real gazette (seed 002, each a
    distinct issue), a week in November 2023 with a tenth of the tasks worked on."""
    folder = tmp_path_factory.mktemp("county")
    clock = Clock(datetime(2023, 10, 30, 1, 0, tzinfo=UTC))
    result = extract(seed_path("002"))
    with Ledger(f"sqlite:///{folder / 'ledger.sqlite3'}", clock=clock) as lg:
        for n in range(1, 4):
            tag = f"（第{n}批）"
            copy = replace(
                result,
                text_sha256=f"{n}" * 64,
                gazette=replace(result.gazette, issue=n, total_issue=None),
                tasks=[
                    replace(t, doc_number=f"{t.doc_number}{n}", doc_title=f"{t.doc_title}{tag}")
                    for t in result.tasks
                ],
                documents=[
                    replace(d, doc_number=f"{d.doc_number}{n}", title=f"{d.title}{tag}")
                    for d in result.documents
                ],
            )
            lg.import_result(copy, by="导入员")
        rows = lg.tasks(TaskFilter())
        assert 900 <= len(rows) < 1000
        rnd = random.Random(2023)
        clock.now = datetime(2023, 11, 14, 1, 0, tzinfo=UTC)
        for r in rnd.sample(rows, len(rows) // 10):
            clock.now += timedelta(minutes=3)
            if rnd.random() < 0.5:
                lg.set_status(r.id, "in_progress", by="李四")
            else:
                lg.add_note(r.id, progress="已召开专题会议推进，完成阶段目标。", by="王五")
        return export_weekly_report(lg, date(2023, 11, 15), out=folder / "周报.xlsx")


def test_every_sheet_prints_at_nine_points_or_more_on_a4_landscape(county_report: Path) -> None:
    book = load_workbook(county_report)
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        effective = smallest_font(ws) * print_scale(ws)
        assert effective >= 9.0, f"{ws.title}: {effective:.1f} pt"
    # the log and the full list are kept out of the default print: only their header rows
    assert book["任务明细"].print_area == "'任务明细'!$A$1:$K$1"
    assert book["本周变化"].print_area == "'本周变化'!$A$1:$H$1"
    assert not book["汇总"].print_area and not book["本周重点"].print_area
    assert book["汇总"]._charts, "汇总 carries its chart"


def test_rows_are_as_tall_as_their_wrapped_text(county_report: Path) -> None:
    """No empty bands: a row is never taller than its longest wrapped cell needs."""
    from core.report.cells import wrapped_lines
    from core.report.table import LINE_HEIGHT

    ws = load_workbook(county_report)["本周重点"]
    widths = {
        c: ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width
        for c in range(1, ws.max_column + 1)
    }
    checked = 0
    for row in ws.iter_rows(min_row=2):
        height = ws.row_dimensions[row[0].row].height
        if height is None or not isinstance(row[0].value, int):
            continue
        lines = max(
            wrapped_lines(str(c.value), widths[c.column]) if isinstance(c.value, str) else 1
            for c in row
        )
        assert height <= lines * LINE_HEIGHT + 0.01
        checked += 1
    assert checked > 10


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by dev.py")
def test_default_print_of_a_county_is_at_most_twelve_pages(
    county_report: Path, tmp_path: Path
) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), county_report],
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = (tmp_path / county_report.with_suffix(".pdf").name).read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 3 <= pages <= 12
