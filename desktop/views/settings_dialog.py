"""设置: ledger location, clerk name and stagnation days (the declared settings, edited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as S
from desktop.credentials import session as credentials


class SettingsDialog(QDialog):
    """Edits the clerk-facing settings; a new ledger location applies at the next start."""

    def __init__(self, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("设置")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.ledger_url = QLineEdit(settings.get(S.LEDGER_URL))
        self.ledger_url.setPlaceholderText("留空：用户数据目录中的默认台账文件")
        self.clerk = QLineEdit(settings.get(S.CLERK_NAME))
        self.stagnation = QSpinBox()
        self.stagnation.setRange(1, 365)
        self.stagnation.setSuffix(" 天")
        self.stagnation.setValue(settings.get(S.STAGNATION_DAYS))
        form.addRow(S.LEDGER_URL.label, self.ledger_url)
        form.addRow(S.CLERK_NAME.label, self.clerk)
        form.addRow(S.STAGNATION_DAYS.label, self.stagnation)
        layout.addLayout(form)
        note = QLabel("台账位置可填 SQLite 文件路径或数据库 URL，重新启动后生效。")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        credentials().save_url(self.settings, self.ledger_url.text())  # password → keyring
        self.settings.set(S.CLERK_NAME, self.clerk.text().strip() or S.CLERK_NAME.default)
        self.settings.set(S.STAGNATION_DAYS, self.stagnation.value())
        self.settings.sync()
        self.accept()
