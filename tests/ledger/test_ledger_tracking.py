"""Statuses, history, notes, corrections and optimistic concurrency (EditConflict)."""

from __future__ import annotations

from datetime import date

import pytest
from ledger_factories import Clock, make_result, sample_tasks

from core.errors import TaizhangError
from core.ledger import (
    EditConflict,
    InvalidFieldError,
    Ledger,
    TaskNotFoundError,
    UnknownStatusError,
)


@pytest.fixture
def task_id(ledger: Ledger) -> int:
    ledger.import_result(make_result(sample_tasks()))
    return ledger.tasks()[0].id


@pytest.mark.parametrize("given", ["in_progress", "推进中"])
def test_status_accepts_key_or_label_and_records_history(
    ledger: Ledger, task_id: int, given: str
) -> None:
    row = ledger.set_status(task_id, given, note="已召开推进会", by="李四")
    assert row.status == "in_progress" and row.status_label == "推进中"
    assert row.updated_by == "李四" and row.version == 2
    [h] = ledger.task(task_id).history
    assert (h.from_status, h.to_status, h.by, h.note) == (
        "not_started",
        "in_progress",
        "李四",
        "已召开推进会",
    )


def test_done_records_completion_date_and_reopening_clears_it(
    ledger: Ledger, task_id: int, clock: Clock
) -> None:
    done = ledger.set_status(task_id, "已完成", by="李四")
    assert done.completed_on == ledger.today()
    assert done.due_state is None  # closed tasks are never overdue
    clock.advance(days=2)
    reopened = ledger.set_status(task_id, "in_progress", by="李四")
    assert reopened.completed_on is None
    assert [h.to_status for h in ledger.task(task_id).history] == ["done", "in_progress"]


def test_default_clerk_is_the_os_user(
    ledger: Ledger, task_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "zhaoliu")
    ledger.set_status(task_id, "in_progress")
    assert ledger.task(task_id).history[-1].by == "zhaoliu"


def test_unknown_status_is_a_clerk_error(ledger: Ledger, task_id: int) -> None:
    with pytest.raises(UnknownStatusError) as exc:
        ledger.set_status(task_id, "finished")
    assert isinstance(exc.value, TaizhangError)
    assert "未开始" in str(exc.value)
    assert ledger.task(task_id).task.status == "not_started"


def test_missing_task(ledger: Ledger) -> None:
    with pytest.raises(TaskNotFoundError):
        ledger.set_status(999, "done")
    with pytest.raises(TaskNotFoundError):
        ledger.task(999)


def test_notes_keep_three_fields_and_latest_note_shows_on_row(
    ledger: Ledger, task_id: int, clock: Clock
) -> None:
    ledger.add_note(
        task_id, progress="完成招标", problems="资金未到位", next_steps="协调财政", by="甲"
    )
    clock.advance(hours=1)
    ledger.add_note(task_id, progress="开工建设", by="乙")
    detail = ledger.task(task_id)
    assert [(n.progress, n.problems, n.next_steps, n.by) for n in detail.notes] == [
        ("完成招标", "资金未到位", "协调财政", "甲"),
        ("开工建设", None, None, "乙"),
    ]
    assert detail.task.latest_note is not None
    assert detail.task.latest_note.progress == "开工建设"
    with pytest.raises(InvalidFieldError):
        ledger.add_note(task_id, progress="  ")


def test_correction_is_recorded_with_old_and_new_value(ledger: Ledger, task_id: int) -> None:
    old = ledger.task(task_id).task
    row = ledger.correct_field(task_id, "deadline", "2024-08-31", by="甲")
    assert row.deadline == date(2024, 8, 31)
    assert row.corrected_fields == frozenset({"deadline"})
    [c] = ledger.task(task_id).corrections
    assert (c.field, c.old_value, c.new_value, c.by) == (
        "deadline",
        old.deadline.isoformat() if old.deadline else None,
        "2024-08-31",
        "甲",
    )
    with pytest.raises(InvalidFieldError):
        ledger.correct_field(task_id, "deadline", "八月底")
    with pytest.raises(InvalidFieldError):
        ledger.correct_field(task_id, "status", "done")


def test_saving_over_a_newer_version_raises_edit_conflict(ledger: Ledger, task_id: int) -> None:
    seen = ledger.task(task_id).task  # clerk A reads version 1
    ledger.set_status(task_id, "in_progress", by="乙", expected_version=seen.version)  # B saves
    with pytest.raises(EditConflict) as exc:
        ledger.set_status(task_id, "done", by="甲", expected_version=seen.version)
    err = exc.value
    assert err.changed_by == "乙"
    assert err.current_version == seen.version + 1
    assert err.change is not None and "推进中" in err.change
    assert "乙" in str(err) and "刷新" in str(err)
    # nothing was overwritten; overwrite on purpose = no expected_version
    assert ledger.task(task_id).task.status == "in_progress"
    assert ledger.set_status(task_id, "done", by="甲").status == "done"
    assert [h.by for h in ledger.task(task_id).history] == ["乙", "甲"]


def test_notes_and_corrections_also_check_the_version(ledger: Ledger, task_id: int) -> None:
    v = ledger.task(task_id).task.version
    ledger.add_note(task_id, progress="一", by="乙", expected_version=v)
    with pytest.raises(EditConflict):
        ledger.add_note(task_id, progress="二", by="甲", expected_version=v)
    with pytest.raises(EditConflict):
        ledger.correct_field(task_id, "text", "改", by="甲", expected_version=v)
    assert [n.progress for n in ledger.task(task_id).notes] == ["一"]


def test_version_race_at_write_time(
    ledger: Ledger, task_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another clerk saving between our read and our UPDATE (possible on PostgreSQL): with
    `expected_version` the clerk gets EditConflict; without it the change is re-applied."""
    from sqlalchemy.orm.exc import StaleDataError

    from core.ledger.editing import tracking

    real = tracking.set_status
    races = iter([True])

    def racing(*args: object, **kwargs: object) -> object:
        if next(races, False):
            raise StaleDataError("UPDATE statement on table 'task' expected to update 1 row")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tracking, "set_status", racing)
    v = ledger.task(task_id).task.version
    with pytest.raises(EditConflict):
        ledger.set_status(task_id, "done", by="甲", expected_version=v)
    races = iter([True])
    assert ledger.set_status(task_id, "done", by="甲").status == "done"
    assert [h.by for h in ledger.task(task_id).history] == ["甲"]


def test_changed_since_lists_tasks_edited_after_a_time(
    ledger: Ledger, task_id: int, clock: Clock
) -> None:
    mark = clock.now
    assert ledger.changed_since(mark) == []
    clock.advance(minutes=1)
    ledger.add_note(task_id, progress="有进展", by="乙")
    assert ledger.changed_since(mark) == [task_id]


def test_an_undone_correction_no_longer_marks_the_field(ledger: Ledger, task_id: int) -> None:
    """撤销 writes the old value back as a correction: history keeps both, but the field is
    no longer 已人工修正 (the desktop's undo relies on this)."""
    old = ledger.task(task_id).task
    ledger.correct_field(task_id, "deadline", "2024-08-31", by="甲")
    ledger.correct_field(task_id, "lead_units", ["县档案馆"], by="甲")
    ledger.correct_field(task_id, "deadline", old.deadline.isoformat() if old.deadline else None)
    row = ledger.task(task_id).task
    assert row.corrected_fields == frozenset({"lead_units"})
    assert len(ledger.task(task_id).corrections) == 3
    ledger.correct_field(task_id, "lead_units", list(old.lead_units))
    assert ledger.task(task_id).task.corrected_fields == frozenset()
    assert ledger.tasks()[0].corrected_fields == frozenset()  # list queries agree


def test_a_note_pasted_with_nul_characters_saves_alike_on_both_back_ends(
    ledger: Ledger, task_id: int
) -> None:
    """PostgreSQL refuses NUL in text; the note must not fail there and work on SQLite."""
    note = ledger.add_note(task_id, progress="已开会\x00研究", problems="\x00", by="张三")
    assert note.progress == "已开会研究" and note.problems is None
    assert ledger.task(task_id).notes[-1].progress == "已开会研究"
