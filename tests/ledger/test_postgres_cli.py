"""The ledger CLI end to end on a shared PostgreSQL ledger (`--db postgresql+psycopg://…`):
the SQLite CLI tests, re-run with `db` pointing at a fresh PostgreSQL database."""

from __future__ import annotations

import pytest
from test_ledger_cli import (  # noqa: F401  (collected again here, against PostgreSQL)
    seed,
    test_bad_file_exits_2_names_file_and_leaves_rows_unchanged,
    test_clerk_errors_exit_2_without_traceback,
    test_import_then_tasks_json_matches_extraction,
    test_status_note_show_round_trip,
    test_units_merge_makes_unit_filter_follow,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def db(pg_url: str) -> str:
    return pg_url
