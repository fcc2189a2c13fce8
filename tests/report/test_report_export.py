"""End to end: real seeds in a real SQLite ledger → export → the workbook read back.

Every figure is checked against the ledger's own queries (`count`, `unit_counts`, `tasks`),
never against numbers written into the test.
"""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from seedfiles import seed_path

from core.cli import main as cli_main
from core.ledger import Ledger, TaskFilter
from core.report import default_report_name, export_weekly_report
from core.report.collect import amount_wan
from core.report.data import NO_LEAD_UNIT
from core.report.errors import ReportScopeError, ReportWriteError

WEEK_OF = date(2026, 11, 18)  # Wednesday; the week is 2026-11-16 … 2026-11-22
RED = "00FFC7CE"


class Clock:
    """The ledger's 'now', moved by the test (UTC, as the ledger expects)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds 000 (兴县) and 004 (稷山县) imported once; each test gets its own copy."""
    path = tmp_path_factory.mktemp("ledger") / "template.sqlite3"
    # Imported before the report week: a report shows only tasks that existed in its week.
    clock = Clock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    with Ledger(f"sqlite:///{path}", clock=clock) as ledger:
        for prefix in ("000", "004"):
            ledger.import_file(seed_path(prefix), by="导入员")
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 18, 2, 0, tzinfo=UTC))


@pytest.fixture
def ledger(template_db: Path, tmp_path: Path, clock: Clock) -> Iterator[Ledger]:
    db = tmp_path / "ledger.sqlite3"
    shutil.copy(template_db, db)
    with Ledger(f"sqlite:///{db}", clock=clock) as lg:
        yield lg


def table(ws: Worksheet, header_row: int = 1) -> list[dict[str, object]]:
    header = [c.value for c in ws[header_row]]
    return [
        dict(zip(header, row, strict=True))
        for row in ws.iter_rows(min_row=header_row + 1, values_only=True)
        if row[0] is not None
    ]


def export(ledger: Ledger, tmp_path: Path, **kw: object):
    path = export_weekly_report(ledger, WEEK_OF, out=tmp_path / "周报.xlsx", **kw)  # type: ignore[arg-type]
    return load_workbook(path)


def track_some_tasks(ledger: Ledger, clock: Clock) -> dict[str, int]:
    """A realistic week: work before it, during it, and after the report's week."""
    rows = ledger.tasks(TaskFilter(gazette_id=1))
    ids = {"early": rows[0].id, "done": rows[1].id, "noted": rows[2].id, "later": rows[3].id}
    ids["suspended"] = rows[4].id
    clock.now = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)  # the week before
    ledger.set_status(ids["early"], "推进中", by="王五")
    ledger.set_status(ids["done"], "in_progress", by="王五")
    clock.now = datetime(2026, 11, 17, 3, 0, tzinfo=UTC)  # in the week
    ledger.set_status(ids["done"], "done", by="张三", note="已通过验收")
    ledger.add_note(
        ids["noted"], progress='=HYPERLINK("http://x","y")', problems="资金缺口", by="李四"
    )
    ledger.set_status(ids["suspended"], "暂缓", by="李四")
    clock.now = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # the week after
    ledger.set_status(ids["later"], "done", by="张三")
    clock.now = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
    return ids


def test_counts_equal_the_ledgers_own_queries(ledger: Ledger, clock: Clock, tmp_path: Path) -> None:
    track_some_tasks(ledger, clock)
    wb = export(ledger, tmp_path)
    today = ledger.today()

    detail = table(wb["任务明细"])
    assert len(detail) == ledger.count() > 0
    overdue = [r for r in detail if r["剩余天数"] is not None and r["剩余天数"] < 0]
    assert len(overdue) == ledger.count(TaskFilter(due="overdue"), today=today)
    focus = [r for r in wb["本周重点"].iter_rows(values_only=True)]
    heading = next(r[0] for r in focus if str(r[0]).startswith("一、"))
    assert heading == f"一、已逾期任务（{len(overdue)}项）"
    red_rows = [
        r
        for r in range(2, wb["任务明细"].max_row + 1)
        if wb["任务明细"].cell(r, 1).fill.fgColor.rgb == RED
    ]
    assert len(red_rows) == len(overdue)

    summary = {r["牵头单位"]: r for r in table(wb["汇总"], header_row=4) if r["任务数"] is not None}
    counts = ledger.unit_counts(today=today)
    assert counts
    # two counties' units of one name are two rows, told apart by county
    shared = Counter(u.name for u in ledger.unit_directory() if u.task_count)
    label = {c.unit_id: f"{c.unit}（{c.county}）" if shared[c.unit] > 1 else c.unit for c in counts}
    for c in counts:
        row = summary[label[c.unit_id]]
        assert row["任务数"] == c.total
        assert row["已完成"] == c.by_status["done"]
        assert row["推进中"] == c.by_status["in_progress"]
        assert row["未开始"] == c.by_status["not_started"]
        assert row["暂缓"] == c.by_status["suspended"]
        assert row["已逾期"] == c.overdue
    assert set(summary) - {"合计", NO_LEAD_UNIT} == set(label.values())
    total = summary["合计"]
    assert total["任务数"] == ledger.count()
    assert total["已完成"] == ledger.count(TaskFilter(status=("done",)))
    assert total["暂缓"] == ledger.count(TaskFilter(status=("suspended",)))
    assert total["已逾期"] == ledger.count(TaskFilter(due="overdue"), today=today)
    assert total["本周完成"] == 1  # "later" was finished the week after


def test_week_changes_come_from_history_and_notes(
    ledger: Ledger, clock: Clock, tmp_path: Path
) -> None:
    ids = track_some_tasks(ledger, clock)
    changes = table(export(ledger, tmp_path)["本周变化"])
    assert {c["任务内容"] for c in changes} == {
        ledger.task(ids[k]).task.text for k in ("done", "noted", "suspended")
    }
    kinds = sorted((c["变化"], c["登记人"]) for c in changes)
    assert kinds == [("完成", "张三"), ("状态变更", "李四"), ("进展更新", "李四")]
    done = next(c for c in changes if c["变化"] == "完成")
    assert done["状态变化"] == "推进中→已完成"
    assert done["进展或说明"] == "已通过验收"
    note = next(c for c in changes if c["变化"] == "进展更新")
    assert note["进展或说明"] == '进展情况：=HYPERLINK("http://x","y")\n存在问题：资金缺口'
    in_week = datetime(2026, 11, 17, 3, 0, tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert {c["时间"] for c in changes} == {in_week}

    # the week before shows that week's work instead
    before = export_weekly_report(ledger, date(2026, 11, 12), out=tmp_path / "上周.xlsx")
    assert before.name == "上周.xlsx"
    earlier = table(load_workbook(before)["本周变化"])
    assert sorted(c["变化"] for c in earlier) == ["开始推进", "开始推进"]


def test_formula_like_note_stays_text_end_to_end(
    ledger: Ledger, clock: Clock, tmp_path: Path
) -> None:
    track_some_tasks(ledger, clock)
    path = export_weekly_report(ledger, WEEK_OF, out=tmp_path / "r.xlsx")
    ws = load_workbook(path)["任务明细"]
    cells = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith('=HYPERLINK("http://x","y")')
    ]
    assert len(cells) == 1
    assert cells[0].data_type == "s" and cells[0].quotePrefix
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in zf.read(name).decode("utf-8")


def test_unit_scope_is_alias_aware(ledger: Ledger, tmp_path: Path) -> None:
    ledger.merge_unit("县应急管理局", "兴县应急管理局")
    wanted = ledger.count(TaskFilter(unit="兴县应急管理局"))
    assert wanted > 0
    wb = export(ledger, tmp_path, unit="县应急管理局")  # the alias
    detail = table(wb["任务明细"])
    assert len(detail) == wanted
    for row in detail:
        units = f"{row['牵头单位'] or ''}、{row['配合单位'] or ''}".split("、")
        assert "兴县应急管理局" in units
    assert "单位：兴县应急管理局" in wb["汇总"]["A3"].value
    summary = {r["牵头单位"]: r for r in table(wb["汇总"], header_row=4) if r["任务数"] is not None}
    assert summary["合计"]["任务数"] == wanted
    lead = ledger.count(TaskFilter(unit="兴县应急管理局", unit_roles=("lead",)))
    assert summary["兴县应急管理局"]["任务数"] == lead


def test_title_names_a_county_only_when_the_scope_is_one_county(
    ledger: Ledger, tmp_path: Path
) -> None:
    """The template ledger holds 兴县 and 稷山县 gazettes: the whole-ledger report is neither's."""
    assert {g.county for g in ledger.gazettes()} == {"兴县", "稷山县"}
    wb = export(ledger, tmp_path)
    assert wb["汇总"]["A1"].value == "重点任务推进情况周报"
    for ws in wb.worksheets:
        header = ws.oddHeader.center.text
        assert header.startswith("重点任务推进情况周报（") and "县" not in header.split("（")[0]
    # A unit that only 兴县's gazettes assign: its report is 兴县's.
    county_of = {g.id: g.county for g in ledger.gazettes()}
    unit = next(
        u.name
        for u in ledger.units()
        if {county_of[r.gazette_id] for r in ledger.tasks(TaskFilter(unit=u.name))} == {"兴县"}
    )
    wb = export(ledger, tmp_path, unit=unit)
    assert wb["汇总"]["A1"].value == "兴县重点任务推进情况周报"


def test_gazette_scope(ledger: Ledger, tmp_path: Path) -> None:
    gazette = next(g for g in ledger.gazettes() if g.county == "稷山县")
    wb = export(ledger, tmp_path, gazette_id=gazette.id)
    assert len(table(wb["任务明细"])) == ledger.count(TaskFilter(gazette_id=gazette.id))
    assert wb["汇总"]["A1"].value == "稷山县重点任务推进情况周报"
    # The scope line names the issue, not only the gazette's title (issue 17).
    assert gazette.year and gazette.issue
    scope = next(
        str(c.value)
        for row in wb["汇总"].iter_rows(max_row=4)
        for c in row
        if c.value and "范围" in str(c.value)
    )
    assert f"{gazette.year}年第{gazette.issue}期" in scope
    with pytest.raises(ReportScopeError):
        export_weekly_report(ledger, WEEK_OF, gazette_id=999, out=tmp_path / "x.xlsx")


def test_money_in_wan_yuan(ledger: Ledger, tmp_path: Path) -> None:
    expected = sorted(
        round(a, 4) for a in (amount_wan(r.amounts) for r in ledger.tasks()) if a is not None
    )
    assert expected, "the seeds hold project tables with amounts"
    detail = table(export(ledger, tmp_path)["任务明细"])
    got = sorted(round(float(r["资金(万元)"]), 4) for r in detail if r["资金(万元)"] is not None)
    assert got == expected


def test_amount_wan_leaves_rates_out() -> None:
    amounts = [
        {"yuan": 260340000.0, "text": "26034万元", "per": None},
        {"yuan": 2000.0, "text": "2000元/户", "per": "户"},
    ]
    assert amount_wan(amounts) == 26034.0
    assert amount_wan([{"yuan": 2000.0, "text": "2000元/户", "per": "户"}]) is None
    assert amount_wan([]) is None


def test_default_file_in_documents_folder(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "文档"
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(docs))
    path = export_weekly_report(ledger, WEEK_OF)
    assert path == docs / "重点任务推进情况周报_2026-11-16.xlsx"
    assert default_report_name(date(2026, 11, 22)) == path.name  # Sunday: same week
    assert default_report_name(date(2026, 11, 23)) == "重点任务推进情况周报_2026-11-23.xlsx"
    assert load_workbook(path).sheetnames == ["汇总", "本周重点", "本周变化", "任务明细"]


def test_unwritable_target_gives_error_and_no_file(ledger: Ledger, tmp_path: Path) -> None:
    blocker = tmp_path / "只读"
    blocker.write_text("not a folder")
    with pytest.raises(ReportWriteError) as info:
        export_weekly_report(ledger, WEEK_OF, out=blocker / "周报.xlsx")
    assert "周报.xlsx" in str(info.value)
    left = [p.name for p in tmp_path.rglob("*") if not p.name.startswith("ledger.sqlite3")]
    assert left == ["只读"]


def test_cli_export(ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = ledger.url
    out = tmp_path / "cli.xlsx"
    assert cli_main(["--db", url, "export", "--week", "2026-11-18", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert len(table(load_workbook(out)["任务明细"])) == ledger.count()

    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = cli_main(["--db", url, "export", "--out", str(blocker / "r.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("错误：") and "Traceback" not in err
    assert cli_main(["--db", url, "export", "--week", "18/11/2026"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert cli_main(["--db", url, "export", "--unit", "没有这个单位", "--out", str(out)]) == 2
