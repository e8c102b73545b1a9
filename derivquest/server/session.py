"""One student's session: their game on a pty, bytes passed both ways, and its ending."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Mapping

import asyncssh

from derivquest.server import terminal
from derivquest.server.classroom import Classroom
from derivquest.server.pty_child import PtyChild, WindowSize

log = logging.getLogger("derivquest.server")

READ_SIZE = 65536
MAX_PENDING_KEYS = 65536
"""Keys waiting for a game that does not read; past this the client is told to pause."""


class GameSession(asyncssh.SSHServerSession[bytes]):
    """Runs `derivquest --profile NAME` on a pty with the client's TERM and window size.

    Only a shell request starts it: commands and subsystems (SFTP, scp) are refused.
    """

    def __init__(
        self, classroom: Classroom, conn: asyncssh.SSHServerConnection, name: str, address: str
    ) -> None:
        self._classroom = classroom
        self._conn = conn
        self.name = name
        """The student (login name = profile name)."""
        self._address = address
        self._loop = asyncio.get_running_loop()
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = WindowSize(80, 24)
        self._child: PtyChild | None = None
        self._keys = bytearray()
        self._reading = False
        self._paused = False
        self._ending: asyncio.Task[int] | None = None
        self._notice: str | None = None
        self._last_input = self._loop.time()
        """When the player last did something the game answered (the idle clock)."""
        self._unanswered: float | None = None
        """When the player typed something the game has not answered yet (None: nothing)."""
        self._idle: asyncio.TimerHandle | None = None
        self._started = False
        self._launching: asyncio.Task[None] | None = None
        """The game's start while it is under way."""
        self._stop_asked = False
        """`stop` was called before the game had started."""
        self.finished = asyncio.Event()
        """Set once the game has ended and the channel is closed."""

    @property
    def started(self) -> bool:
        """True once a shell request was answered (with the game or a notice)."""
        return self._started

    @property
    def connection(self) -> asyncssh.SSHServerConnection:
        """The SSH connection this session runs on."""
        return self._conn

    @property
    def game_pid(self) -> int | None:
        """The game's pid while it runs."""
        child = self._child
        return None if child is None or child.exited else child.pid

    # -- requests from the client -------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Mapping[int, int]
    ) -> bool:
        self._term = term_type
        self._size = WindowSize.clamped(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        log.warning("%s@%s: refused the command %r", self.name, self._address, command[:80])
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        log.warning("%s@%s: refused the subsystem %r", self.name, self._address, subsystem[:80])
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def session_started(self) -> None:
        self._started = True
        if self._term is None:
            host, port = terminal.address(self._conn.get_extra_info("sockname"))
            hint = terminal.NEEDS_TERMINAL.format(port=port, name=self.name, host=host)
            self._close_with(hint, 1)
        elif self._classroom.closing:
            self._close_with(terminal.SHUTDOWN, 1)
        elif not self._classroom.admit(self):
            limit = self._classroom.config.limits.max_sessions
            log.info("%s@%s: turned away, %d playing", self.name, self._address, limit)
            self._close_with(terminal.full(limit), 1)
        else:
            self._start_game()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._typed()
        if self._launching is not None:
            self._keys += data  # written once the game is there
        elif self._child is not None and not self._child.exited:
            self._keys += data
            self._write_keys()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._typed()
        self._size = WindowSize.clamped(width, height)
        if self._child is not None:
            self._child.resize(self._size)

    def eof_received(self) -> bool:
        # No more keys can come: end the game, keep the channel open for its last output.
        self.stop(None)
        return True

    def pause_writing(self) -> None:
        self._paused = True
        self._watch_output(False)

    def resume_writing(self) -> None:
        self._paused = False
        self._watch_output(True)

    def connection_lost(self, exc: Exception | None) -> None:
        # The channel is gone (a dropped connection, or we closed it): nobody to tell.
        self._chan = None
        self.stop(None)
        if self._child is None and self._launching is None:
            self.finished.set()

    # -- the game -----------------------------------------------------------------------------

    def _start_game(self) -> None:
        self._launching = self._loop.create_task(self._launch())

    async def _launch(self) -> None:
        """Start the game (forking takes a moment: keys typed meanwhile wait for it)."""
        try:
            child = await self._classroom.launcher.launch(self.name, self._term, self._size)
        except OSError as error:
            log.error("%s: the game did not start: %s", self.name, error)
            self._classroom.leave(self)
            self._close_with(terminal.CANNOT_START.format(error=error.strerror), 1)
            return
        finally:
            self._launching = None
        self._child = child
        log.info("%s@%s: playing (pid %d, %s)", self.name, self._address, child.pid, self._term)
        self._watch_output(True)
        self._check_idle()
        self._loop.create_task(self._supervise(child))
        if child.size != self._size:  # the window changed while the game was starting
            child.resize(self._size)
        if self._keys:
            self._write_keys()
        if self._stop_asked:  # the client left, or the server began shutting down, meanwhile
            self.stop(self._notice)

    def stop(self, notice: str | None) -> None:
        """End the game (SIGHUP, SIGTERM, SIGKILL); show `notice` if the client is still there."""
        child = self._child
        if child is None and self._launching is not None:
            self._stop_asked = True
            self._notice = notice
            return
        if child is None or child.exited or self._ending is not None:
            return
        self._notice = notice
        limits = self._classroom.config.limits
        self._ending = self._loop.create_task(child.end(limits.grace, limits.hangup_grace))

    async def shut_down(self) -> None:
        """End the game for a server shutdown and wait until the session is closed."""
        self.stop(terminal.SHUTDOWN)
        await self.finished.wait()

    async def _supervise(self, child: PtyChild) -> None:
        code = await child.wait()
        try:
            self._watch_output(False)
            self._loop.remove_writer(child.master)
            self._forward_output(drain=True)
            child.close()
            if self._idle is not None:
                self._idle.cancel()
            log.info("%s@%s: game ended (%d)", self.name, self._address, code)
            if code == -signal.SIGXCPU:
                minutes = max(1, round(self._classroom.config.limits.game_cpu / 60))
                self._notice = terminal.OUT_OF_CPU.format(minutes=minutes)
            if self._notice is not None:
                # The server ended a game the student did nothing wrong in: exit status 0.
                self._send(terminal.RESET.encode("ascii") + terminal.notice(self._notice))
                code = 0
            self._exit(code if code >= 0 else 128 - code)
        finally:
            self._classroom.leave(self)
            self.finished.set()
            # One game per connection: once it is over, the connection has nothing left to do.
            self._loop.call_later(1.0, self._conn.close)

    def _close_with(self, text: str, status: int) -> None:
        """Show `text`, then close the channel and soon the connection (no game was started)."""
        self._send(terminal.notice(text))
        self._exit(status)
        self.finished.set()
        self._loop.call_later(1.0, self._conn.close)

    def _send(self, data: bytes) -> None:
        """Write to the client, if it is still there (it may close its side at any moment)."""
        if self._chan is not None:
            try:
                self._chan.write(data)
            except (BrokenPipeError, asyncssh.Error):
                self._chan = None

    def _exit(self, status: int) -> None:
        """Send the exit status and close the channel, if the client is still there."""
        if self._chan is not None:
            try:
                self._chan.exit(status)
            except (BrokenPipeError, asyncssh.Error):
                pass

    # -- bytes both ways ----------------------------------------------------------------------

    def _watch_output(self, on: bool) -> None:
        child = self._child
        if child is None:
            return
        on = on and not self._paused and not child.exited
        if on and not self._reading:
            self._loop.add_reader(child.master, self._forward_output)
        elif not on and self._reading:
            self._loop.remove_reader(child.master)
        self._reading = on

    def _forward_output(self, drain: bool = False) -> None:
        """Pass what the game wrote to the client (all of it when `drain`)."""
        assert self._child is not None
        while True:
            try:
                data = os.read(self._child.master, READ_SIZE)
            except BlockingIOError:
                return
            except OSError:  # EIO: the game closed its terminal; its exit comes next
                self._watch_output(False)
                return
            if not data:
                return
            self._send(data)
            self._answered()
            if not drain:
                return

    def _write_keys(self) -> None:
        child = self._child
        if child is None:
            return
        try:
            while self._keys:
                written = os.write(child.master, self._keys)
                del self._keys[:written]
        except BlockingIOError:
            pass
        except OSError:  # the game is gone: its keys have nowhere to go
            self._keys.clear()
        if self._keys:
            self._loop.add_writer(child.master, self._write_keys)
            if len(self._keys) > MAX_PENDING_KEYS and self._chan is not None:
                self._chan.pause_reading()
        else:
            self._loop.remove_writer(child.master)
            if self._chan is not None:
                self._chan.resume_reading()

    # -- the idle clock -------------------------------------------------------------------------

    def _typed(self) -> None:
        """The player typed (or resized): it counts once the game answers."""
        if self._unanswered is None:
            self._unanswered = self._loop.time()

    def _answered(self) -> None:
        """The game wrote something: the keys before it were activity.

        A frozen game answers nothing, so keys pressed at it do not keep it alive; output
        the player did not ask for (a countdown) does not count either.
        """
        if self._unanswered is not None:
            self._last_input = max(self._last_input, self._unanswered)
            self._unanswered = None

    def _check_idle(self) -> None:
        limit = self._classroom.config.limits.idle_timeout
        idle = self._loop.time() - self._last_input
        if idle >= limit:
            log.info("%s@%s: idle for %.0f s", self.name, self._address, idle)
            self.stop(terminal.IDLE.format(minutes=max(1, round(limit / 60))))
        else:
            self._idle = self._loop.call_later(limit - idle, self._check_idle)
