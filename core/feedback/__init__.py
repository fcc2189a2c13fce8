"""Unit feedback sheets (单位反馈表): send each unit its fill-in workbook, read replies back.

- `export_sheets(ledger, out_dir, week_of, unit=, reply_by=, by=)` → `ExportRun` (分发)
- `review_file(ledger, path, week_of)` → `ReplyReview` (回收: read + check, writes nothing)
- `file_review(ledger, review, accepted=None, by=)` → `FilingResult` (one transaction)
- `unfile(ledger, reply_id, by=)` (撤销), `completion_requests(ledger)`,
  `resolve_request(ledger, id, confirm, by)`, `week_replies(ledger, week_of)` (who replied)

No Qt here; the desktop dialogs and `python -m core feedback …` sit on top.
"""

from __future__ import annotations

from core.feedback.errors import FeedbackFileError, FeedbackStateError
from core.feedback.export import export_sheets
from core.feedback.filing import file_review, unfile, week_replies
from core.feedback.model import (
    STATE_LABELS,
    CompletionRequestRow,
    ExportRun,
    FilingResult,
    ReplyReview,
    ReplyValues,
    ReviewRow,
    WeekReplies,
)
from core.feedback.read import is_feedback_workbook, read_reply
from core.feedback.review import review_file
from core.feedback.store import completion_requests, reopen_request, resolve_request

__all__ = [
    "STATE_LABELS",
    "CompletionRequestRow",
    "ExportRun",
    "FeedbackFileError",
    "FeedbackStateError",
    "FilingResult",
    "ReplyReview",
    "ReplyValues",
    "ReviewRow",
    "WeekReplies",
    "completion_requests",
    "export_sheets",
    "file_review",
    "is_feedback_workbook",
    "read_reply",
    "reopen_request",
    "resolve_request",
    "review_file",
    "unfile",
    "week_replies",
]
