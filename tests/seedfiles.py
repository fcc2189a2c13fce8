"""Paths of the real seed gazettes in ../shared/seeds (read in place, never copied)."""

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
