"""The `python -m core` dispatcher: clerk-fixable errors and closed pipes never show tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from seedfiles import ROOT, seed_path


@pytest.fixture(scope="module")
def core_cmd(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """`python -m core --db …` over a ledger holding three seeds (~600 tasks)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'l.sqlite3'}"
    cmd = [sys.executable, "-m", "core", "--db", db]
    seeds = [str(seed_path(p)) for p in ("000", "002", "004")]
    subprocess.run([*cmd, "import", *seeds], cwd=ROOT, check=True, capture_output=True)
    return cmd


def test_closed_pipe_ends_quietly(core_cmd: list[str]) -> None:
    """`python -m core tasks | head -1` must not print a BrokenPipeError traceback."""
    shell = f"{' '.join(core_cmd)} tasks | head -1"
    out = subprocess.run(shell, shell=True, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip()  # the first line arrived
    assert "Traceback" not in out.stderr
    assert "BrokenPipeError" not in out.stderr


def test_unknown_status_is_a_clerk_error(core_cmd: list[str]) -> None:
    out = subprocess.run(
        [*core_cmd, "status", "1", "bogus"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "未知的状态" in out.stderr
    assert "Traceback" not in out.stderr
