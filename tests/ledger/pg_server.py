"""A throw-away PostgreSQL server for the ledger tests and the load bench.

PostgreSQL refuses to run as root, and pytest-postgresql's own `postgresql_proc` runs
`pg_ctl` as the current user, so this module starts the server itself: `initdb` + `pg_ctl`
on a fresh data folder, as the unprivileged `postgres` user when we are root (Debian's
package creates that user), listening only on a free loopback port with `trust` auth.
Databases on it are then made and dropped with pytest-postgresql's `DatabaseJanitor`.

`start()` raises `PgUnavailable` saying why when no server can be installed/started; the
fixtures turn that into a skip, except on CI (`CI=true`) where it is a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


class PgUnavailable(RuntimeError):
    """No PostgreSQL server could be started here (the message says why)."""


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    datadir: Path
    bindir: Path
    run_as: str | None
    options: str = ""  # the postgres command-line options it was started with

    def halt(self) -> None:
        """Stop the server but keep its data (the clerk's "server went away")."""
        self._ctl("stop", "-m", "fast", "-w")

    def resume(self) -> None:
        """Start a halted server again on the same port with the same data."""
        log = str(self.datadir.parent / "server.log")
        self._ctl("start", "-o", self.options, "-l", log, "-w", "-t", "60")
        _wait_ready(self, 60.0)

    def reload_config(self) -> None:
        """Make the server re-read pg_hba.conf (e.g. after adding a password login)."""
        self._ctl("reload")

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self._prefix(), str(self.bindir / "pg_ctl"), *args[:1], "-D", str(self.datadir),
             *args[1:]],
            capture_output=True,
            check=True,
        )  # fmt: skip

    def url(self, dbname: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{self.user}@{self.host}:{self.port}/{dbname}"

    def stop(self) -> None:
        subprocess.run(
            [*self._prefix(), str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir),
             "-m", "immediate", "-w"],
            capture_output=True,
            check=False,
        )  # fmt: skip
        shutil.rmtree(self.datadir.parent, ignore_errors=True)

    def _prefix(self) -> list[str]:
        return _as_user(self.run_as)


def find_bindir() -> Path | None:
    """Where `pg_ctl` lives: PATH, else the newest /usr/lib/postgresql/<v>/bin (Debian)."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def _as_user(user: str | None) -> list[str]:
    if user is None:
        return []
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", user, "--"]
    return ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(timeout: float = 60.0) -> PgServer:
    """initdb + start a private server; the caller must `stop()` it."""
    bindir = find_bindir()
    if bindir is None:
        raise PgUnavailable("未找到 PostgreSQL 服务器程序（pg_ctl）；请安装 postgresql 软件包")
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            raise PgUnavailable(
                "以 root 运行但系统中没有 postgres 用户，PostgreSQL 无法启动"
            ) from None
        run_as = SUPERUSER
    root = Path(tempfile.mkdtemp(prefix="taizhang-pg-"))
    datadir = root / "data"
    if run_as:
        pw = pwd.getpwnam(run_as)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    prefix = _as_user(run_as)
    init = subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(datadir), "-U", SUPERUSER,
         "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise PgUnavailable(f"initdb 失败：{init.stderr.strip()[-500:]}")
    for attempt in range(3):
        port = _free_port()
        opts = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        proc = subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "start", "-D", str(datadir), "-o", opts,
             "-l", str(root / "server.log"), "-w", "-t", str(int(timeout))],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        if proc.returncode == 0:
            server = PgServer("127.0.0.1", port, SUPERUSER, datadir, bindir, run_as, opts)
            _wait_ready(server, timeout)
            return server
        time.sleep(0.2 * (attempt + 1))  # port taken meanwhile: try another
    log = (
        (root / "server.log").read_text(errors="replace")[-800:]
        if (root / "server.log").exists()
        else ""
    )
    shutil.rmtree(root, ignore_errors=True)
    raise PgUnavailable(f"PostgreSQL 启动失败：{proc.stderr.strip()[-300:]} {log}")


def _wait_ready(server: PgServer, timeout: float) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(
                host=server.host, port=server.port, user=server.user, dbname="postgres"
            ).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
