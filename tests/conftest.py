"""Shared fixtures: every test gets its own data directory; one checker process per run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.engine import JudgeService
from derivquest.paths import HOME_ENV

TEST_DEADLINE = 60.0
"""Seconds a check may take in the shared checker (never reached unless something hangs)."""


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DERIVQUEST_HOME at a fresh folder so no test touches real player data."""
    home = tmp_path / "derivquest-home"
    monkeypatch.setenv(HOME_ENV, str(home))
    return home


@pytest.fixture(scope="session")
def judge_service() -> Iterator[JudgeService]:
    """A checker process shared by the tests that need the hard deadline.

    Its deadline is generous: these tests judge answers, and a 2-core machine loaded by
    other work can take seconds over a check that takes 0.2 s alone. Tests of the deadline
    itself make their own service.
    """
    with JudgeService(deadline=TEST_DEADLINE) as service:
        service.start()
        yield service
