"""A monotonic clock the server's tests move by hand (one definition for all of them)."""

from __future__ import annotations


class Clock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
