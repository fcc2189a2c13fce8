"""Pieces every editing dialog shares, so they look and behave alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

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
