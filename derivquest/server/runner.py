"""Start the listener, run until SIGTERM/SIGINT/SIGHUP, then shut down cleanly (exit 0)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

import asyncssh

from derivquest import __version__
from derivquest.progress.location import describe, from_environment
from derivquest.server.checkers import start_pool, stop_pool
from derivquest.server.classroom import Classroom
from derivquest.server.config import ServerConfig
from derivquest.server.connection import StudentConnection
from derivquest.server.hostkey import fingerprint, host_key_path, load_or_create_host_key
from derivquest.server.reaper import StrayReaper, become_subreaper

SWEEP_SECONDS = 5.0
"""How often a dedicated server looks for processes its games left behind."""


@dataclass(slots=True)
class RunningServer:
    """A listening server (also used in-process by the tests)."""

    acceptor: asyncssh.SSHAcceptor
    classroom: Classroom
    port: int
    """The port it listens on (the chosen one when the config said 0)."""
    fingerprint: str
    new_key: bool
    """True when the host key was created by this start."""

    async def close(self) -> None:
        """Stop accepting, end every session (each student is told), wait for the games."""
        self.acceptor.close()
        await self.classroom.shut_down()
        await self.acceptor.wait_closed()


async def start_server(config: ServerConfig) -> RunningServer:
    """Listen on `config.host`:`config.port` with the host key from the data directory.

    Raises:
        OSError: the address cannot be bound or the host key cannot be written.
        ValueError: the host key file is not a private key.
    """
    key, created = load_or_create_host_key(config.host_key)
    classroom = Classroom(config)
    acceptor = await asyncssh.create_server(
        lambda: StudentConnection(classroom),
        config.host,
        config.port,
        server_host_keys=[key],
        server_version=f"DerivQuest_{__version__}",
        encoding=None,  # bytes both ways: the game's output is passed through untouched
        line_editor=False,
        agent_forwarding=False,
        x11_forwarding=False,
        gss_host=None,
        x509_trusted_certs=None,
        login_timeout=config.limits.login_timeout,
        keepalive_interval=30,  # a vanished network is noticed within two minutes
        keepalive_count_max=3,
        reuse_address=True,
    )
    classroom.launcher.start(asyncio.get_running_loop())
    return RunningServer(acceptor, classroom, acceptor.get_port(), fingerprint(key), created)


def _say(out: TextIO, line: str) -> None:
    out.write(line + "\n")
    out.flush()  # a teacher's log or a test reads this through a pipe


async def serve(config: ServerConfig, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the server until a stop signal; return the exit status (0 after a clean stop)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    reaper: StrayReaper | None = None
    # -- the shared answer checkers (server.checkers): started before any game --
    pool = start_pool() if config.checkers == "shared" else None
    if pool is not None:
        config = replace(config, checker_socket=pool.socket)
    kept = [] if pool is None else [pool.pid]  # the stray reaper must leave the pool alone
    try:
        server = await start_server(config)
    except BaseException:
        stop_pool(pool)
        raise
    # -- end of the checkers' part --
    if config.adopt_orphans and become_subreaper():
        reaper = StrayReaper(lambda: [*server.classroom.game_pids(), *kept])
    key_file = config.host_key or host_key_path()
    _say(out, f"DerivQuest classroom server listening on {config.host} port {server.port}")
    state = "new, saved in" if server.new_key else "kept in"
    _say(out, f"host key {server.fingerprint} ({state} {key_file})")
    exposed = host_key_exposed(key_file)
    if exposed:
        _say(err, f"WARNING: the host key {key_file} can be {exposed} by other users; anyone")
        _say(err, f"WARNING: who copies it can pretend to be this server (chmod 600 {key_file}).")
    _say(out, f"who may log in: {config.admission.describe()}")
    database = from_environment()  # a school's shared database (--database), if any
    _say(out, f"progress: {describe(database) if database else config.home}")
    _say(out, f"students type: ssh -p {server.port} NAME@{_reachable(config.host)}")
    _say(out, "answer checkers: " + ("shared pool" if pool is not None else "one per game"))
    if config.admission.mode == "open":
        _say(err, "WARNING: --open: ANYONE who can reach this port can log in under ANY name,")
        _say(err, "WARNING: including another student's, and see and change their progress.")
    _say(out, "stop with Ctrl+C or SIGTERM (students' answers are always saved)")
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SWEEP_SECONDS)
        if pool is not None:  # the shared answer checkers, started again if they died
            pool.revive()
            kept[:] = [pool.pid]
        if reaper is not None:
            reaper.sweep()
    count = len(server.classroom.sessions)
    _say(out, f"shutting down: ending {count} session{'' if count == 1 else 's'}")
    await server.close()
    stop_pool(pool)  # the shared answer checkers, after the last game
    config.admission.close()  # the database roster's connection, once no login can come
    if reaper is not None:
        await _end_strays(reaper, config.limits.grace)
    _say(out, "stopped")
    return 0


def host_key_exposed(path: Path) -> str | None:
    """How others can reach the host key file ("read", "read and written"), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    readable, writable = mode & 0o044, mode & 0o022
    if readable and writable:
        return "read and written"
    if readable:
        return "read"
    return "written" if writable else None


def _reachable(host: str) -> str:
    """The name students use for a server listening on `host` (any address: this machine's)."""
    return socket.gethostname() if host in ("", "0.0.0.0", "::") else host


async def _end_strays(reaper: StrayReaper, grace: float) -> None:
    """SIGTERM what games left behind, then SIGKILL whatever is still there after `grace`."""
    if not reaper.end_all(signal.SIGTERM):
        return
    deadline = asyncio.get_running_loop().time() + grace
    while reaper.end_all(0) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    deadline += 5.0  # SIGKILL is not refused; only a process stuck in the kernel outlasts it
    while reaper.end_all(signal.SIGKILL) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
