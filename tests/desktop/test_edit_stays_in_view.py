"""修正字段 under a filter: the edited task stays selected and in view; undo takes
已人工修正 away again (issue 17)."""

from __future__ import annotations

from seedfiles import seed_path


def test_corrected_task_stays_selected_under_a_unit_filter_and_undo_clears_the_mark(
    window, gateway, ledger
) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    window.nav.units.setCurrentRow(1)  # the busiest unit
    unit = window.nav.selected_unit()
    shown = window.model.rowCount()
    task = next(
        window.model.row_at(r) for r in range(shown) if window.model.row_at(r).lead_units == (unit,)
    )
    window.select_task(task.id)
    window.edit_task()
    window.editor.edits["lead_units"].setText("县档案馆")
    window.editor.edits["support_units"].setText("")
    window.editor._accept()
    assert ledger.task(task.id).task.lead_units == ("县档案馆",)
    # Out of the unit filter now, but still on screen and selected, with its detail.
    assert window.nav.selected_unit() == unit
    assert [r.id for r in window.selected_rows()] == [task.id]
    assert window.table.currentIndex().row() == window.model.row_for_id(task.id)
    assert "已人工修正" in window.detail.detail_view.toPlainText()
    assert ledger.task(task.id).task.corrected_fields >= {"lead_units"}

    window.undo_action.trigger()
    assert ledger.task(task.id).task.lead_units == task.lead_units
    assert ledger.task(task.id).task.corrected_fields == frozenset()
    assert [r.id for r in window.selected_rows()] == [task.id]
    text = window.detail.detail_view.toPlainText()
    assert "牵头单位" in text and "县档案馆" not in text
    line = next(t for t in text.splitlines() if t.startswith("已人工修正"))
    assert "牵头单位" not in line
    # Choosing another filter lets the kept task go.
    window.nav.units.setCurrentRow(0)
    window.nav.units.setCurrentRow(1)
    assert window.model.row_for_id(task.id) is not None  # its unit is back: it matches


def test_new_task_outside_the_filter_is_shown_and_selected(window, gateway, ledger) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    window.nav.units.setCurrentRow(1)
    window.new_task()
    dialog = window.new_task_dialog
    dialog.text_edit.setPlainText("补录：档案数字化。")
    dialog.lead_edit.setText("县档案馆")
    dialog._accept()
    [added] = [t for t in ledger.tasks() if t.text == "补录：档案数字化。"]
    assert [r.id for r in window.selected_rows()] == [added.id]
