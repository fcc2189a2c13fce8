"""催办通知单 over a real ledger: which tasks reach which unit, the .docx read back, and the
reminder logged in each task's history and in the week's 本周变化."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from seedfiles import seed_path

from core.cli import main as cli_main
from core.ledger import Ledger, ReportSettings, TaskFilter
from core.report import collect_report
from core.report.reminders import select_notices, send_reminders


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """Seed 002 (中阳县, 2023) imported in October; 'today' is 2023-11-15."""
    clock = Clock(datetime(2023, 10, 2, 1, 0, tzinfo=UTC))
    with Ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", clock=clock) as lg:
        lg.import_file(seed_path("002"), by="导入员")
        lg.set_report_settings(
            ReportSettings(office="中阳县人民政府督查室", contact="张敏", phone="0358-1234567")
        )
        clock.now = datetime(2023, 11, 15, 2, 0, tzinfo=UTC)
        yield lg


def test_overdue_tasks_grouped_by_lead_unit(ledger: Ledger) -> None:
    today = ledger.today()
    notices = select_notices(ledger, overdue=True)
    overdue = ledger.tasks(TaskFilter(due="overdue"), today=today)
    assert overdue
    named = {(n.unit, i.task.id) for n in notices for i in n.items}
    expected = {(u, r.id) for r in overdue for u in (r.lead_units or r.support_units)}
    assert named == expected
    for n in notices:
        for item in n.items:
            assert item.reason == "overdue"
            assert item.detail == f"逾期{(today - item.task.deadline).days}天"
    assert [n.unit for n in notices] == sorted(n.unit for n in notices)


def test_idle_and_due_soon(ledger: Ledger) -> None:
    rows = ledger.tasks(TaskFilter(status=("not_started",)))
    assert not select_notices(ledger, overdue=False)  # nothing asked, nothing sent
    idle = select_notices(ledger, overdue=False, idle_days=30)
    assert sum(len(n.items) for n in idle) >= len(rows) // 2  # imported 44 days ago
    assert all(i.detail == "44天未更新" for n in idle for i in n.items)
    ledger.add_note(idle[0].items[0].task.id, progress="本周已开工", by="王五")
    again = select_notices(ledger, overdue=False, idle_days=30)
    assert idle[0].items[0].task.id not in {i.task.id for n in again for i in n.items}


def test_notice_files_and_history(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "催办"
    task = ledger.tasks(TaskFilter(due="overdue"))[0]
    original = task.deadline
    ledger.correct_field(task.id, "deadline", "2023-11-01", by="李四")
    notices = select_notices(ledger, overdue=True)
    run = send_reminders(ledger, out, notices, reply_by=date(2023, 11, 18), by="李四")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in run.files)
    assert len(run.files) == len(notices)
    assert run.tasks_logged == sum(len(n.items) for n in notices)

    unit = task.lead_units[0]
    path = next(p for p in run.files if f"_{unit}_" in p.name)
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "催办通知单" in text and f"{unit}：" in text
    assert "2023年11月18日前" in text and "中阳县人民政府督查室" in text
    assert "联系人：张敏，电话：0358-1234567" in text
    section = doc.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["序号", "文号", "任务", "原定时限", "现时限", "情况"]
    mine = next(r for r in rows[1:] if r[2] == task.text)
    assert mine[3] == original.isoformat() and mine[4] == "2023-11-01"
    assert mine[5] == "逾期14天"
    assert all(r.font.size.pt >= 10.5 for p in doc.paragraphs for r in p.runs if r.text)

    detail = ledger.task(task.id)
    assert [(r.unit, r.reason, r.reply_by) for r in detail.reminders] == [
        (unit, "overdue", date(2023, 11, 18))
    ]
    week = collect_report(ledger, ledger.today())
    reminded = [c for c in week.changes if c.kind == "reminded" and c.task.task_id == task.id]
    assert reminded and "催办" in (reminded[0].note or "")


def test_unwritable_folder_logs_nothing(ledger: Ledger, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    notices = select_notices(ledger, overdue=True)
    from core.report.errors import ReportWriteError

    with pytest.raises(ReportWriteError):
        send_reminders(ledger, blocker / "sub", notices)
    task = notices[0].items[0].task
    assert ledger.task(task.id).reminders == ()


def test_cli_remind_and_settings(ledger: Ledger, tmp_path: Path, capsys) -> None:
    url = ledger.url
    assert cli_main(["--db", url, "report-settings", "--reporter", "县政府办"]) == 0
    assert "填报单位：县政府办" in capsys.readouterr().out
    assert ledger.report_settings().office == "中阳县人民政府督查室"
    out = tmp_path / "notices"
    assert cli_main(["--db", url, "remind", "--out", str(out)]) == 2
    assert cli_main(["--db", url, "remind", "--overdue", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "份催办通知单" in printed and len(list(out.glob("*.docx"))) >= 1
