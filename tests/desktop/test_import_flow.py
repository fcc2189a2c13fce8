"""Import off the GUI thread: the event loop keeps running, cancel stops between files."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from seedfiles import seed_path

from core.errors import EmptyFileError
from desktop.actions.importing import FileOutcome, ImportSummary, import_files
from desktop.errors import RecordingNotifier
from desktop.gateway import LedgerGateway
from desktop.views.import_flow import ImportController
from desktop.workers import JobContext, SyncTaskRunner, TaskRunner


class GatedImporter:
    """Imports through the real gateway, but each file waits until the test opens the gate."""

    def __init__(self, gateway: LedgerGateway) -> None:
        self.gateway = gateway
        self.gate = threading.Event()
        self.started = threading.Event()
        self.threads: set[str] = set()

    def import_path(
        self,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        confirm: object = None,
    ) -> FileOutcome:
        self.threads.add(threading.current_thread().name)
        self.started.set()
        assert self.gate.wait(30), "the test never opened the gate"
        return self.gateway.import_path(path)


def test_long_import_keeps_event_loop_responsive(qtbot, gateway, ledger) -> None:  # type: ignore[no-untyped-def]
    importer = GatedImporter(gateway)
    pool = QThreadPool()
    controller = ImportController(
        importer, TaskRunner(pool), RecordingNotifier(), show_progress=False
    )
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    assert controller.start([seed_path("000")])
    # While the worker is stuck inside the import, the GUI thread keeps handling events.
    qtbot.waitUntil(lambda: importer.started.is_set() and len(ticks) >= 5, timeout=10_000)
    assert controller.busy
    assert threading.main_thread().name not in importer.threads
    with qtbot.waitSignal(controller.finished, timeout=60_000) as blocker:
        importer.gate.set()
    timer.stop()
    summary: ImportSummary = blocker.args[0]
    assert [o.file_name for o in summary.imported] == [seed_path("000").name]
    assert not controller.busy
    pool.waitForDone()


def test_cancel_stops_before_the_next_file(qtbot, gateway) -> None:  # type: ignore[no-untyped-def]
    importer = GatedImporter(gateway)
    pool = QThreadPool()
    controller = ImportController(
        importer, TaskRunner(pool), RecordingNotifier(), show_progress=False
    )
    controller.start([seed_path("000"), seed_path("001"), seed_path("002")])
    qtbot.waitUntil(importer.started.is_set, timeout=10_000)
    controller.cancel()
    with qtbot.waitSignal(controller.finished, timeout=60_000) as blocker:
        importer.gate.set()
    summary: ImportSummary = blocker.args[0]
    assert summary.cancelled
    assert len(summary.imported) == 1  # the file in progress completes; the rest wait
    pool.waitForDone()


def test_import_files_reports_each_bad_file_and_goes_on(tmp_path: Path) -> None:
    class Fake:
        def import_path(
            self, path: Path, progress: object = None, confirm: object = None
        ) -> FileOutcome:
            if path.name.startswith("bad"):
                raise EmptyFileError(path)
            if path.name.startswith("boom"):
                raise RuntimeError("bug")
            return FileOutcome(path.name, "imported", 2, {"table": 3, "list": 1})

    progress: list[tuple[int, int, str]] = []
    names = ["a.txt", "bad.txt", "boom.txt", "b.txt"]
    summary = import_files(
        Fake(), [tmp_path / n for n in names], JobContext(lambda *a: progress.append(a))
    )
    assert [o.file_name for o in summary.imported] == ["a.txt", "b.txt"]
    assert summary.failed[0] == "bad.txt：文件为空"
    assert summary.failed[1].startswith("boom.txt：")
    assert summary.tasks_by_kind == {"table": 6, "list": 2}
    assert "分工表 6 项" in summary.text() and "bad.txt：文件为空" in summary.text()
    assert progress[0] == (0, 4, "a.txt") and progress[-1] == (4, 4, "")


def test_sync_runner_delivers_errors_to_on_error() -> None:
    seen: list[BaseException] = []
    SyncTaskRunner().run_task(lambda _c: 1 / 0, lambda _r: None, seen.append)
    assert isinstance(seen[0], ZeroDivisionError)


def test_threaded_runner_calls_back_on_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    pool = QThreadPool()
    where: list[str] = []
    done: list[object] = []
    runner = TaskRunner(pool)

    def work(ctx: JobContext) -> str:
        ctx.progress(1, 2, "x")
        return threading.current_thread().name

    runner.run_task(
        work,
        lambda r: (done.append(r), where.append(threading.current_thread().name)),
        on_progress=lambda *_a: where.append(threading.current_thread().name),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert done[0] != threading.main_thread().name
    assert set(where) == {threading.main_thread().name}
    pool.waitForDone()


def test_progress_update_survives_the_import_ending_inside_it(qtbot, gateway) -> None:  # type: ignore[no-untyped-def]
    """A window-modal QProgressDialog's setValue runs the event loop; when the import's end
    is already queued, it is delivered there and closes the dialog mid-update."""
    importer = GatedImporter(gateway)
    pool = QThreadPool()
    notifier = RecordingNotifier()
    controller = ImportController(importer, TaskRunner(pool), notifier, show_progress=True)
    finished: list[ImportSummary] = []
    controller.finished.connect(finished.append)
    assert controller.start([seed_path("000")])
    qtbot.waitUntil(importer.started.is_set, timeout=10_000)
    importer.gate.set()
    pool.waitForDone()  # the outcome now waits in the GUI thread's event queue
    assert controller.progress is not None and not finished
    controller.progress.forceShow()  # as after its minimum duration: setValue pumps events
    controller._progress(1, 2, seed_path("001").name)  # must not raise
    assert len(finished) == 1 and controller.progress is None
    assert [o.file_name for o in finished[0].imported] == [seed_path("000").name]


def test_summary_says_a_document_already_in_the_ledger_was_updated(gateway, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Seed 002 as text, then a DOCX of one of its documents: no copies, and the clerk is
    told the document was already there and was treated as an update."""
    import core
    from tests.formats.builders import build_docx

    number = "中政办发〔2023〕4号"
    result = core.extract(seed_path("002"))
    doc = next(d for d in result.documents if d.doc_number == number and not d.is_toc)
    lines = seed_path("002").read_text(encoding="utf-8").splitlines()
    docx = build_docx(lines[doc.first_line - 1 : doc.last_line], tmp_path / "4号文.docx")
    notifier = RecordingNotifier()
    controller = ImportController(gateway, SyncTaskRunner(), notifier, show_progress=False)
    controller.start([seed_path("002")])
    total = gateway.ledger.count()
    task = next(r for r in gateway.ledger.tasks() if r.doc_number == number)
    gateway.ledger.set_status(task.id, "in_progress")

    controller.start([docx])
    summary = controller.last_summary
    assert summary is not None and [o.outcome for o in summary.imported] == ["documents_updated"]
    assert summary.documents == 0 and sum(summary.tasks_by_kind.values()) == 0
    kind, title, text = notifier.messages[-1]
    assert (kind, title) == ("info", "导入完成")
    assert f"已存在的公文：{number}，已按更新处理" in text
    assert gateway.ledger.count() == total
    assert gateway.ledger.task(task.id).task.status == "in_progress"
