"""File dialogs a clerk can read: Qt's own dialog on Linux, with columns that fit.

The desktop's native dialog on Linux (GTK, KDE portal) ignores our Qt translation and varies
from machine to machine; Qt's own QFileDialog is translated (translations.py beside this)
and the same everywhere. On Windows the system dialog is already Chinese and what clerks know.
Call sites keep using QFileDialog's static functions; `FileDialogPolish` widens the file
list's 大小/类型/修改日期 columns, which Qt's defaults cut to “261…KiB”.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QTreeView

MIN_WIDTH, MIN_HEIGHT = 860, 520


def use_qt_file_dialogs(app: QApplication) -> None:
    """On Linux, Qt's own (translated) file dialog instead of the desktop's."""
    if sys.platform.startswith("linux"):
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def polish(dialog: QFileDialog) -> None:
    """Name column takes the room; the others fit their contents as the listing arrives."""
    if dialog.width() < MIN_WIDTH or dialog.height() < MIN_HEIGHT:
        dialog.resize(max(dialog.width(), MIN_WIDTH), max(dialog.height(), MIN_HEIGHT))
    for view in dialog.findChildren(QTreeView):
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, header.count()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)


class FileDialogPolish(QObject):
    """Application event filter: polishes every Qt file dialog when it is first shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog)
        if shown and not watched.property("taizhang_polished"):
            watched.setProperty("taizhang_polished", True)
            polish(watched)  # type: ignore[arg-type]
        return False


def install_file_dialogs(app: QApplication) -> FileDialogPolish:
    """Qt dialogs on Linux, polished everywhere; returns the filter (parented to `app`)."""
    use_qt_file_dialogs(app)
    polisher = FileDialogPolish(app)
    app.installEventFilter(polisher)
    return polisher
