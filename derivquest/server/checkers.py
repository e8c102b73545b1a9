"""The classroom server's shared checker pool: start it, name it to the games, stop it.

With ``--checkers shared`` (the default) the server starts ``python -m derivquest.engine.pool``
once, in a folder only this user can enter, and every game it starts gets the socket's path in
``DERIVQUEST_CHECKER_SOCKET``; ``--checkers per-game`` starts nothing, and each game runs a
checker of its own, as a single player's game does.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("derivquest.server")

CHECKER_MODES = ("shared", "per-game")
"""`serve --checkers`: one pool for every game, or a checker in each game."""

START_TIMEOUT = 30.0
"""Seconds the pool has to listen (before its imports); then games check on their own."""

MAX_RESTARTS = 3
"""Times a pool that died is started again before the server leaves the games to their own
checkers (a pool that keeps dying is broken, not unlucky)."""


@dataclass(slots=True)
class CheckerPool:
    """The running pool process and its socket."""

    process: subprocess.Popen[bytes]
    folder: Path
    workers: int = 0
    restarts: int = 0

    @property
    def socket(self) -> str:
        """The path games connect to."""
        return str(self.folder / "checkers.sock")

    @property
    def pid(self) -> int:
        return self.process.pid

    def revive(self) -> None:
        """Start the pool again at the same socket if it died (new games use it; games that
        saw it die already check on their own)."""
        code = self.process.poll()
        if code is None or self.restarts >= MAX_RESTARTS:
            return
        self.restarts += 1
        log.warning("the shared answer checkers stopped (status %s): starting them again", code)
        if self.process.stdout is not None:
            self.process.stdout.close()
        process = _launch(self.folder, self.workers, START_TIMEOUT)
        if process is None:
            log.warning("the shared answer checkers did not start again: games run their own")
            return
        self.process = process

    def stop(self, grace: float = 5.0) -> None:
        """SIGTERM, then SIGKILL after `grace` seconds; remove the socket's folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_pool(workers: int = 0, timeout: float = START_TIMEOUT) -> CheckerPool | None:
    """Start the pool and wait until it listens; None (logged) when it cannot start.

    The pool dies with this process (the kernel's parent-death signal and its own watch), so
    call this from the thread that lives as long as the server: the main one.
    """
    folder = Path(tempfile.mkdtemp(prefix="derivquest-checkers-"))  # mode 0700
    process = _launch(folder, workers, timeout)
    if process is None:
        shutil.rmtree(folder, ignore_errors=True)
        log.warning("the shared answer checkers did not start: each game runs its own")
        return None
    return CheckerPool(process, folder, workers)


def _launch(folder: Path, workers: int, timeout: float) -> subprocess.Popen[bytes] | None:
    """Start `python -m derivquest.engine.pool` on `folder`'s socket; None if it does not
    listen within `timeout` seconds."""
    path = folder / "checkers.sock"
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # left by a pool that was killed (the folder is ours alone)
    argv = [sys.executable, "-m", "derivquest.engine.pool", str(path)]
    argv += ["--parent", str(os.getpid())]
    if workers > 0:
        argv += ["--workers", str(workers)]
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            start_new_session=True,  # Ctrl+C in the teacher's terminal is the server's to handle
        )
    except OSError as error:
        log.warning("cannot start the shared answer checkers: %s", error)
        return None
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if ready and process.stdout.readline().strip() == b"listening":
        return process
    process.kill()
    process.wait()
    process.stdout.close()
    return None


def stop_pool(pool: CheckerPool | None) -> None:
    """Stop the pool if there is one (nothing is lost: games are gone by then)."""
    if pool is not None:
        with contextlib.suppress(OSError):
            pool.stop()
