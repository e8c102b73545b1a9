"""Fixtures of the content tests (the data folder and the judge come from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
"""tests/fixtures/packs: `good-pack` (clean) and `broken/<kind>` (one problem each)."""


@pytest.fixture
def packs_dir() -> Path:
    """The folder of fixture packs."""
    return PACKS
