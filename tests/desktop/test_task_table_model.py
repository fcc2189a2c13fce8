"""The task table model: Qt model contract, filters, search and sort over index lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.table.rows import (
    QUICK_MONTH,
    QUICK_OVERDUE,
    QUICK_STAGNANT,
    QUICK_WEEK,
    FilterSpec,
    TaskRow,
    make_search_blob,
)
from desktop.table.task_table_model import (
    COL_DEADLINE,
    COL_LIGHT,
    COL_TEXT,
    SORT_ROLE,
    TASK_ID_ROLE,
    TaskTableModel,
)

TODAY = date(2024, 6, 12)
NOW = datetime.combine(TODAY, time(10, 30), UTC)  # the model's clock: stagnation counts from it


def row(i: int, **kw: object) -> TaskRow:
    base = TaskRow(id=i, text=f"任务{i}", lead_units=("县财政局",), status="not_started")
    r = TaskRow(**{**base.__dict__, **kw})
    return TaskRow(**{**r.__dict__, "search_blob": make_search_blob(r)})


@pytest.fixture
def rows() -> list[TaskRow]:
    now = NOW
    return [
        row(1, deadline=TODAY - timedelta(days=3), text="完善应急预案"),
        row(2, deadline=TODAY + timedelta(days=5), support_units=("县水利局",)),
        row(3, deadline=TODAY + timedelta(days=60), status="done"),
        row(4, deadline=None, lead_units=("县水利局",), last_activity=now - timedelta(days=40)),
        row(5, deadline=TODAY + timedelta(days=15), status="in_progress", last_activity=now),
    ]


@pytest.fixture
def model(rows: list[TaskRow]) -> TaskTableModel:
    m = TaskTableModel(today=lambda: TODAY, now=lambda: NOW)
    m.set_rows(rows)
    return m


def visible_ids(m: TaskTableModel) -> list[int]:
    return [m.index(r, 0).data(TASK_ID_ROLE) for r in range(m.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, model: TaskTableModel) -> None:
    qtmodeltester.check(model, force_py=True)
    model.sort(COL_DEADLINE, Qt.SortOrder.DescendingOrder)
    model.set_filter(FilterSpec(text="任务"))
    qtmodeltester.check(model, force_py=True)


def test_quick_filters_follow_deadline_and_status(model: TaskTableModel) -> None:
    model.set_filter(FilterSpec(quick=QUICK_OVERDUE))
    assert visible_ids(model) == [1]
    model.set_filter(FilterSpec(quick=QUICK_WEEK))
    assert visible_ids(model) == [2]
    model.set_filter(FilterSpec(quick=QUICK_MONTH))  # June 12 -> June 30; task 3 is done
    assert sorted(visible_ids(model)) == [2, 5]
    model.set_filter(FilterSpec(quick=QUICK_STAGNANT, stagnation_days=14))
    assert 4 in visible_ids(model) and 5 not in visible_ids(model)


def test_unit_status_and_text_filters_combine(model: TaskTableModel) -> None:
    model.set_filter(FilterSpec(unit="县水利局"))
    assert sorted(visible_ids(model)) == [2, 4]
    model.set_filter(FilterSpec(unit="县水利局", statuses=frozenset({"not_started"})))
    assert sorted(visible_ids(model)) == [2, 4]
    model.set_filter(FilterSpec(text="应急"))
    assert visible_ids(model) == [1]
    model.set_filter(FilterSpec(text="水利局 任务4"))
    assert visible_ids(model) == [4]


def test_sort_by_deadline_puts_undated_last_and_keeps_selection(model: TaskTableModel) -> None:
    model.sort(COL_DEADLINE, Qt.SortOrder.AscendingOrder)
    assert visible_ids(model) == [1, 2, 5, 3, 4]
    model.sort(COL_DEADLINE, Qt.SortOrder.DescendingOrder)
    assert visible_ids(model)[0] == 4
    assert model.index(0, COL_DEADLINE).data(SORT_ROLE) > model.index(1, COL_DEADLINE).data(
        SORT_ROLE
    )


def test_light_and_days_left(model: TaskTableModel) -> None:
    model.sort(COL_DEADLINE)
    assert model.index(0, COL_LIGHT).data(Qt.ItemDataRole.ToolTipRole) == "已逾期"
    assert model.index(1, COL_LIGHT).data(Qt.ItemDataRole.ToolTipRole) == "7天内到期"
    assert model.index(0, 5).data() == -3
    assert model.index(0, COL_TEXT).data() == "完善应急预案"


def test_replace_rows_updates_display(model: TaskTableModel, rows: list[TaskRow]) -> None:
    model.replace_rows([row(1, text="已修改", deadline=rows[0].deadline)])
    pos = model.row_for_id(1)
    assert pos is not None and model.index(pos, COL_TEXT).data() == "已修改"
