"""The same Alembic migrations build the same schema on PostgreSQL, even when several
clerks' programs open a brand-new shared ledger at the same moment."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pg_server as pg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from conftest_helpers import empty_database

from core.ledger import Ledger
from core.ledger.storage.db import make_engine
from core.ledger.storage.models import Base
from core.ledger.storage.schema import current_revision, head_revision

pytestmark = pytest.mark.postgres
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.fixture
def empty_pg(pg_server: pg.PgServer) -> Iterator[str]:
    with empty_database(pg_server, f"e_{uuid.uuid4().hex[:12]}") as url:
        yield url


def test_models_match_the_migrations_on_postgresql(empty_pg: str) -> None:
    Ledger(empty_pg).close()
    engine = make_engine(empty_pg)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    assert diff == []


@pytest.mark.slow
def test_several_programs_opening_a_new_shared_ledger_at_once(empty_pg: str) -> None:
    """Each may try to create the schema; the others must wait and find it done."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]))
    code = "import sys; from core.ledger import Ledger; Ledger(sys.argv[1]).close(); print('OK')"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, empty_pg],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "OK" in out
    with Ledger(empty_pg) as ledger:
        assert ledger.count() == 0
