"""Run slow work off the GUI thread and deliver its outcome back on the GUI thread.

The Picard/Anki shape: `runner.run_task(fn, on_done, on_error, on_progress)`. `fn` gets a
`JobContext` through which it reports progress and checks for cancellation; the callbacks
always run on the GUI thread (queued signals into a relay object that lives there).
`SyncTaskRunner` runs the same jobs inline, for tests that want no threads at all.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
DoneFn = Callable[[Any], None]
ErrorFn = Callable[[BaseException], None]
AskFn = Callable[[Any], bool]  # a question for the clerk, answered on the GUI thread


class Cancelled(Exception):
    """Raised inside a job by `JobContext.check()` once the clerk pressed 取消."""


class JobContext:
    """What a background function sees: progress reporting, cancellation, questions."""

    def __init__(self, report: ProgressFn | None = None, ask: AskFn | None = None) -> None:
        self._cancel = threading.Event()
        self._report = report
        self._ask = ask

    def ask(self, question: Any) -> bool:
        """Ask the clerk (on the GUI thread) and wait for the answer; no asker → no."""
        return self._ask(question) if self._ask is not None else False

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, label: str = "") -> None:
        if self._report is not None:
            self._report(done, total, label)


class _Question:
    """A question on its way to the GUI thread and the answer on its way back."""

    def __init__(self, payload: Any) -> None:
        self.payload = payload
        self.answer = False
        self.answered = threading.Event()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)
    ask = Signal(object)


class _Relay(QObject):
    """Lives on the GUI thread; its slots call the caller's callbacks there."""

    def __init__(
        self,
        on_done: DoneFn,
        on_error: ErrorFn,
        on_progress: ProgressFn | None,
        on_ask: AskFn | None = None,
    ) -> None:
        super().__init__()
        self._on_done, self._on_error, self._on_progress = on_done, on_error, on_progress
        self._on_ask = on_ask
        self.finished = False

    @Slot(object)
    def ask(self, question: _Question) -> None:
        try:
            question.answer = bool(self._on_ask(question.payload)) if self._on_ask else False
        except Exception:  # a failing dialog must not leave the worker waiting forever
            log.exception("asking the clerk failed")
            question.answer = False
        finally:
            question.answered.set()

    @Slot(object)
    def done(self, result: object) -> None:
        self.finished = True
        self._on_done(result)

    @Slot(object)
    def failed(self, exc: object) -> None:
        self.finished = True
        self._on_error(exc)  # type: ignore[arg-type]

    @Slot(int, int, str)
    def progress(self, done: int, total: int, label: str) -> None:
        if self._on_progress is not None and not self.finished:
            self._on_progress(done, total, label)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[JobContext], Any], signals: _Signals, ctx: JobContext) -> None:
        super().__init__()
        self.fn, self.signals, self.ctx = fn, signals, ctx
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.ctx)
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def _log_error(exc: BaseException) -> None:
    log.error("background task failed", exc_info=exc)


class TaskHandle:
    """Returned by `run_task`: lets the caller cancel, and tells whether the job ended."""

    def __init__(self, ctx: JobContext, relay: _Relay | None = None) -> None:
        self.ctx, self._relay = ctx, relay

    def cancel(self) -> None:
        self.ctx.cancel()

    @property
    def finished(self) -> bool:
        return self._relay.finished if self._relay is not None else True


class TaskRunner:
    """Runs jobs on a QThreadPool (passed in, so tests and the app can share or isolate it)."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self._live: set[tuple[_Signals, _Relay]] = set()

    def run_task(
        self,
        fn: Callable[[JobContext], Any],
        on_done: DoneFn,
        on_error: ErrorFn = _log_error,
        on_progress: ProgressFn | None = None,
        on_ask: AskFn | None = None,
    ) -> TaskHandle:
        """Run `fn` on the pool; `on_ask(question) -> bool` answers `ctx.ask` on the GUI
        thread while the job waits (e.g. a confirmation before retiring tasks)."""
        signals = _Signals()
        pair: tuple[_Signals, _Relay]

        def finish_done(result: object) -> None:
            self._live.discard(pair)
            on_done(result)

        def finish_failed(exc: BaseException) -> None:
            self._live.discard(pair)
            on_error(exc)

        relay = _Relay(finish_done, finish_failed, on_progress, on_ask)
        pair = (signals, relay)
        self._live.add(pair)  # keep both alive until the outcome is delivered
        queued = Qt.ConnectionType.QueuedConnection
        signals.done.connect(relay.done, queued)
        signals.failed.connect(relay.failed, queued)
        signals.progress.connect(relay.progress, queued)
        signals.ask.connect(relay.ask, queued)

        def ask(payload: Any) -> bool:  # on the worker: post the question, wait for it
            question = _Question(payload)
            signals.ask.emit(question)
            while not question.answered.wait(0.2):
                if ctx.cancelled:
                    return False
            return question.answer

        ctx = JobContext(signals.progress.emit, ask if on_ask is not None else None)
        self.pool.start(_Job(fn, signals, ctx))
        return TaskHandle(ctx, relay)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)


class SyncTaskRunner(TaskRunner):
    """Runs each job at once on the calling thread: deterministic, for tests."""

    def __init__(self) -> None:
        self._live = set()

    def run_task(
        self,
        fn: Callable[[JobContext], Any],
        on_done: DoneFn,
        on_error: ErrorFn = _log_error,
        on_progress: ProgressFn | None = None,
        on_ask: AskFn | None = None,
    ) -> TaskHandle:
        ctx = JobContext(on_progress, on_ask)
        try:
            result = fn(ctx)
        except BaseException as exc:
            on_error(exc)
        else:
            on_done(result)
        return TaskHandle(ctx)

    def wait(self, msecs: int = -1) -> bool:
        return True
