"""Qt's own strings in 简体中文: the 是/否/确定/取消 buttons, the file dialog, context menus.

Our labels are written in Chinese, but the buttons Qt supplies (QMessageBox.Yes, a
QFileDialog's 查找范围/文件名) come from Qt's catalogue and stay English unless a translator
is installed. The catalogue ships with PySide6 (QLibraryInfo's translations folder); a frozen
build may carry it under resources/translations instead.

Qt 6 gave some file-dialog labels a mnemonic (“&Look in:”, “Files of &type:”) that the
shipped zh_CN catalogue still lists without one, so they stayed English: `MnemonicFallback`
looks such a string up without its “&” and puts the mnemonic back the Chinese way (“(&T)”).
(file_dialogs.py beside this makes every file dialog on Linux Qt's own, so it is translated.)
"""

from __future__ import annotations

import contextlib
import logging
import re
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CATALOGUES = ("qtbase",)
# Python-side translators must outlive the call: Qt holds only the C++ object, and once the
# Python wrapper is collected its `translate` override is gone (English again).
_ALIVE: list[QTranslator] = []
LOCALE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def _folders() -> list[Path]:
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    with contextlib.suppress(ModuleNotFoundError, TypeError):
        folders.append(Path(str(resources.files("resources") / "translations")))
    return folders


_MNEMONIC = re.compile(r"&([^&\s])")


class MnemonicFallback(QTranslator):
    """Qt's catalogue, plus a second look-up without the “&” for strings Qt 6 gave a
    mnemonic the catalogue does not have yet."""

    def __init__(self, catalogue: QTranslator, parent: QApplication | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        catalogue.setParent(self)

    def isEmpty(self) -> bool:
        return self.catalogue.isEmpty()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = self.catalogue.translate(context, source, disambiguation, n)
        if found or "&" not in source:
            return found
        key = _MNEMONIC.search(source.replace("&&", ""))
        plain = self.catalogue.translate(context, _MNEMONIC.sub(r"\1", source), disambiguation, n)
        if not plain or key is None or "&" in plain:
            return plain
        mark = f"(&{key.group(1).upper()})"
        for colon in ("：", ":"):
            if plain.endswith(colon):
                return plain[: -len(colon)] + mark + colon
        return plain + mark


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Install Qt's zh_CN catalogues on `app`; returns the translators (kept alive by `app`).

    Missing catalogues are logged, not raised: English buttons are a blemish, not a failure.
    """
    QLocale.setDefault(LOCALE)
    installed: list[QTranslator] = []
    for name in CATALOGUES:
        catalogue = QTranslator(app)
        if any(catalogue.load(LOCALE, name, "_", str(folder)) for folder in _folders()):
            translator = MnemonicFallback(catalogue, app)
            app.installTranslator(translator)
            installed.append(translator)
            _ALIVE.append(translator)
        else:
            log.warning("Qt translation %s_zh_CN not found; Qt's buttons stay English", name)
            catalogue.deleteLater()
    return installed
