"""Render one unit's feedback sheet (as sent, and as a unit fills it) to PNG for docs/.

    /work/main/.venv/bin/python docs/make_feedback_pages.py   # needs soffice and pdftoppm

The ledger holds the five seed gazettes; the week is that of 2023-10-09, the unit 县教育局
(of the county where it has the most open tasks, lead and support).
Writes docs/feedback_sheet_p1.png and docs/feedback_filled_p1.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.feedback import export_sheets  # noqa: E402
from core.feedback import sheet_format as F  # noqa: E402
from core.ledger import Ledger, ReportSettings  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
UNIT = "县教育局"


def render(xlsx: Path, png: Path) -> None:
    out = xlsx.parent
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = xlsx.with_suffix(".pdf")
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(pdf), str(out / "page")],
        check=True,
    )
    page = next(out.glob("page*.png"))
    shutil.move(page, png)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        now = datetime(2023, 10, 10, 2, 0, tzinfo=UTC)
        with Ledger(f"sqlite:///{work / 'l.sqlite3'}", clock=lambda: now) as ledger:
            for seed in sorted(SEEDS.glob("00[0-4]_*.txt")):
                ledger.import_file(seed, by="导入员")
            ledger.set_report_settings(
                ReportSettings(office="县人民政府督查室", contact="张敏", phone="0358-6321234")
            )
            run = export_sheets(
                ledger, work / "out", date(2023, 10, 9), unit=UNIT, reply_by=date(2023, 10, 13)
            )
        # 县教育局 of several counties: the sheet listing the most tasks.
        sheet = max(sorted(run.files), key=lambda p: load_workbook(p)[F.MAIN_SHEET].max_row)
        render(sheet, ROOT / "docs" / "feedback_sheet_p1.png")
        wb = load_workbook(sheet)
        ws = wb[F.MAIN_SHEET]
        rows = [r for r in range(F.HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, F.COL_ID).value]
        answers = [
            ("已完成年度计划的80%，新建校舍主体封顶", "冬季施工受限", "12月底前完成内部装修", "否"),
            ("已全部完成并通过验收", "", "", "是"),
            ("已召开推进会，细化分工", "资金未全部到位", "协调县财政局拨付", "否"),
        ]
        for r, (progress, problems, steps, done) in zip(rows, answers, strict=False):
            for col, value in (
                (F.COL_PROGRESS, progress),
                (F.COL_PROBLEMS, problems),
                (F.COL_NEXT, steps),
                (F.COL_DONE, done),
            ):
                ws.cell(r, col, value or None)
        ws.cell(rows[0], F.COL_EXPECTED, date(2023, 12, 31))
        filled = work / "filled.xlsx"
        wb.save(filled)
        render(filled, ROOT / "docs" / "feedback_filled_p1.png")


if __name__ == "__main__":
    main()
