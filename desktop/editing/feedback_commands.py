"""Undoable feedback edits: filing a reply, confirming or dismissing a 申请办结.

Same shape as `desktop.editing.undo`: `forward`/`backward` write through core.feedback (off the GUI
thread, on the window's TaskRunner) and return the task rows to redraw.
"""

from __future__ import annotations

from core.feedback import (
    CompletionRequestRow,
    ReplyReview,
    ReplyValues,
    file_review,
    reopen_request,
    resolve_request,
    unfile,
)
from desktop.editing.undo import LedgerCommand, Refresh
from desktop.gateway import LedgerGateway
from desktop.table.rows import TaskRow


class FileReplyCommand(LedgerCommand):
    """登记单位反馈: the checked rows in one transaction; undo removes exactly them."""

    def __init__(
        self,
        gateway: LedgerGateway,
        review: ReplyReview,
        accepted: dict[int, ReplyValues],
        refresh: Refresh,
    ) -> None:
        super().__init__(f"登记{review.unit}反馈", refresh)
        self.gateway, self.review, self.accepted = gateway, review, accepted
        self.reply_id: int | None = None
        self.notes = self.requests = 0

    def forward(self) -> list[TaskRow]:
        result = file_review(
            self.gateway.ledger, self.review, self.accepted, by=self.gateway.clerk()
        )
        self.reply_id, self.notes, self.requests = result.reply_id, result.notes, result.requests
        return self.gateway.rows(result.task_ids)

    def backward(self) -> list[TaskRow]:
        assert self.reply_id is not None
        touched = unfile(self.gateway.ledger, self.reply_id, by=self.gateway.clerk())
        self.reply_id = None
        return self.gateway.rows(touched)


class ResolveRequestCommand(LedgerCommand):
    """确认办结 (task → 已完成, in its history) or 不同意; undo makes the request pending."""

    def __init__(
        self,
        gateway: LedgerGateway,
        request: CompletionRequestRow,
        confirm: bool,
        refresh: Refresh,
    ) -> None:
        super().__init__("确认办结" if confirm else "不同意办结", refresh)
        self.gateway, self.request, self.confirm = gateway, request, confirm
        self.before: str | None = None

    def forward(self) -> list[TaskRow]:
        self.before = resolve_request(
            self.gateway.ledger, self.request.id, self.confirm, self.gateway.clerk()
        )
        return self.gateway.rows([self.request.task_id])

    def backward(self) -> list[TaskRow]:
        assert self.before is not None
        reopen_request(self.gateway.ledger, self.request.id, self.before, self.gateway.clerk())
        return self.gateway.rows([self.request.task_id])
