"""不是任务: the clerk dismisses 可能遗漏 cues or a flagged document, and can take it back.

Remembered in the ledger (who, when) so the marks that remain mean something, and kept
across a re-import of the same document (`importing.extracted.sync_cues`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.ledger.errors import InvalidFieldError
from core.ledger.storage.models import DocumentCue, DocumentRecord


def dismiss_cues(
    s: Session, cue_ids: Sequence[int], dismissed: bool, *, by: str, now: datetime
) -> list[int]:
    """Dismiss (or restore) cues; returns the ids whose state changed."""
    cues = list(s.scalars(select(DocumentCue).where(DocumentCue.id.in_(list(cue_ids)))))
    if len(cues) != len(set(cue_ids)):
        raise InvalidFieldError("可能遗漏标记不存在（可能已被重新导入替换），请刷新")
    changed = []
    for cue in sorted(cues, key=lambda c: c.id):
        if (cue.dismissed_by is not None) != dismissed:
            cue.dismissed_by, cue.dismissed_at = (by, now) if dismissed else (None, None)
            changed.append(cue.id)
    s.flush()
    return changed


def dismiss_document(
    s: Session, document_id: int, dismissed: bool, *, by: str, now: datetime
) -> list[int]:
    """Dismiss a document's flag together with its open cues (or restore the flag only);
    returns the ids of the cues dismissed with it, so an undo can restore exactly those."""
    doc = s.get(DocumentRecord, document_id)
    if doc is None:
        raise InvalidFieldError(f"文件（编号 {document_id}）不存在")
    doc.dismissed_by, doc.dismissed_at = (by, now) if dismissed else (None, None)
    changed: list[int] = []
    if dismissed:
        open_ids = [c.id for c in doc.cues if c.dismissed_by is None]
        changed = dismiss_cues(s, open_ids, True, by=by, now=now) if open_ids else []
    s.flush()
    return changed
