"""What a clerk stumbled on when walking through the real window (issue 5 QA pass)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QFormLayout, QMessageBox, QPushButton
from seedfiles import seed_path

from core.ledger import Ledger, TaskFilter
from desktop.app import _fixed_clock
from desktop.gateway import LedgerGateway
from desktop.views.export_dialog import ExportDialog
from desktop.workers import SyncTaskRunner
from tests.desktop.test_main_window import drop


def test_empty_ledger_says_where_gazettes_come_from(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    hint = window.empty_state.label
    assert hint.isVisible()
    assert "拖到此处导入" in hint.text() and "Ctrl+O" in hint.text()
    assert window.table.viewport().rect().contains(hint.geometry())

    drop(window, [seed_path("000")])
    assert window.model.rowCount() > 0
    assert not hint.isVisible()

    # Filters that hide everything say so, not "the ledger is empty".
    window.search.setText("不可能出现的关键字ЖЖ")
    window.apply_filter()
    assert window.model.rowCount() == 0
    assert hint.isVisible()
    assert "没有符合当前筛选条件的任务" in hint.text() and "拖到此处" not in hint.text()

    window.search.clear()
    window.apply_filter()
    assert not hint.isVisible()


def test_export_dialog_opens_on_the_ledgers_week_with_one_scope_label(
    qtbot, tmp_path: Path, notifier, settings
) -> None:  # type: ignore[no-untyped-def]
    """With `--today 2023-10-15` the week to report is that one, so this week's status
    changes reach 本周变化 without the clerk hunting through the calendar."""
    day = date(2023, 10, 15)
    with Ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}", clock=_fixed_clock(day.isoformat())) as led:
        gateway = LedgerGateway(led, lambda: "测试员")
        gateway.import_path(seed_path("000"))
        task_id = led.task_ids(TaskFilter())[0]
        gateway.set_status(task_id, "in_progress", "已召开推进会")
        dialog = ExportDialog(gateway, settings, SyncTaskRunner(), notifier)
        qtbot.addWidget(dialog)
        assert dialog.week_day() == day
        form = dialog.findChild(QFormLayout)
        labels = [
            form.itemAt(r, QFormLayout.ItemRole.LabelRole).widget().text()
            for r in range(form.rowCount())
            if form.itemAt(r, QFormLayout.ItemRole.LabelRole) is not None
        ]
        assert labels.count("范围") == 1, labels
        out = tmp_path / "周报.xlsx"
        dialog.out_edit.setText(str(out))
        dialog.export_button.click()
        changes = [
            c.value for row in openpyxl.load_workbook(out)["本周变化"].iter_rows() for c in row
        ]
        assert "已召开推进会" in changes


def test_source_excerpt_has_its_own_tab_with_the_task_line_in_view(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Below the details the excerpt sat under the fold; its own tab shows the line."""
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    drop(window, [seed_path("002")])
    pos = next(
        i
        for i in range(window.model.rowCount())
        if any(x.target for x in window.gateway.excerpt(window.model.row_at(i).id))
    )
    task_id = window.model.row_at(pos).id
    window.table.selectRow(pos)
    panel = window.detail
    panel.tabs.setCurrentWidget(panel.source_view)
    qtbot.wait(10)
    target = next(x for x in window.gateway.excerpt(task_id) if x.target)
    view = panel.source_view
    found = view.document().find(" ".join(target.text.split())[:12])
    assert not found.isNull()
    assert view.viewport().rect().contains(view.cursorRect(found).center())
    assert "原文摘录" in view.toPlainText()


def test_delete_moves_the_cursor_to_the_next_task_and_undo_reselects(
    window, gateway, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Deleting left nothing selected, so a second Delete did nothing and the detail went
    blank; now the next row takes the cursor, and 撤销 puts it back on the restored task."""
    gateway.import_path(seed_path("000"))
    window.reload()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    victim, following = window.model.row_at(2), window.model.row_at(3)
    window.table.selectRow(2)
    window.delete_action.trigger()
    assert window.model.row_for_id(victim.id) is None
    assert [r.id for r in window.selected_rows()] == [following.id]
    assert following.text[:10] in window.detail.detail_view.toPlainText()

    window.undo_action.trigger()
    assert [r.id for r in window.selected_rows()] == [victim.id]


def test_settings_ledger_location_fits_and_can_be_picked(
    qtbot, settings, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """The placeholder was cut off and the clerk had to type a path by hand."""
    from desktop.views import settings_dialog
    from desktop.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.ledger_url
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText())

    chosen = tmp_path / "科室台账.sqlite3"
    monkeypatch.setattr(
        settings_dialog.QFileDialog,
        "getSaveFileName",
        lambda *_a, **_k: (str(chosen), settings_dialog.LEDGER_FILTER),
    )
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "浏览…")
    browse.click()
    assert edit.text() == str(chosen)
