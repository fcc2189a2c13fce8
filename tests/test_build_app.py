"""The PyInstaller build: what the spec bundles (fast) and the built app really running (slow).

The slow tests build `build_spec/taizhang.spec` into a temporary folder and run the frozen
executable offscreen exactly as a clerk's shortcut would, with `python -m desktop` arguments.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from seedfiles import ROOT, seed_path

sys.path.insert(0, str(ROOT / "build_spec"))
from build_info import app_metadata, bundled_data, console_requested

from core.ledger.storage.schema import head_revision

SPEC = ROOT / "build_spec" / "taizhang.spec"
BUILD_TIMEOUT_S = 600
RUN_TIMEOUT_S = 120


# --- fast: what the spec is told to bundle -------------------------------------------------
def test_name_and_version_come_from_pyproject() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert app_metadata(ROOT) == (project["name"], project["version"])


def test_bundle_holds_the_font_and_every_migration_as_source() -> None:
    pairs = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in bundled_data(ROOT)}
    migrations = ROOT / "core" / "ledger" / "migrations"
    for script in [migrations / "env.py", *sorted((migrations / "versions").glob("*.py"))]:
        rel = script.relative_to(ROOT)
        assert (rel.as_posix(), rel.parent.as_posix()) in pairs
    assert ("resources/fonts/wqy-microhei.ttc", "resources/fonts") in pairs
    assert not any("__pycache__" in src or src.endswith(".pyc") for src, _ in pairs)


@pytest.mark.parametrize(
    ("value", "console"), [("1", True), ("yes", True), ("", False), ("0", False)]
)
def test_console_build_is_switched_by_environment(value: str, console: bool) -> None:
    assert console_requested({"TAIZHANG_CONSOLE": value}) is console
    assert console_requested({}) is False


# --- slow: build and run ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def built_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the build test runs on Linux (CI)")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:  # CI must not pass by skipping the build
        pytest.fail("PyInstaller is missing: pip install -e .[build]")
    out = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ}
    env.pop("TAIZHANG_CONSOLE", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    name, _version = app_metadata(ROOT)
    exe = out / "dist" / name / name
    assert exe.is_file() and os.access(exe, os.X_OK)
    yield exe


def run_app(exe: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the frozen app offscreen with settings, logs and data kept inside `home`."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    env.pop("TAIZHANG_DB_URL", None)
    return subprocess.run(
        [str(exe), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@pytest.mark.slow
def test_built_app_answers_help(built_app: Path, tmp_path: Path) -> None:
    proc = run_app(built_app, tmp_path, "--help")
    assert proc.returncode == 0, proc.stderr
    for option in ("--db", "--import", "--screenshot"):
        assert option in proc.stdout


@pytest.mark.slow
def test_built_app_imports_a_seed_and_writes_a_screenshot(built_app: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    shot = tmp_path / "out.png"
    proc = run_app(
        built_app,
        tmp_path,
        "--db",
        f"sqlite:///{db}",
        "--import",
        str(seed_path("000")),
        "--screenshot",
        str(shot),
        "--size",
        "1280x720",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert png_size(shot) == (1280, 720)
    assert shot.stat().st_size > 20_000  # a blank window compresses to a few kilobytes
    conn = sqlite3.connect(db)
    try:
        # The bundled Alembic scripts created the schema, and the import filled it.
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
        assert conn.execute("SELECT count(*) FROM task").fetchone()[0] > 0
    finally:
        conn.close()
