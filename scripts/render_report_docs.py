"""Render the weekly report and one 催办通知单 to PNG pages for docs/ (and for looking at).

    .venv/bin/python scripts/render_report_docs.py [OUT_DIR]

Builds a ledger from seed 002 (中阳县, 2023) with three weeks of scripted work, exports the
report for the middle week and the reminders of that week, prints both with LibreOffice
(Calc and Writer) to PDF and the pages with pdftoppm at 100 dpi: what a superior holds.
Needs LibreOffice and poppler-utils (pdftoppm).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.ledger import Ledger, ReportSettings, TaskFilter  # noqa: E402
from core.report import export_weekly_report  # noqa: E402
from core.report.reminders import select_notices, send_reminders  # noqa: E402


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build(work: Path) -> tuple[Path, Path]:
    seed = sorted((ROOT.parent / "shared" / "seeds").glob("002_*.txt"))[0]
    clock = Clock(datetime(2023, 10, 2, 1, 0, tzinfo=UTC))
    with Ledger(f"sqlite:///{work / 'demo.sqlite3'}", clock=clock) as lg:
        lg.import_file(seed, by="导入员")
        lg.set_report_settings(
            ReportSettings(office="中阳县人民政府督查室", contact="张敏", phone="0358-3321234")
        )
        rows = lg.tasks(TaskFilter())
        rnd = random.Random(7)
        for week in range(3):
            clock.now = datetime(2023, 10, 9 + 7 * week, 2, 0, tzinfo=UTC)
            for r in rnd.sample(rows, 25):
                current = lg.task(r.id).task
                if current.status == "done":
                    continue
                clock.now += timedelta(minutes=7)
                roll = rnd.random()
                if roll < 0.5:
                    nxt = "done" if roll < 0.2 or current.status != "not_started" else "in_progress"
                    lg.set_status(r.id, nxt, by="李四")
                else:
                    lg.add_note(
                        r.id,
                        progress=f"已召开专题推进会，完成年度目标的{rnd.randint(30, 90)}%。",
                        problems="资金到位较慢" if rnd.random() < 0.3 else None,
                        by="王五",
                    )
            if week == 1:
                lg.correct_field(rows[3].id, "deadline", "2023-12-31", by="李四")
                clock.now += timedelta(hours=1)
                notices = select_notices(lg, overdue=True)
                run = send_reminders(lg, work / "催办", notices, reply_by=date(2023, 10, 20))
        report = export_weekly_report(lg, date(2023, 10, 18), out=work / "周报.xlsx")
    # The unit with the most tasks in its notice: the fullest page to look at.
    biggest = max(notices, key=lambda n: (len(n.items), n.unit))
    notice = next(p for p in run.files if f"_{biggest.unit}_" in p.name)
    return report, notice


def to_pngs(doc: Path, out: Path, stem: str, pages: list[int]) -> list[Path]:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(doc.parent), str(doc)],
        check=True,
        capture_output=True,
    )
    pdf = doc.with_suffix(".pdf")
    written = []
    for page in pages:
        prefix = doc.parent / f"{stem}-{page}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "100",
                "-png",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(prefix),
            ],
            check=True,
        )
        target = out / f"{stem}_p{page}.png"
        shutil.copy(prefix.with_suffix(".png"), target)
        written.append(target)
    return written


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report, notice = build(Path(tmp))
        for path in to_pngs(report, out, "report", [1, 3]) + to_pngs(notice, out, "reminder", [1]):
            print(path)


if __name__ == "__main__":
    main()
