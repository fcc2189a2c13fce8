"""文件 → 生成单位反馈表… / 登记单位反馈… / 办结申请…, replies dropped on the window, and the
status-bar count of units that have not replied this week. Installed with one call:

    self.feedback_actions = install_feedback_actions(self, file_menu, before=settings_action)

Returned sheets are read and checked off the GUI thread; each readable one opens a review
dialog, and what the clerk accepts is filed as one undoable command.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu

from core.errors import TaizhangError
from core.feedback import ReplyReview, completion_requests, review_file, week_replies
from core.feedback.sheet_format import week_label
from desktop.editing.feedback_commands import FileReplyCommand, ResolveRequestCommand
from desktop.environment import settings as S

log = logging.getLogger(__name__)
REPLY_SUFFIXES = (".xlsx", ".xls", ".et")  # gazettes never come as spreadsheets
FILE_FILTER = "单位反馈表 (*.xlsx *.xls *.et);;所有文件 (*)"


class FeedbackActions(QObject):
    def __init__(self, window: Any, menu: QMenu, before: QAction | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.export_action = QAction("生成单位反馈表…", window)
        self.export_action.triggered.connect(self.open_export)
        self.import_action = QAction("登记单位反馈…", window)
        self.import_action.triggered.connect(self.choose_replies)
        self.requests_action = QAction("办结申请…", window)
        self.requests_action.triggered.connect(self.open_requests)
        self.missing_action = QAction("本周未反馈单位…", window)
        self.missing_action.triggered.connect(self.show_missing)
        actions = (
            self.export_action,
            self.import_action,
            self.requests_action,
            self.missing_action,
        )
        for action in actions:
            if before is not None:
                menu.insertAction(before, action)
            else:
                menu.addAction(action)
        if before is not None:
            menu.insertSeparator(before)
        self.missing_label = QLabel()
        window.statusBar().addPermanentWidget(self.missing_label)
        self.dialog: Any = None
        self.queue: list[ReplyReview] = []
        # Filing, confirming and their undo all move the undo stack: recount then.
        window.undo_stack.indexChanged.connect(lambda _i: self.refresh_missing())
        self.refresh_missing()

    # --- 分发 ---------------------------------------------------------------------------
    def open_export(self) -> None:
        from desktop.views.feedback_export_dialog import FeedbackExportDialog

        w = self.window
        self.dialog = FeedbackExportDialog(w.gateway, w.settings, w.runner, w.notifier, w)
        self.dialog.finished.connect(lambda _r: self.refresh_missing())
        self.dialog.open()

    # --- 回收 ---------------------------------------------------------------------------
    @staticmethod
    def is_reply(path: Path) -> bool:
        return path.suffix.lower() in REPLY_SUFFIXES

    def take_replies(self, paths: Sequence[Path]) -> list[Path]:
        """Start reviewing the dropped spreadsheets; return the other paths (gazettes)."""
        replies = [p for p in paths if self.is_reply(p)]
        if replies:
            self.review_paths(replies)
        return [p for p in paths if not self.is_reply(p)]

    def choose_replies(self) -> None:
        w = self.window
        start = w.settings.get(S.LAST_IMPORT_DIR)
        paths, _ = QFileDialog.getOpenFileNames(w, "登记单位反馈", start, FILE_FILTER)
        if paths:
            w.settings.set(S.LAST_IMPORT_DIR, str(Path(paths[0]).parent))
            self.review_paths([Path(p) for p in paths])

    def review_paths(self, paths: Sequence[Path]) -> None:
        """Read and check each file off the GUI thread, then review them one by one."""
        w = self.window
        ledger, files = w.gateway.ledger, list(paths)

        def work(_ctx: object) -> tuple[list[ReplyReview], list[str]]:
            reviews, errors = [], []
            for path in files:
                try:
                    reviews.append(review_file(ledger, path))
                except TaizhangError as exc:
                    errors.append(str(exc))
            return reviews, errors

        w.statusBar().showMessage("正在读取单位反馈表…")
        w.runner.run_task(work, self._reviewed, self._failed)

    def _reviewed(self, outcome: tuple[list[ReplyReview], list[str]]) -> None:
        self.window.statusBar().clearMessage()
        reviews, errors = outcome
        errors += [f"{r.file_name}：{r.already_filed}" for r in reviews if r.already_filed]
        if errors:
            self.window.notifier.warning("部分反馈表未登记", "\n".join(errors))
        self.queue.extend(r for r in reviews if not r.already_filed)
        self._next_review()

    def _failed(self, exc: BaseException) -> None:
        self.window.statusBar().clearMessage()
        log.error("reading feedback replies failed", exc_info=exc)
        self.window.notifier.error("无法读取反馈表", f"读取时发生内部错误：{exc}")

    def _next_review(self) -> None:
        from desktop.views.feedback_review_dialog import FeedbackReviewDialog

        if not self.queue or (self.dialog is not None and self.dialog.isVisible()):
            return
        review = self.queue.pop(0)
        dialog = FeedbackReviewDialog(review, self.window)
        dialog.accepted.connect(lambda: self.file(review, dialog.accepted_values()))
        dialog.finished.connect(lambda _r: self._next_review())
        self.dialog = dialog
        dialog.open()

    def file(self, review: ReplyReview, accepted: dict[int, Any]) -> bool:
        w = self.window
        command = FileReplyCommand(w.gateway, review, accepted, w.refresh_rows)
        ok: bool = w.run_command(command)
        if ok and command.reply_id is not None:
            w.statusBar().showMessage(
                f"已登记{review.unit}的反馈：{command.notes} 条进展，"
                f"{command.requests} 项办结申请待确认",
                8000,
            )
        self.refresh_missing()
        return ok

    # --- 办结申请 ------------------------------------------------------------------------
    def open_requests(self) -> None:
        from desktop.views.completion_requests_dialog import CompletionRequestsDialog

        w = self.window
        self.dialog = CompletionRequestsDialog(
            lambda: completion_requests(w.gateway.ledger), self.resolve, w
        )
        self.dialog.open()

    def resolve(self, request: Any, confirm: bool) -> bool:
        w = self.window
        command = ResolveRequestCommand(w.gateway, request, confirm, w.refresh_rows)
        ok = bool(w.run_command(command))
        self.refresh_missing()
        return ok

    # --- who has not replied -------------------------------------------------------------
    def refresh_missing(self) -> None:
        w = self.window
        ledger = w.gateway.ledger
        w.runner.run_task(
            lambda _ctx: (week_replies(ledger), len(completion_requests(ledger))),
            self._show_missing,
            lambda _e: None,
        )

    def show_missing(self) -> None:
        """The list behind the status-bar count, in a message the clerk can copy."""
        ledger = self.window.gateway.ledger
        self.window.runner.run_task(lambda _ctx: week_replies(ledger), self._tell_missing)

    def _tell_missing(self, status: Any) -> None:
        label = week_label(status.week)
        if not status.replied and not status.missing:
            text = f"{label} 还没有发出单位反馈表。"
        elif not status.missing:
            text = f"{label} 发出的 {len(status.replied)} 份反馈表已全部收回。"
        else:
            text = (
                f"{label} 已反馈 {len(status.replied)} 个单位，"
                f"未反馈 {len(status.missing)} 个单位：\n" + "、".join(status.missing)
            )
        self.window.notifier.info("本周未反馈单位", text)

    def _show_missing(self, outcome: tuple[Any, int]) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while counting
            self._set_missing_label(*outcome)

    def _set_missing_label(self, status: Any, pending: int) -> None:
        missing = status.missing
        parts = []
        if status.missing or status.replied:
            parts.append(f"本周未反馈 {len(missing)} 个单位" if missing else "本周反馈已收齐")
        if pending:
            parts.append(f"办结申请 {pending} 项待确认")
        self.missing_label.setVisible(bool(parts))
        self.missing_label.setText(" · ".join(parts))
        self.missing_label.setToolTip("未反馈：" + "、".join(missing) if missing else "")


def install_feedback_actions(
    window: Any, menu: QMenu, before: QAction | None = None
) -> FeedbackActions:
    return FeedbackActions(window, menu, before)
