"""One SSH connection: who logs in (with delays and lockouts), one game, and nothing else."""

from __future__ import annotations

import asyncio
import logging

import asyncssh

from derivquest.server import terminal
from derivquest.server.channel import GameChannel
from derivquest.server.classroom import Classroom
from derivquest.server.names import name_problem
from derivquest.server.session import GameSession

log = logging.getLogger("derivquest.server")

MAX_SESSION_REQUESTS = 5
"""Session channels one connection may open; only one of them can run a game."""


class StudentConnection(asyncssh.SSHServer):
    """The asyncssh server hooks for one client.

    The game is all a client can reach: port forwarding (both directions), UNIX sockets,
    tunnels, a second session, commands and subsystems are refused here or in GameSession;
    agent and X11 forwarding are switched off in the listener's options.
    """

    def __init__(self, classroom: Classroom) -> None:
        self._classroom = classroom
        self._conn: asyncssh.SSHServerConnection | None = None
        self._address = "unknown"
        self._refusal: str | None = None
        self._tried = False
        self._authenticated = False
        self._wrong_passwords = 0
        self._session: GameSession | None = None
        self._sessions_asked = 0
        self._no_session: asyncio.TimerHandle | None = None

    # -- connecting ---------------------------------------------------------------------------

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self._address = str(peer[0]) if peer else "unknown"
        self._classroom.gate.connected(self._address)

    def connection_lost(self, exc: Exception | None) -> None:
        gate = self._classroom.gate
        gate.disconnected(self._address)
        if self._no_session is not None:
            self._no_session.cancel()
        if self._conn is not None:
            self._classroom.release(self._conn)
        if self._tried and not self._authenticated and not self._wrong_passwords:
            gate.failed(self._address)  # every key offered was refused (passwords count each)
        if self._session is not None:
            self._session.stop(None)

    # -- logging in ---------------------------------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        """Return True when `username` must prove who they are (always, except --open)."""
        classroom = self._classroom
        self._refusal = classroom.gate.refusal(self._address)
        if self._refusal is None and classroom.closing:
            self._refusal = "DerivQuest: the server is shutting down."
        if self._refusal is None and classroom.config.admission.mode == "open":
            problem = name_problem(username)
            if problem is None:
                return False
            assert self._conn is not None
            host, port = terminal.address(self._conn.get_extra_info("sockname"))
            self._refusal = terminal.BAD_NAME.format(port=port, host=host, problem=problem)
        if self._refusal is not None:
            log.info("%s@%s: refused: %s", username, self._address, self._refusal)
            assert self._conn is not None
            self._conn.send_auth_banner(self._refusal + "\r\n")
        return True

    def public_key_auth_supported(self) -> bool:
        return self._classroom.config.admission.accepts_keys

    async def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        # Called for each key the client offers: refusing one is normal, so no delay here;
        # a connection that ends without logging in counts as one failure.
        self._tried = True
        if self._refusal is not None:
            return False
        admission = self._classroom.config.admission
        # The database roster is read at each login: off the loop, so games play on.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, admission.key_allowed, username, key.public_data)

    def password_auth_supported(self) -> bool:
        return self._classroom.config.admission.accepts_passwords

    async def validate_password(self, username: str, password: str) -> bool:
        self._tried = True
        classroom = self._classroom
        limits = classroom.config.limits
        if self._refusal is None and classroom.gate.refusal(self._address) is None:
            loop = asyncio.get_running_loop()
            admission = classroom.config.admission
            if await loop.run_in_executor(None, admission.password_ok, username, password):
                return True
            delay = classroom.gate.failed(self._address)
        else:
            delay = limits.max_failure_delay
        self._wrong_passwords += 1
        log.info("%s@%s: wrong password (%d)", username, self._address, self._wrong_passwords)
        await asyncio.sleep(delay)
        if self._wrong_passwords >= limits.passwords_per_connection and self._conn is not None:
            self._conn.disconnect(
                asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, "Too many wrong passwords."
            )
        return False

    def auth_completed(self) -> None:
        self._authenticated = True
        assert self._conn is not None
        log.info("%s@%s: logged in", self._conn.get_extra_info("username"), self._address)
        # A logged-in connection holds a place until its game starts (or it gives up): a
        # client that logs in and opens nothing must not slip past --max-sessions.
        self._classroom.reserve(self._conn)
        timeout = self._classroom.config.limits.no_session_timeout
        self._no_session = asyncio.get_running_loop().call_later(timeout, self._never_played)

    def _never_played(self) -> None:
        """Close a logged-in connection that has not opened its game in time."""
        if self._conn is None or (self._session is not None and self._session.started):
            return
        timeout = self._classroom.config.limits.no_session_timeout
        log.info("%s: no game opened within %.0f s, closing", self._address, timeout)
        self._classroom.release(self._conn)
        self._conn.disconnect(
            asyncssh.DISC_BY_APPLICATION, f"No game was opened within {timeout:.0f} seconds."
        )

    # -- what a logged-in client may ask for --------------------------------------------------

    def session_requested(self) -> tuple[GameChannel, GameSession] | bool:
        if self._conn is None or not self._authenticated:
            return False
        # One game per connection; a session refused before its game started (a command,
        # SFTP) does not count, but a client gets only a few tries.
        if self._session is not None and self._session.started:
            return False
        self._sessions_asked += 1
        if self._sessions_asked > MAX_SESSION_REQUESTS:
            return False
        name = str(self._conn.get_extra_info("username"))
        self._session = GameSession(self._classroom, self._conn, name, self._address)
        limit = self._classroom.config.limits.max_env_requests
        return GameChannel.open(self._conn, limit), self._session

    def connection_requested(
        self, dest_host: str, dest_port: int, orig_host: str, orig_port: int
    ) -> bool:
        log.warning("%s: refused forwarding to %s:%s", self._address, dest_host, dest_port)
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.warning("%s: refused a listener on %s:%s", self._address, listen_host, listen_port)
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        return False

    def tun_requested(self, unit: int | None) -> bool:
        return False

    def tap_requested(self, unit: int | None) -> bool:
        return False
