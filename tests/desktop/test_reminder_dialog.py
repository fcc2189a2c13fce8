"""生成催办通知单 and 报表抬头 from the window: real widgets over a real ledger and files."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from PySide6.QtCore import QDate
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.views.reminder_dialog import ReminderDialog
from desktop.views.report_header_dialog import ReportHeaderDialog
from desktop.workers import SyncTaskRunner


def test_header_then_reminders_for_overdue_tasks(
    qtbot, gateway, ledger, settings, notifier, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))  # 兴县 2023: its deadlines are long past today
    header = ReportHeaderDialog(gateway, SyncTaskRunner(), notifier)
    qtbot.addWidget(header)
    header.edits["office"].insert("兴县人民政府督查室")  # as an input method commits it
    qtbot.keyClicks(header.edits["phone"], "0358-6321234")
    header.buttons.button(header.buttons.StandardButton.Save).click()
    assert ledger.report_settings().office == "兴县人民政府督查室"

    overdue = ledger.tasks(TaskFilter(due="overdue"))
    assert overdue
    dialog = ReminderDialog(gateway, settings, SyncTaskRunner(), notifier)
    qtbot.addWidget(dialog)
    units = {u for r in overdue for u in (r.lead_units or r.support_units)}
    assert f"将给 {len(units)} 个单位" in dialog.preview.text()
    dialog.overdue.setChecked(False)
    assert dialog.preview.text() == "没有符合条件的任务。"
    assert not dialog.send_button.isEnabled()
    dialog.overdue.setChecked(True)
    out = tmp_path / "催办"
    dialog.out_edit.setText(str(out))
    dialog.reply_by.setDate(QDate(2030, 1, 8))
    dialog.send_button.click()

    files = sorted(out.glob("*.docx"))
    assert len(files) == len(units)
    text = "\n".join(p.text for p in Document(str(files[0])).paragraphs)
    assert "兴县人民政府督查室" in text and "2030年1月8日前" in text and "0358-6321234" in text
    assert notifier.messages[-1][:2] == ("info", "催办通知单已生成")
    assert all(ledger.task(r.id).reminders for r in overdue)
