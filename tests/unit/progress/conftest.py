"""Fixtures for the progress tests: a store in the isolated data folder, frozen clocks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import psycopg
import pytest

from derivquest.progress import Profile, ProgressStore
from tests.unit.progress.pg_cluster import Cluster

NOON = datetime(2025, 3, 10, 12, 0).timestamp()
"""A fixed local noon, so day boundaries in review tests are far away."""


class WallClock:
    """A settable stand-in for `time.time`."""

    def __init__(self, start: float = NOON) -> None:
        self.now = start
        """The current Unix time."""

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


class FrozenClock:
    """A monotonic clock that only moves when told to (the drill `Clock` protocol)."""

    def __init__(self) -> None:
        self.now = 1000.0
        """The current reading."""

    def monotonic(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


@pytest.fixture
def wall() -> WallClock:
    """The store's wall clock, frozen at NOON."""
    return WallClock()


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest) -> str | None:
    """Where a test's store lives: None (SQLite in DERIVQUEST_HOME) or a fresh PostgreSQL
    schema in the session's throwaway cluster; every store test runs on both."""
    if request.param == "sqlite":
        return None
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    return cluster.new_schema_url()


@pytest.fixture
def store(wall: WallClock, database: str | None) -> Iterator[ProgressStore]:
    """A fresh store (SQLite in the test's own DERIVQUEST_HOME, or PostgreSQL)."""
    with ProgressStore(database, now=wall) as opened:
        yield opened


@pytest.fixture
def sqlite_store(wall: WallClock) -> Iterator[ProgressStore]:
    """A fresh SQLite store, for tests of the file itself (modes, faults, old versions)."""
    with ProgressStore(now=wall) as opened:
        yield opened


@pytest.fixture
def ana(store: ProgressStore) -> Profile:
    """A profile called "ana"."""
    return store.create_profile("ana")


@pytest.fixture
def clock() -> FrozenClock:
    """A frozen monotonic clock for drills."""
    return FrozenClock()


def other_connection_rows(store: ProgressStore, database: str | None, sql: str) -> list[Any]:
    """Rows of `sql` read over a connection of its own (not the store's), on either backend."""
    if database is None:
        assert store.path is not None
        with sqlite3.connect(store.path) as connection:
            return connection.execute(sql).fetchall()
    with psycopg.connect(database) as raw:
        return raw.execute(sql).fetchall()
