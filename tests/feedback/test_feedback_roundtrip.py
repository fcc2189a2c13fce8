"""分发 → 回收 over a real ledger (the five seeds) and real .xlsx files filled with openpyxl:
what lands in the ledger, what is refused and why, and that a second import is a no-op."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from feedback_helpers import WEEK, Sent, dump, fill, sheet_for, task_rows, unit_label
from openpyxl import load_workbook

from core.feedback import (
    FeedbackFileError,
    completion_requests,
    export_sheets,
    file_review,
    resolve_request,
    review_file,
    unfile,
    week_replies,
)
from core.feedback import sheet_format as F
from core.feedback.store import reopen_request
from core.ledger import Ledger, TaskFilter


def _export(ledger: Ledger, out: Path):  # type: ignore[no-untyped-def]
    """Export on the Tuesday; the clock then moves on an hour (replies come back later)."""
    run = export_sheets(ledger, out, WEEK, reply_by=date(2023, 10, 13), by="督查员")
    ledger._clock.now += timedelta(hours=1)  # type: ignore[attr-defined]
    return run


def _file_of(run, unit: str) -> Path:  # type: ignore[no-untyped-def]
    return sheet_for(run.files, unit)


def test_export_one_locked_sheet_per_unit_with_open_tasks(ledger: Ledger, tmp_path: Path) -> None:
    open_rows = ledger.tasks(TaskFilter(status=("not_started", "in_progress")))
    # A unit whose every task is done gets no sheet.
    open_rows = ledger.tasks(TaskFilter(status=("not_started", "in_progress")))
    # A name used in two counties is labelled with its county (stable week to week).
    directory = ledger.unit_directory()
    counties = Counter(u.name for u in directory)
    labels = {
        u.id: f"{u.name}（{u.county}）" if counties[u.name] > 1 else u.name for u in directory
    }
    collectives = {labels[u.id] for u in directory if u.is_collective}
    # A unit whose every task is done gets no sheet.
    victim = next(
        u.name
        for u in ledger.unit_directory()
        if not u.is_collective
        and 0 < u.open_lead + u.open_support < 4
        and sum(1 for v in ledger.unit_directory() if v.name == u.name) == 1
    )
    for r in ledger.tasks(TaskFilter(unit=victim)):
        ledger.set_status(r.id, "done", by="督查员")
    run = _export(ledger, tmp_path / "out")
    assert run.files and len(run.files) == len(run.units)
    assert victim not in run.units and not any(f"_{victim}_" in p.name for p in run.files)
    assert "各乡镇" in run.skipped and "各乡镇" not in run.units
    open_rows = ledger.tasks(TaskFilter(status=("not_started", "in_progress")))
    expected_units = {
        labels[i] for r in open_rows for i in (*r.lead_unit_ids, *r.support_unit_ids)
    } - collectives
    assert set(run.units) == expected_units
    # 县财政局 of four counties: four sheets, each named with its county
    assert sum(1 for u in run.units if u.startswith("县财政局（")) == 4
    assert any(p.name.startswith("单位反馈表_兴县_县财政局_") for p in run.files)

    path = _file_of(run, "县发改局")
    unit = unit_label(path)
    wb = load_workbook(path)
    ws = wb[F.MAIN_SHEET]
    assert ws["A1"].value == f"{unit} 重点任务推进情况反馈表"
    assert "2023年10月9日至10月15日" in ws["A2"].value and "2023年10月13日前" in ws["A2"].value
    assert [ws.cell(row=F.HEADER_ROW, column=c).value for c in F.EDITABLE] == [
        "本周进展",
        "存在问题",
        "下步措施",
        "申请办结",
        "预计完成时间",
    ]
    ids = task_rows(path)
    mine = [
        r for r in open_rows if unit in {labels[i] for i in (*r.lead_unit_ids, *r.support_unit_ids)}
    ]
    assert set(ids) == {r.id for r in mine}
    headings = [ws.cell(row=r, column=1).value for r in range(F.HEADER_ROW + 1, ws.max_row + 1)]
    assert any(str(h).startswith("一、牵头任务") for h in headings)
    assert any(str(h).startswith("二、配合任务") for h in headings)
    # locked and editable cells, protection, validations, print setup
    row = min(ids.values())
    assert ws.protection.sheet
    assert ws.cell(row=row, column=F.COL_TEXT).protection.locked
    assert all(not ws.cell(row=row, column=c).protection.locked for c in F.EDITABLE)
    assert ws.column_dimensions["K"].hidden
    rules = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"是,否"' in rules and "DATE(2000,1,1)" in rules
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    meta = wb[F.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {r[0]: r[1] for r in meta.iter_rows(values_only=True)}
    assert values["unit"] == unit and values["week"] == WEEK.isoformat()
    assert week_replies(ledger, WEEK).missing == tuple(sorted(run.units))


def test_replies_filed_refused_and_reimport_is_noop(sent: Sent) -> None:
    ledger, ledger_url, run = sent.ledger, sent.url, sent
    # 1. A good reply: two rows filled, one with 申请办结.
    good = _file_of(run, "县发改局")
    good_unit = unit_label(good)
    a, b, *_rest = task_rows(good)
    fill(
        good,
        {
            a: {"progress": "已完成可研批复", "problems": "资金缺口200万元", "next": "争取专项债"},
            b: {"progress": "项目已竣工验收", "done": "是", "expected": date(2023, 10, 12)},
        },
    )
    # 2. Tampered: a locked cell (任务内容) altered on one row, another row filled fine.
    tampered = _file_of(run, "县财政局")
    tamper_unit = unit_label(tampered)
    t1, t2, *_ = task_rows(tampered)
    fill(
        tampered,
        {t1: {"progress": "已拨付资金"}, t2: {"progress": "已完成绩效评价"}},
        locked={t1: {F.COL_TEXT: "改过的任务内容"}},
    )
    # 3. Stale: the clerk changes one task after the sheet went out; another one is deleted.
    stale = _file_of(run, "县水利局")
    stale_unit = unit_label(stale)
    s1, s2, s3, *_ = task_rows(stale)
    fill(
        stale,
        {s1: {"progress": "河道清淤完成"}, s2: {"progress": "在建"}, s3: {"progress": "招标中"}},
    )
    ledger.set_status(s1, "推进中", by="督查员")
    ledger.delete_task(s2, by="督查员")
    # 4. Empty: returned without a word.
    empty = _file_of(run, "县教育局")
    empty_unit = unit_label(empty)

    before = dump(ledger_url)
    with pytest.raises(FeedbackFileError, match="未填写任何内容"):
        review_file(ledger, empty, WEEK)
    assert dump(ledger_url) == before

    review = review_file(ledger, good, WEEK)
    assert dump(ledger_url) == before  # reviewing writes nothing
    states = {r.task_id: r.state for r in review.rows}
    assert states[a] == states[b] == "new"
    assert sum(1 for s in states.values() if s == "blank") == len(states) - 2
    result = file_review(ledger, review, by="督查员")
    assert (result.notes, result.requests) == (2, 1)
    note = ledger.task(a).notes[-1]
    assert (note.by, note.source) == (good_unit, good.name)
    assert (note.progress, note.problems, note.next_steps) == (
        "已完成可研批复",
        "资金缺口200万元",
        "争取专项债",
    )
    assert ledger.task(b).notes[-1].next_steps == "预计完成时间：2023-10-12"
    assert ledger.task(b).task.status != "done"  # a request, not a silent status change
    [req] = completion_requests(ledger)
    assert (req.task_id, req.unit, req.file_name) == (b, good_unit, good.name)

    # A second import of the same reply changes nothing and says so.
    after_first = dump(ledger_url)
    again = review_file(ledger, good, WEEK)
    assert "已于" in again.already_filed and "未重复登记" in again.already_filed
    with pytest.raises(FeedbackFileError, match="未重复登记"):
        file_review(ledger, again, by="督查员")
    assert dump(ledger_url) == after_first

    review = review_file(ledger, tampered, WEEK)
    rows = {r.task_id: r for r in review.rows}
    assert rows[t1].state == "refused" and "锁定内容被改动（任务内容）" in rows[t1].reason
    assert rows[t2].state == "new"
    result = file_review(ledger, review, by="督查员")
    assert result.task_ids == (t2,)
    assert not [n for n in ledger.task(t1).notes if n.source]

    review = review_file(ledger, stale, WEEK)
    rows = {r.task_id: r for r in review.rows}
    assert rows[s1].state == "conflict" and "督查员 已将状态由未开始改为推进中" in rows[s1].reason
    assert not rows[s1].accepted_by_default
    assert rows[s2].state == "refused" and "已从台账删除" in rows[s2].reason
    assert rows[s3].state == "new"
    result = file_review(ledger, review, by="督查员")  # default: the conflict is not filed
    assert result.task_ids == (s3,) and result.rejected == 1
    assert not [n for n in ledger.task(s1).notes if n.source]

    status = week_replies(ledger, WEEK)
    assert {good_unit, tamper_unit, stale_unit} <= set(status.replied)
    assert empty_unit in status.missing and good_unit not in status.missing

    # The pending request: confirmed through the ordinary status path, and undone.
    before_status = resolve_request(ledger, req.id, True, "督查员")
    detail = ledger.task(b)
    assert detail.task.status == "done" and "申请办结" in (detail.history[-1].note or "")
    assert not completion_requests(ledger)
    reopen_request(ledger, req.id, before_status, "督查员")
    assert ledger.task(b).task.status == before_status
    assert [r.id for r in completion_requests(ledger)] == [req.id]

    # 撤销 the good filing: its notes and request go; the file can be imported again.
    touched = unfile(ledger, result.reply_id - 2, by="督查员")
    assert set(touched) == {a, b}
    assert not [n for n in ledger.task(a).notes if n.source]
    assert not completion_requests(ledger)
    assert review_file(ledger, good, WEEK).already_filed == ""


def test_conflict_filed_when_the_clerk_accepts_it_edited(sent: Sent) -> None:
    ledger, path = sent.ledger, sent.file_of("县水利局")
    s1, *_ = task_rows(path)
    fill(path, {s1: {"progress": "河道清淤完成"}})
    ledger.add_note(s1, progress="电话了解：已开工", by="督查员")
    review = review_file(ledger, path, WEEK)
    [row] = [r for r in review.rows if r.task_id == s1]
    assert row.state == "conflict" and "已登记新的进展" in row.reason
    edited = row.values.edited(progress="河道清淤完成（经核实）")
    file_review(ledger, review, {s1: edited}, by="督查员")
    assert ledger.task(s1).notes[-1].progress == "河道清淤完成（经核实）"


def test_bad_files_are_refused_with_a_reason(sent: Sent, tmp_path: Path) -> None:
    ledger, ledger_url, clock, path = sent.ledger, sent.url, sent.clock, sent.file_of("县发改局")
    a, *_ = task_rows(path)
    fill(path, {a: {"progress": "已开工"}})
    before = dump(ledger_url)

    # another week
    with pytest.raises(FeedbackFileError, match="2023年10月9日至10月15日 的反馈表"):
        review_file(ledger, path, date(2023, 10, 16))
    # another ledger
    with (
        Ledger(f"sqlite:///{tmp_path / 'other.sqlite3'}", clock=clock) as other,
        pytest.raises(FeedbackFileError, match="另一个台账"),
    ):
        review_file(other, path, WEEK)
    assert dump(f"sqlite:///{tmp_path / 'other.sqlite3'}")["ledger_setting"] == []
    # a renamed sheet
    renamed = tmp_path / "renamed.xlsx"
    wb = load_workbook(path)
    wb[F.MAIN_SHEET].title = "Sheet1"
    wb.save(renamed)
    with pytest.raises(FeedbackFileError, match=r"找不到工作表“反馈表”.*“Sheet1”"):
        review_file(ledger, renamed, WEEK)
    # an old binary workbook (.xls / .et), by suffix and by content
    for name in ("reply.xls", "reply.et", "disguised.xlsx"):
        old = tmp_path / name
        old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
        with pytest.raises(FeedbackFileError, match=r"另存为.*Excel 工作簿"):
            review_file(ledger, old, WEEK)
    # a workbook we did not write
    from openpyxl import Workbook

    foreign = tmp_path / "foreign.xlsx"
    Workbook().save(foreign)
    with pytest.raises(FeedbackFileError, match="不是本台账生成的单位反馈表"):
        review_file(ledger, foreign, WEEK)
    # a whole row copied over another: the task is filed once, the copy refused
    copied = tmp_path / "copied.xlsx"
    wb = load_workbook(path)
    ws = wb[F.MAIN_SHEET]
    rows = task_rows(path)
    first, second = rows[a], sorted(rows.values())[1]
    for col in range(1, len(F.COLUMNS) + 1):
        ws.cell(second, col, ws.cell(first, col).value)
    wb.save(copied)
    dup = [r for r in review_file(ledger, copied, WEEK).rows if r.task_id == a]
    assert [r.state for r in dup] == ["new", "refused"] and "出现多次" in dup[1].reason
    # a value outside the fixed choices is refused for its row
    fill(path, {a: {"done": "可以"}})
    [row] = [r for r in review_file(ledger, path, WEEK).rows if r.task_id == a]
    assert row.state == "refused" and "“申请办结”应填“是”或“否”" in row.reason
    assert dump(ledger_url) == before


def test_weekly_report_lists_units_that_have_not_replied(sent: Sent, tmp_path: Path) -> None:
    from core.report import collect_report, export_weekly_report

    ledger, run, path = sent.ledger, sent, sent.file_of("县发改局")
    a, *_ = task_rows(path)
    fill(path, {a: {"progress": "已开工"}})
    file_review(ledger, review_file(ledger, path, WEEK), by="督查员")
    data = collect_report(ledger, WEEK)
    label = unit_label(path)
    assert label not in data.feedback_missing
    assert set(data.feedback_missing) == set(run.units) - {label}
    report = export_weekly_report(ledger, WEEK, out=tmp_path / "周报.xlsx")
    ws = load_workbook(report)["汇总"]
    lines = [c.value for c in ws["A"][:6] if isinstance(c.value, str)]
    assert any(v.startswith(f"本周未反馈单位（{len(data.feedback_missing)}个）") for v in lines)


def test_cli_export_import_missing(ledger_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from core.cli import main

    out = tmp_path / "out"
    assert (
        main(
            [
                "--db",
                ledger_url,
                "feedback",
                "export",
                "--week",
                "2030-01-07",
                "--out",
                str(out),
                "--unit",
                "县发改局",
            ]
        )
        == 0
    )
    files = sorted(out.iterdir())  # 县发改局 of each county that has one
    assert len(files) > 1 and all("县发改局" in p.name for p in files)
    path = files[0]
    a, *_ = task_rows(path)
    fill(path, {a: {"progress": "已开工", "done": "是"}})
    assert main(["--db", ledger_url, "feedback", "missing", "--week", "2030-01-07"]) == 0
    assert f"未反馈 {len(files)} 个单位" in capsys.readouterr().out
    assert main(["--db", ledger_url, "feedback", "import", str(path), "--week", "2030-01-07"]) == 0
    text = capsys.readouterr().out
    assert "已登记 1 条进展，1 项办结申请待确认" in text
    assert main(["--db", ledger_url, "feedback", "import", str(path), "--week", "2030-01-07"]) == 0
    assert "未重复登记" in capsys.readouterr().out
    assert main(["--db", ledger_url, "feedback", "missing", "--week", "2030-01-07"]) == 0
    assert f"未反馈 {len(files) - 1} 个单位" in capsys.readouterr().out
    assert main(["--db", ledger_url, "feedback", "import", str(path)]) == 2  # another week
    assert "未登记" in capsys.readouterr().out


def test_members_of_a_collective_get_its_tasks_in_their_own_section(
    ledger: Ledger, tmp_path: Path
) -> None:
    group = next(
        u
        for u in ledger.unit_directory()
        if u.is_collective and u.name == "各乡镇" and u.open_lead + u.open_support
    )
    member = ledger.collective_candidates(group.id)[0]
    ledger.expand_collective(group.id, [member.id], by="督查员")
    via = ledger.unit_tasks(member.id).via_collectives["各乡镇"]
    run = export_sheets(ledger, tmp_path / "out", WEEK, unit=member.name)
    path = next(p for p in run.files if unit_label(p).split("（")[0] == member.name)
    ws = load_workbook(path)[F.MAIN_SHEET]
    headings = [
        str(ws.cell(row=r, column=1).value)
        for r in range(F.HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(row=r, column=F.COL_ID).value is None
    ]
    assert any("作为成员单位承担的任务" in h for h in headings)
    assert set(via) <= set(task_rows(path))


def test_a_corrected_reply_files_only_what_changed(sent: Sent) -> None:
    ledger, path = sent.ledger, sent.file_of("县发改局")
    a, b, *_ = task_rows(path)
    fill(path, {a: {"progress": "已开工"}, b: {"progress": "已完工", "done": "是"}})
    file_review(ledger, review_file(ledger, path, WEEK), by="督查员")
    # The unit sends the sheet again with one answer changed.
    fill(path, {a: {"progress": "已开工，完成投资30%"}})
    review = review_file(ledger, path, WEEK)
    assert not review.already_filed
    states = {r.task_id: r.state for r in review.rows if r.task_id in (a, b)}
    assert states == {a: "new", b: "already"}
    result = file_review(ledger, review, by="督查员")
    assert result.task_ids == (a,)
    assert [n.progress for n in ledger.task(a).notes] == ["已开工", "已开工，完成投资30%"]
    assert len(completion_requests(ledger)) == 1  # still one request for b
