"""Typed errors of the ledger; each message is Chinese a clerk can act on.

They subclass `core.errors.TaizhangError`, so the CLI prints them and exits with status 2
and the GUI shows them in a message box, exactly like extraction errors.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from core.errors import TaizhangError

if TYPE_CHECKING:
    from core.ledger.dto import ImportPlan


class LedgerError(TaizhangError):
    """Base of every error the ledger raises on purpose."""


class TaskNotFoundError(LedgerError):
    def __init__(self, task_id: int) -> None:
        self.task_id = task_id
        super().__init__(f"台账中没有编号为 {task_id} 的任务")


class UnknownStatusError(LedgerError):
    def __init__(self, value: str, labels: dict[str, str]) -> None:
        self.value = value
        choices = "、".join(f"{k}（{v}）" for k, v in labels.items())
        super().__init__(f"未知的状态“{value}”，可选：{choices}")


class UnknownUnitError(LedgerError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"台账中没有单位“{name}”")


class UnitMergeError(LedgerError):
    """A merge that would lose or loop units (e.g. merging a unit into itself)."""


class InvalidFieldError(LedgerError):
    """A correction that names a field the clerk cannot correct, or a malformed value."""


class LedgerBusyError(LedgerError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("台账数据库正被其他程序占用，多次重试仍未成功，请稍后再试" + detail)


class LedgerVersionError(LedgerError):
    """The database was written by a newer version of the program."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"台账数据库版本（{revision}）比本程序新，请升级程序后再打开")


class EditConflict(LedgerError):
    """Saving over a task someone else changed since it was read (optimistic concurrency).

    Carries who changed what and when, so the GUI can offer "reload" or "overwrite"
    (overwrite = repeat the call without `expected_version`).
    """

    def __init__(
        self,
        task_id: int,
        expected_version: int,
        current_version: int,
        changed_by: str | None,
        changed_at: datetime | None,
        change: str | None,
    ) -> None:
        if changed_at is not None and changed_at.tzinfo is None:
            changed_at = changed_at.replace(tzinfo=UTC)  # SQLite hands back naive UTC
        self.task_id = task_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.change = change
        # The clerk reads the time on their own clock: local time, not the stored UTC.
        when = changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if changed_at else "稍早"
        who = changed_by or "其他用户"
        what = f"（{change}）" if change else ""
        super().__init__(f"任务 {task_id} 已被 {who} 于 {when} 修改{what}，请刷新后再保存")


class LedgerUnavailableError(LedgerError):
    """The ledger database cannot be reached or opened: wrong password, server down, a
    SQLite path that cannot be created. The clerk can fix these, so they are not bugs."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url  # rendered without the password
        self.reason = reason
        super().__init__(
            f"无法打开台账数据库 {url}：{reason}（请检查地址、用户名和密码，或服务器是否已启动）"
        )


class LedgerUrlError(LedgerError):
    """`--db` / the settings hold an address that is not a database URL this program reads."""

    def __init__(self, url: str, *, missing_driver: bool = False) -> None:
        self.url = _mask_password(url)
        what = "所需的数据库驱动未安装" if missing_driver else "格式不正确"
        super().__init__(
            f"台账数据库地址“{self.url}”{what}，请写成 postgresql+psycopg://用户@服务器:端口/库名"
            "，或 SQLite 文件路径"
        )


def _mask_password(url: str) -> str:
    """The URL as typed with any password replaced (it may not parse, so no make_url)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


class ImportWouldRetireError(LedgerError):
    """An import that would retire tasks the clerk did not agree to retire.

    Carries the `ImportPlan`, so a caller can show the list and import again with
    `allow_retire=plan.retire_ids` once the clerk agreed. Nothing was written.
    """

    SHOWN = 5

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        n = len(plan.retire)
        listed = "；".join(t.label() for t in plan.retire[: self.SHOWN])
        more = f" 等 {n} 项" if n > self.SHOWN else ""
        issue = plan.gazette_label or "已导入的公报"
        super().__init__(
            f"{plan.file_name}：按{issue}的重新下发版本导入，将删除（停用）台账中 {n} 项任务"
            f"（文件中已没有）：{listed}{more}。台账未作改动；如确认以该文件为准，"
            "请加 --replace 重新导入"
        )


RESTORE_HINT = (
    "请在桌面程序中用 文件 → 恢复台账… 从备份恢复"
    "（同一文件夹中的 *.bak 或 台账备份_*.sqlite3 即是备份）"
)


class LedgerCorruptError(LedgerError):
    """The SQLite ledger failed its integrity check (or is no SQLite file at all).

    Raised for every write, and for reads the damage breaks; the file is left untouched.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(
            f"台账文件 {path} 已损坏（{problem}），为保护数据，程序不会写入它。{RESTORE_HINT}"
        )


class LedgerDiskFullError(LedgerError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"磁盘空间不足，无法写入台账 {path}；这次操作未保存，台账保持原样。"
            "请清理该磁盘的空间后重试"
        )


class LedgerReadOnlyError(LedgerError):
    """The ledger file (or its folder) cannot be written: nothing was saved."""

    def __init__(self, path: str, folder: bool = False) -> None:
        self.path = path
        where = (
            f"台账所在文件夹 {path} 不可写（SQLite 需要在台账旁创建 -wal、-shm 临时文件），"
            "无法打开或保存台账"
            if folder
            else f"台账文件 {path} 是只读的，无法保存修改"
        )
        super().__init__(
            f"{where}，台账保持原样。请检查文件和文件夹的属性与权限"
            "（或把台账复制到可写的文件夹后用 --db 打开）"
        )


class LedgerSchemaError(LedgerError):
    """The ledger's tables exist but its record of the schema revision is missing/damaged."""

    def __init__(self, path: str, detail: str, *, sqlite: bool = True) -> None:
        self.path = path
        hint = RESTORE_HINT if sqlite else "请联系数据库管理员从备份恢复"
        super().__init__(
            f"台账 {path} 的版本记录（alembic_version 表）{detail}，无法判断其结构版本，"
            f"未作任何改动。{hint}"
        )
