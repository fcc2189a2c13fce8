"""设置: ledger location, clerk name and stagnation days (the declared settings, edited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.environment import settings as S
from desktop.environment.credentials import session as credentials

LEDGER_FILTER = "台账文件 (*.sqlite3 *.sqlite *.db);;所有文件 (*)"


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
        # Wide enough that the placeholder (and a typical path) is not cut off.
        metrics = self.ledger_url.fontMetrics()
        self.ledger_url.setMinimumWidth(
            metrics.horizontalAdvance(self.ledger_url.placeholderText())
            + 4 * metrics.averageCharWidth()
        )
        browse = QPushButton("浏览…")
        browse.setToolTip("选择或新建一个台账文件（.sqlite3）")
        browse.clicked.connect(self.browse_ledger)
        ledger_row = QHBoxLayout()
        ledger_row.addWidget(self.ledger_url, 1)
        ledger_row.addWidget(browse)
        self.clerk = QLineEdit(settings.get(S.CLERK_NAME))
        self.stagnation = QSpinBox()
        self.stagnation.setRange(1, 365)
        self.stagnation.setSuffix(" 天")
        self.stagnation.setValue(settings.get(S.STAGNATION_DAYS))
        form.addRow(S.LEDGER_URL.label, ledger_row)
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

    def browse_ledger(self) -> None:
        """A clerk picks a file rather than typing a path (a new name creates the ledger)."""
        current = self.ledger_url.text().strip()
        start = current if current and "://" not in current else ""
        name, _ = QFileDialog.getSaveFileName(
            self,
            "选择台账文件",
            start,
            LEDGER_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.ledger_url.setText(name)

    def save(self) -> None:
        credentials().save_url(self.settings, self.ledger_url.text())  # password → keyring
        self.settings.set(S.CLERK_NAME, self.clerk.text().strip() or S.CLERK_NAME.default)
        self.settings.set(S.STAGNATION_DAYS, self.stagnation.value())
        self.settings.sync()
        self.accept()
