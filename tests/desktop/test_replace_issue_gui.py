"""按新版替换此期: a part of an imported issue, taken in the window as the issue's new version.

A file that holds fewer documents than its issue is a partial copy and changes nothing. The
summary box offers 按新版替换此期; the clerk then sees the same 确认删除任务 list as for a
re-issue, and only 确认删除 writes (one transaction, on the worker thread). The window, the
message boxes and the thread pool are real; timers read the boxes and click as a clerk would.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from seedfiles import seed_path

from core.ledger import Ledger, TaskFilter
from desktop.actions.importing import REPLACE_LABEL, ImportSummary
from desktop.errors import Notifier
from desktop.gateway import LedgerGateway
from desktop.main_window import MainWindow
from desktop.workers import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ledger"))
from ledger_dump import dump

DROPPED = "稷政办发〔2022〕36号"  # a whole document (9 tasks) of seed 004, cut from the file


@pytest.fixture
def shorter(tmp_path: Path) -> Path:
    """Seed 004 without one whole document: the ledger takes it as a part of the issue."""
    from core import extract

    seed = seed_path("004")
    doc = next(d for d in extract(seed).documents if d.doc_number == DROPPED)
    assert doc.first_line and doc.last_line
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "稷山公报新版.txt"
    path.write_text("".join(lines[: doc.first_line - 1] + lines[doc.last_line :]), encoding="utf-8")
    return path


@pytest.fixture
def seeded(ledger: Ledger) -> dict[str, Any]:
    """Seed 004 imported, with the clerk's work on one task of the document to be dropped."""
    ledger.import_file(seed_path("004"))
    dropped = sorted(r.id for r in ledger.tasks() if r.doc_number == DROPPED)
    assert len(dropped) == 9
    worked = dropped[0]
    ledger.set_status(worked, "in_progress", note="已开始", by="测试员")
    ledger.add_note(worked, progress="已完成三成", by="测试员")
    return {"dropped": dropped, "worked": worked}


class Clerk:
    """Clicks in whichever message box shows up with a given title, as a clerk would."""

    def __init__(self) -> None:
        self.seen: dict[str, list[tuple[str, str, list[str]]]] = {}
        self.answers: dict[str, str] = {}
        self.timer = QTimer()
        self.timer.timeout.connect(self._look)
        self.timer.start(20)

    def answer(self, title: str, button: str) -> None:
        self.answers[title] = button

    def _look(self) -> None:
        for w in QApplication.topLevelWidgets():
            if not (isinstance(w, QMessageBox) and w.isVisible()):
                continue
            button = self.answers.pop(w.windowTitle(), None)
            if button is None:
                continue
            labels = [b.text() for b in w.buttons()]
            self.seen.setdefault(w.windowTitle(), []).append((w.text(), w.detailedText(), labels))
            next(b for b in w.buttons() if button in (b.text(), _standard(w, b))).click()


def _standard(box: QMessageBox, button: Any) -> str:
    """确定 for the box's Ok button, whether or not Qt's own texts are translated."""
    return "确定" if box.standardButton(button) == QMessageBox.StandardButton.Ok else ""


@pytest.fixture
def window(qtbot, gateway, settings):  # type: ignore[no-untyped-def]
    """The main window with real message boxes and a real thread pool."""
    pool = QThreadPool()
    win = MainWindow(gateway, settings, TaskRunner(pool), Notifier(None))
    qtbot.addWidget(win)
    win.reload()
    yield win
    pool.waitForDone()
    for w in QApplication.topLevelWidgets():  # summary boxes nobody answered
        if isinstance(w, QMessageBox) and w.isVisible():
            w.close()


def finished_import(qtbot, window: MainWindow, start: Callable[[], Any]) -> ImportSummary:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.importer.finished, timeout=60_000) as blocker:
        start()
    summary: ImportSummary = blocker.args[0]
    return summary


def writes_on(gateway: LedgerGateway) -> list[str]:
    """Record the thread each 按新版替换 runs on."""
    threads: list[str] = []
    real = gateway.replace_issue

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    gateway.replace_issue = spy  # type: ignore[method-assign]
    return threads


def live_ids(ledger: Ledger) -> set[int]:
    return {r.id for r in ledger.tasks()}


def task_rows(ledger: Ledger) -> list[tuple[Any, ...]]:
    rows = ledger.tasks(TaskFilter(include_retired=True))
    return sorted((r.id, r.status, r.retired, r.text, r.version) for r in rows)


def test_confirming_replaces_the_issue_and_retires_exactly_the_missing_tasks(  # type: ignore[no-untyped-def]
    qtbot, window, ledger, gateway, seeded, shorter
) -> None:
    before_live = live_ids(ledger)
    threads = writes_on(gateway)
    clerk = Clerk()
    clerk.answer("导入完成", REPLACE_LABEL)
    first = finished_import(qtbot, window, lambda: window.import_paths([shorter]))
    assert [o.outcome for o in first.unchanged] == ["partial_copy"]
    assert live_ids(ledger) == before_live  # the partial copy itself changed nothing

    clerk.answer("确认删除任务", "确认删除")
    second = finished_import(qtbot, window, lambda: None)  # the button starts it
    clerk.timer.stop()

    (text, _detail, labels), *_ = clerk.seen["导入完成"]
    assert "一部分，未作改动" in text and REPLACE_LABEL in labels
    (question, listed, _), *_ = clerk.seen["确认删除任务"]
    assert "稷山公报新版.txt" in question and "以下 9 项任务" in question
    assert all(f"任务 {i}" in listed for i in seeded["dropped"])
    assert [o.outcome for o in second.imported] == ["reissue_updated"]
    assert threads and threading.main_thread().name not in threads

    assert live_ids(ledger) == before_live - set(seeded["dropped"])
    retired = {r.id for r in ledger.tasks(TaskFilter(include_retired=True)) if r.retired}
    assert retired == set(seeded["dropped"])
    kept = ledger.task(seeded["worked"])  # retired, not erased: id, notes, history stay
    assert kept.task.status == "in_progress" and kept.task.retired
    assert [n.progress for n in kept.notes] == ["已完成三成"]
    assert any(h.note == "已开始" for h in kept.history)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(before_live) - 9, timeout=10_000)


def test_cancelling_the_list_leaves_the_ledger_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, window, ledger, gateway, seeded, shorter
) -> None:
    rows, everything = task_rows(ledger), dump(str(ledger.engine.url))
    clerk = Clerk()
    clerk.answer("导入完成", REPLACE_LABEL)
    finished_import(qtbot, window, lambda: window.import_paths([shorter]))
    clerk.answer("确认删除任务", "取消")
    second = finished_import(qtbot, window, lambda: None)
    clerk.timer.stop()

    assert "确认删除任务" in clerk.seen  # the list was shown, and declined
    assert [o.outcome for o in second.unchanged] == ["declined"]
    assert "已取消按新版替换，台账未作改动" in second.text()
    assert task_rows(ledger) == rows
    assert dump(str(ledger.engine.url)) == everything


def test_a_genuine_partial_copy_left_alone_stays_unchanged(  # type: ignore[no-untyped-def]
    qtbot, window, ledger, gateway, seeded, tmp_path
) -> None:
    """The first pages of the issue: the clerk reads the summary and closes it with 确定."""
    lines = seed_path("004").read_text(encoding="utf-8").splitlines(keepends=True)
    excerpt = tmp_path / "前300行.txt"
    excerpt.write_text("".join(lines[:300]), encoding="utf-8")
    everything = dump(str(ledger.engine.url))
    threads = writes_on(gateway)
    finished: list[ImportSummary] = []
    window.importer.finished.connect(finished.append)
    clerk = Clerk()
    clerk.answer("导入完成", "确定")
    window.import_paths([excerpt])
    qtbot.waitUntil(lambda: "导入完成" in clerk.seen, timeout=30_000)
    qtbot.wait(200)  # events flow on: a replace started by mistake would have begun
    clerk.timer.stop()

    (text, _detail, labels), *_ = clerk.seen["导入完成"]
    assert "一部分，未作改动" in text and REPLACE_LABEL in labels
    assert [o.outcome for s in finished for o in s.unchanged] == ["partial_copy"]
    assert threads == [] and window.importer.handle is None
    assert dump(str(ledger.engine.url)) == everything


def test_a_toc_only_part_is_not_offered_as_the_new_version(  # type: ignore[no-untyped-def]
    ledger, gateway, tmp_path
) -> None:
    """Taking a 目录 alone as the issue would retire every task: no such button."""
    from desktop.errors import RecordingNotifier
    from desktop.views.import_flow import ImportController
    from desktop.workers import SyncTaskRunner

    ledger.import_file(seed_path("004"))
    lines = seed_path("004").read_text(encoding="utf-8").splitlines(keepends=True)
    toc = next(d for d in _extract(seed_path("004")).documents if d.is_toc)
    assert toc.last_line
    path = tmp_path / "目录.txt"
    path.write_text("".join(lines[: toc.last_line]), encoding="utf-8")
    part = tmp_path / "前300行.txt"
    part.write_text("".join(lines[:300]), encoding="utf-8")
    notifier = RecordingNotifier()
    controller = ImportController(gateway, SyncTaskRunner(), notifier, show_progress=False)
    controller.start([path])
    assert controller.last_summary is not None
    assert [o.outcome for o in controller.last_summary.unchanged] == ["partial_copy"]
    assert notifier.offered == [] and REPLACE_LABEL not in notifier.messages[-1][2]
    controller.start([part])  # a part with body text is offered
    assert [label for label, _ in notifier.offered] == [REPLACE_LABEL]


def _extract(path: Path) -> Any:
    from core import extract

    return extract(path)


def test_a_replace_that_retires_nothing_still_asks_first(  # type: ignore[no-untyped-def]
    qtbot, ledger, gateway, tmp_path
) -> None:
    """A part missing only documents without tasks: the question says none will go."""
    from desktop.errors import RecordingNotifier
    from desktop.views.import_flow import ImportController
    from desktop.workers import SyncTaskRunner

    seed = seed_path("004")
    ledger.import_file(seed)
    doc = next(d for d in _extract(seed).documents if d.doc_number == "稷政发〔2022〕16号")
    assert doc.first_line and doc.last_line
    lines = seed.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "无任务公文删去.txt"
    path.write_text("".join(lines[: doc.first_line - 1] + lines[doc.last_line :]), "utf-8")
    live = live_ids(ledger)
    notifier = RecordingNotifier(confirm_answer=False)
    controller = ImportController(gateway, SyncTaskRunner(), notifier, show_progress=False)
    controller.start([path])
    ((label, replace),) = notifier.offered
    assert label == REPLACE_LABEL
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        replace()
    kind, title, question = notifier.messages[-2]
    assert (kind, title) == ("confirm", "确认按新版替换") and "没有任务会被删除" in question
    assert controller.last_summary is not None
    assert [o.outcome for o in controller.last_summary.unchanged] == ["declined"]
    notifier.confirm_answer = True
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        notifier.offered = []
        controller.start_replace(path)
    assert [o.outcome for o in controller.last_summary.imported] == ["reissue_updated"]
    assert live_ids(ledger) == live
