"""Run judgements in a worker process that is killed when it overruns a hard deadline.

Signal-based timeouts do not work in threads (Textual runs checks in worker threads), and a
SymPy call stuck in a long integer operation cannot be interrupted anyway: a separate process
is the only reliable way to give every check a wall-clock limit. The worker is a fresh
interpreter (``python -m derivquest.engine.worker``), not a fork, so it inherits no threads,
terminal or ``__main__`` module from the game; after a kill its replacement starts at once in
the background, while the player reads the message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from types import TracebackType

from derivquest.engine.errors import EngineError
from derivquest.engine.verdict import Verdict

DEFAULT_DEADLINE = 1.0
"""Seconds a single check may take, measured from the moment it is sent to the worker."""

DEADLINE_ENV = "DERIVQUEST_CHECK_DEADLINE"
"""Overrides the game's deadline (the SSH server gives its games more: shared cores)."""


def deadline_from_environment() -> float:
    """The deadline in ``DERIVQUEST_CHECK_DEADLINE``, or the default if unset or not > 0."""
    try:
        value = float(os.environ.get(DEADLINE_ENV, DEFAULT_DEADLINE))
    except ValueError:
        return DEFAULT_DEADLINE
    return value if 0 < value <= 60 else DEFAULT_DEADLINE


STARTUP_TIMEOUT = 60.0
"""Seconds to wait for a new worker to be ready (imports are not part of any deadline)."""


class DeadlineExceeded(EngineError):
    """A computation on an author's math (a reference answer) overran the deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"that took longer than {seconds:g} s to work out")
        self.seconds = seconds
        """The deadline it overran."""


class _Worker:
    """One checker process and the two pipes to it."""

    def __init__(self) -> None:
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "derivquest.engine.worker",
                str(to_child_read),
                str(from_child_write),
            ],
            pass_fds=(to_child_read, from_child_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own session: Ctrl+C in the player's terminal must not reach the checker.
            start_new_session=True,
        )
        os.close(to_child_read)
        os.close(from_child_write)
        self.requests = Connection(to_child_write, readable=False)
        self.replies = Connection(from_child_read, writable=False)
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.replies.poll(STARTUP_TIMEOUT) or self.replies.recv() != "ready":
            self.kill()
            raise RuntimeError("the answer checker could not start")
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


class _Failed(Exception):
    """The worker overran the deadline (``overran``) or died; it has been replaced."""

    def __init__(self, overran: bool) -> None:
        super().__init__("overran" if overran else "stopped")
        self.overran = overran


class JudgeService:
    """Checks answers in a worker process with a hard deadline; safe to share across threads.

    Every method returns a ``Verdict`` and never raises on bad input: a check that overruns
    the deadline is ``invalid`` with a message, the worker is replaced, and the next check
    runs normally.
    """

    def __init__(self, deadline: float = DEFAULT_DEADLINE) -> None:
        self.deadline = deadline
        """Seconds each check may take."""
        self._lock = threading.Lock()
        self._worker: _Worker | None = None

    # -- public checks (same signatures as derivquest.engine.judge) ------------------------

    def check(self, expected: str, answer: str, variables: Sequence[str] = ("x",)) -> Verdict:
        """Is ``answer`` equivalent to ``expected``?"""
        return self._call("check", expected, answer, tuple(variables))

    def check_derivative(
        self,
        function: str,
        answer: str,
        variable: str = "x",
        variables: Sequence[str] | None = None,
    ) -> Verdict:
        """Is ``answer`` the derivative of ``function``? Wrong answers get a diagnosis."""
        names = tuple(variables) if variables is not None else None
        return self._call("check_derivative", function, answer, variable, names)

    def check_numeric(
        self,
        expected: str,
        answer: str,
        abs_tol: float | None = None,
        rel_tol: float | None = None,
    ) -> Verdict:
        """Is the number ``answer`` within tolerance of ``expected``?"""
        return self._call("check_numeric", expected, answer, abs_tol, rel_tol)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker and wait until it is ready (otherwise the first check does)."""
        with self._lock:
            self._ready_worker()

    def close(self) -> None:
        """Stop the worker; the service can still be used afterwards (it restarts)."""
        with self._lock:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None

    def __enter__(self) -> JudgeService:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- computations on an author's math (reference answers), under the same deadline ------

    def derivative_text(
        self, function: str, variable: str = "x", variables: Sequence[str] | None = None
    ) -> str | EngineError:
        """d(function)/d(variable) in the typed syntax (a reference answer), or why not.

        Never raises: an overrun is a ``DeadlineExceeded``, anything else an ``EngineError``.
        """
        names = tuple(variables) if variables is not None else (variable,)
        result = self._compute("derivative_text", function, variable, names)
        return result if isinstance(result, str | EngineError) else _unexpected(result)

    def expression_text(self, text: str, variables: Sequence[str] = ("x",)) -> str | EngineError:
        """An expression in the typed syntax (as `{answer}` shows it), or why not."""
        result = self._compute("expression_text", text, tuple(variables))
        return result if isinstance(result, str | EngineError) else _unexpected(result)

    def value(self, text: str) -> float | EngineError:
        """The real value of a constant expression, or why it has none."""
        result = self._compute("value", text)
        return result if isinstance(result, float | EngineError) else _unexpected(result)

    def derivative_value(self, function: str, variable: str, at: float) -> float | EngineError:
        """f'(at) of an author's function (exact, then rounded to float64), or why not."""
        result = self._compute("derivative_value", function, variable, at)
        return result if isinstance(result, float | EngineError) else _unexpected(result)

    def _compute(self, method: str, *args: object) -> object:
        """Run a computation (see worker.COMPUTATIONS): its value, or an EngineError."""
        try:
            reply, _ = self._request(method, args)
        except _Failed as failure:
            if failure.overran:
                return DeadlineExceeded(self.deadline)
            return EngineError("the checker stopped unexpectedly on this input")
        except (RuntimeError, OSError):  # no checker could start (out of memory or processes)
            return EngineError("the answer checker could not start")
        if isinstance(reply, tuple) and len(reply) == 3 and reply[0] in ("value", "error"):
            kind, value, column = reply
            if kind == "value":
                return value
            return EngineError(str(value), column if isinstance(column, int) else None)
        return _unexpected(reply)

    # -- internals ---------------------------------------------------------------------------

    def _call(self, method: str, *args: object) -> Verdict:
        started = time.perf_counter()
        try:
            result, elapsed = self._request(method, args)
        except _Failed as failure:
            message = (
                f"that took too long to check (over {self.deadline:g} s); "
                "try a simpler form of your answer"
                if failure.overran
                else "the checker stopped unexpectedly on this input; try again"
            )
            return Verdict("invalid", message).with_elapsed((time.perf_counter() - started) * 1000)
        assert isinstance(result, Verdict)
        return result.with_elapsed(elapsed)

    def _request(self, method: str, args: tuple[object, ...]) -> tuple[object, float]:
        """Send one request; return (reply, milliseconds) or raise ``_Failed``."""
        with self._lock:
            worker = self._ready_worker()
            started = time.perf_counter()
            overran = False
            try:
                worker.requests.send((method, args))
                if worker.replies.poll(self.deadline):
                    reply: object = worker.replies.recv()
                    return reply, (time.perf_counter() - started) * 1000
                overran = True
            except (EOFError, OSError):
                pass
            self._replace_worker()
            raise _Failed(overran)

    def _ready_worker(self) -> _Worker:
        if self._worker is None or not self._worker.alive():
            if self._worker is not None:
                self._worker.kill()
            self._worker = _Worker()
        self._worker.wait_ready()
        return self._worker

    def _replace_worker(self) -> None:
        """Kill the stuck worker and start its successor now, without waiting for it."""
        if self._worker is not None:
            self._worker.kill()
        self._worker = _Worker()


def _unexpected(result: object) -> EngineError:
    """A reply of the wrong type (a worker from another version): an error, not a crash."""
    return EngineError(f"the checker replied with {type(result).__name__}")
