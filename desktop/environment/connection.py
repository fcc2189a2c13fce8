"""Which ledger this window works on, who else is on it, and their changes shown promptly.

A shared ledger (PostgreSQL) is edited by several clerks at once, so the status bar names
the ledger (URL without password), the clerk saving under this name, and — for
PostgreSQL — the other clerks connected right now. What they change reaches this window
when it regains focus and every `INTERVAL_MS` anyway: `Ledger.changed_since` lists the
tasks touched since the last look, and only rows whose version moved are replaced (new or
removed tasks reload the table). Writes stay guarded by versions; this only keeps the
view from going stale.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from core.error_messages import describe
from core.ledger.presence import other_clerks
from desktop.environment.credentials import without_password

log = logging.getLogger(__name__)

INTERVAL_MS = 20_000
# Rows stamped by other PCs whose clocks run a little behind ours still count as new.
CLOCK_SKEW = timedelta(minutes=2)
# Focus can flicker (dialogs): do not query more often than this on activation.
MIN_GAP_S = 2.0


def ledger_place(url: str) -> str:
    """Where the ledger is, as a clerk reads it: a file path for SQLite, else the URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return without_password(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return str(Path(parsed.database))
    return without_password(url)


def ledger_label(url: str, clerk: str, others: list[str]) -> str:
    text = f"台账：{ledger_place(url)}　经办人：{clerk}"
    if others:
        text += f"　同时在线：{'、'.join(others)}"
    return text


class ConnectionStatus(QObject):
    """Status-bar label + refresh of other clerks' changes for one main window."""

    def __init__(
        self,
        window: QMainWindow,
        clerk: Callable[[], str],
        interval_ms: int = INTERVAL_MS,
    ) -> None:
        super().__init__(window)
        self.window, self.clerk = window, clerk
        self.ledger = window.gateway.ledger  # type: ignore[attr-defined]
        self.label = QLabel()
        self.label.setObjectName("connection_label")
        window.statusBar().addPermanentWidget(self.label)
        self.others: list[str] = []
        self.offline = ""  # the last connection problem's message, "" while reachable
        self.mark: datetime = self.ledger.now()
        self._last = 0.0
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        window.installEventFilter(self)
        self.update_label()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and time.monotonic() - self._last > MIN_GAP_S:
            QTimer.singleShot(0, self.refresh)
        return False

    def update_label(self) -> None:
        text = ledger_label(self.ledger.url, self.clerk(), self.others)
        self.label.setText(text + ("　（连接中断）" if self.offline else ""))
        self.label.setToolTip(
            "其他经办人的修改每 20 秒及窗口获得焦点时自动载入；"
            "保存时若任务已被他人修改，会提示重新载入或覆盖。"
        )

    def refresh(self) -> int:
        """Pull other clerks' changes into the table; returns how many rows changed."""
        self._last = time.monotonic()
        w = self.window
        if getattr(w, "loading", False) or getattr(w, "writing", False):
            return 0  # a reload or a save is under way: look again next time
        now = self.ledger.now()
        try:
            ids = self.ledger.changed_since(self.mark - CLOCK_SKEW)
            self.others = other_clerks(self.ledger, me=self.clerk())
        except Exception as exc:  # busy ledger, server away: say so, try again later
            message = describe(exc, self.ledger.url)
            if message is None:  # a bug: logged; a view refresh must never crash the window
                log.warning("refresh from the ledger failed", exc_info=True)
                return 0
            self.offline = message.line
            w.statusBar().showMessage(f"无法检查他人的修改：{message.line}", 8000)
            self.update_label()
            return 0
        if self.offline:  # the server is back: say so once and show what changed meanwhile
            self.offline = ""
            w.statusBar().showMessage("已重新连接台账服务器", 5000)
        self.mark = now
        self.update_label()
        if not ids:
            return 0
        known = {r.id: r.version for r in w.model.all_rows()}  # type: ignore[attr-defined]
        fresh = w.gateway.rows(ids)  # type: ignore[attr-defined]
        fresh_ids = {r.id for r in fresh}
        appeared = fresh_ids - known.keys()
        vanished = {i for i in ids if i in known and i not in fresh_ids}
        if appeared or vanished:
            w.reload()  # type: ignore[attr-defined]
            return len(appeared) + len(vanished)
        changed = [r for r in fresh if known.get(r.id) != r.version]
        if changed:
            w.refresh_rows(changed)  # type: ignore[attr-defined]
            w.statusBar().showMessage(f"已载入其他经办人的 {len(changed)} 项修改", 5000)
        return len(changed)


def install_connection_status(window: QMainWindow, clerk: Callable[[], str]) -> ConnectionStatus:
    """One-line hook for the start-up code; the object lives as the window's child."""
    return ConnectionStatus(window, clerk)
