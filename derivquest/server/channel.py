"""The SSH channel a game session runs on: environment requests are counted and dropped."""

from __future__ import annotations

import logging

import asyncssh
from asyncssh.packet import SSHPacket

log = logging.getLogger("derivquest.server")


class GameChannel(asyncssh.SSHServerChannel[bytes]):
    """asyncssh's session channel, except that it keeps none of the client's variables.

    asyncssh stores every `env` request in a dict that lives as long as the channel: a
    client could send thousands of large ones. Nothing the client sends reaches the game,
    so each is refused (OpenSSH's client ignores that), and a client that sends more than
    `env_limit` is disconnected.
    """

    env_limit = 64
    """Environment requests accepted (and refused) before the connection is closed."""
    env_requests = 0
    """Environment requests received so far."""

    @classmethod
    def open(cls, conn: asyncssh.SSHServerConnection, env_limit: int) -> GameChannel:
        """A new session channel on `conn` carrying bytes (the game's output is untouched)."""
        chan = conn.create_server_channel(encoding=None)
        # asyncssh builds its channels itself; this class only replaces one request handler,
        # so the object asyncssh made is turned into one (no state is added or lost).
        chan.__class__ = cls
        assert isinstance(chan, GameChannel)
        chan.env_limit = env_limit
        return chan

    def _process_env_request(self, packet: SSHPacket) -> bool:
        packet.get_string()
        packet.get_string()
        packet.check_end()
        self.env_requests += 1
        if self.env_requests == self.env_limit + 1:
            log.warning("closing a connection that sent over %d variables", self.env_limit)
            self.get_extra_info("connection").disconnect(
                asyncssh.DISC_BY_APPLICATION, "Too many environment variables."
            )
        return False
