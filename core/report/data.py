"""Plain data the weekly report is written from, independent of the ledger's storage.

The workbook writer reads only these dataclasses, so it can be tested (and benchmarked)
without a database, and the ledger can change its tables without touching the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from core.units.kinds import COLLECTIVE, kind_of

STATUS_LABELS: dict[str, str] = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "done": "已完成",
    "suspended": "暂缓",
}

# Statuses whose deadline no longer matters (the ledger's rule: no overdue, no days left).
CLOSED_STATUSES = ("done", "suspended")
NO_LEAD_UNIT = "（未明确牵头单位）"


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day` (the report period)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


@dataclass(frozen=True)
class ReportTask:
    """One task as the report shows it: current status plus its latest note."""

    task_id: int
    doc_number: str | None
    doc_title: str | None
    text: str
    leader: str | None
    lead_units: tuple[str, ...]
    support_units: tuple[str, ...]
    deadline: date | None
    amount_wan: float | None  # 资金 in 万元; None when the task states no money
    status: str  # a key of STATUS_LABELS
    progress: str | None = None  # 进展情况 of the latest note
    problems: str | None = None  # 存在问题
    next_steps: str | None = None  # 下步措施
    updated_at: datetime | None = None
    # Derived by the ledger from deadline, status and today ("overdue" / "due_soon"), so
    # the report colours and counts exactly what the ledger's own queries call overdue.
    due_state: str | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def group_unit(self) -> str:
        """The lead unit the task is listed under (the first one printed)."""
        return self.lead_units[0] if self.lead_units else NO_LEAD_UNIT

    @property
    def source(self) -> str:
        """来源文件 column: the 文号, or the title when the document has none."""
        return self.doc_number or self.doc_title or ""

    def days_left(self, today: date) -> int | None:
        """Days until the deadline; None when there is none or the task is closed."""
        if self.deadline is None or self.status in CLOSED_STATUSES:
            return None
        return (self.deadline - today).days

    @property
    def is_overdue(self) -> bool:
        return self.due_state == "overdue"


@dataclass
class UnitSummary:
    """One row of 汇总: the tasks a lead unit answers for."""

    unit: str
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    suspended: int = 0
    overdue: int = 0
    done_this_week: int = 0

    @property
    def completion_rate(self) -> float:
        return self.done / self.total if self.total else 0.0

    def add(self, task: ReportTask, done_this_week: bool) -> None:
        self.total += 1
        if task.status == "done":
            self.done += 1
        elif task.status == "in_progress":
            self.in_progress += 1
        elif task.status == "suspended":
            self.suspended += 1
        else:
            self.not_started += 1
        self.overdue += task.is_overdue
        self.done_this_week += done_this_week


CHANGE_LABELS: dict[str, str] = {
    "done": "完成",
    "started": "开始推进",
    "status": "状态变更",
    "note": "进展更新",
    "corrected": "修正",
    "added": "新增任务",
    "retired": "撤销任务",
    "reminded": "催办",
}


@dataclass(frozen=True)
class WeekChange:
    """Something that happened to a task during the report week."""

    task: ReportTask
    at: datetime
    kind: str  # a key of CHANGE_LABELS
    from_status: str | None = None
    to_status: str | None = None
    by: str | None = None
    note: str | None = None

    @property
    def kind_label(self) -> str:
        return CHANGE_LABELS.get(self.kind, self.kind)

    @property
    def status_change(self) -> str:
        if self.to_status is None:
            return ""
        before = STATUS_LABELS.get(self.from_status or "", self.from_status or "")
        after = STATUS_LABELS.get(self.to_status, self.to_status)
        return f"{before}→{after}" if before else after


@dataclass
class ReportData:
    """Everything one weekly workbook shows; `today` is what overdue is measured against."""

    county: str | None
    period_start: date  # Monday
    period_end: date  # Sunday
    generated_at: datetime
    tasks: list[ReportTask]  # in print order: grouped by lead unit, then by deadline
    units: list[UnitSummary]
    totals: UnitSummary  # distinct tasks (a task led by two units counts once here)
    changes: list[WeekChange] = field(default_factory=list)
    scope: str = "全部任务"
    # The day 剩余天数 / 已逾期 are counted from: the week's Sunday, or today while the
    # week is still running. None: the day the report was generated (old callers).
    as_of: date | None = None
    office: str = ""  # the supervising office (设置 → 报表), printed in the title block
    reporter: str = ""  # 填报单位
    contact: str = ""  # 联系人
    phone: str = ""  # 电话
    # Collective units from the unit directory (各乡镇, 县直各部门 …), listed after named ones.
    collective_units: frozenset[str] = frozenset()
    # Units sent this week's feedback sheet (单位反馈表) whose reply has not been filed.
    feedback_missing: tuple[str, ...] = ()

    @property
    def today(self) -> date:
        return self.as_of or self.generated_at.date()

    def is_collective_unit(self, unit: str) -> bool:
        """Whether 汇总 lists `unit` among the collective units (directory kind or wording)."""
        return unit in self.collective_units or is_collective(unit)

    def due_soon_tasks(self) -> list[ReportTask]:
        return [t for t in self.tasks if t.due_state == "due_soon"]

    def changed_task_ids(self) -> set[int]:
        return {c.task.task_id for c in self.changes}

    @property
    def title(self) -> str:
        return f"{self.county or ''}重点任务推进情况周报"

    def overdue_tasks(self) -> list[ReportTask]:
        return [t for t in self.tasks if t.is_overdue]


def sort_for_report(tasks: list[ReportTask], unit_order: list[str]) -> list[ReportTask]:
    """Group by lead unit (in 汇总's order), then by deadline (undated last), as a clerk would."""
    rank = {unit: i for i, unit in enumerate(unit_order)}
    return sorted(
        tasks,
        key=lambda t: (
            rank.get(t.group_unit, len(rank)),
            t.group_unit,
            t.deadline is None,
            t.deadline or date.max,
            t.task_id,
        ),
    )


def summarize(
    tasks: list[ReportTask],
    done_this_week: set[int],
    collectives: frozenset[str] = frozenset(),
) -> tuple[list[UnitSummary], UnitSummary]:
    """Per-lead-unit rows and the distinct-task totals row of 汇总.

    Units are the ledger's canonical units (aliases merged in the unit directory). Named
    units come first (most tasks first); `collectives` (各乡镇, 县直各部门, 负有…职责的部门)
    are grouped after them, then tasks without a lead unit.
    """
    by_unit: dict[str, UnitSummary] = {}
    totals = UnitSummary("合计")
    for task in tasks:
        finished = task.task_id in done_this_week
        totals.add(task, finished)
        for unit in task.lead_units or (NO_LEAD_UNIT,):
            by_unit.setdefault(unit, UnitSummary(unit)).add(task, finished)
    rows = sorted(
        by_unit.values(),
        key=lambda u: (
            u.unit == NO_LEAD_UNIT,
            u.unit in collectives or is_collective(u.unit),
            -u.total,
            u.unit,
        ),
    )
    return rows, totals


def is_collective(name: str) -> bool:
    """A collective or descriptive unit (各乡镇, 县直各部门, 负有…职责的部门), by its wording:
    the unit directory's own classifier, for names the directory has not classified."""
    return kind_of(name) == COLLECTIVE
