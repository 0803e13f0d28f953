"""Fixtures for the plan reader tests: the shared seeds (read from ../shared/seeds when present)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


def seed_text(prefix: str) -> str:
    """The decoded text of the seed whose file name starts with ``prefix``; skips when absent."""
    from ipweek.plantext import read_text

    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"seed {prefix} not found under {SEEDS} (the shared folder sits beside the repository)")
    return read_text(paths[0].read_bytes())


@pytest.fixture
def seed_000() -> str:
    """2018 辽源市 city plan."""
    return seed_text("000")


@pytest.fixture
def seed_003() -> str:
    """2017 广西 province plan."""
    return seed_text("003")
