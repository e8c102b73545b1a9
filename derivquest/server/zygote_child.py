"""A game forked from the zygote becomes what `PtyChild.spawn` would have started.

Its own session with the pty as controlling terminal, fds 0-2 on it and nothing else open,
the server's environment, the game's limits, default signal handling, and randomness of its
own: a fork copies every generator's state, so without a re-seed two students would draw the
same numbers.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import random
import signal
import socket
import sys
import termios
from collections.abc import Mapping

from derivquest.server.pty_child import DEFAULT_SIGNALS, Budget, limit_self

GAME_NAME = b"derivquest-game"
"""The game's process name (`ps -o comm`, /proc/PID/comm): its command line is the zygote's."""

_PR_SET_NAME = 15


KEPT_FD = 3
"""Where a game's start-queue channel lives once it has its terminal."""


def take_terminal(slave: int, keep: socket.socket | None = None) -> socket.socket | None:
    """A new session with `slave` as its controlling terminal and as fds 0, 1 and 2; `keep`
    (the start-queue channel) moves to fd 3 and is returned.

    Every other descriptor is closed: the zygote's socket and pipes must not outlive it
    in a game.
    """
    os.setsid()
    import fcntl

    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    kept_fd = None
    if keep is not None:  # out of the way of 0-2 first: it may sit on one of them
        kept_fd = os.dup(keep.fileno())
        keep.detach()
    for target in (0, 1, 2):
        os.dup2(slave, target)
    kept: socket.socket | None = None
    if kept_fd is not None:
        if kept_fd != KEPT_FD:
            os.dup2(kept_fd, KEPT_FD, inheritable=False)
            os.close(kept_fd)
        kept = socket.socket(fileno=KEPT_FD)
    os.closerange(KEPT_FD + (kept is not None), _max_fd())
    # Python's own streams were made for the zygote's /dev/null: make them again for a tty
    # (line-buffered output, as Python does at start-up on a terminal).
    streams = {
        "stdin": io.TextIOWrapper(
            io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="surrogateescape"
        ),
        "stdout": io.TextIOWrapper(
            io.FileIO(1, "w", closefd=False),
            encoding="utf-8",
            errors="surrogateescape",
            line_buffering=True,
        ),
        "stderr": io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False),
            encoding="utf-8",
            errors="backslashreplace",
            line_buffering=True,
        ),
    }
    for name, stream in streams.items():
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    return kept


def _max_fd() -> int:
    try:
        return int(os.sysconf("SC_OPEN_MAX"))
    except (ValueError, OSError):
        return 65536


def use_environment(env: Mapping[str, str]) -> None:
    """Replace the environment with the one the server built (the checker inherits it)."""
    os.environ.clear()
    os.environ.update(env)


def reset_signals() -> None:
    """Signal handling as a fresh interpreter started by `PtyChild.spawn` has it.

    Defaults and nothing blocked (its `setsigdef`), then what Python itself sets at start-up:
    SIGPIPE and SIGXFSZ ignored (writes raise instead), SIGINT raising KeyboardInterrupt.
    """
    for signum in DEFAULT_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


_generators: list[random.Random] = []
"""The module-level generators `find_generators` found in the zygote."""


def find_generators() -> None:
    """In the zygote, once its imports are done: remember every module-level generator.

    The search reads every global of every module. Done in each game after the fork, it
    raised the reference count of each of those objects, and so copied about 27 MiB of the
    zygote's pages into every game; done once before the fork it copies nothing.
    """
    found: dict[int, random.Random] = {}
    for module in list(sys.modules.values()):
        for value in list(getattr(module, "__dict__", {}).values()):
            if isinstance(value, random.Random) and not isinstance(value, random.SystemRandom):
                found[id(value)] = value
    _generators[:] = found.values()


def reseed() -> None:
    """Fresh seeds for every generator made at import time (the module-level ones
    `find_generators` found, `random`'s own, NumPy's global one): a fork copied the
    zygote's state into every game. A module a game imports later seeds its own."""
    random.seed()
    for generator in _generators:
        generator.seed()
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        with contextlib.suppress(Exception):
            numpy_random.seed()


def name_process(name: bytes = GAME_NAME) -> None:
    """Set the process name `ps` shows (Linux only; nothing elsewhere)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_NAME, ctypes.c_char_p(name[:15]), 0, 0, 0)


def become_game(
    slave: int,
    env: Mapping[str, str],
    budget: Budget | None,
    keep: socket.socket | None = None,
) -> socket.socket | None:
    """Everything between the fork and the game's own code; returns `keep` (the game's
    start-queue channel) where it now lives.

    Raises:
        OSError: the terminal or a limit could not be set (the game must not run).
    """
    kept = take_terminal(slave, keep)
    use_environment(env)
    if budget is not None:
        limit_self(budget)
    reset_signals()
    reseed()
    name_process()
    return kept
