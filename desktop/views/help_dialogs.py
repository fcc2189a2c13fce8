"""帮助 menu: 使用说明 (a short guide shipped in resources/help) and 关于 (version, where the
ledger is, which database). The guide is read through importlib.resources, so it is found
in a checkout, an installed wheel and a frozen build alike."""

from __future__ import annotations

import importlib.metadata
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE = "guide.md"
DIST_NAME = "taizhang"
ROOT = Path(__file__).resolve().parents[2]


def guide_text() -> str:
    """The guide's Markdown; a plain notice when it is missing from a broken install."""
    try:
        return (resources.files("resources.help") / GUIDE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return "# 使用说明\n\n未找到使用说明文件，请重新安装本程序。"


def app_version() -> str:
    """The version from the checkout's pyproject.toml, else the installed distribution."""
    pyproject = ROOT / "pyproject.toml"
    try:
        if pyproject.is_file():
            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        return importlib.metadata.version(DIST_NAME)
    except (OSError, KeyError, tomllib.TOMLDecodeError, importlib.metadata.PackageNotFoundError):
        return "未知"


@dataclass(frozen=True)
class LedgerFacts:
    """What 关于 says about the ledger in use."""

    location: str  # URL with the password hidden, or the SQLite file's path
    database: str  # e.g. SQLite（本机文件） / PostgreSQL（多人共用）
    revision: str | None  # schema revision (Alembic)


def ledger_facts(ledger: object) -> LedgerFacts:
    """Read from a `core.ledger.Ledger` (its engine)."""
    from core.ledger.storage.schema import current_revision

    engine = ledger.engine  # type: ignore[attr-defined]
    dialect = engine.dialect.name
    if dialect == "sqlite":
        location, database = str(engine.url.database or "（内存）"), "SQLite（本机文件）"
    else:
        location = engine.url.render_as_string(hide_password=True)
        database = "PostgreSQL（多人共用）" if dialect.startswith("postgres") else dialect
    try:
        revision = current_revision(engine)
    except Exception:  # an unreachable server: 关于 still opens
        revision = None
    return LedgerFacts(location, database, revision)


class GuideDialog(QDialog):
    """使用说明: the guide rendered from Markdown, non-modal, beside the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        self.view.setMarkdown(guide_text())
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    """关于: version, ledger location, database in use, log folder."""

    def __init__(self, facts: LedgerFacts, log_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于 公报督办台账")
        layout = QVBoxLayout(self)
        title = QLabel("<h3>公报督办台账</h3>从县政府公报中提取分工任务，跟踪办理进展，导出周报。")
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for label, value in (
            ("版本", app_version()),
            ("台账位置", facts.location),
            ("数据库", facts.database),
            ("数据库结构版本", facts.revision or "（未知）"),
            ("日志文件夹", log_dir),
        ):
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[label] = shown
            form.addRow(label, shown)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
