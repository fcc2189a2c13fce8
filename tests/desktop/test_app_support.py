"""Start-up support: CJK font, typed settings, error routing and the crash dialog."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from core.errors import NotGazetteError
from desktop.environment import settings as S
from desktop.environment.fonts import ensure_cjk_font, load_bundled_font
from desktop.errors import CrashDialog, ExceptionHandler, RecordingNotifier


def test_a_chinese_capable_font_is_chosen(qapp) -> None:  # type: ignore[no-untyped-def]
    family = ensure_cjk_font(qapp)
    assert family is not None
    systems = QFontDatabase.writingSystems(family)
    assert QFontDatabase.WritingSystem.SimplifiedChinese in systems
    assert qapp.font().family() == family


def test_bundled_font_loads_from_package_resources(qapp) -> None:  # type: ignore[no-untyped-def]
    families = load_bundled_font()
    assert any("WenQuanYi" in f or "文泉驿" in f for f in families)


def test_settings_have_types_and_defaults(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.get(S.STAGNATION_DAYS) == 14
    assert settings.get(S.CLERK_NAME)
    settings.set(S.STAGNATION_DAYS, 30)
    settings.set(S.CLERK_NAME, "张三")
    settings.set(S.TABLE_HEADER, QByteArray(b"\x01\x02"))
    settings.sync()
    again = S.Settings(type(settings.store)(settings.store.fileName(), settings.store.format()))
    assert again.get(S.STAGNATION_DAYS) == 30
    assert again.get(S.CLERK_NAME) == "张三"
    assert bytes(again.get(S.TABLE_HEADER)) == b"\x01\x02"
    settings.set(S.STAGNATION_DAYS, "not a number")  # a hand-edited INI file
    assert settings.get(S.STAGNATION_DAYS) == 14


def test_user_errors_get_a_plain_message(qapp) -> None:  # type: ignore[no-untyped-def]
    notifier = RecordingNotifier()
    handler = ExceptionHandler(notifier, Path("/tmp/taizhang.log"))
    err = NotGazetteError("通知.txt")
    handler(type(err), err, None)
    assert notifier.messages == [("warning", "无法完成操作", str(err))]
    assert not handler.dialogs


def test_bugs_open_a_crash_dialog_with_copyable_report(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    notifier = RecordingNotifier()
    handler = ExceptionHandler(notifier, Path("/tmp/logs/taizhang.log"))
    try:
        {}["missing"]
    except KeyError:
        handler(*sys.exc_info())  # type: ignore[arg-type]
    assert len(handler.dialogs) == 1
    dialog: CrashDialog = handler.dialogs[0]
    qtbot.addWidget(dialog)
    report = dialog.report.toPlainText()
    assert "KeyError" in report and "missing" in report
    assert (
        "/tmp/logs/taizhang.log"
        in dialog.findChild(type(dialog.layout().itemAt(0).widget())).text()
    )
    dialog.copy_report()
    assert QApplication.clipboard().text() == report
    dialog.close()


def test_settings_dialog_saves_declared_settings(qtbot, window, settings) -> None:  # type: ignore[no-untyped-def]
    window.open_settings()
    dialog = window.settings_dialog
    dialog.clerk.setText("李四")
    dialog.stagnation.setValue(21)
    dialog.save()
    assert settings.get(S.CLERK_NAME) == "李四"
    assert settings.get(S.STAGNATION_DAYS) == 21
    assert window.nav.stagnation_days() == 21
    assert "21" in window.nav.quick_buttons["stagnant"].text()
