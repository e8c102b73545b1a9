"""Adopt and end what games leave behind: on Linux the server is a child subreaper.

A game runs its answer checker in a session of its own (so Ctrl+C never reaches it), which
puts the checker out of reach of signals sent to the game's process group. The checker dies
with its game (the kernel's parent-death signal, and its own watch on its pipe and parent);
this is the second line: as a subreaper the server inherits any orphan instead of init, and
ends and reaps it itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
from collections.abc import Callable, Collection
from pathlib import Path

log = logging.getLogger("derivquest.server")

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Make orphaned descendants children of this process; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def children(parent: int) -> dict[int, str]:
    """Return the children of `parent` with their state letter (`Z`: zombie), from /proc."""
    found: dict[int, str] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and fields[1] == str(parent):
            found[int(entry.name)] = fields[0]
    return found


def _reap(pid: int) -> bool:
    """Reap `pid` if it has ended; True when it is gone."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] != 0
    except ChildProcessError:
        return True


class StrayReaper:
    """Ends and reaps children of the server that are not games it manages.

    Only for a process that runs nothing but the server (`derivquest serve`): every child
    that is not a running game is then something a game left behind.
    """

    def __init__(self, managed: Callable[[], Collection[int]]) -> None:
        """`managed` returns the pids of running games (those are reaped by their owners)."""
        self._managed = managed
        self._seen: set[int] = set()

    def strays(self) -> dict[int, str]:
        """Children of this process that are not running games."""
        games = set(self._managed())
        return {pid: state for pid, state in children(os.getpid()).items() if pid not in games}

    def sweep(self) -> None:
        """Reap ended strays; kill those still alive at the sweep before (given time to exit)."""
        strays = self.strays()
        for pid, state in strays.items():
            if state != "Z" and pid in self._seen:
                log.info("killing stray process %d left by a game", pid)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            _reap(pid)
        self._seen = {pid for pid, state in strays.items() if state != "Z"}

    def end_all(self, signum: int) -> int:
        """Signal every stray and reap those that ended; return how many remain."""
        remaining = 0
        for pid in self.strays():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)
            remaining += not _reap(pid)
        return remaining
