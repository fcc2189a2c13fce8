"""A unit's sheet on paper: A4 landscape, one page wide, every printed cell >= 9 pt after
the fit-to-width scale, header row repeated; rendered by LibreOffice Calc when present."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from feedback_helpers import Sent
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from core.feedback import sheet_format as F

A4_LANDSCAPE_INCHES = 11.69
DPI = 96


def column_pixels(width: float) -> int:
    return int(((256 * width + int(128 / 7)) / 256) * 7)


def test_sheet_prints_readably_on_a4_landscape(sent: Sent) -> None:
    ws = load_workbook(sent.file_of("县教育局"))[F.MAIN_SHEET]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${F.HEADER_ROW}:${F.HEADER_ROW}"
    area = str(ws.print_area).split("!")[-1].replace("$", "")
    min_col, _, max_col, max_row = range_boundaries(area)
    assert max_col == F.COL_EXPECTED  # the hidden task id column is not printed
    width = sum(
        column_pixels(ws.column_dimensions[get_column_letter(c)].width)
        for c in range(min_col, max_col + 1)
    )
    printable = (A4_LANDSCAPE_INCHES - ws.page_margins.left - ws.page_margins.right) * DPI
    scale = min(1.0, printable / width)
    sizes = [
        float(c.font.sz)
        for row in ws.iter_rows(max_row=max_row, max_col=max_col)
        for c in row
        if c.value is not None
    ]
    assert min(sizes) * scale >= 9.0, (min(sizes), scale)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_renders_a4_landscape_pages(sent: Sent, tmp_path: Path) -> None:
    sheet = sent.file_of("县教育局")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(sheet)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / sheet.with_suffix(".pdf").name
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and round(float(size.group(1))) == 842 and round(float(size.group(2))) == 595
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 4  # 12 tasks with room to write


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_reply_saved_again_by_another_office_suite_is_read_alike(
    sent: Sent, tmp_path: Path
) -> None:
    """A unit fills and saves the sheet in LibreOffice (as WPS users do): the hidden sheet,
    the locked cells, dates and the 是/否 choice all survive and the reply is filed."""
    from datetime import date

    from feedback_helpers import WEEK, fill, task_rows

    from core.feedback import file_review, review_file

    sheet = sent.file_of("县水利局")
    a, *_ = task_rows(sheet)
    fill(sheet, {a: {"progress": "河道清淤完成", "done": "是", "expected": date(2023, 12, 31)}})
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(sheet)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    review = review_file(sent.ledger, out / sheet.name, WEEK)
    [row] = [r for r in review.rows if r.state != "blank"]
    assert (row.task_id, row.state) == (a, "new")
    assert row.values.request_done and row.values.expected_on == date(2023, 12, 31)
    result = file_review(sent.ledger, review, by="督查员")
    assert result.notes == 1 and result.requests == 1
