"""A hang-up (SIGHUP) or SIGTERM lets the answer being checked and saved finish, then quits.

The classroom server sends SIGHUP when a student's connection drops, and a closed terminal
window does the same on this machine. Without a handler the game dies at once, and an answer
whose check was under way (Enter pressed a moment before the drop) is never saved. Here the
game first lets the keys already typed arrive and every background job (a check and its
commit, a saved place) finish, for at most the check deadline and a little more, then
saves its place and quits.

A terminal can also vanish without a SIGHUP (its pty closed by a process that is not the
session's, or a game that is not the terminal's session leader): Textual's input thread then
reads end-of-file in a loop and spins a core. A thread blocked in poll() on the terminal (no
CPU while it waits) sees the hang-up, stops that loop and starts the same orderly ending.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import select
import signal
import struct
import termios
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

SIGNALS = (signal.SIGHUP, signal.SIGTERM)

SETTLE = 0.3
"""Seconds for keys already read (an Enter just before the drop) to reach their screen."""

EXTRA = 0.5
"""Seconds beyond the check deadline for the answer's commit."""

FORCE_AFTER = 3.0
"""Seconds the ordinary exit may take once the work is done (a vanished terminal can hang it)."""

IGNORED_GROUPS = frozenset({"prepare"})
"""Background work that saves nothing (warming up the checker) is not waited for."""


def pending_input(descriptor: int = 0) -> int:
    """Bytes typed into the terminal that the game has not read yet (0 if unknown)."""
    try:
        raw = fcntl.ioctl(descriptor, termios.FIONREAD, b"\0\0\0\0")
    except OSError:
        return 0
    return int(struct.unpack("i", raw)[0])


def wait_for_hangup(descriptor: int = 0) -> None:
    """Block (without using the CPU) until the terminal on `descriptor` is gone."""
    poller = select.poll()
    poller.register(descriptor, 0)  # POLLHUP, POLLERR and POLLNVAL are always reported
    while True:
        try:
            if poller.poll():
                return
        except InterruptedError:  # pragma: no cover - poll() is retried by Python (PEP 475)
            continue


def busy(app: App[Any]) -> bool:
    """True while a background job that may save something has not finished."""
    return any(
        not worker.is_finished and worker.group not in IGNORED_GROUPS for worker in app.workers
    )


class HangupGuard:
    """Installs the handlers on the app's loop and runs the orderly ending once."""

    def __init__(
        self,
        app: App[Any],
        budget: float,
        leave: Callable[[], Awaitable[None]],
        force_exit: Callable[[int], object] = os._exit,
    ) -> None:
        """`budget`: seconds to wait for work in flight; `leave`: saves the place and exits;
        `force_exit`: ends the process if leaving hangs (tests pass a recorder)."""
        self._app = app
        self._budget = budget
        self._leave = leave
        self._force_exit = force_exit
        self._ending: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def install(self) -> None:
        """Handle SIGHUP and SIGTERM (on the main thread's running loop), and a terminal
        that disappears without a signal."""
        self._loop = asyncio.get_running_loop()
        for signum in SIGNALS:
            self._loop.add_signal_handler(signum, self._hung_up)
        if os.isatty(0):
            watcher = threading.Thread(
                target=self._watch_terminal, name="derivquest-hangup", daemon=True
            )
            watcher.start()

    def _watch_terminal(self) -> None:
        wait_for_hangup(0)
        # Textual's input thread reads end-of-file from now on, in a loop: stop it.
        exit_event = getattr(self._app._driver, "exit_event", None)
        if isinstance(exit_event, threading.Event):
            exit_event.set()
        # Whatever the game still writes (its last frame, the terminal's reset) has nowhere
        # to go: a failed write at exit would end the game with status 120 instead of 0.
        with contextlib.suppress(OSError):
            nowhere = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nowhere, 1)
            os.dup2(nowhere, 2)
            os.close(nowhere)
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the game ended meanwhile
                loop.call_soon_threadsafe(self._hung_up)

    def remove(self) -> None:
        """Give the signals back to their default handling."""
        if self._loop is not None:
            for signum in SIGNALS:
                self._loop.remove_signal_handler(signum)
            self._loop = None

    def _hung_up(self) -> None:
        if self._ending is None and self._loop is not None:  # a second signal changes nothing
            self._ending = self._loop.create_task(self._end())

    async def _end(self) -> None:
        started = time.monotonic()
        deadline = started + SETTLE + self._budget
        while time.monotonic() < deadline:
            settled = time.monotonic() - started >= SETTLE
            if settled and not pending_input() and not busy(self._app):
                break
            await asyncio.sleep(0.05)
        timer = threading.Timer(FORCE_AFTER, self._force_exit, args=(0,))
        timer.daemon = True
        timer.start()
        try:
            await self._leave()
        except Exception:  # the terminal may be gone: the answers are saved, just leave
            self._force_exit(0)
