"""`python -m core units`: the directory by county, `--suggest` with evidence, `--accept`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ledger_factories import make_result, make_task

from core.cli import main
from core.ledger import Ledger, TaskFilter


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    with Ledger(url) as ledger:
        ledger.import_result(
            make_result(
                [
                    make_task("甲。", "1", lead_units=["县发改局"]),
                    make_task("乙。", "2", lead_units=["县发展和改革局"]),
                    make_task("丙。", "3", lead_units=["县水利局"]),
                    make_task("丁。", "4", lead_units=["水利局"]),
                    make_task("戊。", "5", lead_units=["各乡（镇）"]),
                ]
            )
        )
    return url


def test_suggest_lists_numbered_groups_with_evidence(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, db, "units", "--suggest")
    assert code == 0
    assert "【兴县】县发展和改革局" in out and "简称" in out
    assert "共 2 条建议" in out
    code, out, _ = run(capsys, db, "units", "--suggest", "--json")
    data = json.loads(out)["suggestions"]
    assert [s["canonical"] for s in data] == ["县发展和改革局", "县水利局"]


def test_accept_applies_one_suggestion_and_the_list_shows_canonical_units(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, db, "units", "--accept", "1")
    assert code == 0 and "合并单位" in out
    with Ledger(db) as ledger:
        assert ledger.count(TaskFilter(unit="县发改局")) == 2
        assert len(ledger.suggest_unit_merges()) == 1
    code, out, _ = run(capsys, db, "units", "--accept", "9")
    assert code == 2
    run(capsys, db, "units", "--accept-all", "--county", "兴县")
    code, out, _ = run(capsys, db, "units", "--county", "兴县")
    assert "【兴县】" in out
    assert "县水利局（别名：水利局）" in out and "［集合单位］" in out
    units = json.loads(run(capsys, db, "units", "--json")[1])["units"]
    assert {u["county"] for u in units} == {"兴县"}
    assert len(units) == 3
