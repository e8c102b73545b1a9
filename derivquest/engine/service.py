"""Run judgements in a worker process that is killed when it overruns a hard deadline.

Signal-based timeouts do not work in threads (Textual runs checks in worker threads), and a
SymPy call stuck in a long integer operation cannot be interrupted anyway: a separate process
is the only reliable way to give every check a wall-clock limit. The worker is a fresh
interpreter (``python -m derivquest.engine.worker``), not a fork, so it inherits no threads,
terminal or ``__main__`` module from the game; after a kill its replacement starts at once in
the background, while the player reads the message.

A checker never outlives its game: it runs under a memory limit (RLIMIT_AS), asks the kernel
to kill it when the game dies (PR_SET_PDEATHSIG on Linux) and watches its pipe and parent
itself; see ``derivquest.engine.worker``.

A classroom server's games share one pool of warm checkers instead (``engine.pool``): the
server names its socket in ``DERIVQUEST_CHECKER_SOCKET`` and the service sends its checks
there, with the same deadline (measured on the check in its worker, not in the queue) and the
same verdicts. If the pool cannot be reached the service logs why and checks on its own.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from derivquest.engine.checker_process import CANNOT_START_MESSAGE as CANNOT_START_MESSAGE
from derivquest.engine.checker_process import CheckerProcess
from derivquest.engine.errors import DeadlineExceeded, EngineError
from derivquest.engine.verdict import Verdict, invalid_verdict

if TYPE_CHECKING:
    from derivquest.engine.functions import ChartCurves
    from derivquest.engine.pool.client import PoolClient

log = logging.getLogger(__name__)
# Without a handler Python would print warnings to stderr: in a game, that is the screen.
log.addHandler(logging.NullHandler())

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


MEMORY_ENV = "DERIVQUEST_CHECK_MEMORY_MB"
"""Overrides the checker's memory limit, in MiB (256 to 65536; it needs about 160 to start)."""

DEFAULT_MEMORY_MB = 1024
"""MiB of address space a checker may use (it needs about 200 for the checks of the course)."""


def memory_limit_from_environment() -> int:
    """The checker's memory limit in bytes: ``DERIVQUEST_CHECK_MEMORY_MB`` or the default."""
    try:
        value = int(os.environ.get(MEMORY_ENV, DEFAULT_MEMORY_MB))
    except ValueError:
        value = DEFAULT_MEMORY_MB
    if not 256 <= value <= 65536:
        value = DEFAULT_MEMORY_MB
    return value * 1024 * 1024


TOO_BIG_MESSAGE = "that expression is too large to check; try a simpler form of your answer"
"""When a check ran out of memory (a MemoryError, or the checker was killed for its size)."""


def overrun_message(deadline: float) -> str:
    """The verdict's message for a check that overran `deadline` seconds."""
    return overrun_error(deadline).message


def overrun_error(deadline: float) -> EngineError:
    """A check that overran `deadline` seconds (said in the player's language by the presenter)."""
    return EngineError.said("error.checker-too-slow", seconds=f"{deadline:g}")


def too_big_error() -> EngineError:
    """A check that ran out of memory, or whose checker was killed for its size."""
    return EngineError.said("error.checker-too-big")


def cannot_start_error() -> EngineError:
    """No checker process could be started (out of memory or processes)."""
    return EngineError.said("error.checker-cannot-start")


def pool_from_environment() -> str | None:
    """The checker pool's socket the server named (``DERIVQUEST_CHECKER_SOCKET``), or None."""
    from derivquest.engine.pool.client import SOCKET_ENV

    return os.environ.get(SOCKET_ENV) or None


class JudgeService:
    """Checks answers in a worker process with a hard deadline; safe to share across threads.

    Every method returns a ``Verdict`` and never raises on bad input: a check that overruns
    the deadline is ``invalid`` with a message, the worker is replaced, and the next check
    runs normally.

    ``pool``: True uses the server's shared checker pool when ``DERIVQUEST_CHECKER_SOCKET``
    names one (a served game), False never does, a path uses the pool listening there.
    """

    def __init__(
        self,
        deadline: float = DEFAULT_DEADLINE,
        memory_limit: int | None = None,
        pool: str | bool = True,
    ) -> None:
        self.deadline = deadline
        """Seconds each check may take."""
        self.memory_limit = (
            memory_limit_from_environment() if memory_limit is None else memory_limit
        )
        """Bytes of address space the checker may use (RLIMIT_AS); a check that needs more
        is ``invalid`` ("too large to check")."""
        self._lock = threading.Lock()
        self._worker: CheckerProcess | None = None
        self._pool_choice = pool
        self._pool_chosen = False
        self._pool: PoolClient | None = None
        self.fallback: str | None = None
        """Why this service checks on its own although a pool was named (None: it does not)."""

    @property
    def shared(self) -> bool:
        """True while checks go to the shared pool."""
        return self._shared_pool() is not None

    def _shared_pool(self) -> PoolClient | None:
        """The pool client, chosen on first use: a game forked from a warm parent (the
        server's pre-forked games) gets its environment after this service was made."""
        if not self._pool_chosen:
            self._pool_chosen = True
            choice = self._pool_choice
            path = pool_from_environment() if choice is True else choice or None
            if path is not None:
                from derivquest.engine.pool.client import PoolClient

                self._pool = PoolClient(path)
        return self._pool

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
            pool = self._shared_pool()
            if pool is not None:
                try:
                    pool.connect()
                    return
                except OSError as error:
                    self._fall_back(error)
            self._ready_worker()

    def close(self) -> None:
        """Stop the worker; the service can still be used afterwards (it restarts)."""
        with self._lock:
            if self._pool is not None:
                self._pool.close()
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
        return result if isinstance(result, str | EngineError) else self._unexpected(result)

    def expression_text(self, text: str, variables: Sequence[str] = ("x",)) -> str | EngineError:
        """An expression in the typed syntax (as `{answer}` shows it), or why not."""
        result = self._compute("expression_text", text, tuple(variables))
        return result if isinstance(result, str | EngineError) else self._unexpected(result)

    def value(self, text: str) -> float | EngineError:
        """The real value of a constant expression, or why it has none."""
        result = self._compute("value", text)
        return result if isinstance(result, float | EngineError) else self._unexpected(result)

    def derivative_value(self, function: str, variable: str, at: float) -> float | EngineError:
        """f'(at) of an author's function (exact, then rounded to float64), or why not."""
        result = self._compute("derivative_value", function, variable, at)
        return result if isinstance(result, float | EngineError) else self._unexpected(result)

    def chart_curves(self, text: str, variable: str = "x") -> ChartCurves | EngineError:
        """f and f' of a chart's function, parsed and differentiated under the deadline.

        The programs that come back run in float64 with O(1) work per instruction (they are
        checked again on arrival), so the game can draw them on its UI thread. Never raises:
        an overrun is a ``DeadlineExceeded``, anything else an ``EngineError``.
        """
        from derivquest.engine.functions import ChartCurves

        try:
            result = self._compute("chart_curves", text, variable)
        except EngineError as error:  # a program refused on arrival (Program's own checks)
            return error
        return result if isinstance(result, ChartCurves | EngineError) else self._unexpected(result)

    def _compute(self, method: str, *args: object) -> object:
        """Run a computation (see worker.COMPUTATIONS): its value, or an EngineError.

        The same exchange as ``_call``, with failures as errors instead of verdicts.
        """
        with self._lock:
            pool = self._shared_pool()
            if pool is not None:
                from derivquest.engine.pool.client import Overrun, WorkerDied

                try:
                    return self._computed(pool.ask(method, args, self.deadline))
                except Overrun:
                    return DeadlineExceeded(self.deadline)
                except WorkerDied:
                    return too_big_error()
                except OSError as error:
                    self._fall_back(error)
            try:
                worker = self._ready_worker()
            except (RuntimeError, OSError):  # out of memory or processes: say so, go on
                self._worker = None
                return cannot_start_error()
            try:
                worker.requests.send((method, args))
                if worker.replies.poll(self.deadline):
                    reply: object = worker.replies.recv()
                    return self._computed(reply)
                failure: EngineError = DeadlineExceeded(self.deadline)
            except (EOFError, OSError):
                failure = too_big_error()  # the checker died, most likely of size
            self._replace_worker()
            return failure

    @staticmethod
    def _computed(reply: object) -> object:
        """A computation's value, or its ("error", message, column, id, values) reply as an
        EngineError (the id and values let the presenter say it in the player's language)."""
        if isinstance(reply, tuple) and len(reply) in (3, 5) and reply[0] in ("value", "error"):
            kind, value, column = reply[:3]
            if kind == "value":
                return value
            key, params = reply[3:] if len(reply) == 5 else (None, ())
            return EngineError(
                str(value),
                column if isinstance(column, int) else None,
                key=key if isinstance(key, str) else None,
                params=tuple(params) if isinstance(params, tuple) else (),
            )
        return JudgeService._unexpected(reply)

    @staticmethod
    def _unexpected(result: object) -> EngineError:
        """A reply of the wrong type (a worker from another version): an error, not a crash."""
        return EngineError(f"the checker replied with {type(result).__name__}")

    # -- internals ---------------------------------------------------------------------------

    def _call(self, method: str, *args: object) -> Verdict:
        with self._lock:
            pool = self._shared_pool()
            if pool is not None:
                verdict = self._pooled_call(pool, method, args)
                if verdict is not None:
                    return verdict
            try:
                worker = self._ready_worker()
            except (RuntimeError, OSError):  # out of memory or processes: say so, go on
                self._worker = None
                return invalid_verdict(cannot_start_error())
            started = time.perf_counter()
            try:
                worker.requests.send((method, args))
                if worker.replies.poll(self.deadline):
                    result: Verdict = worker.replies.recv()
                    return result.with_elapsed((time.perf_counter() - started) * 1000)
                failure = overrun_error(self.deadline)
            except (EOFError, OSError):
                # The checker died: its memory limit or the kernel's OOM killer, most likely.
                failure = too_big_error()
            self._replace_worker()
            elapsed = (time.perf_counter() - started) * 1000
            return invalid_verdict(failure).with_elapsed(elapsed)

    def _pooled_call(
        self, pool: PoolClient, method: str, args: tuple[object, ...]
    ) -> Verdict | None:
        """A check in the shared pool: its verdict, or None when the pool failed (fall back)."""
        from derivquest.engine.pool.client import Overrun, WorkerDied

        started = time.perf_counter()
        try:
            result = pool.ask(method, args, self.deadline)
        except Overrun:
            failure = overrun_error(self.deadline)
        except WorkerDied:
            failure = too_big_error()
        except OSError as error:
            self._fall_back(error)
            return None
        else:
            if not isinstance(result, Verdict):
                result = invalid_verdict(self._unexpected(result))
            return result.with_elapsed((time.perf_counter() - started) * 1000)
        return invalid_verdict(failure).with_elapsed((time.perf_counter() - started) * 1000)

    def _fall_back(self, error: OSError) -> None:
        """Stop using the pool for good: log why; this game checks on its own from now on."""
        if self._pool is not None:
            self._pool.close()
        self._pool = None
        self.fallback = str(error)
        log.warning("checking answers in this game's own checker: %s", error)

    def _ready_worker(self) -> CheckerProcess:
        if self._worker is None or not self._worker.alive():
            if self._worker is not None:
                self._worker.kill()
            self._worker = CheckerProcess(self.memory_limit)
        self._worker.wait_ready()
        return self._worker

    def _replace_worker(self) -> None:
        """Kill the stuck worker and start its successor now, without waiting for it."""
        if self._worker is not None:
            self._worker.kill()
        try:
            self._worker = CheckerProcess(self.memory_limit)
        except OSError:  # the next check tries again
            self._worker = None
