"""帮助 menu: the shipped guide opens in a dialog; 关于 names version, ledger and database."""

from __future__ import annotations

from pathlib import Path

from desktop.views.help_dialogs import app_version, guide_text

ROOT = Path(__file__).resolve().parents[2]


def test_help_menu_lists_guide_and_about(window) -> None:  # type: ignore[no-untyped-def]
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "帮助(&H)" in menus
    assert [a.text() for a in menus["帮助(&H)"].actions()] == ["使用说明", "关于"]


def test_guide_is_shipped_and_shown(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    text = guide_text()
    assert text.startswith("# 公报督办台账 使用说明") and "导出周报" in text
    window.guide_action.trigger()
    shown = window.guide_dialog.view.toPlainText()
    assert "导入公报" in shown and "Ctrl+E" in shown and "#" not in shown  # rendered
    assert window.guide_dialog.isVisible() and not window.guide_dialog.isModal()


def test_about_names_version_ledger_and_database(window, ledger) -> None:  # type: ignore[no-untyped-def]
    window.about_action.trigger()
    fields = {k: v.text() for k, v in window.about_dialog.fields.items()}
    version = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split('version = "')[1]
    assert fields["版本"] == app_version() == version.split('"')[0]
    assert fields["台账位置"] == ledger.engine.url.database
    assert fields["数据库"] == "SQLite（本机文件）"
    assert fields["数据库结构版本"] not in ("", "（未知）")
    window.about_dialog.reject()


def test_guide_is_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources.help" = ["*.md"]' in pyproject
    assert (ROOT / "resources" / "help" / "guide.md").is_file()
