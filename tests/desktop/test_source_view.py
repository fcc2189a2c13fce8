"""After an import the clerk sees what was found and what may have been missed, and adds a
missed task from the source in a few clicks (issue 13): real widgets over a real ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QTreeWidgetItem
from seedfiles import SHARED, seed_path

import core
from core.ledger import TaskFilter
from core.model import ExtractionResult, MissedCue

CANZHUO = SHARED / "devset2" / "pt_canzhuo_2016.txt"
REASON = "有责任单位标注，但未能对应到任务"
ITEM_STARTS = (
    "1.推广绿色生产技术",
    "2.推进农业标准化生产",
    "3.开展专项整治行动",
    "4.加强农产品监督抽检",
)


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type Chinese as a clerk does: committed by the input method (QTest only knows ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _source_lines() -> list[str]:
    return CANZHUO.read_text(encoding="utf-8").splitlines()


def _item_line(start: str) -> int:
    return next(n for n, t in enumerate(_source_lines(), start=1) if t.startswith(start))


@pytest.fixture
def cues_filled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Extraction as it is, plus the contract's cues the cue finder did not report: each
    `（区农发局）` item line no task starts on. Should the extractor one day find items 1-4
    all, item 1's task is dropped so there is still a miss to walk through. The walk then
    depends only on the `Document.missed` contract, not on the extractor's progress."""
    real = core.extract

    def extract(path: str | Path) -> ExtractionResult:
        result = real(path)
        if Path(path).name != CANZHUO.name:
            return result
        texts = Path(path).read_text(encoding="utf-8").splitlines()
        items = [_item_line(s) for s in ITEM_STARTS]
        taken = {t.line for t in result.tasks}
        if all(n in taken for n in items):
            result.tasks = [t for t in result.tasks if t.line != items[0]]
            taken.discard(items[0])
        for doc in result.documents:
            if doc.is_toc:
                continue
            have = {c.line for c in doc.missed}
            doc.missed = sorted(
                [
                    *doc.missed,
                    *(
                        MissedCue(n, texts[n - 1].strip()[:40], REASON)
                        for n in range(doc.first_line, doc.last_line + 1)
                        if texts[n - 1].rstrip().endswith("（区农发局）")
                        and n not in taken
                        and n not in have
                    ),
                ],
                key=lambda c: c.line,
            )
        return result

    monkeypatch.setattr(core, "extract", extract)
    yield


def _doc_item(window) -> QTreeWidgetItem:  # type: ignore[no-untyped-def]
    tree = window.nav.tree
    gazette = tree.topLevelItem(0).child(0)
    return next(gazette.child(i) for i in range(gazette.childCount()))


def _click_tree_item(qtbot, tree, item: QTreeWidgetItem) -> None:  # type: ignore[no-untyped-def]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _line_point(view, line: int) -> QPoint:  # type: ignore[no-untyped-def]
    view.scroll_to_line(line)
    start = view._blocks[line][0][0]
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(start + len(str(line)) + 3)
    return view.text.cursorRect(cursor).center()


def test_missed_task_is_flagged_and_added_from_the_source(  # type: ignore[no-untyped-def]
    qtbot, window, ledger, notifier, cues_filled
) -> None:
    """The judged walk: import → flagged → open its text → pick the item → add → in table."""
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.import_paths([CANZHUO])
    summary = notifier.messages[-1][2]
    assert "可能遗漏" in summary and CANZHUO.name in summary  # per file, in the summary

    item = _doc_item(window)
    assert "可能遗漏" in item.text(0)
    before_mark = item.text(0)
    # 1. click the flagged document in the tree: its whole text shows below the table
    _click_tree_item(qtbot, window.nav.tree, item)
    view = window.source_pane.view
    assert view.current is not None
    doc = view.current.document
    assert [ln.no for ln in view.current.lines] == list(range(doc.first_line, doc.last_line + 1))
    # the item: one whose task is absent from the table right now
    table_lines = {r.line for r in ledger.tasks(TaskFilter())}
    target = next(n for n in map(_item_line, ITEM_STARTS) if n not in table_lines)
    assert any(c.line == target and c.open for c in view.current.cues)
    # 2. click its line in the text
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=_line_point(view, target))
    assert view.selection() is not None and view.selection().first == target
    # 3. 从原文新增任务: a non-modal editor prefilled by extraction's rules
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    editor = window.source_pane.editor
    assert editor is not None and editor.isVisible() and not editor.isModal()
    assert editor.lead_edit.units() == ["区农发局"]
    assert not editor.text_edit.toPlainText().startswith(("1.", "2.", "3.", "4."))
    assert "（区农发局）" not in editor.text_edit.toPlainText()
    assert f"第 {target} 行" in editor.source_label.text()
    # 4. the item has no date: the clerk types the wording; the understood date shows
    _type(editor.deadline.edit, "年底前")
    assert editor.deadline.understood.text() == "识别为：2016-12-31"
    # 5. 保存
    buttons = editor.findChild(QDialogButtonBox)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    [row] = [r for r in ledger.tasks(TaskFilter()) if r.line == target]
    assert row.manual and row.lead_units == ("区农发局",) and row.support_units == ()
    assert row.deadline == date(2016, 12, 31) and row.deadline_text == "年底前"
    assert row.document_id == doc.id and row.ref == "二/(一)/" + str(
        ITEM_STARTS.index(next(s for s in ITEM_STARTS if _item_line(s) == target)) + 1
    )
    # it is in the table, selected, and its lines are highlighted as a task in the text
    assert [r.id for r in window.selected_rows()] == [row.id]
    assert view.current_task == row.id
    span = view.span_of(row.id)
    assert span is not None and (span.first, span.last) == (target, target)
    # the mark in the tree counts one cue fewer
    assert _doc_item(window).text(0) != before_mark
    # undo works as for every edit
    window.undo()
    assert not [r for r in ledger.tasks(TaskFilter()) if r.line == target]


def test_clicking_a_highlighted_line_selects_its_task_and_back(  # type: ignore[no-untyped-def]
    qtbot, window, ledger
) -> None:
    window.resize(1366, 768)
    window.show()
    assert window.import_paths([seed_path("000")])
    rows = [r for r in ledger.tasks(TaskFilter()) if r.document_id is not None]
    target = rows[len(rows) // 2]
    window.select_task(target.id)
    view = window.source_pane.view
    assert view.document_id() == target.document_id and view.current_task == target.id
    other = next(s for s in view.current.spans if s.task_id != target.id and s.first != target.line)
    window.table.clearSelection()
    qtbot.mouseClick(
        view.text.viewport(), Qt.MouseButton.LeftButton, pos=_line_point(view, other.first)
    )
    assert [r.id for r in window.selected_rows()] == [view.task_at(other.first)]


def test_tables_show_as_tables_not_run_on_lines(qtbot, window, ledger) -> None:  # type: ignore[no-untyped-def]
    assert window.import_paths([seed_path("000")])
    docs = ledger.documents()
    doc = next(d for d in docs if d.doc_number == "兴政发〔2023〕4号")
    text = ledger.document_text(doc.id)
    window.source_pane.view.show_document(text)
    frames = window.source_pane.view.text.document().rootFrame().childFrames()
    tables = [f for f in frames if isinstance(f, QTextTable)]
    assert tables
    tab_lines = [ln for ln in text.lines if "\t" in ln.text]
    assert sum(t.rows() for t in tables) == len(tab_lines)
    first = tab_lines[0]
    cells = first.text.split("\t")
    assert tables[0].columns() >= len(cells) + 1  # line number + one column per cell
    assert tables[0].cellAt(0, 1).firstCursorPosition().block().text() == cells[0].strip()


def test_every_document_is_in_the_tree_with_its_task_count(qtbot, window, ledger) -> None:  # type: ignore[no-untyped-def]
    assert window.import_paths([seed_path("000")])
    docs = ledger.documents()
    gazette = window.nav.tree.topLevelItem(0).child(0)
    assert gazette.childCount() == len(docs) > 6
    without = [d for d in docs if d.task_count == 0]
    assert without
    labels = [gazette.child(i).text(0) for i in range(gazette.childCount())]
    assert f"{without[0].label}（0）" in labels


def test_dismissing_a_cue_is_remembered_and_undoable(  # type: ignore[no-untyped-def]
    qtbot, window, ledger, cues_filled
) -> None:
    window.resize(1366, 768)
    window.show()
    assert window.import_paths([CANZHUO])
    _click_tree_item(qtbot, window.nav.tree, _doc_item(window))
    view = window.source_pane.view
    [before] = ledger.documents()
    cue = next(c for c in view.current.cues if c.open)
    view.clicked_line = cue.line
    menu = view.context_menu(_line_point(view, cue.line))
    action = next(a for a in menu.actions() if a.text().startswith("不是任务"))
    action.trigger()
    [doc] = ledger.documents()
    assert doc.open_cues == before.open_cues - 1
    mark = _doc_item(window).text(0)
    if doc.open_cues:
        assert f"可能遗漏 {doc.open_cues} 处" in mark
    else:  # the last open cue dismissed: no mark left (unless flagged without tasks)
        assert "可能遗漏" not in mark
    window.undo()
    assert ledger.documents()[0].open_cues == before.open_cues
    # the whole document: 不是任务 clears its mark
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert not ledger.documents()[0].needs_review
    assert "可能遗漏" not in _doc_item(window).text(0)


def test_bulk_deadline_on_five_tasks_is_one_undo_step(qtbot, window, ledger) -> None:  # type: ignore[no-untyped-def]
    assert window.import_paths([seed_path("000")])
    for pos in range(5):
        window.select_task(window.model.row_at(pos).id, add=pos > 0)
    rows = window.selected_rows()
    assert len(rows) == 5
    before = {r.id: r.deadline for r in rows}
    steps = window.undo_stack.count()
    window.edit_task()
    editor = window.bulk_editor
    assert editor is not None and "5 项任务" in editor.windowTitle()
    _type(editor.deadline.edit, "2025年12月底前")
    assert editor.deadline.understood.text() == "识别为：2025-12-31"
    assert editor.checks["deadline"].isChecked() and not editor.checks["lead_units"].isChecked()
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    after = {r.id: r.deadline for r in ledger.rows(list(before))}
    assert set(after.values()) == {date(2025, 12, 31)}
    assert window.undo_stack.count() == steps + 1
    assert sorted(r.id for r in window.selected_rows()) == sorted(before)
    window.undo()
    assert {r.id: r.deadline for r in ledger.rows(list(before))} == before


@pytest.mark.qt_log_ignore("raise", "grabbing the keyboard", "propagateSizeHints")
def test_bulk_units_and_status_with_completion(qtbot, window, ledger) -> None:  # type: ignore[no-untyped-def]
    assert window.import_paths([seed_path("000")])
    for pos in range(3):
        window.select_task(window.model.row_at(pos).id, add=pos > 0)
    ids = [r.id for r in window.selected_rows()]
    window.edit_task()
    editor = window.bulk_editor
    _type(editor.lead, "县应急")
    completer = editor.lead.completer_
    assert completer.completionCount() >= 1
    name = completer.currentCompletion()
    assert name.startswith("县应急")
    editor.lead.insert_completion(name)
    assert editor.lead.units() == [name]
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("in_progress"))
    editor.checks["status"].setChecked(True)
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    rows = ledger.rows(ids)
    assert all(r.lead_units == (name,) and r.status == "in_progress" for r in rows)
    window.undo()
    assert all(r.status == "not_started" for r in ledger.rows(ids))


def test_deadline_field_shows_what_it_understood(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.field_widgets import DeadlineField

    field = DeadlineField(year=2025)
    qtbot.addWidget(field)
    for typed, iso in (("2025年12月底前", "2025-12-31"), ("10月31日", "2025-10-31")):
        field.edit.setText(typed)
        assert field.value() == date.fromisoformat(iso)
        assert field.understood.text() == f"识别为：{iso}"
    field.edit.setText("尽快")
    assert field.value() is None and field.error()
    from PySide6.QtCore import QDate

    field.calendar.clicked.emit(QDate(2026, 3, 15))
    assert field.value() == date(2026, 3, 15)


def test_add_button_needs_a_line(qtbot, window, cues_filled) -> None:  # type: ignore[no-untyped-def]
    assert window.import_paths([CANZHUO])
    view = window.source_pane.view
    _click_tree_item(qtbot, window.nav.tree, _doc_item(window))
    assert not view.add_button.isEnabled()
    assert isinstance(view.add_button, QPushButton)
    view.select_lines(_item_line(ITEM_STARTS[0]), _item_line(ITEM_STARTS[1]))
    sel = view.selection()
    assert sel is not None and (sel.first, sel.last) == (
        _item_line(ITEM_STARTS[0]),
        _item_line(ITEM_STARTS[1]),
    )
    assert view.add_button.isEnabled()


def test_single_task_correction_reads_the_wording_in_the_task_year(  # type: ignore[no-untyped-def]
    qtbot, window, ledger
) -> None:
    assert window.import_paths([seed_path("000")])
    window.table.selectRow(0)
    task = ledger.rows([window.selected_rows()[0].id])[0]
    assert task.year == 2023
    window.edit_task()
    editor = window.editor
    editor.edits["deadline"].setText("")
    _type(editor.edits["deadline"].edit, "10月31日")
    assert editor.edits["deadline"].understood.text() == "识别为：2023-10-31"
    editor._accept()
    assert ledger.rows([task.id])[0].deadline == date(2023, 10, 31)


def test_a_clicked_item_line_takes_the_whole_page_broken_item(  # type: ignore[no-untyped-def]
    qtbot, window, ledger, cues_filled
) -> None:
    window.resize(1366, 768)
    window.show()
    assert window.import_paths([CANZHUO])
    _click_tree_item(qtbot, window.nav.tree, _doc_item(window))
    view = window.source_pane.view
    first = _item_line("6.开展保健食品专项检查")  # printed over three lines
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=_line_point(view, first))
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    editor = window.source_pane.editor
    assert f"第 {first}–{first + 2} 行" in editor.source_label.text()
    assert editor.text_edit.toPlainText().endswith("违法行为。")
    assert editor.lead_edit.units() == ["区市场监管局"]


def test_pdf_lines_show_their_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    from core.ledger.dto import DocumentRow, DocumentText, SourceLineRow
    from desktop.views.document_view import DocumentView

    row = DocumentRow(
        1, 1, "通知", "兴政发〔2024〕1号", None, 2024, 1, 4, False, 0, False, False, 0, 0
    )
    lines = tuple(SourceLineRow(n, f"第{n}行", 1 if n < 3 else 2) for n in range(1, 5))
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(DocumentText(row, "公报.pdf", "pdf", lines, (), ()))
    text = view.text.document().toPlainText()
    assert text.index("第 1 页") < text.index("第1行") < text.index("第 2 页") < text.index("第3行")


def test_import_summary_names_documents_to_check() -> None:
    from desktop.actions.importing import FileOutcome, ImportSummary

    summary = ImportSummary(
        imported=[
            FileOutcome(
                "a.txt",
                "imported",
                documents=2,
                tasks_by_kind={"inline": 1},
                review=("岚综管办〔2016〕87号：可能遗漏 3 处",),
            ),
            FileOutcome("b.txt", "imported", documents=1, tasks_by_kind={"table": 4}),
        ]
    )
    text = summary.text()
    assert "请核对 1 份公文" in text
    assert "a.txt：岚综管办〔2016〕87号：可能遗漏 3 处" in text and "b.txt：" not in text
