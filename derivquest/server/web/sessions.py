"""Logged-in browsers: a random token in an HttpOnly cookie, the rest kept on the server."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

COOKIE = "derivquest_session"
"""The cookie's name; its value is the token and nothing else."""

LIFETIME = 12 * 3600.0
"""Seconds a login lasts (a school day); then the student logs in again."""

MAX_LOGINS = 10_000
"""Logins kept at once; past it the oldest is forgotten (each needed a right password)."""


@dataclass(slots=True)
class Login:
    """One logged-in browser."""

    name: str
    """The student: their roster name and profile name."""
    address: str
    created: float


class SessionTable:
    """Token -> login, in memory: a restarted server forgets every login, by design."""

    def __init__(self, lifetime: float = LIFETIME, clock: Callable[[], float] = time.monotonic):
        self._lifetime = lifetime
        self._clock = clock
        self._logins: dict[str, Login] = {}

    def create(self, name: str, address: str) -> str:
        """Log `name` in; return the new token (256 random bits, URL-safe)."""
        if len(self._logins) >= MAX_LOGINS:
            del self._logins[next(iter(self._logins))]  # dicts keep insertion order
        token = secrets.token_urlsafe(32)
        self._logins[token] = Login(name, address, self._clock())
        return token

    def lookup(self, token: str | None) -> Login | None:
        """The login `token` stands for, or None (unknown, or older than the lifetime)."""
        if not token:
            return None
        login = self._logins.get(token)
        if login is None:
            return None
        if self._clock() - login.created > self._lifetime:
            del self._logins[token]
            return None
        return login

    def end(self, token: str | None) -> None:
        """Log out (an unknown token is ignored)."""
        if token:
            self._logins.pop(token, None)

    def __len__(self) -> int:
        return len(self._logins)
