"""Qt's own strings in 简体中文: the 是/否/确定/取消 buttons, the file dialog, context menus.

Our labels are written in Chinese, but the buttons Qt supplies (QMessageBox.Yes, a
QFileDialog's 查找范围/文件名) come from Qt's catalogue and stay English unless a translator
is installed. The catalogue ships with PySide6 (QLibraryInfo's translations folder); a frozen
build may carry it under resources/translations instead.
"""

from __future__ import annotations

import contextlib
import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CATALOGUES = ("qtbase",)
LOCALE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def _folders() -> list[Path]:
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    with contextlib.suppress(ModuleNotFoundError, TypeError):
        folders.append(Path(str(resources.files("resources") / "translations")))
    return folders


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Install Qt's zh_CN catalogues on `app`; returns the translators (kept alive by `app`).

    Missing catalogues are logged, not raised: English buttons are a blemish, not a failure.
    """
    QLocale.setDefault(LOCALE)
    installed: list[QTranslator] = []
    for name in CATALOGUES:
        translator = QTranslator(app)
        if any(translator.load(LOCALE, name, "_", str(folder)) for folder in _folders()):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation %s_zh_CN not found; Qt's buttons stay English", name)
            translator.deleteLater()
    return installed
