"""Logging to a rotating file in the user's log folder, with Qt's own messages routed in.

The crash dialog shows the log path, so a clerk can send the file along with the report.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOG_FILE_NAME = "taizhang.log"
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
qt_log = logging.getLogger("qt")


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir("taizhang", appauthor=False))


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path:
    """Attach a rotating file handler to the root logger; returns the log file's path."""
    directory = log_dir or default_log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def route_qt_messages() -> None:
    """Send qDebug/qWarning output into Python logging instead of stderr."""
    qInstallMessageHandler(_qt_message_handler)
