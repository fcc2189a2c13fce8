"""Import from the GUI: progress dialog with cancel, work off the GUI thread, summary.

Drops, 文件 → 导入公报 and `--import` on the command line all go through `ImportController.start`.
A file that is only a part of an imported issue changes nothing; its summary offers
按新版替换此期 (`start_replace`), which asks with the same list of tasks to retire as a
re-issue does before anything is written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from core.error_messages import bug_message, describe
from core.ledger import ImportPlan
from desktop.actions.importing import (
    REPLACE_LABEL,
    FileImporter,
    FileOutcome,
    ImportSummary,
    import_files,
    replace_issue,
)
from desktop.errors import Action, Notifier
from desktop.workers import JobContext, TaskHandle, TaskRunner

log = logging.getLogger(__name__)


SHOWN_IN_QUESTION = 12


def retire_question(plan: ImportPlan) -> str:
    """The question before an import retires tasks: what, how many, which, what is kept."""
    n = len(plan.retire)
    issue = plan.gazette_label or "已导入公报"
    if not n:  # 按新版替换此期 of a part whose missing documents held no live task
        return (
            f"“{plan.file_name}”将作为{issue}的新版本替换原版（原文和公文按新版更新）。"
            "\n\n没有任务会被删除。确认替换？选择“取消”则台账不作改动。"
        )
    lines = [
        f"“{plan.file_name}”是{issue}的重新下发版本，其中已没有以下 {n} 项任务。",
        "导入后这些任务将从台账中删除（停用：其状态和进展记录仍保存在台账中，"
        "该任务再次出现时连同记录一起恢复）。",
        "",
        *(f"· {t.label()}" for t in plan.retire[:SHOWN_IN_QUESTION]),
    ]
    if n > SHOWN_IN_QUESTION:
        lines.append(f"……等共 {n} 项（完整清单见“显示详细信息”）")
    lines += ["", "确认删除这些任务并导入？选择“取消”则该文件不导入，台账不作改动。"]
    return "\n".join(lines)


class ImportController(QObject):
    """Runs one import at a time; emits `finished(summary)` on the GUI thread."""

    finished = Signal(object)

    def __init__(
        self,
        importer: FileImporter,
        runner: TaskRunner,
        notifier: Notifier,
        parent_widget: QWidget | None = None,
        show_progress: bool = True,
    ) -> None:
        super().__init__(parent_widget)
        self.importer, self.runner, self.notifier = importer, runner, notifier
        self.parent_widget = parent_widget
        self.show_progress = show_progress
        self.handle: TaskHandle | None = None
        self.progress: QProgressDialog | None = None
        self.last_summary: ImportSummary | None = None

    @property
    def busy(self) -> bool:
        return self.handle is not None

    def start(self, paths: Sequence[Path]) -> bool:
        if self.busy:
            self.notifier.info("正在导入", "上一批文件仍在导入，请稍候再试。")
            return False
        paths = list(paths)
        if not paths:
            return False
        log.info("import %d path(s)", len(paths))
        ledger = getattr(self.importer, "ledger", None)  # the gateway: name its server
        where = ledger.url if ledger is not None else None

        def work(ctx: JobContext) -> ImportSummary:
            return import_files(self.importer, paths, ctx, where)

        self._run(work, len(paths))
        return True

    def start_replace(self, path: Path) -> bool:
        """按新版替换此期: re-import `path` as the new version of the issue it is a part of.

        On the worker: plan, ask with the list of tasks to retire (`ask_retire`), then one
        transaction; 取消 leaves the ledger as it was. The summary follows as for imports.
        """
        if self.busy:
            self.notifier.info("正在导入", "上一批文件仍在导入，请稍候再试。")
            return False
        log.info("replace issue with %s", path.name)

        def work(ctx: JobContext) -> ImportSummary:
            return replace_issue(self.importer, path, ctx)

        self._run(work, 1)
        return True

    def _run(self, work: Callable[[JobContext], ImportSummary], total: int) -> None:
        if self.show_progress:
            dialog = QProgressDialog("正在导入公报…", "取消", 0, total, self.parent_widget)
            dialog.setWindowTitle("导入公报")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self.progress = dialog
        handle = self.runner.run_task(
            work, self._done, self._failed, self._progress, on_ask=self.ask_retire
        )
        if not handle.finished:  # a synchronous runner has already delivered the outcome
            self.handle = handle

    def ask_retire(self, plan: ImportPlan) -> bool:
        """On the GUI thread, while the worker waits: may this import retire these tasks?"""
        if not plan.retire:  # only 按新版替换此期 asks with nothing to retire
            return self.notifier.confirm_destructive(
                "确认按新版替换", retire_question(plan), accept="确认替换"
            )
        return self.notifier.confirm_destructive(
            "确认删除任务", retire_question(plan), "\n".join(t.label(80) for t in plan.retire)
        )

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            if self.progress is not None:
                self.progress.setLabelText("正在取消（当前文件完成后停止）…")

    def _progress(self, done: int, total: int, label: str) -> None:
        dialog = self.progress
        if dialog is None:
            return
        if label and not (self.handle and self.handle.ctx.cancelled):
            dialog.setLabelText(f"正在导入：{label}（{done + 1}/{total}）")
        dialog.setMaximum(max(total, 1))
        # Last: a window-modal QProgressDialog's setValue runs the event loop, which may
        # deliver the import's end and close (and drop) the dialog before it returns.
        dialog.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.handle = None

    def _done(self, summary: ImportSummary) -> None:
        self._close_progress()
        self.last_summary = summary
        text = summary.text()
        detail = "\n".join(summary.warnings[:200])
        actions = self.replace_actions(summary.replaceable)
        if summary.failed and not summary.imported and not summary.skipped:
            self.notifier.warning("导入失败", text, detail, actions)
        else:
            self.notifier.info("导入完成", text, detail, actions)
        self.finished.emit(summary)

    def replace_actions(self, parts: Sequence[FileOutcome]) -> list[Action]:
        """One 按新版替换此期 button per part of an imported issue (named when several)."""
        out: list[Action] = []
        for o in parts:
            path = o.replace_path
            assert path is not None
            label = REPLACE_LABEL if len(parts) == 1 else f"{REPLACE_LABEL}：{o.file_name}"
            out.append((label, partial(self._replace_later, path)))
        return out

    def _replace_later(self, path: Path) -> None:
        # Clicked while the summary box closes: start once the click has been handled.
        QTimer.singleShot(0, self, lambda: self.start_replace(path))

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        message = describe(exc)
        if message is None:
            log.error("import job failed", exc_info=exc)
        line = message.line if message else bug_message(exc)
        summary = ImportSummary(failed=[line])
        self.last_summary = summary
        show = self.notifier.warning if message else self.notifier.error
        show("导入失败", summary.text())
        self.finished.emit(summary)
