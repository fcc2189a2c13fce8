"""Qt's own buttons (是/否, 取消) read in Chinese once the catalogue is installed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.translations import install_qt_translations


def test_message_box_and_dialog_buttons_are_chinese(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    translators = install_qt_translations(qapp)
    try:
        assert translators, "qtbase_zh_CN.qm should ship with PySide6"
        box = QMessageBox()
        qtbot.addWidget(box)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        texts = {
            box.button(b).text()
            for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
        }
        assert all("是" in t or "否" in t for t in texts), texts
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert "取消" in buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
