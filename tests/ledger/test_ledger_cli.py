"""The ledger sub-commands end to end, in process, on a real SQLite file and real seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ledger_dump import dump
from seedfiles import seed_path

from core import extract
from core.cli import main

GAZETTE_LINE = "兴县人民政府关于印发重点任务分工的通知\n兴政发〔2024〕4号\n"


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed() -> Path:
    return seed_path("004")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": tmp / "空文件.txt",
        "binary": tmp / "binary.txt",
        "non_gazette": tmp / "小说.txt",
        "undecodable": tmp / "乱码.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["non_gazette"].write_text("从前有座山，山里有座庙，庙里有个老和尚在讲故事。\n" * 80)
    # a UTF-8 signature followed by GB18030 bytes: no encoding reads it
    files["undecodable"].write_bytes(b"\xef\xbb\xbf" + (GAZETTE_LINE * 20).encode("gb18030"))
    return files


def test_import_then_tasks_json_matches_extraction(
    capsys: pytest.CaptureFixture[str], db: str, seed: Path
) -> None:
    code, out, _ = run(capsys, db, "import", str(seed), "--by", "王五")
    assert code == 0 and "已导入" in out
    code, out, _ = run(capsys, db, "tasks", "--json")
    assert code == 0
    tasks = json.loads(out)["tasks"]
    assert len(tasks) == len(extract(seed).tasks)
    assert all({"id", "status"} <= set(t) for t in tasks)
    code, out, _ = run(capsys, db, "import", str(seed))
    assert code == 0 and "已导入过" in out


@pytest.mark.parametrize("kind", ["empty", "binary", "non_gazette", "undecodable"])
def test_bad_file_exits_2_names_file_and_leaves_rows_unchanged(
    capsys: pytest.CaptureFixture[str], db: str, seed: Path, tmp_path: Path, kind: str
) -> None:
    run(capsys, db, "import", str(seed))
    before = dump(db)
    bad = _bad_files(tmp_path)[kind]
    code, _, err = run(capsys, db, "import", str(bad))
    assert code == 2
    assert bad.name in err and "Traceback" not in err
    assert dump(db) == before


def test_status_note_show_round_trip(
    capsys: pytest.CaptureFixture[str], db: str, seed: Path
) -> None:
    run(capsys, db, "import", str(seed))
    _, out, _ = run(capsys, db, "tasks", "--json")
    first = json.loads(out)["tasks"][0]
    code, out, _ = run(
        capsys, db, "status", str(first["id"]), "推进中", "--note", "已部署", "--by", "李四"
    )
    assert code == 0 and "推进中" in out
    code, _, _ = run(
        capsys,
        db,
        "note",
        str(first["id"]),
        "--progress",
        "完成一半",
        "--problems",
        "缺资金",
        "--next",
        "争取专项债",
        "--by",
        "李四",
    )
    assert code == 0
    code, out, _ = run(capsys, db, "show", str(first["id"]), "--json")
    shown = json.loads(out)
    assert shown["status"] == "in_progress"
    assert [(h["to_status"], h["by"], h["note"]) for h in shown["history"]] == [
        ("in_progress", "李四", "已部署")
    ]
    assert [(n["progress"], n["problems"], n["next_steps"]) for n in shown["notes"]] == [
        ("完成一半", "缺资金", "争取专项债")
    ]
    code, out, _ = run(capsys, db, "tasks", "--status", "in_progress", "--json")
    assert [t["id"] for t in json.loads(out)["tasks"]] == [first["id"]]
    code, out, _ = run(capsys, db, "show", str(first["id"]))
    assert code == 0 and "完成一半" in out and "李四" in out


def test_clerk_errors_exit_2_without_traceback(
    capsys: pytest.CaptureFixture[str], db: str, seed: Path
) -> None:
    run(capsys, db, "import", str(seed))
    code, _, err = run(capsys, db, "status", "1", "搞定了")
    assert code == 2 and "未知的状态" in err
    code, _, err = run(capsys, db, "show", "987654")
    assert code == 2 and "987654" in err
    code, _, err = run(capsys, db, "tasks", "--unit", "不存在的局")
    assert code == 2 and "不存在的局" in err


def test_units_merge_makes_unit_filter_follow(
    capsys: pytest.CaptureFixture[str], db: str, seed: Path
) -> None:
    run(capsys, db, "import", str(seed))
    _, out, _ = run(capsys, db, "units", "--json")
    units = json.loads(out)["units"]
    if not units:
        pytest.skip("extraction found no units in this seed yet")
    name = units[0]["name"]
    code, out, _ = run(capsys, db, "units", "--merge", name, "规范名称测试单位")
    assert code == 0
    _, by_alias, _ = run(capsys, db, "tasks", "--unit", name, "--json")
    _, by_canon, _ = run(capsys, db, "tasks", "--unit", "规范名称测试单位", "--json")
    assert json.loads(by_alias) == json.loads(by_canon)
    assert len(json.loads(by_alias)["tasks"]) >= units[0]["tasks"]


def test_db_from_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv("TAIZHANG_DB_URL", url)
    assert main(["import", str(seed)]) == 0
    capsys.readouterr()
    assert (tmp_path / "env.sqlite3").exists()
    assert dump(url)["task"]


def test_db_option_wins_over_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file, opt_file = tmp_path / "env.sqlite3", tmp_path / "opt.sqlite3"
    monkeypatch.setenv("TAIZHANG_DB_URL", f"sqlite:///{env_file}")
    assert main(["--db", f"sqlite:///{opt_file}", "import", str(seed)]) == 0
    capsys.readouterr()
    assert opt_file.exists() and not env_file.exists()
