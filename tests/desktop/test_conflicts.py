"""Another clerk saved first: the clerk sees who/what/when and chooses reload or overwrite."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from seedfiles import seed_path

from core.ledger import EditConflict, Ledger
from desktop.editing import conflicts
from desktop.editing.conflicts import ConflictDialog, conflict_text


@pytest.fixture
def shown(window, ledger):  # type: ignore[no-untyped-def]
    """The window showing seed 000, first row selected; returns (task id, other clerk)."""
    ledger.import_file(seed_path("000"), by="导入员")
    window.reload()
    window.table.selectRow(0)
    task_id = window.selected_rows()[0].id
    with Ledger(f"sqlite:///{ledger.engine.url.database}") as other:
        other.set_status(task_id, "suspended", by="李四", note="等资金")
    return task_id


def _choose(monkeypatch: pytest.MonkeyPatch, choice: str) -> list[EditConflict]:
    seen: list[EditConflict] = []

    def ask(_parent: object, exc: EditConflict) -> str:
        seen.append(exc)
        return choice

    monkeypatch.setattr(conflicts, "ask_conflict", ask)
    return seen


def test_overwrite_saves_mine_on_top_and_keeps_both_in_history(  # type: ignore[no-untyped-def]
    window, ledger, shown, monkeypatch
) -> None:
    seen = _choose(monkeypatch, "overwrite")
    assert window.change_status("done", "已验收")
    assert seen and seen[0].changed_by == "李四" and "暂缓" in (seen[0].change or "")
    detail = ledger.task(shown)
    assert detail.task.status == "done"
    assert [(h.by, h.to_status) for h in detail.history] == [
        ("李四", "suspended"),
        ("测试员", "done"),
    ]
    assert window.undo_stack.count() == 1  # the overwrite is undoable like any edit
    assert window.selected_rows()[0].status == "done"


def test_reload_keeps_theirs_and_shows_it(window, ledger, shown, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = _choose(monkeypatch, "reload")
    assert not window.change_status("done", "")
    assert len(seen) == 1
    detail = ledger.task(shown)
    assert detail.task.status == "suspended"
    assert [h.by for h in detail.history] == ["李四"]
    assert window.undo_stack.count() == 0
    row = next(r for r in window.model.all_rows() if r.id == shown)
    assert (row.status, row.version) == ("suspended", detail.task.version)


def _conflict() -> EditConflict:
    return EditConflict(
        task_id=7,
        expected_version=2,
        current_version=3,
        changed_by="李四",
        changed_at=datetime(2024, 6, 10, 4, 30, tzinfo=UTC),
        change="状态 未开始→推进中",
    )


def test_dialog_names_who_what_when_and_defaults_to_reload(qtbot) -> None:  # type: ignore[no-untyped-def]
    exc = _conflict()
    dialog = ConflictDialog(exc)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "李四" in text and "未开始→推进中" in text and "任务 7" in text
    local = exc.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
    assert local in conflict_text(exc)
    assert dialog.defaultButton() is dialog.reload_button
    assert dialog.escapeButton() is dialog.reload_button
    assert dialog.choice() == "reload"  # closed without a click


def test_dialog_overwrite_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ConflictDialog(_conflict())
    qtbot.addWidget(dialog)
    dialog.overwrite_button.click()
    assert dialog.choice() == "overwrite"


@pytest.mark.parametrize("choice", ["reload", "overwrite"])
def test_editor_save_over_a_newer_correction_is_a_conflict(  # type: ignore[no-untyped-def]
    window, ledger, monkeypatch, choice
) -> None:
    ledger.import_file(seed_path("000"), by="导入员")
    window.reload()
    window.table.selectRow(0)
    task_id = window.selected_rows()[0].id
    window.edit_task()
    editor = window.editor
    ledger.correct_field(task_id, "text", "李四改的内容", by="李四")  # while the editor is open
    seen = _choose(monkeypatch, choice)
    editor.text_edit.setPlainText("我改的内容")
    editor.edits["deadline"].setText("2030-12-31")
    editor._accept()
    assert len(seen) == 1 and seen[0].changed_by == "李四"
    task = ledger.task(task_id)
    if choice == "reload":
        assert task.task.text == "李四改的内容"
        assert [c.by for c in task.corrections] == ["李四"]
    else:
        assert task.task.text == "我改的内容" and str(task.task.deadline) == "2030-12-31"
        assert [c.by for c in task.corrections] == ["李四", "测试员", "测试员"]
