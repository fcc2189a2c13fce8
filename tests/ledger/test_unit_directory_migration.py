"""Revision 0004 on an existing ledger: a unit two counties shared becomes one per county,
with its aliases, task links and every other row kept."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from conftest_helpers import empty_database
from sqlalchemy import text

from core.ledger import Ledger, TaskFilter
from core.ledger.storage.db import make_engine
from core.ledger.storage.schema import upgrade

ROWS_0003 = """
INSERT INTO gazette_issue (id, file_name, source_path, text_sha256, county, year, issue,
    encoding, source_format, imported_at, imported_by)
VALUES (1, 'a.txt', '/x/a.txt', 'a', '兴县', 2023, 1, 'utf-8', 'text',
    '2023-04-01 08:00:00.000000', '老王'),
       (2, 'b.txt', '/x/b.txt', 'b', '交城县', 2024, 2, 'utf-8', 'text',
    '2024-04-01 08:00:00.000000', '老王');
INSERT INTO unit (id, name, created_at) VALUES
 (1, '县财政局', '2023-04-01 08:00:00.000000'),
 (2, '各乡镇', '2023-04-01 08:00:00.000000');
INSERT INTO unit_alias (alias, unit_id, created_at, created_by)
VALUES ('县财政', 1, '2023-04-01 08:00:00.000000', '老王');
INSERT INTO task (id, gazette_id, match_key, kind, text, amounts, line, status, created_at,
    updated_at, last_activity_at, version, manual)
VALUES
 (1, 1, 'k1', 'table', '兴县任务。', '[]', 5, 'in_progress', '2023-04-01 08:00:00.000000',
  '2023-04-01 08:00:00.000000', '2023-04-01 08:00:00.000000', 2, false),
 (2, 2, 'k2', 'table', '交城任务。', '[]', 6, 'not_started', '2024-04-01 08:00:00.000000',
  '2024-04-01 08:00:00.000000', '2024-04-01 08:00:00.000000', 1, false);
INSERT INTO task_unit (id, task_id, unit_id, role, printed_name, position)
VALUES (7, 1, 1, 'lead', '县财政局', 0), (8, 2, 1, 'lead', '县财政', 0),
       (9, 1, 2, 'support', '各乡镇', 1);
"""


@pytest.fixture
def old_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """An empty database on each back end, to be brought to revision 0003 by hand."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        with empty_database(server, f"m_{uuid.uuid4().hex[:12]}") as url:
            yield url
        return
    yield f"sqlite:///{tmp_path / 'old.sqlite3'}"


def test_a_shared_unit_is_split_per_county(old_url: str) -> None:
    url = old_url
    engine = make_engine(url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        for stmt in ROWS_0003.split(";"):
            if stmt.strip():
                conn.execute(text(stmt))
        if conn.dialect.name == "postgresql":  # explicit ids leave the sequences behind
            for table in ("gazette_issue", "unit", "task", "task_unit"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 100)"))
    engine.dispose()

    with Ledger(url) as ledger:
        units = {(u.county, u.name): u for u in ledger.unit_directory()}
        assert set(units) == {("兴县", "县财政局"), ("交城县", "县财政局"), ("兴县", "各乡镇")}
        assert units[("兴县", "各乡镇")].kind == "collective"
        # the first county in sort order keeps the old id; the other gets a copy
        assert units[("交城县", "县财政局")].id == 1
        for county in ("兴县", "交城县"):
            assert units[(county, "县财政局")].aliases == ("县财政",)
            rows = ledger.tasks(TaskFilter(unit_id=units[(county, "县财政局")].id))
            assert [r.text for r in rows] == ["兴县任务。" if county == "兴县" else "交城任务。"]
        detail = ledger.task(1)
        assert [p for _, p, _ in detail.printed_units] == ["县财政局", "各乡镇"]
        assert detail.task.status == "in_progress" and detail.task.version == 2
        # the alias names both counties' units
        assert ledger.count(TaskFilter(unit="县财政")) == 2
