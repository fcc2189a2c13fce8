"""Render docs/document_view.png: the main window at 1366×768 with a document's text open.

    python scripts/screenshot_document_view.py [OUT.png] [--source FILE] [--today YYYY-MM-DD]

Imports a real gazette (default: seed 002, 中阳县) into a scratch ledger through the window
(as a drop does), selects the document with the most 可能遗漏 marks and its first task, and
grabs the window offscreen. Nothing is staged: the marks are the cue finder's own.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = next((ROOT.parent / "shared" / "seeds").glob("002_*.txt"), Path("002.txt"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "document_view.png"))
    parser.add_argument("--source", default=str(DEFAULT_SOURCE))
    parser.add_argument("--today", default="2023-10-16")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from core.ledger import Ledger
    from desktop.environment.fonts import ensure_cjk_font
    from desktop.environment.settings import Settings
    from desktop.errors import RecordingNotifier
    from desktop.gateway import LedgerGateway
    from desktop.main_window import MainWindow
    from desktop.workers import SyncTaskRunner

    app = QApplication([])
    ensure_cjk_font(app)
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
        docs = [gazette.child(i) for i in range(gazette.childCount())]

        def marks(item: object) -> int:
            found = re.search(r"可能遗漏\s*(\d+)", item.text(0))  # type: ignore[attr-defined]
            return int(found.group(1)) if found else 0

        window.nav.tree.setCurrentItem(max(docs, key=marks))
        app.processEvents()
        if window.model.rowCount():
            window.table.selectRow(0)
        app.processEvents()
        # Show where the found tasks end and the first cues no task took begin.
        view = window.source_pane.view
        if view.current is not None:
            open_cues = sorted(c.line for c in view.current.cues if c.open)
            if open_cues:
                view.scroll_to_line(max(open_cues[0] - 6, view.current.document.first_line))
        app.processEvents()
        window.grab().save(args.out)
        window.close()
        ledger.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
