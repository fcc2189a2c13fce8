"""回收, second step: check a read reply against the ledger and lay it out for review.

File-level refusals (another ledger, another week, an unknown batch, an empty reply) raise
`FeedbackFileError`; row-level ones become review rows the clerk sees with their reason:
a locked cell altered (checksum), a task deleted since, a task the clerk changed since the
sheet went out (a conflict, not accepted unless the clerk says so), a row filed before.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from core.feedback import sheet_format as F
from core.feedback.errors import FeedbackFileError
from core.feedback.model import ReplyFile, ReplyReview, ReviewRow
from core.feedback.read import read_reply
from core.feedback.store import clerk_changes_since, ledger_id, load_batch
from core.ledger import STATUS_LABELS, Ledger, TaskRow
from core.report.data import week_bounds


def reply_digest(reply: ReplyFile) -> str:
    """Same batch and same answers → same digest, however often the file was re-saved."""
    h = hashlib.sha256(reply.batch_id.encode())
    for row in sorted(reply.rows, key=lambda r: r.task_id):
        h.update(f"\x1e{row.task_id}\x1f{row.values.key()}".encode())
    return h.hexdigest()


def _latest_note(row: TaskRow) -> str:
    n = row.latest_note
    if n is None:
        return ""
    return "；".join(v for v in (n.progress, n.problems, n.next_steps) if v)


def review_file(ledger: Ledger, path: str | Path, week_of: date | None = None) -> ReplyReview:
    """Read `path` and check it against the ledger for the week holding `week_of`
    (default: this week). Changes nothing in the ledger."""
    return review_reply(ledger, read_reply(path), week_of)


def review_reply(ledger: Ledger, reply: ReplyFile, week_of: date | None = None) -> ReplyReview:
    path = reply.path
    if not reply.ledger_id or reply.ledger_id != ledger_id(ledger, create=False):
        raise FeedbackFileError(path, "这份反馈表不是从本台账发出的（来自另一个台账），未登记")
    monday, _ = week_bounds(week_of or ledger.today())
    if reply.week != monday:
        raise FeedbackFileError(
            path,
            f"这是 {F.week_label(reply.week)} 的反馈表，当前登记的是 {F.week_label(monday)}，"
            "未登记（补登其他周的反馈请在命令行使用 feedback import --week）",
        )
    batch = load_batch(ledger, reply.batch_id)
    if batch is None:
        raise FeedbackFileError(
            path, "台账中没有这份反馈表的发出记录（可能台账已从备份恢复），未登记"
        )
    if not any(not r.values.empty for r in reply.rows):
        raise FeedbackFileError(path, f"{reply.unit}的反馈表未填写任何内容，未登记")
    digest = reply_digest(reply)
    already = next((r for r in batch["replies"] if r["digest"] == digest), None)
    items = {int(i["task_id"]): i for i in batch["items"]}
    live = {r.id: r for r in ledger.rows(sorted(items))}
    changes = clerk_changes_since(ledger, items, batch["created_at"])
    filed_rows: dict[str, set[str]] = {}
    for earlier in batch["replies"]:
        for task_id, key in earlier["rows"].items():
            filed_rows.setdefault(task_id, set()).add(key)
    rows: list[ReviewRow] = []
    seen: set[int] = set()
    for r in reply.rows:
        item = items.get(r.task_id)
        task = live.get(r.task_id)
        base = {
            "task_id": r.task_id,
            "ref": r.ref,
            "role": item["role"] if item else "",
            "text": (item["locked"]["text"] if item else r.locked.get("text", "")),
            "values": r.values,
            "ledger_status": STATUS_LABELS.get(task.status, task.status) if task else "",
            "ledger_note": _latest_note(task) if task else "",
            "deadline": task.deadline if task else None,
        }
        state, reason = _row_state(reply, r, item, task, changes, filed_rows)
        if r.task_id in seen and state != "blank":  # a row copied within the sheet
            state, reason = "refused", "同一任务在表中出现多次，只登记第一次出现的一行"
        seen.add(r.task_id)
        rows.append(ReviewRow(state=state, reason=reason, **base))  # type: ignore[arg-type]
    note = ""
    if already is not None:
        at = already["at"].astimezone().strftime("%Y-%m-%d %H:%M")
        note = f"这份反馈表已于 {at} 由 {already['by']} 登记（{already['file_name']}），未重复登记"
    return ReplyReview(
        path=path,
        batch_id=reply.batch_id,
        unit=batch["unit"],
        week=monday,
        digest=digest,
        rows=tuple(rows),
        already_filed=note,
    )


def _row_state(
    reply: ReplyFile,
    r: object,
    item: dict[str, object] | None,
    task: TaskRow | None,
    changes: dict[int, list[str]],
    filed_rows: dict[str, set[str]],
) -> tuple[str, str]:
    from core.feedback.model import ReplyRow

    assert isinstance(r, ReplyRow)
    if r.values.empty:
        return "blank", "单位未填写"
    if item is None:
        return "refused", "该任务不在发出的反馈表中（行被复制或改动），未登记"
    locked = item["locked"]
    assert isinstance(locked, dict)
    altered = [F.LOCKED_LABELS[k] for k in F.LOCKED_FIELDS if r.locked.get(k, "") != locked[k]]
    expected = item["checksum"]
    if altered or reply.checksums.get(r.task_id) != expected:
        what = "、".join(altered) or "校验信息"
        return "refused", f"锁定内容被改动（{what}），本行未登记，请核实后让单位用原表重填"
    if r.problems:
        return "refused", "；".join(r.problems)
    if task is None or task.retired:
        return "refused", "该任务已从台账删除，未登记"
    if r.values.key() in filed_rows.get(str(r.task_id), set()):
        return "already", "相同内容已登记过"
    if r.task_id in changes:
        return "conflict", "反馈表发出后台账已变动：" + "；".join(changes[r.task_id])
    return "new", ""
