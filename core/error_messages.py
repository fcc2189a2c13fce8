"""The one place that tells a clerk's problem from a bug, for the CLI and the window alike.

`describe(exc)` returns a `UserMessage` (one Chinese line: what happened and what to do)
for anything the clerk or the administrator can act on: our own `TaizhangError`s, a shared
ledger server that went away or refused the login, two clerks saving the same thing at
once, a full disk or a file where a folder should be. It returns None for a bug, which the
caller logs with its traceback and reports in one short line (`bug_message`).

Driver errors are never shown as `str(exc)`: SQLAlchemy puts the SQL statement (and, unless
the engine hides them, its parameters, i.e. the clerk's task data) into that text.
"""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import TaizhangError

log = logging.getLogger(__name__)

# Exit status of the CLI for an error the clerk can act on, and for a bug.
EXIT_USER_ERROR = 2
EXIT_BUG = 1

LOG_DIR_ENV = "TAIZHANG_LOG_DIR"
CLI_LOG_FILE = "taizhang-cli.log"

_RETRY = "请检查网络或联系管理员后重试"


@dataclass(frozen=True)
class UserMessage:
    """What the clerk reads: `text` says what happened, `hint` what to do (may be empty)."""

    text: str
    hint: str = ""

    @property
    def line(self) -> str:
        """Both as one line, the form the CLI prints and the dialogs show."""
        return f"{self.text}，{self.hint}" if self.hint else self.text


def describe(exc: BaseException, where: str | None = None) -> UserMessage | None:
    """A clerk-readable message for `exc`, or None when it is a bug.

    `where` names the ledger (a URL, its password hidden, or a file path) so a message
    about the server can say which one; without it the driver's message is searched.
    """
    if isinstance(exc, TaizhangError):
        return UserMessage(str(exc))
    db = _describe_database_error(exc, where)
    if db is not None:
        return db
    if isinstance(exc, OSError):
        return _describe_os_error(exc)
    if isinstance(exc, UnicodeDecodeError):
        return UserMessage("文件中有无法识别的字符编码", "请把文件另存为 UTF-8 编码后重试")
    if isinstance(exc, MemoryError):
        return UserMessage("内存不足，操作未完成", "请关闭其他程序后重试")
    return None


def bug_message(exc: BaseException, log_path: Path | None = None) -> str:
    """The one line a clerk sees for a bug; the traceback is in the log, never on screen."""
    where = f"，详细信息已写入日志：{log_path}" if log_path else "，详细信息已写入日志"
    return f"程序内部错误（{type(exc).__name__}）{where}，请把日志发给技术支持"


def log_bug(exc: BaseException) -> Path | None:
    """Append `exc` with its traceback to the CLI's log file; returns the file (None if the
    log folder cannot be written either, in which case nothing more can be done)."""
    directory = Path(os.environ.get(LOG_DIR_ENV) or _default_log_dir())
    path = directory / CLI_LOG_FILE
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.addHandler(handler)
    try:
        log.error("unhandled exception", exc_info=exc)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path


def _default_log_dir() -> str:
    import platformdirs

    return platformdirs.user_log_dir("taizhang", appauthor=False)


# --- database ------------------------------------------------------------------------------


def server_name(where: str | None) -> str:
    """`host:port/database` of a server URL (never the password), a file path, or ""."""
    if not where:
        return ""
    if "://" not in where:
        return where
    try:
        from sqlalchemy.engine import make_url

        u = make_url(where)
    except Exception:  # an unparsable URL: show nothing rather than a password
        return ""
    if u.get_backend_name() == "sqlite":
        return u.database or ""
    host = u.host or "localhost"
    port = f":{u.port}" if u.port else ""
    db = f"/{u.database}" if u.database else ""
    return f"{host}{port}{db}"


_SERVER_IN_MESSAGE = re.compile(r'server at "([^"]+)"(?:\s*\([^)]*\))?,\s*port (\d+)')


def _server(where: str | None, driver_text: str) -> str:
    name = server_name(where)
    if name:
        return name
    m = _SERVER_IN_MESSAGE.search(driver_text)
    return f"{m.group(1)}:{m.group(2)}" if m else ""


def _driver_error(exc: BaseException) -> BaseException:
    """The DB-API error behind a SQLAlchemy wrapper, or `exc` itself."""
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def _is_db_error(exc: BaseException) -> bool:
    names = {c.__module__.split(".")[0] for c in type(exc).__mro__}
    return bool(names & {"sqlalchemy", "psycopg", "psycopg2", "sqlite3"})


def _class_named(exc: BaseException, *names: str) -> bool:
    return any(c.__name__ in names for c in type(exc).__mro__)


# SQLSTATE (PostgreSQL) -> (text, hint); `{server}` is filled in.
_SQLSTATE = {
    "28P01": ("共享台账服务器{server}拒绝登录：用户名或密码错误", "请检查后重试"),
    "28000": ("共享台账服务器{server}拒绝登录：该用户无权访问", "请联系管理员"),
    "3D000": ("共享台账服务器{server}上没有这个台账数据库", "请检查台账地址"),
    "53300": ("共享台账服务器{server}的连接数已满", "请稍后重试或联系管理员"),
    "53100": ("共享台账服务器{server}磁盘已满，操作未完成（台账未作改动）", "请联系管理员"),
    "53200": ("共享台账服务器{server}内存不足，操作未完成（台账未作改动）", "请稍后重试"),
    "25006": ("共享台账服务器{server}当前只读，操作未完成（台账未作改动）", "请联系管理员"),
    "57014": ("操作被共享台账服务器{server}取消（超时），台账未作改动", "请稍后重试"),
    "40001": ("其他同事正在同时修改台账，操作未完成（台账未作改动）", "请稍后重试"),
    "40P01": ("其他同事正在同时修改台账，操作未完成（台账未作改动）", "请稍后重试"),
}
_DUPLICATE = UserMessage(
    "另一位同事正在保存相同的内容（如同时导入同一文件），本次操作未作改动", "请稍后刷新查看"
)
# SQLite's messages for a ledger file the clerk can do something about.
_SQLITE = {
    "database or disk is full": ("磁盘空间已满，台账未作改动", "请清理磁盘后重试"),
    "attempt to write a readonly database": ("台账文件{server}只读，无法保存", "请检查文件权限"),
    "unable to open database file": ("无法打开台账文件{server}", "请检查路径和文件夹权限"),
    "disk i/o error": ("读写台账文件{server}时出错（磁盘 I/O 错误）", "请检查磁盘后重试"),
    "file is not a database": ("{server}不是台账数据库文件", "请检查台账路径"),
    "database disk image is malformed": ("台账文件{server}已损坏", "请从备份恢复"),
}


def _describe_database_error(exc: BaseException, where: str | None) -> UserMessage | None:
    driver = _driver_error(exc)
    if not (_is_db_error(exc) or _is_db_error(driver)):
        return None
    text = str(driver).strip()
    server = _server(where, text)
    at = f"（{server}）" if server else ""
    sqlstate = getattr(driver, "sqlstate", None) or ""
    if sqlstate in _SQLSTATE:
        body, hint = _SQLSTATE[sqlstate]
        return UserMessage(body.format(server=at), hint)
    if sqlstate == "23505" or "unique constraint failed" in text.lower():
        return _DUPLICATE
    if sqlstate.startswith(("08", "57P")) or _lost_connection(exc, driver, text):
        if getattr(exc, "connection_invalidated", False) or _mid_session(text):
            return UserMessage(
                f"与共享台账服务器{at}的连接中断，操作未完成（台账未作改动）", _RETRY
            )
        return UserMessage(f"无法连接共享台账服务器{at}", _RETRY)
    lowered = text.lower()
    for needle, (body, hint) in _SQLITE.items():
        if needle in lowered:
            return UserMessage(body.format(server=at), hint)
    if _class_named(exc, "TimeoutError") and type(exc).__module__.startswith("sqlalchemy"):
        return UserMessage("台账数据库繁忙，暂时取不到连接", "请稍后重试")
    return None


_REASONS = [
    ("password authentication failed", "用户名或密码错误"),
    ("no password supplied", "未提供密码"),
    ("connection refused", "服务器未响应（连接被拒绝），可能未启动或地址、端口有误"),
    ("timeout expired", "连接服务器超时"),
    ("timed out", "连接服务器超时"),
    ("could not translate host name", "找不到该服务器名称"),
    ("name or service not known", "找不到该服务器名称"),
    ("does not exist", "服务器上没有这个数据库或用户"),
    ("too many clients", "服务器连接数已满"),
    ("the database system is starting up", "服务器正在启动"),
    ("the database system is shutting down", "服务器正在关闭"),
]


def connection_reason(exc: BaseException) -> str:
    """Why opening the ledger failed, in a few Chinese words (the driver's line if unknown).

    The driver's own first line is the fallback: it names the cause for an administrator
    and holds no task data (the failure happened before any statement with parameters).
    """
    text = str(_driver_error(exc)).strip()
    lowered = text.lower()
    for needle, reason in _REASONS:
        if needle in lowered:
            return reason
    return (text.splitlines() or [""])[0] or type(exc).__name__


def _lost_connection(exc: BaseException, driver: BaseException, text: str) -> bool:
    if getattr(exc, "connection_invalidated", False):
        return True
    if not type(driver).__module__.startswith("psycopg"):
        return False
    # psycopg's client-side failures carry no SQLSTATE: refused, timed out, dropped.
    if _class_named(driver, "OperationalError") and not getattr(driver, "sqlstate", None):
        return True
    return _class_named(driver, "InterfaceError") and "closed" in text.lower()


def _mid_session(text: str) -> bool:
    lowered = text.lower()
    return any(
        s in lowered
        for s in (
            "terminating connection",
            "server closed the connection",
            "connection is closed",
            "consuming input failed",
            "connection is lost",
            "ssl syscall",
        )
    )


# --- files ---------------------------------------------------------------------------------


def _describe_os_error(exc: OSError) -> UserMessage:
    name = exc.filename if exc.filename is not None else ""
    target = f"“{name}”" if name else ""
    code = exc.errno
    if code == errno.ENOSPC:
        return UserMessage(f"磁盘空间已满，无法写入{target}", "请清理磁盘后重试")
    if code == errno.EROFS:
        return UserMessage(f"{target or '目标位置'}位于只读磁盘，无法写入", "请换一个保存位置")
    if isinstance(exc, PermissionError):
        return UserMessage(f"没有权限访问{target or '该文件'}", "请检查文件权限或换一个位置")
    if isinstance(exc, FileExistsError | NotADirectoryError) and name:
        blocker = _file_in_path(Path(str(name)))
        if blocker is not None:
            return UserMessage(f"“{blocker}”是一个文件，不是文件夹", "请换一个保存位置")
    if isinstance(exc, FileNotFoundError):
        return UserMessage(f"找不到文件或文件夹{target}", "请检查路径")
    if isinstance(exc, IsADirectoryError):
        return UserMessage(f"{target}是一个文件夹，不是文件", "请选择一个文件")
    reason = exc.strerror or type(exc).__name__
    return UserMessage(f"文件操作失败{target}（{reason}）", "请检查路径和磁盘后重试")


def _file_in_path(path: Path) -> Path | None:
    """The first existing non-folder among `path` and its parents (what blocks a mkdir)."""
    for p in (path, *path.parents):
        if p.exists():
            return None if p.is_dir() else p
    return None
