"""A game on its own pseudo-terminal: spawned, resized, and ended in steps without orphans."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import resource
import signal
import struct
import termios
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_COLUMNS = 1000
MAX_ROWS = 500
"""A client may claim any size; a huge one would make the game allocate a huge screen."""

DEFAULT_SIGNALS = (
    signal.SIGHUP,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGPIPE,
    signal.SIGXFSZ,
    signal.SIGCHLD,
    signal.SIGWINCH,
    signal.SIGTSTP,
    signal.SIGTTIN,
    signal.SIGTTOU,
)
"""Reset in the game: Python ignores SIGPIPE, and `nohup` would make it ignore SIGHUP."""


@dataclass(frozen=True, slots=True)
class WindowSize:
    """A terminal's size in character cells."""

    columns: int
    rows: int

    @classmethod
    def clamped(cls, columns: int, rows: int) -> WindowSize:
        """The size a client reported, with 0 (unknown) as 80x24 and huge sizes capped."""
        return cls(min(columns or 80, MAX_COLUMNS), min(rows or 24, MAX_ROWS))


@dataclass(frozen=True, slots=True)
class Budget:
    """What one game may use of the machine; its answer checker inherits it."""

    memory: int
    """Bytes of address space (RLIMIT_AS): past it, allocations fail (MemoryError)."""
    cpu: int
    """CPU seconds in all (RLIMIT_CPU): past it the kernel sends SIGXCPU, then SIGKILL."""


CPU_HARD_MARGIN = 5
"""Seconds past the CPU budget's SIGXCPU before the kernel's SIGKILL."""


def apply_budget(pid: int, budget: Budget) -> bool:
    """Set `pid`'s memory and CPU limits, and no core files (they would hold answers).

    Returns False where another process's limits cannot be set (only Linux has prlimit).

    Raises:
        OSError: the limits could not be set (the process is gone, or refused).
    """
    prlimit = getattr(resource, "prlimit", None)
    if prlimit is None:
        return False
    memory = _within_hard_limit(resource.RLIMIT_AS, budget.memory)
    prlimit(pid, resource.RLIMIT_AS, (memory, memory))
    cpu = _within_hard_limit(resource.RLIMIT_CPU, budget.cpu + CPU_HARD_MARGIN)
    prlimit(pid, resource.RLIMIT_CPU, (max(1, cpu - CPU_HARD_MARGIN), cpu))
    prlimit(pid, resource.RLIMIT_CORE, (0, 0))
    return True


def limit_self(budget: Budget) -> None:
    """Set this process's own memory and CPU limits and no core files (a forked game).

    Raises:
        OSError: a limit could not be set.
    """
    memory = _within_hard_limit(resource.RLIMIT_AS, budget.memory)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = _within_hard_limit(resource.RLIMIT_CPU, budget.cpu + CPU_HARD_MARGIN)
    resource.setrlimit(resource.RLIMIT_CPU, (max(1, cpu - CPU_HARD_MARGIN), cpu))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _within_hard_limit(which: int, wanted: int) -> int:
    """`wanted`, lowered to the server's own hard limit (the game inherited it; only root
    may raise one, so asking for more would refuse every game)."""
    _, hard = resource.getrlimit(which)
    return wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)


def _set_size(descriptor: int, size: WindowSize) -> None:
    packed = struct.pack("HHHH", size.rows, size.columns, 0, 0)
    fcntl.ioctl(descriptor, termios.TIOCSWINSZ, packed)


def open_pty(size: WindowSize) -> tuple[int, int]:
    """A new pty of `size` with echo off; returns (master, slave).

    No echo until the game takes the terminal over: keys typed during its start-up would
    otherwise be printed under its first screen.

    Raises:
        OSError: no pty could be made.
    """
    master, slave = os.openpty()
    try:
        _set_size(slave, size)
        attributes = termios.tcgetattr(slave)
        attributes[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attributes)
    except BaseException:
        os.close(master)
        os.close(slave)
        raise
    return master, slave


def _kill_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)


class PtyChild:
    """One game process: session leader of its own session with a pty as its terminal."""

    def __init__(
        self, pid: int, master: int, loop: asyncio.AbstractEventLoop, size: WindowSize
    ) -> None:
        self.pid = pid
        """The game's pid, which is also its process group and session id."""
        self.master = master
        """Our end of the pty (non-blocking): read the game's output, write the keys."""
        self.size = size
        """The pty's size (as last set)."""
        self._loop = loop
        self._exit: asyncio.Future[int] = loop.create_future()
        self._pidfd: int | None = None
        try:
            self._pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):  # not Linux 5.3+: poll instead
            self._poll()
        else:
            loop.add_reader(self._pidfd, self._reap)

    @classmethod
    def spawn(
        cls,
        argv: Sequence[str],
        env: Mapping[str, str],
        size: WindowSize,
        loop: asyncio.AbstractEventLoop,
        budget: Budget | None = None,
    ) -> PtyChild:
        """Start `argv` (argv[0] an absolute path) on a new pty of `size`, within `budget`.

        posix_spawn, not fork: forking a process that runs threads can deadlock the child.
        `setsid` runs before the file actions, so opening the pty's slave by name makes it
        the game's controlling terminal: /dev/tty works and the kernel delivers SIGWINCH.
        posix_spawn cannot set limits, so the budget is set right after (prlimit), while
        the new interpreter is still starting; if that fails the game is not run.

        Raises:
            OSError: the pty or the process could not be created.
        """
        master, slave = open_pty(size)
        try:
            pid = os.posix_spawn(
                argv[0],
                list(argv),
                dict(env),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
                    (os.POSIX_SPAWN_DUP2, 0, 1),
                    (os.POSIX_SPAWN_DUP2, 0, 2),
                ],
                setsid=True,
                setsigdef=DEFAULT_SIGNALS,
                setsigmask=(),
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        if budget is not None:
            try:
                apply_budget(pid, budget)
            except OSError:
                _kill_group(pid, signal.SIGKILL)
                _wait(pid, 0)
                os.close(master)
                raise
        os.set_blocking(master, False)
        return cls(pid, master, loop, size)

    @classmethod
    def adopt(
        cls, pid: int, master: int, loop: asyncio.AbstractEventLoop, size: WindowSize
    ) -> PtyChild:
        """A game started elsewhere (forked by the zygote) that is now this process's child."""
        os.set_blocking(master, False)
        return cls(pid, master, loop, size)

    # -- while it runs ------------------------------------------------------------------------

    @property
    def exited(self) -> bool:
        """True once the game has ended and been reaped."""
        return self._exit.done()

    def resize(self, size: WindowSize) -> None:
        """Set the pty's size (TIOCSWINSZ) and make sure the game gets SIGWINCH."""
        if self.exited:
            return
        self.size = size
        try:
            _set_size(self.master, size)
            foreground = os.tcgetpgrp(self.master)
        except OSError:
            foreground = -1
        # The kernel signals the terminal's foreground group on a change; a second signal
        # would only make the game lay its screen out twice.
        if foreground != self.pid:
            self.signal(signal.SIGWINCH)

    def signal(self, signum: int) -> None:
        """Send `signum` to the game's process group (nothing once it has ended)."""
        if not self.exited:
            _kill_group(self.pid, signum)

    async def wait(self) -> int:
        """Wait for the game to end; return its exit code (-N: killed by signal N)."""
        return await asyncio.shield(self._exit)

    async def end(self, grace: float, hangup_grace: float | None = None) -> int:
        """End the game: SIGHUP, SIGTERM `hangup_grace` s later, SIGKILL `grace` s after that.

        On SIGHUP the game finishes the answer it is checking and saving, then exits; every
        answer is committed before the game shows its verdict, so none is lost.
        """
        waits = (grace if hangup_grace is None else hangup_grace, grace, grace)
        for signum, wait in zip(
            (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL), waits, strict=True
        ):
            if self.exited:
                break
            self.signal(signum)
            self.signal(signal.SIGCONT)  # a stopped process acts on nothing until woken
            with contextlib.suppress(TimeoutError):
                return await asyncio.wait_for(self.wait(), wait)
        return await self.wait()

    def close(self) -> None:
        """Close our end of the pty (after the game has ended)."""
        with contextlib.suppress(OSError):
            os.close(self.master)

    # -- reaping ------------------------------------------------------------------------------

    def _reap(self) -> None:
        assert self._pidfd is not None
        self._loop.remove_reader(self._pidfd)
        # The game is a zombie now, so its group id cannot be reused: this reaches only what
        # it left behind in its own group.
        _kill_group(self.pid, signal.SIGKILL)
        self._finish(_wait(self.pid, 0))
        os.close(self._pidfd)
        self._pidfd = None

    def _poll(self) -> None:
        code = _wait(self.pid, os.WNOHANG)
        if code is None:
            self._loop.call_later(0.1, self._poll)
        else:
            self._finish(code)

    def _finish(self, code: int | None) -> None:
        if not self._exit.done():
            self._exit.set_result(-1 if code is None else code)


def _wait(pid: int, options: int) -> int | None:
    """Reap `pid`; its exit code, None while it runs (WNOHANG), -1 if it was reaped already."""
    try:
        found, status = os.waitpid(pid, options)
    except ChildProcessError:
        return -1
    return None if found == 0 else os.waitstatus_to_exitcode(status)
