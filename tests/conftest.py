"""Shared fixtures: the real seed gazettes, read in place from ../shared/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedfiles import ROOT, SEEDS_DIR, SHARED, seed_path  # noqa: F401  (re-exported for tests)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"{SEEDS_DIR} is missing; ../shared must sit beside the repo")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def all_seeds(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))
