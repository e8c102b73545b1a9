"""Logged-in browsers: a random token in an HttpOnly cookie, the rest kept on the server.

The table is bounded, so a flood of logins (easy with `web --open`, where a login needs
no password) cannot fill the server's memory: each address may log in so many times a
minute, holds so many logins at once, and the whole table so many; past a bound the login
idle longest is forgotten (its student logs in again), never a refusal of everyone.
"""

from __future__ import annotations

import math
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

COOKIE = "derivquest_session"
"""The cookie's name; its value is the token and nothing else."""

LIFETIME = 12 * 3600.0
"""Seconds a login lasts (a school day); then the student logs in again."""

MAX_LOGINS = 10_000
"""Logins kept at once; past it the one idle longest is forgotten."""

MAX_PER_ADDRESS = 500
"""Logins one address keeps at once (a school's NAT puts a whole school behind one);
past it that address's own login idle longest is forgotten, so a flood only evicts itself."""

LOGINS_PER_MINUTE = 60
"""New logins one address may make in a minute; more are refused until the minute passes."""

RATE_WINDOW = 60.0


class LoginRateError(Exception):
    """Too many logins from one address in the last minute; `wait` says how long to wait."""

    def __init__(self, wait: int) -> None:
        self.wait = wait
        """Whole seconds until the next login from that address is accepted."""
        super().__init__(f"too many logins from this address: wait {wait} s")


@dataclass(slots=True)
class Login:
    """One logged-in browser."""

    name: str
    """The student: their roster name and profile name."""
    address: str
    created: float
    last_seen: float = 0.0
    """When the browser last used the login (its idle time orders the evictions)."""


class SessionTable:
    """Token -> login, in memory: a restarted server forgets every login, by design."""

    def __init__(
        self,
        lifetime: float = LIFETIME,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_logins: int = MAX_LOGINS,
        per_address: int = MAX_PER_ADDRESS,
        per_minute: int = LOGINS_PER_MINUTE,
    ):
        self._lifetime = lifetime
        self._clock = clock
        self._max = max_logins
        self._per_address = per_address
        self._per_minute = per_minute
        self._logins: OrderedDict[str, Login] = OrderedDict()
        """Least recently used first."""
        self._held: dict[str, int] = {}
        """Address -> logins it holds now."""
        self._recent: dict[str, deque[float]] = {}
        """Address -> times of its logins in the last minute."""
        self._next_sweep = 0.0

    def check_rate(self, address: str) -> None:
        """Raise LoginRateError when `address` has logged in too often this minute.

        Called before a password is checked, so a flood costs no scrypt work either.
        """
        now = self._clock()
        recent = self._recent.get(address)
        if recent is None:
            return
        while recent and now - recent[0] >= RATE_WINDOW:
            recent.popleft()
        if not recent:
            del self._recent[address]
        elif len(recent) >= self._per_minute:
            raise LoginRateError(max(1, math.ceil(recent[0] + RATE_WINDOW - now)))

    def create(self, name: str, address: str) -> str:
        """Log `name` in; return the new token (256 random bits, URL-safe).

        Raises:
            LoginRateError: `address` made too many logins in the last minute.
        """
        self.check_rate(address)
        now = self._clock()
        self._forget_stale(now)
        if self._held.get(address, 0) >= self._per_address:
            self._evict(next(t for t, login in self._logins.items() if login.address == address))
        if len(self._logins) >= self._max:
            self._evict(next(iter(self._logins)))
        token = secrets.token_urlsafe(32)
        self._logins[token] = Login(name, address, now, now)
        self._held[address] = self._held.get(address, 0) + 1
        self._recent.setdefault(address, deque()).append(now)
        return token

    def lookup(self, token: str | None) -> Login | None:
        """The login `token` stands for, or None (unknown, or older than the lifetime)."""
        if not token:
            return None
        login = self._logins.get(token)
        if login is None:
            return None
        now = self._clock()
        if now - login.created > self._lifetime:
            self._evict(token)
            return None
        login.last_seen = now
        self._logins.move_to_end(token)
        return login

    def end(self, token: str | None) -> None:
        """Log out (an unknown token is ignored)."""
        if token and token in self._logins:
            self._evict(token)

    def _evict(self, token: str) -> None:
        login = self._logins.pop(token)
        left = self._held[login.address] - 1
        if left:
            self._held[login.address] = left
        else:
            del self._held[login.address]

    def _forget_stale(self, now: float) -> None:
        """Drop expired logins and old rate records, at most once a minute (a full scan)."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + RATE_WINDOW
        for token in [t for t, g in self._logins.items() if now - g.created > self._lifetime]:
            self._evict(token)
        for address in [a for a, times in self._recent.items() if now - times[-1] >= RATE_WINDOW]:
            del self._recent[address]

    def __len__(self) -> int:
        return len(self._logins)
