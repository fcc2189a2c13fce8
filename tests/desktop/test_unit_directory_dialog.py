"""单位管理 on real widgets over a real ledger: a suggested merge accepted in the dialog, the
unit list and filter following it, and 撤销 restoring the split."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from seedfiles import seed_path

from core.ledger import TaskFilter
from desktop.views.nav_panel import UNIT_ID_ROLE

AGRI = ("兴县农业农村局", "县农业农村局", "农业农村局")


@pytest.fixture
def loaded(window, gateway):  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("000"))
    window.reload()
    return window


def _listed(window) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Unit list entries: name -> directory id."""
    units = window.nav.units
    return {
        str(units.item(i).data(Qt.ItemDataRole.UserRole)): units.item(i).data(UNIT_ID_ROLE)
        for i in range(1, units.count())
    }


def _ids(ledger, unit_ids) -> set[int]:  # type: ignore[no-untyped-def]
    return {t for uid in unit_ids for t in ledger.task_ids(TaskFilter(unit_id=uid))}


def test_accept_filter_and_undo(loaded, ledger, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    before = _listed(window)
    assert all(name in before for name in AGRI)
    tasks_of = {name: _ids(ledger, [before[name]]) for name in AGRI}
    every = set().union(*tasks_of.values())
    assert len(every) > max(len(t) for t in tasks_of.values())

    window.open_unit_directory()
    dialog = window.unit_dialog
    tree = dialog.suggestion_tree
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    top = next(t for t in tops if {t.child(j).text(0) for j in range(t.childCount())} == set(AGRI))
    tree.setCurrentItem(top)
    assert dialog.canonical_edit.text() == "兴县农业农村局"
    evidence = [top.child(j).text(2) for j in range(top.childCount())]
    assert any("去掉县名" in e for e in evidence)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)

    after = _listed(window)
    assert "县农业农村局" not in after and "农业农村局" not in after
    merged = after["兴县农业农村局"]
    assert window.nav.select_unit_id(merged)
    assert window.model.rowCount() == len(every)
    shown = {window.model.row_at(r).id for r in range(window.model.rowCount())}
    assert shown == every
    # the dialog re-read the directory: the suggestion is gone, the unit has two aliases
    names = {
        dialog.suggestion_tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())
    }
    assert not any(n.startswith("兴县农业农村局") for n in names)
    unit = next(u for u in dialog.loaded.units if u.id == merged)
    assert set(unit.aliases) == {"县农业农村局", "农业农村局"}

    window.undo()
    split = _listed(window)
    assert all(name in split for name in AGRI)
    for name in AGRI:
        assert window.nav.select_unit_id(split[name])
        assert window.model.rowCount() == len(tasks_of[name])
    window.redo()
    assert "县农业农村局" not in _listed(window)


def test_right_click_opens_the_directory_on_that_unit(loaded) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    uid = _listed(window)["县水利局"]
    menu = window.nav.unit_menu(uid)
    [action] = menu.actions()
    assert action.text() == "单位管理…"
    action.trigger()
    dialog = window.unit_dialog
    assert dialog.tabs.currentIndex() == 1
    unit = dialog.selected_unit()
    assert unit is not None and unit.id == uid and unit.county == "兴县"
    dialog.contact_edit.setText("张三")
    dialog.phone_edit.setText("0358-6000000")
    assert dialog.save_selected_unit()
    fresh = next(u for u in dialog.loaded.units if u.id == uid)
    assert (fresh.contact_person, fresh.phone) == ("张三", "0358-6000000")
    window.undo()
    fresh = next(u for u in dialog.loaded.units if u.id == uid)
    assert fresh.contact_person is None


def test_a_collective_is_expanded_in_the_dialog(loaded) -> None:  # type: ignore[no-untyped-def]
    window = loaded
    window.open_unit_directory()
    dialog = window.unit_dialog
    dialog.county.setCurrentIndex(dialog.county.findData("兴县"))
    dialog.tabs.setCurrentIndex(1)
    dialog.unit_search.setText("各乡（镇）")
    table = dialog.unit_table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "各乡（镇）")
    table.selectRow(row)
    assert dialog.members_list.isVisibleTo(dialog)
    listed = [dialog.members_list.item(i).text() for i in range(dialog.members_list.count())]
    assert listed and all("乡镇（街道）" in t for t in listed)
    for i in range(dialog.members_list.count()):
        dialog.members_list.item(i).setCheckState(Qt.CheckState.Checked)
    assert dialog.save_members()
    group = next(u for u in dialog.loaded.units if u.name == "各乡（镇）")
    assert len(group.members) == len(listed)
    member = group.members[0]
    work = window.gateway.ledger.unit_tasks(member)
    assert "各乡（镇）" in work.via_collectives
    window.undo()
    group = next(u for u in dialog.loaded.units if u.name == "各乡（镇）")
    assert group.members == ()
