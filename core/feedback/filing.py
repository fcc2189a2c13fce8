"""回收, last step: file what the clerk accepted, in one transaction; undo it; who replied."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from core.feedback import store
from core.feedback.errors import FeedbackFileError
from core.feedback.model import FilingResult, ReplyReview, ReplyValues, WeekReplies
from core.ledger import Ledger, default_clerk
from core.report.data import week_bounds


def file_review(
    ledger: Ledger,
    review: ReplyReview,
    accepted: Mapping[int, ReplyValues] | None = None,
    *,
    by: str | None = None,
) -> FilingResult:
    """File the rows the clerk accepted (task id → values, possibly edited); default: every
    row in state "new" as the unit wrote it. Conflicts are filed only when listed in
    `accepted`; refused, blank and already-filed rows never are. A review of a reply that
    was filed before raises `FeedbackFileError` (nothing is written twice)."""
    if review.already_filed:
        raise FeedbackFileError(review.path, review.already_filed)
    rows = {r.task_id: r for r in review.rows}
    if accepted is None:
        chosen = {r.task_id: r.values for r in review.rows if r.accepted_by_default}
    else:
        chosen = {}
        for task_id, values in accepted.items():
            row = rows.get(task_id)
            if row is None or not row.acceptable:
                reason = row.reason if row else "不在该反馈表中"
                raise FeedbackFileError(review.path, f"任务 {task_id} 不能登记：{reason}")
            if not values.empty:
                chosen[task_id] = values
    rejected = sum(1 for r in review.rows if r.acceptable and r.task_id not in chosen)
    return store.file_reply(
        ledger,
        batch_id=review.batch_id,
        unit=review.unit,
        file_name=review.file_name,
        digest=review.digest,
        accepted=chosen,
        rejected=rejected,
        by=by or default_clerk(),
    )


def unfile(ledger: Ledger, reply_id: int, *, by: str | None = None) -> tuple[int, ...]:
    """撤销 a filing (its notes and pending requests removed); returns the tasks touched."""
    return store.unfile_reply(ledger, reply_id, by or default_clerk())


def week_replies(ledger: Ledger, week_of: date | None = None) -> WeekReplies:
    """Units sent a sheet for the week, split into replied and not yet replied."""
    monday, _ = week_bounds(week_of or ledger.today())
    return store.week_replies(ledger, monday)
