"""Every failure a clerk can meet on the command line: one Chinese line, never a traceback.

Each case runs the real CLI (`python -m core`, a subprocess) and checks what the clerk sees:
no traceback, a Chinese message naming the file or server, exit status 2 for their errors
(1 for a bug, whose traceback goes to the log file instead), stderr short (no SQL, no task
data), and the ledger exactly as before. PostgreSQL cases run on the throw-away server.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pg_server as pg
import psycopg
import pytest
from ledger_dump import dump
from ledger_factories import Clock, make_result, sample_tasks
from seedfiles import ROOT, seed_path
from sqlalchemy.orm import Session

from core.error_messages import describe
from core.ledger import Ledger
from core.ledger.editing import tracking
from core.ledger.storage.models import TaskRecord

CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_STDERR = 500  # bytes: one line, not a dump of SQL and task data
GAZETTE = "兴县人民政府关于印发重点任务分工的通知\n兴政发〔2024〕4号\n"
TASK_LINE = "一、加快重点项目建设（责任单位：县发改局，县财政局配合）\n"


def cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def assert_one_chinese_line(out: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    err = out.stderr.decode("utf-8")
    assert "Traceback" not in err and "Traceback" not in out.stdout.decode("utf-8", "replace")
    assert out.returncode == code, err
    assert CJK.search(err), err
    assert len(out.stderr) < MAX_STDERR, err
    assert "[SQL" not in err and "parameters" not in err
    return err


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    with Ledger(url) as ledger:
        ledger.import_result(make_result(sample_tasks()), by="导入员")
    return url


# --- SQLite / any ledger ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://clerk:s3cret@db.example:notaport/taizhang",
        "postgersql://clerk:s3cret@db.example/taizhang",
        "postgresql+nosuchdriver://clerk:s3cret@db.example/taizhang",
    ],
)
def test_malformed_db_url(url: str) -> None:
    err = assert_one_chinese_line(cli("--db", url, "tasks"))
    assert "台账数据库地址" in err and "db.example" in err
    assert "s3cret" not in err


def test_file_mixing_utf8_and_gbk_is_called_mixed_not_binary(
    sqlite_db: str, tmp_path: Path
) -> None:
    mixed = tmp_path / "混合编码.txt"
    mixed.write_bytes(
        (GAZETTE * 5).encode("utf-8") + (TASK_LINE * 5).encode("gbk") + GAZETTE.encode("utf-8")
    )
    before = dump(sqlite_db)
    err = assert_one_chinese_line(cli("--db", sqlite_db, "import", str(mixed)))
    assert mixed.name in err and "编码混杂" in err and "UTF-8" in err
    assert "二进制" not in err
    assert dump(sqlite_db) == before


def test_pure_gbk_file_still_imports(sqlite_db: str, tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes((GAZETTE + TASK_LINE * 3).encode("gbk"))
    out = cli("--db", sqlite_db, "import", str(gbk))
    assert out.returncode == 0, out.stderr.decode()


@pytest.mark.parametrize("out_arg", ["挡路/周报.xlsx", "挡路/子目录/周报.xlsx"])
def test_export_whose_parent_is_a_file(sqlite_db: str, tmp_path: Path, out_arg: str) -> None:
    (tmp_path / "挡路").write_text("不是文件夹")
    err = assert_one_chinese_line(
        cli("--db", sqlite_db, "export", "--out", str(tmp_path / out_arg))
    )
    assert "挡路" in err and "不是文件夹" in err
    assert "File exists" not in err and "Not a directory" not in err
    assert (tmp_path / "挡路").read_text() == "不是文件夹"


def test_show_never_prints_control_characters(sqlite_db: str) -> None:
    with Ledger(sqlite_db) as ledger:
        task_id = ledger.tasks()[0].id
        ledger.add_note(
            task_id, progress="已开会\x00\x1b[2J\x1b[31m红字\x07", by="张三\x1b]0;x\x07"
        )
        ledger.set_status(task_id, "推进中", note="备注\x1b[H", by="李四")
    out = cli("--db", sqlite_db, "show", str(task_id))
    assert out.returncode == 0
    shown = out.stdout.decode("utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", shown), repr(shown)
    # visible, not executed; a NUL is dropped on saving (PostgreSQL cannot store one)
    assert "已开会\\x1b[2J\\x1b[31m红字\\x07" in shown
    assert "备注\\x1b[H" in shown


def test_text_values_may_start_with_a_dash(sqlite_db: str) -> None:
    task_id = "1"
    out = cli("--db", sqlite_db, "note", task_id, "--progress", "-已召开推进会", "--next", "--继续")
    assert out.returncode == 0, out.stderr.decode()
    out = cli("--db", sqlite_db, "status", task_id, "推进中", "--note", "-按计划推进")
    assert out.returncode == 0, out.stderr.decode()
    detail = json.loads(cli("--db", sqlite_db, "show", task_id, "--json").stdout)
    assert detail["notes"][-1]["progress"] == "-已召开推进会"
    assert detail["notes"][-1]["next_steps"] == "--继续"
    assert detail["history"][-1]["note"] == "-按计划推进"


def test_a_missing_option_value_is_explained_in_chinese(sqlite_db: str) -> None:
    before = dump(sqlite_db)
    err = assert_one_chinese_line(cli("--db", sqlite_db, "status", "1", "推进中", "--note"))
    assert "--note" in err and "缺少" in err
    assert "expected one argument" not in err
    assert dump(sqlite_db) == before


def test_a_bug_is_one_line_and_its_traceback_goes_to_the_log(
    sqlite_db: str, tmp_path: Path
) -> None:
    script = (
        "import sys, core.cli.ledger_cmds as c\n"
        "def boom(args):\n    raise KeyError('内部')\n"
        "c.cmd_tasks = boom\n"
        "from core.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    logs = tmp_path / "logs"
    out = subprocess.run(
        [sys.executable, "-c", script, "--db", sqlite_db, "tasks"],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "TAIZHANG_LOG_DIR": str(logs)},
    )
    err = assert_one_chinese_line(out, code=1)
    assert "内部错误" in err and str(logs) in err
    logged = (logs / "taizhang-cli.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError" in logged


def _wrapped(driver: BaseException, invalidated: bool = False) -> BaseException:
    """A driver error as SQLAlchemy raises it, its statement carrying task data."""
    from sqlalchemy.exc import DBAPIError

    return DBAPIError.instance(
        "INSERT INTO task (text) VALUES (%(text)s)",
        {"text": "秘密任务内容"},
        driver,
        psycopg.Error,
        connection_invalidated=invalidated,
    )


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (_wrapped(psycopg.errors.AdminShutdown("terminating connection"), True), "连接中断"),
        (_wrapped(psycopg.OperationalError("connection refused")), "无法连接共享台账服务器"),
        (_wrapped(psycopg.errors.UniqueViolation("duplicate key")), "另一位同事"),
        (_wrapped(psycopg.errors.InvalidPassword("password failed")), "密码错误"),
        (_wrapped(psycopg.errors.SerializationFailure("could not serialize")), "同时修改"),
        (OSError(errno.ENOSPC, "No space left on device", "/tmp/周报.xlsx"), "磁盘空间已满"),
        (OSError(errno.EROFS, "Read-only file system", "/mnt/周报.xlsx"), "只读"),
        (PermissionError(errno.EACCES, "Permission denied", "/root/周报.xlsx"), "没有权限"),
        (KeyError("a bug"), None),
        (_wrapped(psycopg.errors.SyntaxError("syntax error")), None),  # our SQL: a bug
    ],
)
def test_describe_sorts_clerk_errors_from_bugs(exc: BaseException, expected: str | None) -> None:
    """The one mapping both the CLI and the window use; never the statement or its data."""
    message = describe(exc, "postgresql+psycopg://clerk:pw@db.example:5432/taizhang")
    if expected is None:
        assert message is None
        return
    assert message is not None and expected in message.line
    assert "秘密" not in message.line and "INSERT" not in message.line
    assert "pw" not in message.line and "\n" not in message.line
    if "服务器" in message.line:
        assert "db.example:5432/taizhang" in message.line


# --- PostgreSQL ---------------------------------------------------------------------------

postgres = pytest.mark.postgres


def _backends_waiting_on_locks(admin: psycopg.Connection, db: str) -> int:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
        (db,),
    ).fetchone()
    return int(row[0]) if row else 0


def _wait_for(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the PostgreSQL backends")
        time.sleep(0.05)


@pytest.fixture
def admin(pg_server: pg.PgServer) -> Iterator[psycopg.Connection]:
    with psycopg.connect(
        host=pg_server.host, port=pg_server.port, user=pg_server.user, dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        yield conn


def _dbname(url: str) -> str:
    return url.rsplit("/", 1)[1]


@postgres
def test_server_lost_mid_import(
    pg_url: str, pg_server: pg.PgServer, admin: psycopg.Connection
) -> None:
    """The import's backend is killed inside its transaction (as when the server stops):
    one line naming the server, no task data on stderr, nothing half-written."""
    seed = seed_path("002")
    before = dump(pg_url)
    db = _dbname(pg_url)
    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql")) as blocker:
        # Hold the unit-link table so the import stops after writing gazette and tasks.
        blocker.execute("LOCK TABLE task_unit IN ACCESS EXCLUSIVE MODE")
        proc = subprocess.Popen(
            [sys.executable, "-m", "core", "--db", pg_url, "import", str(seed)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        _wait_for(lambda: _backends_waiting_on_locks(admin, db) >= 1)
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND wait_event_type = 'Lock'",
            (db,),
        )
        blocker.rollback()
    stdout, stderr = proc.communicate(timeout=120)
    out = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    err = assert_one_chinese_line(out)
    assert "共享台账服务器" in err and f"{pg_server.host}:{pg_server.port}" in err
    assert "台账未作改动" in err
    assert dump(pg_url) == before


@postgres
def test_two_clerks_import_the_same_file_at_once(
    pg_url: str, admin: psycopg.Connection, tmp_path: Path
) -> None:
    """Both imports check "already imported?" before either commits; the loser's duplicate
    key is not a crash: it is re-run and reports the file as already imported."""
    seed = seed_path("004")
    db = _dbname(pg_url)
    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql")) as blocker:
        blocker.execute("LOCK TABLE gazette_issue IN ACCESS EXCLUSIVE MODE")
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "core", "--db", pg_url, "import", str(seed), "--by", who],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for who in ("张三", "李四")
        ]
        _wait_for(lambda: _backends_waiting_on_locks(admin, db) >= 2)
        blocker.rollback()  # both go at once
    outs = [p.communicate(timeout=120) for p in procs]
    errs = [e.decode("utf-8") for _, e in outs]
    assert all("Traceback" not in e and len(e) < MAX_STDERR for e in errs), errs
    assert [p.returncode for p in procs] == [0, 0], errs
    said = sorted(o.decode("utf-8") for o, _ in outs)
    assert sum("已导入过" in s for s in said) == 1, said
    with Ledger(f"sqlite:///{tmp_path / 'alone.sqlite3'}") as alone:
        alone.import_file(seed)
        expected = alone.count()
    with Ledger(pg_url) as ledger:  # exactly one import's worth: no copy, nothing lost
        assert len(ledger.gazettes()) == 1
        assert ledger.count() == expected


@postgres
def test_history_lists_two_writers_in_commit_order(pg_url: str, admin: psycopg.Connection) -> None:
    """Clerk 乙's save waits for clerk 甲's lock on the task; 乙 commits second, so `show`
    must list 乙 second with 甲's status as the "from" (timestamps read after the lock)."""
    clock = Clock()
    with Ledger(pg_url, clock=clock) as ledger:
        ledger.import_result(make_result(sample_tasks()), by="导入员")
        task_id = ledger.tasks()[0].id
    first, second = Ledger(pg_url, clock=clock), Ledger(pg_url, clock=clock)
    failures: list[BaseException] = []

    def waiting_clerk() -> None:
        try:
            second.set_status(task_id, "in_progress", by="乙")
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    try:
        with Session(first.engine) as s, s.begin():
            s.get(TaskRecord, task_id, with_for_update=True)  # 甲's save is under way
            worker = threading.Thread(target=waiting_clerk)
            worker.start()
            _wait_for(lambda: _backends_waiting_on_locks(admin, _dbname(pg_url)) >= 1)
            clock.advance(minutes=1)  # 甲 finishes a minute later
            tracking.set_status(s, task_id, "done", by="甲", now=clock(), today=date(2024, 6, 10))
        worker.join(timeout=60)
    finally:
        first.close()
        second.close()
    assert not failures, failures
    out = cli("--db", pg_url, "show", str(task_id), "--json")
    assert out.returncode == 0, out.stderr.decode()
    history = json.loads(out.stdout)["history"]
    assert [h["by"] for h in history] == ["甲", "乙"]
    assert history[1]["from_status"] == history[0]["to_status"] == "done"
    assert history[0]["at"] <= history[1]["at"]


PASSWORD_USER = "taizhang_pw_clerk"


@pytest.fixture
def password_login(pg_server: pg.PgServer, pg_url: str, admin: psycopg.Connection) -> str:
    """A login that needs a password (the session server otherwise trusts everyone)."""
    hba = pg_server.datadir / "pg_hba.conf"
    line = f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
    text = hba.read_text()
    if line not in text:
        hba.write_text(line + text)
        pg_server.reload_config()
        admin.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD 'right'")
    host = f"{pg_server.host}:{pg_server.port}"
    return f"postgresql+psycopg://{PASSWORD_USER}:wrong@{host}/{_dbname(pg_url)}"


@postgres
def test_wrong_password_on_the_command_line(password_login: str, pg_url: str) -> None:
    before = dump(pg_url)
    err = assert_one_chinese_line(cli("--db", password_login, "tasks"))
    assert "密码错误" in err and "wrong" not in err
    assert dump(pg_url) == before


@postgres
def test_desktop_screenshot_with_wrong_password_fails_fast(
    password_login: str, tmp_path: Path
) -> None:
    """Nobody can answer a password prompt in a screenshot run: exit 2 at once, no hang."""
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", password_login, "--screenshot", str(shot)],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        env=env,
    )
    err = assert_one_chinese_line(out)
    assert "密码错误" in err and "wrong" not in err
    assert not shot.exists()
