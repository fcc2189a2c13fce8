"""`python -m core extract`: the JSON interface, the summary, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from seedfiles import ROOT, seed_path

from core.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", "extract", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_json_is_one_utf8_object_with_the_interface_keys() -> None:
    out = run_cli(str(seed_path("004")), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"source", "gazette", "documents", "tasks"} <= set(data)
    assert data["gazette"]["county"] == "稷山县"
    assert "稷山县" in out.stdout  # not ASCII-escaped
    assert "\\u" not in out.stdout.split('"tasks"')[0]
    first = next(d for d in data["documents"] if not d["is_toc"])
    assert first["doc_number"] == "稷政发〔2022〕16号"
    assert first["year"] == 2022


def test_summary_lists_documents_with_task_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(seed_path("003"))]) == 0
    out = capsys.readouterr().out
    assert "交城县人民政府公报" in out
    assert "[目录]" in out
    assert "交政办函〔2024〕10号" in out
    assert "任务" in out


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 8),
        ("english.txt", b"Just an English README about installing software.\n" * 10),
        ("old.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 64),
    ],
)
def test_bad_file_exits_2_with_a_message_naming_it(
    tmp_path: Path, name: str, content: bytes
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    out = run_cli(str(f), "--json")
    assert out.returncode == 2
    assert out.stdout == ""
    assert name in out.stderr
    assert "Traceback" not in out.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    out = run_cli(str(tmp_path / "nope.txt"))
    assert out.returncode == 2
    assert "nope.txt" in out.stderr and "Traceback" not in out.stderr
