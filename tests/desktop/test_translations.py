"""Qt's own buttons (是/否, 取消) read in Chinese once the catalogue is installed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.environment.translations import install_qt_translations

ROOT = Path(__file__).resolve().parents[2]


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


def test_file_dialog_is_chinese(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's own file dialog: 查找范围 and 文件类型 too (Qt 6 gave them mnemonics the
    shipped catalogue lacks), the view buttons' tips and the list's context menu."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMenu, QTreeView

    translators = install_qt_translations(qapp)
    try:
        dialog = QFileDialog(None, "导入公报", str(ROOT), "公报文件 (*.txt);;所有文件 (*)")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        qtbot.waitExposed(dialog)
        texts = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
        texts += [b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.toolTip()]
        header = dialog.findChild(QTreeView).model()
        texts += [str(header.headerData(c, Qt.Orientation.Horizontal)) for c in range(4)]
        texts += [a.text() for m in dialog.findChildren(QMenu) for a in m.actions() if a.text()]
        assert any("查找范围" in t for t in texts) and any("文件类型" in t for t in texts)
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("Ctrl", ""))]
        assert not english, english
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_mnemonic_is_put_back_the_chinese_way(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    translators = install_qt_translations(qapp)
    try:
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
        assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
        assert QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"  # as shipped
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_linux_uses_qt_file_dialogs_with_columns_that_fit(qapp, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView

    from desktop.environment import file_dialogs

    monkeypatch.setattr(file_dialogs.sys, "platform", "linux")
    polisher = file_dialogs.install_file_dialogs(qapp)
    try:
        assert qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        dialog = QFileDialog(None, "导入公报", str(ROOT))
        qtbot.addWidget(dialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() >= file_dialogs.MIN_WIDTH
        header = dialog.findChild(QTreeView).header()
        assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.ResizeToContents
    finally:
        qapp.removeEventFilter(polisher)
        qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
