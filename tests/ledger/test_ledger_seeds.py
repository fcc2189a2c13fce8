"""The ledger on the real seed gazettes: whatever extraction finds, the ledger holds exactly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from core import extract
from core.ledger import Ledger
from core.model import ExtractionResult


@pytest.fixture(scope="module")
def extracted(all_seeds: list[Path]) -> dict[Path, ExtractionResult]:
    return {seed: extract(seed) for seed in all_seeds}


def _norm(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys("".join(n.split()) for n in names if n.strip()))


def test_every_seed_lands_whole(tmp_path: Path, extracted: dict[Path, ExtractionResult]) -> None:
    with Ledger(f"sqlite:///{tmp_path / 'seeds.sqlite3'}") as ledger:
        for seed, result in extracted.items():
            report = ledger.import_result(result, by="测试")
            assert report.outcome == "imported"
            rows = ledger.tasks()
            mine = [r for r in rows if r.gazette_id == report.gazette_id]
            assert len(mine) == len(result.tasks), seed.name
            want = Counter(
                (t.line, t.text, t.doc_number, _norm(t.lead_units), _norm(t.support_units))
                for t in result.tasks
            )
            got = Counter(
                (r.line, r.text, r.doc_number, r.lead_units, r.support_units) for r in mine
            )
            assert got == want, seed.name
        assert ledger.count() == sum(len(r.tasks) for r in extracted.values())
        assert len(ledger.gazettes()) == len(extracted)


def test_same_seed_in_another_encoding_is_already_imported(
    tmp_path: Path, all_seeds: list[Path]
) -> None:
    seed = all_seeds[-1]
    gb = tmp_path / f"gb18030_{seed.name}"
    gb.write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
    with Ledger(f"sqlite:///{tmp_path / 'enc.sqlite3'}") as ledger:
        first = ledger.import_file(seed)
        count = ledger.count()
        second = ledger.import_file(gb)
        assert second.outcome == "already_imported"
        assert second.gazette_id == first.gazette_id
        assert ledger.count() == count == len(extract(seed).tasks)
