"""Shared fixtures: the real seed gazettes, read in place from ../shared/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS_DIR = SHARED / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed whose file name starts with `prefix` (e.g. "000")."""
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.fail(f"seed {prefix} not found in {SEEDS_DIR}; ../shared must sit beside the repo")
    return matches[0]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"{SEEDS_DIR} is missing; ../shared must sit beside the repo")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def all_seeds(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))
