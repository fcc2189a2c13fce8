"""Pieces every editing dialog shares, so they look and behave alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

ERROR_STYLE = "color:#c5221f"


def add_save_cancel_footer(
    dialog: QDialog, layout: QVBoxLayout, on_save: Callable[[], None]
) -> QLabel:
    """Append the inline error line and the 保存 / 取消 buttons; return the error label.

    Validation messages go into the label instead of a modal box, so the clerk can fix the
    field while reading the message.
    """
    error = QLabel()
    error.setStyleSheet(ERROR_STYLE)
    layout.addWidget(error)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error


def folder_row(dialog: QDialog, edit: QLineEdit, title: str) -> QHBoxLayout:
    """A folder path field with its 浏览… button (Qt's own, Chinese, folder chooser)."""

    def browse() -> None:
        path = QFileDialog.getExistingDirectory(dialog, title, edit.text())
        if path:
            edit.setText(path)

    button = QPushButton("浏览…")
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


def add_action_footer(
    dialog: QDialog, layout: QVBoxLayout, label: str, on_accept: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton]:
    """Append 取消 and one action button (生成通知单, 生成反馈表 …); return both."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    action = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return buttons, action
