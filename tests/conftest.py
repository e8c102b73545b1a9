"""Shared fixtures: every test gets its own data directory; one checker process per run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.engine import JudgeService
from derivquest.paths import HOME_ENV
from derivquest.progress.location import DATABASE_ENV
from tests.unit.progress.pg_cluster import Cluster, find_binaries

TEST_DEADLINE = 60.0
"""Seconds a check may take in the shared checker (never reached unless something hangs)."""


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DERIVQUEST_HOME at a fresh folder so no test touches real player data."""
    home = tmp_path / "derivquest-home"
    monkeypatch.setenv(HOME_ENV, str(home))
    # A school's URL must not leak in, nor a test's `--database` out (setenv records the
    # variable's absence, so the undo removes what a command under test set).
    monkeypatch.setenv(DATABASE_ENV, "")
    monkeypatch.delenv(DATABASE_ENV)
    # The screens' pictures must not depend on the runner's terminal settings: tests that
    # want NO_COLOR set it themselves.
    monkeypatch.delenv("NO_COLOR", raising=False)
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


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for this test process (each xdist worker its own).

    initdb takes about 3 s on a loaded 2-core machine and starting 0.3 s, so a worker pays
    that once; tests then get a fresh schema each (`new_schema_url`, milliseconds). Sharing
    one cluster between workers would need a cross-process lock for a few seconds saved.
    Without the PostgreSQL binaries the tests skip, except in CI (CI=true), where .ci/run
    installs them and their absence is a failure.
    """
    binaries = find_binaries()
    if binaries is None:
        reason = "PostgreSQL binaries (initdb, pg_ctl) not found in PATH or /usr/lib/postgresql"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{reason}; CI must test the PostgreSQL backend (.ci/run installs it)")
        pytest.skip(f"{reason}: the PostgreSQL backend is not tested here")
    cluster = Cluster(binaries)
    try:
        yield cluster
    finally:
        cluster.destroy()
