"""A game's own checker process: a fresh interpreter started from one long-lived thread.

``JudgeService`` talks to it over two pipes (``derivquest.engine.worker`` is the other end).
The interpreter is fresh, not a fork, so it inherits no threads, terminal or ``__main__``
module from the game.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Connection
from typing import TypeVar, cast

STARTUP_TIMEOUT = 60.0
"""Seconds to wait for a new worker to be ready (imports are not part of any deadline)."""

CANNOT_START_MESSAGE = "the answer checker could not start; try again"
"""When no checker process could be started (the machine is out of memory or processes)."""


class _Spawner:
    """One long-lived thread that starts every checker process.

    PR_SET_PDEATHSIG fires when the *thread* that started a process ends, not the process:
    a checker started from one of Textual's short-lived worker threads would be killed as
    soon as that thread finished. This daemon thread lives as long as the game.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Future[object]]] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, job: Callable[[], object]) -> object:
        """Run `job` on the spawner thread and return its result (or raise its error)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="derivquest-checker-spawner", daemon=True
                )
                self._thread.start()
        done: Future[object] = Future()
        self._jobs.put((job, done))
        return done.result()

    def _serve(self) -> None:
        while True:
            job, done = self._jobs.get()
            try:
                done.set_result(job())
            except BaseException as error:  # handed to the caller, which raises it
                done.set_exception(error)


_SPAWNER = _Spawner()

_T = TypeVar("_T")


def _on_spawner_thread(job: Callable[[], _T]) -> _T:
    """Run `job` (a process start) on the long-lived spawner thread."""
    return cast(_T, _SPAWNER.run(job))


class CheckerProcess:
    """One checker process and the two pipes to it."""

    def __init__(self, memory_limit: int) -> None:
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        argv = [
            sys.executable,
            "-m",
            "derivquest.engine.worker",
            str(to_child_read),
            str(from_child_write),
            str(memory_limit),
            str(os.getpid()),
        ]
        self.process = _on_spawner_thread(
            lambda: subprocess.Popen(
                argv,
                pass_fds=(to_child_read, from_child_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # Its own session: Ctrl+C in the player's terminal must not reach the checker.
                start_new_session=True,
            )
        )
        os.close(to_child_read)
        os.close(from_child_write)
        self.requests = Connection(to_child_write, readable=False)
        self.replies = Connection(from_child_read, writable=False)
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        try:
            ready = self.replies.poll(STARTUP_TIMEOUT) and self.replies.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise RuntimeError(CANNOT_START_MESSAGE)
        self.ready = True

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        try:
            self.requests.send(None)
        except OSError:
            pass
        try:
            self.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            pass
        self.kill()

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()
        self.requests.close()
        self.replies.close()
