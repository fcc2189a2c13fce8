"""Start-up: arguments, logging, fonts, settings, the ledger, the main window.

    python -m desktop [--db URL] [--import PATH ...] [--screenshot FILE]

`--screenshot` imports PATHs through the same controller as a drop, renders the window
offscreen into a PNG and exits (used for docs/screenshot.png and as a smoke test).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("desktop")
STARTED = time.perf_counter()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="taizhang", description="公报督办台账")
    parser.add_argument(
        "--db", metavar="URL", help="台账数据库（SQLAlchemy URL 或 SQLite 文件路径）"
    )
    parser.add_argument(
        "--import", dest="imports", metavar="PATH", nargs="+", default=[], help="启动后导入这些文件"
    )
    parser.add_argument("--screenshot", metavar="FILE", help="导入后把窗口截图保存为 PNG 并退出")
    parser.add_argument("--size", default="1600x900", help="截图时的窗口大小（默认 1600x900）")
    parser.add_argument("--select", type=int, default=1, help="截图时选中第几行（默认 1）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from core.errors import TaizhangError
    from desktop import settings as S
    from desktop.errors import ExceptionHandler, Notifier
    from desktop.fonts import ensure_cjk_font
    from desktop.logs import route_qt_messages, setup_logging

    log_path = setup_logging()
    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("公报督办台账")
    app.setOrganizationName(S.ORGANIZATION)
    ensure_cjk_font(app)  # type: ignore[arg-type]
    notifier = Notifier()
    handler = ExceptionHandler(notifier, log_path)
    handler.install()
    settings = S.Settings()

    from core.ledger import Ledger
    from desktop.gateway import LedgerGateway
    from desktop.main_window import MainWindow
    from desktop.workers import TaskRunner

    url = args.db or settings.get(S.LEDGER_URL) or None
    try:
        ledger = Ledger(url)
    except TaizhangError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "无法打开台账", str(exc))
        return 2
    gateway = LedgerGateway(ledger, lambda: settings.get(S.CLERK_NAME))
    window = MainWindow(gateway, settings, TaskRunner(), notifier)
    notifier.parent = window
    log.info("ledger %s", ledger.url)

    if args.screenshot:
        return _screenshot(app, window, args, Path(args.screenshot))

    window.show()
    window.reload()
    log.info("window shown %.0f ms after start", (time.perf_counter() - STARTED) * 1000)
    if args.imports:
        QTimer.singleShot(0, lambda: window.import_paths([Path(p) for p in args.imports]))
    code = app.exec()
    ledger.close()
    return int(code)


def _screenshot(app: object, window: object, args: argparse.Namespace, out: Path) -> int:
    """Import synchronously through the drop path, select a row, render, save, exit."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.errors import RecordingNotifier
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    width, height = (int(v) for v in args.size.lower().split("x"))
    window.importer.notifier = RecordingNotifier()  # no summary box over the screenshot
    window.importer.show_progress = False
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    if args.imports:
        window.importer.finished.connect(lambda _s: loop.quit())
        if window.import_paths([Path(p) for p in args.imports]):
            loop.exec()
        summary = window.importer.last_summary
        if summary is not None:
            print(summary.text())
    window.runner.wait()
    window.reload()
    window.runner.wait()
    for _ in range(5):
        QApplication.processEvents()
    if window.model.rowCount():
        window.table.selectRow(max(0, min(args.select, window.model.rowCount()) - 1))
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out), "PNG")
    print(f"截图已保存：{out}" if ok else f"截图保存失败：{out}")
    window.gateway.ledger.close()
    return 0 if ok else 1
