"""Report fixtures: a small, varied ReportData built from plain dataclasses (no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.report.data import (
    ReportData,
    ReportTask,
    WeekChange,
    sort_for_report,
    summarize,
    week_bounds,
)

NOW = datetime(2026, 11, 18, 15, 30)  # a Wednesday
TODAY = NOW.date()


def make_task(task_id: int, **kw: object) -> ReportTask:
    fields: dict[str, object] = {
        "doc_number": "兴政发〔2026〕4号",
        "doc_title": "关于印发重点工作任务分工的通知",
        "text": f"推进第{task_id}项重点工作",
        "leader": "李靖",
        "lead_units": ("县发改局",),
        "support_units": ("县财政局",),
        "deadline": date(2026, 12, 31),
        "amount_wan": None,
        "status": "in_progress",
    }
    fields.update(kw)
    return ReportTask(task_id=task_id, **fields)  # type: ignore[arg-type]


def build_data(
    tasks: list[ReportTask], changes: list[WeekChange], done_ids: set[int]
) -> ReportData:
    units, totals = summarize(tasks, done_ids)
    start, end = week_bounds(TODAY)
    return ReportData(
        county="兴县",
        period_start=start,
        period_end=end,
        generated_at=NOW,
        tasks=sort_for_report(tasks, [u.unit for u in units]),
        units=units,
        totals=totals,
        changes=changes,
    )


@pytest.fixture
def sample_tasks() -> list[ReportTask]:
    return [
        make_task(1, deadline=date(2026, 11, 1), status="not_started", due_state="overdue"),
        make_task(2, deadline=date(2026, 11, 20), due_state="due_soon"),  # in 2 days
        make_task(3, deadline=date(2026, 11, 1), status="done"),  # done (not overdue)
        make_task(
            4,
            lead_units=("县水利局", "县发改局"),
            support_units=(),
            deadline=None,
            amount_wan=26034.0,
            status="suspended",
            text="实施黄河流域生态保护和高质量发展水利项目建设，完成堤防加固工程",
        ),
        make_task(
            5,
            lead_units=("兴县水务投资建设有限公司",),
            deadline=date(2027, 3, 31),
            status="not_started",
            progress='=HYPERLINK("http://x","y")',
            problems="+资金缺口",
            next_steps="-协调县财政局",
            doc_number=None,
            doc_title="@关于做好防汛工作的函",
            updated_at=datetime(2026, 11, 17, 9, 5),
        ),
        make_task(
            6,
            lead_units=(),
            text="各乡镇落实\x07属地责任",
            deadline=date(2026, 11, 25),
            due_state="due_soon",
        ),
    ]


@pytest.fixture
def sample_data(sample_tasks: list[ReportTask]) -> ReportData:
    by_id = {t.task_id: t for t in sample_tasks}
    changes = [
        WeekChange(by_id[3], datetime(2026, 11, 16, 10, 0), "done", "in_progress", "done", "张三"),
        WeekChange(
            by_id[5],
            datetime(2026, 11, 17, 9, 5),
            "note",
            by="李四",
            note='=HYPERLINK("http://x","y")',
        ),
    ]
    return build_data(sample_tasks, changes, done_ids={3})
