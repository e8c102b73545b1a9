"""The server's side of its zygote: start it, know when it is ready, restart it when it dies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from derivquest.server.pty_child import PtyChild, open_pty
from derivquest.server.zygote_wire import (
    MAX_MESSAGE,
    GameRequest,
    WireError,
    decode_reply,
    send_request,
)

log = logging.getLogger("derivquest.server")

READY_FD = 3
"""The descriptor on which the zygote writes `ready` once it listens."""

REPLY_TIMEOUT = 10.0
"""Seconds a fork may take before the zygote is taken for hung (it is replaced)."""

RESTART_DELAYS = (0.5, 2.0, 10.0, 30.0)
"""Seconds before restarting a zygote that died, longer after each quick death in a row."""

LIVED_LONG = 60.0
"""A zygote that ran this long before dying starts the restart delays over."""

MAX_SOCKET_PATH = 100
"""Bytes a Unix socket's path may take (the kernel's limit is 108)."""

PRIVATE_PREFIX = "derivquest-zygote-"
"""A private temporary folder for the socket, when the data directory's path is too long."""


def socket_path(folder: Path) -> Path:
    """Where the zygote listens: in the server's private folder, or a private temp folder
    when that path is too long for a Unix socket."""
    path = folder / f"zygote-{os.getpid()}.sock"
    if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
        return path
    return Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX)) / "zygote.sock"


def running_zygote_socket(server_pid: int) -> Path | None:
    """Where the zygote of the server `server_pid` listens (read from the zygote's command
    line, since a long data directory moves it to a temporary folder), or None when that
    server has no zygote running (Linux /proc; for tests, the benchmark and an admin)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server_pid and argv[1:3] == [b"-m", b"derivquest.server.zygote"]:
            return Path(os.fsdecode(argv[3]))
    return None


class Zygote:
    """One zygote process: its pid, whether it listens, and the forks it makes."""

    def __init__(
        self,
        entry: str,
        options: Sequence[str],
        env: dict[str, str],
        folder: Path,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        """`entry`: the module the zygote prepares and runs per game, with `options`."""
        self._entry = entry
        self._options = list(options)
        self._env = env
        self._loop = loop
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = socket_path(folder)
        self.pid: int | None = None
        self.ready = False
        """True while the zygote listens: games are forked; otherwise they start fresh."""
        self.restarts = 0
        """How many times it was started again after dying."""
        self._started_at = 0.0
        self._quick_deaths = 0
        self._pidfd: int | None = None
        self._ready_pipe: int | None = None
        self._closing = False
        self._restart: asyncio.TimerHandle | None = None
        self.became_ready = asyncio.Event()
        """Set each time a zygote starts listening (tests and the benchmark wait for it)."""

    def start(self) -> None:
        """Start the zygote process (it takes a few seconds to import and warm up)."""
        if self._closing or self.pid is not None:
            return
        read_end, write_end = os.pipe()
        argv = [
            sys.executable,
            "-m",
            "derivquest.server.zygote",
            str(self.path),
            str(READY_FD),
            self._entry,
            *self._options,
        ]
        try:
            pid = os.posix_spawn(
                argv[0],
                argv,
                self._env,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                    (os.POSIX_SPAWN_DUP2, write_end, READY_FD),
                ],
                setsid=True,  # Ctrl+C in the server's terminal is the server's to handle
            )
        except OSError as error:
            os.close(read_end)
            log.error("the game zygote did not start (%s): games start fresh", error)
            self._schedule_restart()
            return
        finally:
            os.close(write_end)
        self.pid = pid
        self._started_at = time.monotonic()
        self._ready_pipe = read_end
        self._loop.add_reader(read_end, self._read_ready)
        try:
            self._pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self._pidfd = None
            self._loop.call_later(1.0, self._poll)
        else:
            self._loop.add_reader(self._pidfd, self._ended)

    def _read_ready(self) -> None:
        assert self._ready_pipe is not None
        try:
            said = os.read(self._ready_pipe, 64)
        except OSError:
            said = b""
        self._loop.remove_reader(self._ready_pipe)
        os.close(self._ready_pipe)
        self._ready_pipe = None
        if said.startswith(b"ready"):
            self.ready = True
            self.became_ready.set()
            log.info("game zygote ready (pid %s): games are forked from it", self.pid)

    # -- forking a game ---------------------------------------------------------------------

    async def fork_game(self, request: GameRequest) -> PtyChild | None:
        """Fork a game on a new pty; None when the zygote cannot (the caller starts it fresh).

        The game is this process's child once the zygote replies (this process is a child
        subreaper), so it is reaped and its exit code seen as for a spawned game.
        """
        if not self.ready:
            return None
        master, slave = open_pty(request.size)
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        connection.setblocking(False)
        try:
            async with asyncio.timeout(REPLY_TIMEOUT):
                await self._loop.sock_connect(connection, str(self.path))
                send_request(connection, request, slave)
                os.close(slave)
                slave = -1
                reply = await self._loop.sock_recv(connection, MAX_MESSAGE)
            pid = decode_reply(reply)
        except (OSError, WireError, TimeoutError) as error:
            os.close(master)
            log.warning("the game zygote did not fork a game (%s): starting it fresh", error)
            if isinstance(error, TimeoutError):
                self._kill()  # hung: a new one is started when it has ended
            return None
        finally:
            if slave >= 0:
                os.close(slave)
            connection.close()
        return PtyChild.adopt(pid, master, self._loop, request.size)

    # -- its end ----------------------------------------------------------------------------

    def _poll(self) -> None:
        if self.pid is None:
            return
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            done = self.pid
        if done:
            self._reaped(-1)
        else:
            self._loop.call_later(1.0, self._poll)

    def _ended(self) -> None:
        assert self._pidfd is not None and self.pid is not None
        self._loop.remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = None
        try:
            _, status = os.waitpid(self.pid, 0)
            code = os.waitstatus_to_exitcode(status)
        except ChildProcessError:  # reaped elsewhere
            code = -1
        self._reaped(code)

    def _reaped(self, code: int) -> None:
        if self._ready_pipe is not None:
            self._loop.remove_reader(self._ready_pipe)
            os.close(self._ready_pipe)
            self._ready_pipe = None
        self.pid = None
        self.ready = False
        self.became_ready.clear()
        with contextlib.suppress(OSError):
            self.path.unlink()
        if self._closing:
            return
        log.warning("the game zygote ended (%d): games start fresh until it is back", code)
        lived = time.monotonic() - self._started_at
        self._quick_deaths = 0 if lived >= LIVED_LONG else self._quick_deaths + 1
        self._schedule_restart()

    def _schedule_restart(self) -> None:
        if self._closing:
            return
        delay = RESTART_DELAYS[min(self._quick_deaths, len(RESTART_DELAYS) - 1)]
        self._restart = self._loop.call_later(delay, self._restart_now)

    def _restart_now(self) -> None:
        self._restart = None
        self.restarts += 1
        self.start()

    def _kill(self) -> None:
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    async def close(self, grace: float = 2.0) -> None:
        """End the zygote (games already forked are not its children and run on)."""
        self._closing = True
        self.ready = False
        if self._restart is not None:
            self._restart.cancel()
        await self._end(grace)
        if self.path.parent.name.startswith(PRIVATE_PREFIX):  # made for this socket alone
            with contextlib.suppress(OSError):
                self.path.unlink()
            with contextlib.suppress(OSError):
                self.path.parent.rmdir()

    async def _end(self, grace: float = 2.0) -> None:
        pid = self.pid
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = self._loop.time() + grace
        while self.pid is not None and self._loop.time() < deadline:
            await asyncio.sleep(0.02)
        if self.pid is not None:
            self._kill()
            while self.pid is not None:
                if self._pidfd is None:
                    self._poll()
                await asyncio.sleep(0.02)
