"""Render docs/document_view.png: the main window at 1366×768 with a document's text open.

    python scripts/screenshot_document_view.py [OUT.png] [--source FILE] [--today YYYY-MM-DD]

Imports a devset2 document into a scratch ledger through the window (as a drop does),
selects the document in the tree and one of its tasks, and grabs the window offscreen.
When the extraction reports no 可能遗漏 cue at all (the cue finder not yet in this
build), the item lines closed by a bare `（区…）` that no task starts on are marked as
cues, as that finder reports them, so the picture shows both kinds of mark.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "devset2" / "pt_canzhuo_2016.txt"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "document_view.png"))
    parser.add_argument("--source", default=str(DEFAULT_SOURCE))
    parser.add_argument("--today", default="2016-06-15")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    import core
    from core.ledger import Ledger
    from core.model import MissedCue
    from desktop.errors import RecordingNotifier
    from desktop.fonts import ensure_cjk_font
    from desktop.gateway import LedgerGateway
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.workers import SyncTaskRunner

    app = QApplication([])
    ensure_cjk_font(app)
    real = core.extract

    def extract(path: str | Path) -> core.ExtractionResult:
        result = real(path)
        if any(d.missed for d in result.documents):
            return result
        texts = result.text.splitlines()
        taken = {t.line for t in result.tasks}
        for doc in result.documents:
            doc.missed = [
                MissedCue(n, texts[n - 1].strip()[:40], "有责任单位标注，但未能对应到任务")
                for n in range(doc.first_line, doc.last_line + 1)
                if texts[n - 1].rstrip().endswith("）")
                and "（区" in texts[n - 1][-20:]
                and n not in taken
            ]
        return result

    core.extract = extract  # type: ignore[assignment]
    day = datetime.fromisoformat(args.today).replace(hour=12, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}", clock=lambda: day)
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(
            LedgerGateway(ledger, lambda: "演示"),
            settings,
            SyncTaskRunner(),
            RecordingNotifier(),
            today=day.date(),
        )
        window.resize(1366, 768)
        window.show()
        window.reload()
        window.import_paths([Path(args.source)])
        gazette = window.nav.tree.topLevelItem(0).child(0)
        gazette.setExpanded(True)
        window.nav.tree.setCurrentItem(gazette.child(0))
        app.processEvents()
        if window.model.rowCount():
            window.table.selectRow(0)
        app.processEvents()
        window.grab().save(args.out)
        window.close()
        ledger.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
