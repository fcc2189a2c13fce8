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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from core.ledger import Ledger
    from desktop.environment.credentials import Credentials

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
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="以指定日期作为“今天”（演示与截图用）"
    )
    # For bench/bench_desktop.py: quit as soon as the table holds the ledger's rows.
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.environment import settings as S
    from desktop.environment.file_dialogs import install_file_dialogs
    from desktop.environment.fonts import ensure_cjk_font
    from desktop.environment.logs import route_qt_messages, setup_logging
    from desktop.environment.translations import install_qt_translations
    from desktop.errors import ExceptionHandler, Notifier

    log_path = setup_logging()
    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("公报督办台账")
    app.setOrganizationName(S.ORGANIZATION)
    ensure_cjk_font(app)  # type: ignore[arg-type]
    install_qt_translations(app)  # type: ignore[arg-type]
    install_file_dialogs(app)  # type: ignore[arg-type]
    notifier = Notifier()
    handler = ExceptionHandler(notifier, log_path)
    handler.install()
    settings = S.Settings(_scratch_settings() if args.screenshot else None)

    from core.error_messages import describe
    from core.ledger.presence import with_clerk
    from desktop.environment.connection import install_connection_status
    from desktop.environment.credentials import Credentials
    from desktop.environment.credentials import session as credentials
    from desktop.gateway import LedgerGateway
    from desktop.main_window import MainWindow
    from desktop.workers import TaskRunner

    # Password from the keyring / asked once; clerk name tagged for pg_stat_activity. A
    # screenshot run has nobody to answer a prompt: it never asks, and a refused login ends
    # it at once with one line on stderr (a modal box offscreen would wait forever).
    creds = Credentials(ask=None) if args.screenshot else credentials()
    clock = _fixed_clock(args.today) if args.today else None
    try:
        url = with_clerk(creds.ledger_url(settings, args.db), settings.get(S.CLERK_NAME))
        ledger = open_ledger(url, clock, creds, lambda u: with_clerk(u, settings.get(S.CLERK_NAME)))
    except Exception as exc:
        message = describe(exc, args.db)
        if message is None:
            raise
        log.warning("cannot open the ledger: %s", message.line)
        if args.screenshot:
            print(f"错误：{message.line}", file=sys.stderr)
            return 2
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "无法打开台账", message.line)
        return 2
    gateway = LedgerGateway(ledger, lambda: settings.get(S.CLERK_NAME))
    window = MainWindow(gateway, settings, TaskRunner(), notifier)
    notifier.parent = window
    log.info("ledger %s", ledger.url)

    if args.screenshot:
        return _screenshot(app, window, args, Path(args.screenshot))

    install_connection_status(window, lambda: settings.get(S.CLERK_NAME))
    window.show()
    if args.exit_when_ready:
        print(f"shown ms={(time.perf_counter() - STARTED) * 1000:.0f}", flush=True)
        _exit_when_ready(app, window)
    from desktop.environment.ledger_state import announce_ledger_state

    if announce_ledger_state(ledger, notifier, window):  # a damaged ledger is not read
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


def _exit_when_ready(app: object, window: object) -> None:
    """Print the milliseconds from interpreter start to a filled table, then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)

    done: list[bool] = []

    def ready() -> None:
        if done:
            return
        done.append(True)
        elapsed = (time.perf_counter() - STARTED) * 1000
        print(f"ready rows={window.model.rowCount()} ms={elapsed:.0f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)

    window.model.modelReset.connect(lambda: window.model.total_count and ready())


def _fixed_clock(day: str):  # type: ignore[no-untyped-def]
    """A clock on `day` at the current time of day, so demos show realistic due dates."""
    from datetime import UTC, date, datetime

    fixed = date.fromisoformat(day)

    def now() -> datetime:
        return datetime.combine(fixed, datetime.now().time()).astimezone(UTC)

    return now


def _scratch_settings():  # type: ignore[no-untyped-def]
    """Default layout for screenshots: never the clerk's saved window state."""
    import tempfile

    from PySide6.QtCore import QSettings

    path = Path(tempfile.mkdtemp(prefix="taizhang-shot-")) / "settings.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def open_ledger(
    url: str | None,
    clock: Callable[[], datetime] | None,
    creds: Credentials,
    tag: Callable[[str], str],
    tries: int = 3,
) -> Ledger:
    """Open the ledger; after a failed login ask for the password again (a typo is common).

    Raises the last `LedgerUnavailableError` when the clerk cancels or the tries run out, so
    the caller shows one plain message instead of the crash dialog.
    """
    from core.ledger import Ledger, LedgerUnavailableError

    for attempt in range(1, tries + 1):
        try:
            return Ledger(url, clock=clock)
        except LedgerUnavailableError:
            retried = creds.retry(url) if url and attempt < tries else None
            if retried is None:
                raise
            url = tag(retried)
    raise AssertionError("unreachable: the last try either returns or raises")
