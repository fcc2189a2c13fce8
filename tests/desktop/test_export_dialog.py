"""导出周报 from the GUI writes a real workbook and then offers the folder."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.views.export_dialog import ExportDialog
from desktop.workers import SyncTaskRunner


def test_export_writes_a_workbook(
    qtbot, gateway, ledger, settings, notifier, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    task_id = ledger.task_ids(TaskFilter())[0]
    gateway.set_status(task_id, "done", "已完成")
    dialog = ExportDialog(gateway, settings, SyncTaskRunner(), notifier)
    qtbot.addWidget(dialog)
    dialog.week.setDate(QDate.currentDate())
    out = tmp_path / "周报.xlsx"
    dialog.out_edit.setText(str(out))
    dialog.export_button.click()
    assert dialog.last_path == out and out.is_file()
    book = openpyxl.load_workbook(out)
    assert "汇总" in book.sheetnames and "任务明细" in book.sheetnames
    texts = [c.value for row in book["任务明细"].iter_rows() for c in row if c.value]
    assert ledger.task(task_id).task.text in texts
    assert notifier.messages[-1][:2] == ("info", "周报已导出")
    assert str(out) in notifier.messages[-1][2]


def test_export_scope_unit_lists_units_from_the_navigation(qtbot, window, ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.gateway.import_path(seed_path("000"))
    window.reload()
    dialog = ExportDialog(
        window.gateway, window.settings, window.runner, window.notifier, window, window.nav
    )
    qtbot.addWidget(dialog)
    assert dialog.unit_combo.count() == window.nav.units.count() - 1
    assert dialog.scope_unit.isEnabled() and dialog.scope_gazette.isEnabled()
    dialog.scope_unit.setChecked(True)
    unit = dialog.unit_combo.currentText()
    assert dialog.scope() == (unit, None)
    out = tmp_path / "单位周报.xlsx"
    dialog.out_edit.setText(str(out))
    dialog.export()
    book = openpyxl.load_workbook(out)
    assert book["任务明细"].max_row > 1
