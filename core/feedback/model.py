"""Plain results of the feedback workflow (no ORM objects, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

RowState = Literal["new", "conflict", "refused", "blank", "already"]
STATE_LABELS: dict[str, str] = {
    "new": "可登记",
    "conflict": "冲突",
    "refused": "不能登记",
    "blank": "未填写",
    "already": "已登记过",
}


@dataclass(frozen=True)
class ReplyValues:
    """What a unit wrote for one task (the clerk may edit it before filing)."""

    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    request_done: bool = False
    expected_on: date | None = None

    @property
    def empty(self) -> bool:
        return (
            not (self.progress or self.problems or self.next_steps or self.request_done)
            and self.expected_on is None
        )

    def key(self) -> str:
        """Stable text of the values, for digests (same reply → same key)."""
        expected = self.expected_on.isoformat() if self.expected_on else ""
        done = "1" if self.request_done else "0"
        return "\x1f".join((self.progress, self.problems, self.next_steps, done, expected))

    def edited(self, **changes: object) -> ReplyValues:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReplyRow:
    """One task row of a returned sheet as read from the file (before any ledger check)."""

    sheet_row: int
    task_id: int
    ref: str
    locked: dict[str, str]  # doc / text / deadline / status as the file holds them now
    values: ReplyValues
    problems: tuple[str, ...] = ()  # cells the unit filled wrongly (e.g. 申请办结 = 可以)


@dataclass(frozen=True)
class ReplyFile:
    """A returned sheet read with openpyxl: its identity and its task rows."""

    path: Path
    ledger_id: str
    batch_id: str
    unit: str
    week: date
    rows: tuple[ReplyRow, ...]
    checksums: dict[int, str]  # task id -> checksum the hidden sheet carries

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class ReviewRow:
    """One task of a reply as the clerk reviews it: the unit's words beside the ledger's."""

    task_id: int
    ref: str
    role: str  # lead | support
    text: str
    values: ReplyValues
    state: RowState
    reason: str = ""  # why refused / what conflicts, in Chinese
    ledger_status: str = ""  # 当前状态 label now
    ledger_note: str = ""  # latest progress in the ledger now
    deadline: date | None = None

    @property
    def acceptable(self) -> bool:
        return self.state in ("new", "conflict")

    @property
    def accepted_by_default(self) -> bool:
        return self.state == "new"


@dataclass(frozen=True)
class ReplyReview:
    """A returned file checked against the ledger; `already_filed` makes it a no-op."""

    path: Path
    batch_id: str
    unit: str
    week: date
    digest: str
    rows: tuple[ReviewRow, ...]
    already_filed: str = ""  # non-empty: when and by whom the same reply was filed

    @property
    def file_name(self) -> str:
        return self.path.name

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in STATE_LABELS}
        for r in self.rows:
            out[r.state] += 1
        return out


@dataclass(frozen=True)
class FilingResult:
    reply_id: int
    file_name: str
    unit: str
    notes: int
    requests: int
    task_ids: tuple[int, ...]
    rejected: int = 0


@dataclass(frozen=True)
class ExportRun:
    """What one 分发 wrote: one file per unit, and the units that got none and why."""

    files: tuple[Path, ...]
    units: tuple[str, ...]
    tasks: int
    week: date
    skipped: tuple[str, ...] = ()  # collective names (各乡镇 …): not an addressee

    def summary(self) -> str:
        head = f"已生成 {len(self.files)} 份单位反馈表"
        lines = [f"{head}（{len(self.units)} 个单位，共列任务 {self.tasks} 项次）："]
        lines += [f"  {p.name}" for p in self.files]
        if self.skipped:
            lines.append(f"泛指或集体单位未单独生成：{'、'.join(self.skipped)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class CompletionRequestRow:
    id: int
    task_id: int
    task_text: str
    task_status: str
    unit: str
    file_name: str
    expected_on: date | None
    at: datetime
    state: str  # pending | confirmed | dismissed


@dataclass(frozen=True)
class WeekReplies:
    """Who was sent a sheet for the week and who has sent it back."""

    week: date
    replied: tuple[str, ...]
    missing: tuple[str, ...]
    sent_files: dict[str, str] = field(default_factory=dict)  # unit -> latest file name
