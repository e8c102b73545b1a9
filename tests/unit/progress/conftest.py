"""Fixtures for the progress tests: a store in the isolated data folder, frozen clocks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from derivquest.progress import Profile, ProgressStore

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


@pytest.fixture
def store(wall: WallClock) -> Iterator[ProgressStore]:
    """A fresh store in the test's own DERIVQUEST_HOME."""
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
