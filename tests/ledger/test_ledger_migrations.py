"""Schema migrations: models agree with the scripts; old ledgers upgrade with every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from core.ledger import Ledger, LedgerVersionError
from core.ledger.storage.db import make_engine
from core.ledger.storage.models import Base
from core.ledger.storage.schema import HEAD_REVISION, current_revision, head_revision, upgrade

ROWS_0001 = """
INSERT INTO gazette_issue (id, file_name, source_path, text_sha256, county, year, issue,
    encoding, source_format, imported_at, imported_by)
VALUES (1, 'old.txt', '/x/old.txt', 'abc', '兴县', 2023, 1, 'utf-8', 'text',
    '2023-04-01 08:00:00.000000', '老王');
INSERT INTO unit (id, name, created_at) VALUES (1, '县发改局', '2023-04-01 08:00:00.000000');
INSERT INTO task (id, gazette_id, match_key, doc_number, kind, ref, text, deadline, amounts,
    line, year, status, created_at, updated_at, updated_by, last_activity_at, version)
VALUES
 (1, 1, 'k1#1', '兴政发〔2023〕4号', 'table', '1', '旧任务一。', '2023-12-31', '[]', 5, 2023,
  'in_progress', '2023-04-01 08:00:00.000000', '2023-04-02 08:00:00.000000', '老王',
  '2023-04-02 08:00:00.000000', 2),
 (2, 1, 'k2#1', '兴政发〔2023〕4号', 'table', '2', '旧任务二。', NULL, '[]', 6, 2023,
  'not_started', '2023-04-01 08:00:00.000000', '2023-04-01 08:00:00.000000', NULL,
  '2023-04-01 08:00:00.000000', 1);
INSERT INTO task_unit (task_id, unit_id, role, printed_name, position)
VALUES (1, 1, 'lead', '县发改局', 0), (2, 1, 'lead', '县发改局', 0);
INSERT INTO status_change (task_id, from_status, to_status, at, by, note)
VALUES (1, 'not_started', 'in_progress', '2023-04-02 08:00:00.000000', '老王', '开工');
INSERT INTO progress_note (task_id, progress, at, by)
VALUES (1, '已开工', '2023-04-02 08:00:00.000000', '老王');
"""


def _ledger_at_first_revision(path: Path) -> str:
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        for stmt in ROWS_0001.split(";"):
            if stmt.strip():
                conn.execute(text(stmt))
    engine.dispose()
    return url


def test_models_match_the_migrations(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'l.sqlite3'}")
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_ledger_from_first_migration_opens_current_with_every_row(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    url = _ledger_at_first_revision(path)
    assert head_revision() != "0001"  # otherwise this test would prove nothing

    with Ledger(url) as ledger:
        assert current_revision(ledger.engine) == head_revision()
        backup = ledger.backup_path
        rows = {r.id: r for r in ledger.tasks()}
        assert set(rows) == {1, 2}
        assert rows[1].status == "in_progress" and rows[1].version == 2
        assert rows[1].lead_units == ("县发改局",)
        assert not rows[1].retired
        detail = ledger.task(1)
        assert [h.note for h in detail.history] == ["开工"]
        assert [n.progress for n in detail.notes] == ["已开工"]
        # the upgraded ledger is fully usable, new columns included
        ledger.set_status(2, "done", by="小李")
        # 0003: old tasks are extracted ones, their text was never stored, deletion works
        assert not rows[1].manual and not rows[2].manual
        assert ledger.source_excerpt(1) == []
        assert ledger.delete_task(2, by="小李").retired
        assert [r.id for r in ledger.tasks()] == [1]

    assert backup is not None and backup.exists() and backup.parent == path.parent
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert con.execute("SELECT count(*) FROM task").fetchone() == (2,)
        assert con.execute("SELECT status FROM task WHERE id = 2").fetchone() == ("not_started",)

    with Ledger(url) as again:  # already current: no second copy
        assert again.backup_path is None


def test_head_constant_is_the_scripts_head() -> None:
    """Opening a current ledger skips Alembic by comparing with this constant."""
    assert head_revision() == HEAD_REVISION


def test_fresh_ledger_needs_no_copy(tmp_path: Path) -> None:
    with Ledger(f"sqlite:///{tmp_path / 'new.sqlite3'}") as ledger:
        assert ledger.backup_path is None
        assert current_revision(ledger.engine) == head_revision()


def test_ledger_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    url = _ledger_at_first_revision(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = 'zzzz9999'")
    with pytest.raises(LedgerVersionError):
        Ledger(url)
