"""The state every connection shares: the config, the per-address gate, the running games."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from derivquest.server.config import ServerConfig
from derivquest.server.launcher import GameLauncher
from derivquest.server.limits import AddressGate

if TYPE_CHECKING:
    import asyncssh

    from derivquest.server.session import GameSession

log = logging.getLogger("derivquest.server")


class Classroom:
    """One server's shared state; lives on the event loop's thread only."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.gate = AddressGate(config.limits)
        """Failed logins and connections per address."""
        self.sessions: set[GameSession] = set()
        """Sessions running a game (each holds one of `limits.max_sessions` places)."""
        self.waiting: set[asyncssh.SSHServerConnection] = set()
        """Logged-in connections whose game has not started yet (each holds a place too)."""
        self.closing = False
        """True once shutdown began: no new games start."""
        self.launcher = GameLauncher(config)
        """Starts the games (forked from the zygote, or fresh)."""

    def places_taken(self) -> int:
        """Games running plus logged-in connections waiting to start theirs."""
        return len(self.sessions) + len(self.waiting)

    def reserve(self, conn: asyncssh.SSHServerConnection) -> bool:
        """Hold a place for a connection that just logged in; False when none is free."""
        if self.closing or self.places_taken() >= self.config.limits.max_sessions:
            return False
        self.waiting.add(conn)
        return True

    def release(self, conn: asyncssh.SSHServerConnection) -> None:
        """Give back the place held for `conn` (it closed, or it waited too long)."""
        self.waiting.discard(conn)

    def admit(self, session: GameSession) -> bool:
        """Take a place for `session`'s game (its connection's, if it holds one).

        False when the class is full or closing.
        """
        if self.closing:
            return False
        if session.connection in self.waiting:
            self.waiting.discard(session.connection)
        elif self.places_taken() >= self.config.limits.max_sessions:
            return False
        self.sessions.add(session)
        return True

    def leave(self, session: GameSession) -> None:
        """Give back `session`'s place (its game has ended)."""
        self.sessions.discard(session)

    def game_pids(self) -> list[int]:
        """The pids of the games running now, and of the zygote they are forked from."""
        games = [pid for session in self.sessions if (pid := session.game_pid) is not None]
        return [*games, *self.launcher.pids()]

    async def shut_down(self) -> None:
        """Tell every student, end every game (answers are saved already) and wait."""
        self.closing = True
        sessions = list(self.sessions)
        if sessions:
            log.info("ending %d sessions", len(sessions))
        await asyncio.gather(*(session.shut_down() for session in sessions))
        await self.launcher.close()
