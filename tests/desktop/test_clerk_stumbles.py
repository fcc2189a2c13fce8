"""What a clerk stumbled on when walking through the real window (issue 5 QA pass)."""

from __future__ import annotations

from seedfiles import seed_path

from tests.desktop.test_main_window import drop


def test_empty_ledger_says_where_gazettes_come_from(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    hint = window.empty_state.label
    assert hint.isVisible()
    assert "拖到此处导入" in hint.text() and "Ctrl+O" in hint.text()
    assert window.table.viewport().rect().contains(hint.geometry())

    drop(window, [seed_path("000")])
    assert window.model.rowCount() > 0
    assert not hint.isVisible()

    # Filters that hide everything say so, not "the ledger is empty".
    window.search.setText("不可能出现的关键字ЖЖ")
    window.apply_filter()
    assert window.model.rowCount() == 0
    assert hint.isVisible()
    assert "没有符合当前筛选条件的任务" in hint.text() and "拖到此处" not in hint.text()

    window.search.clear()
    window.apply_filter()
    assert not hint.isVisible()
