"""登记单位反馈 in the window: a returned sheet dropped on it opens the review table, the
clerk accepts some rows and rejects others, and 登记 / 撤销 / 重做 act on the real ledger."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from seedfiles import seed_path

from core.feedback import completion_requests, export_sheets, week_replies
from core.feedback import sheet_format as F
from core.ledger import TaskFilter
from desktop.views.feedback_review_dialog import FeedbackReviewDialog
from desktop.views.feedback_review_model import COL_ACCEPT, COL_DONE, COL_PROGRESS


def _drop(window, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Drag and drop `paths` onto the window, as the clerk does from a file manager."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(window.rect().center(), *args)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(window.rect().center()), *args))


def _fill(path: Path, answers: dict[int, str], done: int | None = None) -> list[int]:
    wb = load_workbook(path)
    ws = wb[F.MAIN_SHEET]
    rows = {
        int(ws.cell(row=r, column=F.COL_ID).value): r
        for r in range(F.HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(row=r, column=F.COL_ID).value is not None
    }
    for task_id, text in answers.items():
        ws.cell(row=rows[task_id], column=F.COL_PROGRESS, value=text)
    if done is not None:
        ws.cell(row=rows[done], column=F.COL_DONE, value="是")
    wb.save(path)
    return list(rows)


def _unit_sheet(ledger, tmp_path: Path) -> tuple[str, Path, list[int]]:  # type: ignore[no-untyped-def]
    """The first unit (name order) whose sheet lists at least four tasks."""
    run = export_sheets(ledger, tmp_path / "out", by="测试员")
    for unit, path in zip(run.units, run.files, strict=True):
        ws = load_workbook(path, read_only=True)[F.MAIN_SHEET]
        ids = [
            int(r[F.COL_ID - 1])
            for r in ws.iter_rows(min_row=F.HEADER_ROW + 1, values_only=True)
            if r[F.COL_ID - 1]
        ]
        if len(ids) >= 4:
            return unit, path, ids
    raise AssertionError("no unit with four tasks")


def test_review_accept_some_reject_others_then_undo(
    window, gateway, ledger, notifier, qtbot, qtmodeltester, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gateway.import_path(seed_path("002"))
    window.reload()
    unit, path, ids = _unit_sheet(ledger, tmp_path)
    t1, t2, t3, t4 = ids[:4]
    _fill(path, {t1: "可研已批复", t2: "正在招标", t3: "已开工", t4: "已完工"}, done=t3)
    ledger.set_status(t4, "推进中", by="测试员")  # changed by the clerk after sending: conflict

    # One drop holding a returned sheet and a gazette: the sheet is reviewed, the gazette imported.
    before = ledger.count(TaskFilter())
    _drop(window, [path, seed_path("001")])
    assert ledger.count(TaskFilter()) > before
    dialog = window.feedback_actions.dialog
    assert isinstance(dialog, FeedbackReviewDialog) and dialog.isVisible()
    model = dialog.model
    qtmodeltester.check(model)
    row_of = {r.task_id: i for i, r in enumerate(model.rows)}
    assert set(row_of) == {t1, t2, t3, t4}  # rows the unit left blank are not listed
    checked = Qt.ItemDataRole.CheckStateRole
    state = {t: model.data(model.index(row_of[t], COL_ACCEPT), checked) for t in row_of}
    assert state[t4] == Qt.CheckState.Unchecked  # the conflict waits for the clerk
    assert state[t1] == state[t2] == state[t3] == Qt.CheckState.Checked
    assert "冲突" in model.data(model.index(row_of[t4], 8))

    # Reject t2, accept the conflict t4, correct what the unit wrote for t1.
    model.setData(model.index(row_of[t2], COL_ACCEPT), Qt.CheckState.Unchecked.value, checked)
    model.setData(model.index(row_of[t4], COL_ACCEPT), Qt.CheckState.Checked.value, checked)
    dialog.table.edit(model.index(row_of[t1], COL_PROGRESS))
    editor = dialog.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "可研已批复"
    editor.selectAll()
    editor.insert("可研已批复（已核实）")  # as an input method commits Chinese text
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaves the cell: the edit is committed
    assert set(dialog.accepted_values()) == {t1, t3, t4}
    done = model.index(row_of[t3], COL_DONE)
    assert model.data(done, checked) == Qt.CheckState.Checked  # the unit asked to close t3
    model.setData(done, Qt.CheckState.Unchecked.value, checked)  # the clerk drops that
    assert not dialog.accepted_values()[t3].request_done
    model.setData(done, Qt.CheckState.Checked.value, checked)  # and keeps it after all
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)

    def unit_notes(task_id: int) -> list[str]:
        return [n.progress or "" for n in ledger.task(task_id).notes if n.by == unit]

    assert unit_notes(t1) == ["可研已批复（已核实）"]
    assert unit_notes(t2) == []
    assert unit_notes(t3) == ["已开工"] and unit_notes(t4) == ["已完工"]
    assert ledger.task(t1).notes[-1].source == path.name
    assert [r.task_id for r in completion_requests(ledger)] == [t3]
    assert unit in week_replies(ledger).replied
    assert window.undo_stack.undoText() == f"登记{unit}反馈"

    label = window.feedback_actions.missing_label
    assert "办结申请 1 项待确认" in label.text()
    window.undo()
    assert "办结申请" not in label.text()
    assert all(unit_notes(t) == [] for t in (t1, t3, t4))
    assert completion_requests(ledger) == []
    assert unit in week_replies(ledger).missing
    window.redo()
    assert unit_notes(t3) == ["已开工"] and len(completion_requests(ledger)) == 1

    # Dropping the same reply again files nothing and says so.
    window.feedback_actions.take_replies([path])
    assert notifier.messages[-1][0] == "warning" and "未重复登记" in notifier.messages[-1][2]
    assert unit_notes(t3) == ["已开工"]


def test_old_format_drop_says_how_to_save_as_xlsx(window, notifier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "反馈.et"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert window.feedback_actions.take_replies([old]) == []
    kind, _title, text = notifier.messages[-1]
    assert kind == "warning" and "反馈.et" in text and "Excel 工作簿 (*.xlsx)" in text


def test_export_dialog_and_completion_requests(
    window, gateway, ledger, notifier, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.completion_requests_dialog import CompletionRequestsDialog
    from desktop.views.feedback_export_dialog import FeedbackExportDialog

    gateway.import_path(seed_path("002"))
    window.reload()
    window.feedback_actions.open_export()
    dialog = window.feedback_actions.dialog
    assert isinstance(dialog, FeedbackExportDialog)
    dialog.out_edit.setText(str(tmp_path / "sheets"))
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    files = sorted((tmp_path / "sheets").glob("*.xlsx"))
    assert files and notifier.messages[-1][1] == "单位反馈表已生成"
    assert f"已生成 {len(files)} 份单位反馈表" in notifier.messages[-1][2]
    label = window.feedback_actions.missing_label
    assert label.text() == f"本周未反馈 {len(files)} 个单位"
    window.feedback_actions.missing_action.trigger()
    assert f"未反馈 {len(files)} 个单位：" in notifier.messages[-1][2]

    path = files[0]
    ids = _fill(path, {}, None)
    _fill(path, {ids[0]: "已全部完成"}, done=ids[0])
    window.feedback_actions.take_replies([path])
    qtbot.mouseClick(window.feedback_actions.dialog.file_button, Qt.MouseButton.LeftButton)
    assert label.text() == f"本周未反馈 {len(files) - 1} 个单位 · 办结申请 1 项待确认"

    window.feedback_actions.open_requests()
    requests = window.feedback_actions.dialog
    assert isinstance(requests, CompletionRequestsDialog) and requests.table.rowCount() == 1
    requests.table.selectRow(0)
    before = ledger.task(ids[0]).task.status
    qtbot.mouseClick(requests.confirm_button, Qt.MouseButton.LeftButton)
    assert ledger.task(ids[0]).task.status == "done"
    assert requests.table.rowCount() == 0 and "没有待确认" in requests.info.text()
    window.undo()  # 撤销 the confirmation: the task is back, the request pending again
    assert ledger.task(ids[0]).task.status == before
    requests.refresh()
    assert requests.table.rowCount() == 1
