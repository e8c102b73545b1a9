"""The server's limits, and the per-address gate: failed-login delays, lockouts, connections."""

from __future__ import annotations

import math
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Every limit of a classroom server (docs/server.md explains the defaults)."""

    max_sessions: int = 40
    """Games running at once; one more student sees a polite message."""
    max_per_address: int = 0
    """Connections at once from one address; 0 is no limit (a school behind NAT is one address)."""
    idle_timeout: float = 900.0
    """Seconds without activity (a key the game answered) before a session is closed."""
    failure_delay: float = 1.0
    """Seconds before answering a wrong password; doubles with each recent failure."""
    max_failure_delay: float = 8.0
    max_failures: int = 30
    """Failed logins from one address within `failure_window` before it is locked out."""
    failure_window: float = 300.0
    """Seconds a failed login counts against its address (and the lockout's length)."""
    passwords_per_connection: int = 3
    """Wrong passwords before the connection is closed, as OpenSSH does."""
    login_timeout: float = 30.0
    """Seconds a client has to log in after connecting."""
    grace: float = 2.0
    """Seconds between SIGTERM and SIGKILL when a game must end."""
    hangup_grace: float = 4.0
    """Seconds between SIGHUP and SIGTERM: the game finishes the answer it is checking and
    saving (a check may take `SERVER_CHECK_DEADLINE`, 3 s), then exits by itself."""
    no_session_timeout: float = 30.0
    """Seconds a logged-in connection has to open its game before it is closed."""
    game_memory: int = 2048 * 1024 * 1024
    """Bytes of address space a game (and so its checker) may use (RLIMIT_AS); a game needs
    about 550 MiB of address space (100 MiB of memory), its checker about 200 MiB."""
    game_cpu: float = 1800.0
    """CPU seconds a game may use in all (RLIMIT_CPU); a lesson's play takes a few."""
    max_env_requests: int = 64
    """Environment variables a client may send on its session before it is disconnected
    (none is kept: nothing the client sends reaches the game)."""


class AddressGate:
    """Counts failed logins and open connections per client address.

    Pure bookkeeping with an injectable clock: the connection code asks it and acts.
    """

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._open: Counter[str] = Counter()

    def _recent(self, address: str) -> deque[float]:
        """The address's failures still inside the window (older ones are dropped)."""
        failures = self._failures.get(address)
        if failures is None:
            return deque()
        cutoff = self._clock() - self._limits.failure_window
        while failures and failures[0] <= cutoff:
            failures.popleft()
        if not failures:
            del self._failures[address]
        return failures

    def refusal(self, address: str) -> str | None:
        """Why `address` may not log in right now, or None when it may."""
        failures = self._recent(address)
        if len(failures) >= self._limits.max_failures:
            wait = failures[0] + self._limits.failure_window - self._clock()
            minutes = max(1, math.ceil(wait / 60))
            return f"Too many failed logins from {address}: try again in {minutes} min."
        limit = self._limits.max_per_address
        if limit and self._open[address] > limit:
            return f"Too many connections from {address} (at most {limit} at once)."
        return None

    def failed(self, address: str) -> float:
        """Record a failed login; return the seconds to wait before answering it."""
        failures = self._recent(address)
        failures.append(self._clock())
        self._failures[address] = failures
        doublings = min(len(failures) - 1, 16)
        return min(self._limits.failure_delay * 2.0**doublings, self._limits.max_failure_delay)

    def connected(self, address: str) -> None:
        """A connection from `address` opened (it counts until `disconnected`)."""
        self._open[address] += 1

    def disconnected(self, address: str) -> None:
        """A connection from `address` closed."""
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]

    def open_connections(self, address: str) -> int:
        """Connections open now from `address`."""
        return self._open[address]
