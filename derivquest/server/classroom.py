"""The state every connection shares: the config, the per-address gate, the running games."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from derivquest.server.config import ServerConfig
from derivquest.server.limits import AddressGate

if TYPE_CHECKING:
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
        self.closing = False
        """True once shutdown began: no new games start."""

    def admit(self, session: GameSession) -> bool:
        """Take a place for `session`'s game; False when the class is full or closing."""
        if self.closing or len(self.sessions) >= self.config.limits.max_sessions:
            return False
        self.sessions.add(session)
        return True

    def leave(self, session: GameSession) -> None:
        """Give back `session`'s place (its game has ended)."""
        self.sessions.discard(session)

    def game_pids(self) -> list[int]:
        """The pids of the games running now."""
        return [pid for session in self.sessions if (pid := session.game_pid) is not None]

    async def shut_down(self) -> None:
        """Tell every student, end every game (answers are saved already) and wait."""
        self.closing = True
        sessions = list(self.sessions)
        if sessions:
            log.info("ending %d sessions", len(sessions))
        await asyncio.gather(*(session.shut_down() for session in sessions))
