"""Issue 17: the real CLI (`python -m core`, one subprocess per step) never loses work.

Partial copies of an imported issue change nothing; a re-issue that would retire tasks is
refused (exit 2, the list in Chinese) unless `--replace`; retired tasks come back with
their id and history; a damaged, read-only, full or unversioned ledger gives one Chinese
line, exit 2, no traceback, and the ledger exactly as it was. Seed excerpts are written to
tmp_path at test time from ../shared/seeds.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_damage import damage_ledger
from ledger_dump import dump
from seedfiles import ROOT, seed_path

# Lines 439-442 of seed 004 print items 二十九 and 三十 of 稷政办发〔2022〕31号.
DROPPED = slice(438, 442)


class Cli:
    """`python -m core --db <file>` run from the worktree, as a clerk types it."""

    def __init__(self, db: Path, env: dict[str, str] | None = None, user: int | None = None):
        self.db, self.env, self.user = db, env, user

    @property
    def url(self) -> str:
        return f"sqlite:///{self.db}"

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(self.env or {})}
        return subprocess.run(
            [sys.executable, "-m", "core", "--db", str(self.db), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            user=self.user,
            group=self.user,
            timeout=300,
        )

    def ok(self, *args: str) -> str:
        out = self(*args)
        assert out.returncode == 0, out.stderr
        return out.stdout

    def tasks(self) -> list[dict[str, object]]:
        return list(json.loads(self.ok("tasks", "--json"))["tasks"])


def refused(out: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, one Chinese line naming the problem, no traceback (a 提示 line aside)."""
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
    lines = [
        line for line in out.stderr.splitlines() if line.strip() and not line.startswith("提示：")
    ]
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("错误：")
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "台账.sqlite3")


@pytest.fixture(scope="module")
def seed004() -> list[str]:
    return seed_path("004").read_text(encoding="utf-8").splitlines(keepends=True)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


# --- partial copies ---------------------------------------------------------------------
def test_first_300_lines_of_an_imported_issue_change_nothing(
    cli: Cli, tmp_path: Path, seed004: list[str]
) -> None:
    cli.ok("import", str(seed_path("004")))
    before = dump(cli.url)
    part = write(tmp_path / "稷山公报前300行.txt", seed004[:300])
    out = cli.ok("import", str(part))
    assert "是已导入的《稷山县人民政府公报》2022年第3期的一部分" in out and "未作改动" in out
    assert dump(cli.url) == before


def test_a_toc_only_excerpt_is_part_of_its_issue_or_refused(cli: Cli, tmp_path: Path) -> None:
    lines = seed_path("001").read_text(encoding="utf-8").splitlines(keepends=True)
    toc = write(tmp_path / "兴县公报目录.txt", lines[:115])
    refused(cli("import", str(toc)), "兴县公报目录.txt", "只有目录")
    assert dump(cli.url)["gazette_issue"] == []  # no empty issue was created

    cli.ok("import", str(seed_path("001")))
    before = dump(cli.url)
    out = cli.ok("import", str(toc))
    assert "一部分（只有目录），未作改动" in out
    assert dump(cli.url) == before


def test_a_pdf_of_part_of_an_imported_issue_changes_nothing(
    cli: Cli, tmp_path: Path, seed004: list[str]
) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "formats"))
    from builders import build_pdf

    pdf = build_pdf([line.rstrip("\n") for line in seed004[:600]], tmp_path / "节选.pdf")
    cli.ok("import", str(seed_path("004")))
    before = dump(cli.url)
    out = cli.ok("import", str(pdf))
    assert "一部分，未作改动" in out
    assert dump(cli.url) == before


# --- a re-issue that retires tasks ------------------------------------------------------
def test_reissue_that_retires_is_refused_with_the_list_unless_replace(
    cli: Cli, tmp_path: Path, seed004: list[str]
) -> None:
    cli.ok("import", str(seed_path("004")))
    ids = {t["ref"]: t["id"] for t in cli.tasks() if t["doc_number"] == "稷政办发〔2022〕31号"}
    before = dump(cli.url)
    without = seed004[: DROPPED.start] + seed004[DROPPED.stop :]
    corrected = write(tmp_path / "稷山公报更正版.txt", without)

    out = cli("import", str(corrected))
    refused(out, "稷山公报更正版.txt", "2 项任务", f"任务 {ids['二十九']}", f"任务 {ids['三十']}")
    assert "--replace" in out.stderr
    assert dump(cli.url) == before

    out2 = cli("import", "--replace", str(corrected))
    assert out2.returncode == 0 and "停用 2 条" in out2.stdout
    live = {t["id"] for t in cli.tasks()}
    assert ids["二十九"] not in live and ids["三十"] not in live
    assert len(live) == len(before["task"]) - 2


def test_a_retired_task_comes_back_with_its_id_notes_and_history(
    cli: Cli, tmp_path: Path, seed004: list[str]
) -> None:
    cli.ok("import", str(seed_path("004")))
    task_id = next(t["id"] for t in cli.tasks() if t["ref"] == "二十九")
    cli.ok("status", str(task_id), "推进中", "--note", "已部署")
    cli.ok("note", str(task_id), "--progress", "已补贴3家企业")
    corrected = write(tmp_path / "更正版.txt", seed004[: DROPPED.start] + seed004[DROPPED.stop :])
    cli.ok("import", "--replace", str(corrected))
    assert task_id not in {t["id"] for t in cli.tasks()}

    out = cli.ok("import", str(seed_path("004")))  # the full issue again
    assert "恢复 2 条" in out and "新增 0 条" in out
    back = json.loads(cli.ok("show", str(task_id), "--json"))
    assert back["status"] == "in_progress" and not back["retired"]
    assert [h["note"] for h in back["history"]] == ["已部署"]
    assert [n["progress"] for n in back["notes"]] == ["已补贴3家企业"]
    assert len(cli.tasks()) == len(dump(cli.url)["task"])  # no copies


# --- damaged ledgers --------------------------------------------------------------------


def test_a_corrupt_ledger_refuses_status_and_stays_byte_identical(cli: Cli) -> None:
    cli.ok("import", str(seed_path("004")))
    damage_ledger(cli.db)
    files = sorted(p.name for p in cli.db.parent.iterdir())
    before = cli.db.read_bytes()
    refused(cli("status", "1", "done"), str(cli.db), "已损坏", "文件 → 恢复台账")
    refused(cli("note", "1", "--progress", "x"), "已损坏")
    out = cli("tasks")
    assert "Traceback" not in out.stderr and "已损坏" in out.stderr
    assert cli.db.read_bytes() == before
    assert sorted(p.name for p in cli.db.parent.iterdir()) == files


def test_a_file_that_is_no_database_is_refused_untouched(cli: Cli) -> None:
    cli.db.write_text("会议纪要：这不是台账。\n" * 200, encoding="utf-8")
    before = cli.db.read_bytes()
    refused(cli("status", "1", "done"), "不是 SQLite 数据库文件", "恢复台账")
    out = cli("tasks")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "不是 SQLite 数据库文件" in out.stderr
    assert cli.db.read_bytes() == before


def test_a_missing_schema_record_is_a_clear_message_not_table_already_exists(cli: Cli) -> None:
    cli.ok("import", str(seed_path("004")))
    with sqlite3.connect(cli.db) as conn:
        conn.execute("DROP TABLE alembic_version")
    conn.close()
    before = cli.db.read_bytes()
    out = cli("tasks")
    refused(out, "版本记录", "恢复台账")
    assert "already exists" not in out.stderr
    assert cli.db.read_bytes() == before
    assert not list(cli.db.parent.glob("*.bak"))  # no migration was attempted


# --- full disk ------------------------------------------------------------------------
SITE_FULL_DB = """
import os
from sqlalchemy import event
from sqlalchemy.engine import Engine

@event.listens_for(Engine, "connect")
def _cap(dbapi_conn, _record):
    # SQLITE_FULL exactly as a full disk gives it, on any file system.
    dbapi_conn.execute("PRAGMA max_page_count = " + os.environ["TEST_MAX_PAGES"])
"""

SITE_FULL_FILES = """
import errno
import os

_real = os.fdopen

class _Full:
    # A file on a full disk: writes fail with ENOSPC once a few bytes went out.
    def __init__(self, f):
        self._f, self._left = f, 512
    def write(self, data):
        n = len(data)
        if n > self._left:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._left -= n
        return self._f.write(data)
    def __getattr__(self, name):
        return getattr(self._f, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self._f.close()

def _fdopen(fd, mode="r", *args, **kwargs):
    f = _real(fd, mode, *args, **kwargs)
    return _Full(f) if "w" in mode else f

os.fdopen = _fdopen
"""


def _site(tmp_path: Path, code: str) -> dict[str, str]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(code, encoding="utf-8")
    return {"PYTHONPATH": str(folder)}


def test_disk_full_during_import_leaves_the_ledger_as_it_was(cli: Cli, tmp_path: Path) -> None:
    cli.ok("import", str(seed_path("004")))
    before = dump(cli.url)
    pages = sqlite3.connect(cli.db).execute("PRAGMA page_count").fetchone()[0]
    full = Cli(cli.db, env={**_site(tmp_path, SITE_FULL_DB), "TEST_MAX_PAGES": str(pages + 8)})
    refused(full("import", str(seed_path("000"))), "磁盘空间不足", "台账保持原样")
    assert dump(cli.url) == before


def test_disk_full_during_export_is_one_line_without_exception_ignored(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("import", str(seed_path("004")))
    full = Cli(cli.db, env=_site(tmp_path, SITE_FULL_FILES))
    out_file = tmp_path / "周报.xlsx"
    refused(full("export", "--week", "2022-10-10", "--out", str(out_file)), "磁盘空间不足")
    assert not out_file.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]  # no temp left


# --- read-only ledgers ------------------------------------------------------------------
NOBODY = 65534


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="taizhang-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in folder.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        shutil.rmtree(folder)


def _clerk_without_root(db: Path) -> Cli:
    """Permissions bind only non-root users: as root, run the CLI as `nobody`."""
    if os.geteuid() != 0:
        return Cli(db)
    probe = subprocess.run(
        [sys.executable, "-c", "import core.cli"],
        cwd=ROOT,
        capture_output=True,
        user=NOBODY,
        group=NOBODY,
    )
    if probe.returncode != 0:
        pytest.skip("running as root and user nobody cannot read the checkout")
    for p in (db.parent, *db.parent.iterdir()):
        os.chown(p, NOBODY, NOBODY)
    return Cli(db, user=NOBODY)


def test_a_read_only_ledger_file_refuses_writes_in_one_line(shared_dir: Path) -> None:
    db = shared_dir / "ledger" / "台账.sqlite3"
    db.parent.mkdir()
    Cli(db).ok("import", str(seed_path("004")))
    clerk = _clerk_without_root(db)
    db.chmod(0o444)
    before = dump(clerk.url)
    refused(clerk("status", "1", "done"), str(db), "只读")
    assert clerk("tasks", "--limit", "1").returncode == 0  # reading still works
    assert dump(clerk.url) == before


def test_a_ledger_in_a_read_only_folder_says_so_not_password(shared_dir: Path) -> None:
    db = shared_dir / "ledger" / "台账.sqlite3"
    db.parent.mkdir()
    Cli(db).ok("import", str(seed_path("004")))
    clerk = _clerk_without_root(db)
    db.parent.chmod(0o555)
    before = db.read_bytes()
    out = clerk("status", "1", "done")
    refused(out, str(db.parent), "不可写")
    assert "密码" not in out.stderr
    assert db.read_bytes() == before


# --- a mistyped path --------------------------------------------------------------------
def test_a_mistyped_path_says_a_new_ledger_was_created_and_where(tmp_path: Path) -> None:
    typo = tmp_path / "台帐.sqlite3"
    out = Cli(typo)("tasks")
    assert out.returncode == 0
    assert f"{typo} 不存在，已新建空台账" in out.stderr
    again = Cli(typo)("tasks")
    assert "新建" not in again.stderr  # only the first time
