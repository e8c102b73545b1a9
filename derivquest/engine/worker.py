"""The checker process: reads (method, args) requests from a pipe and answers with verdicts.

Started by ``JudgeService`` as
``python -m derivquest.engine.worker READ_FD WRITE_FD MEMORY_BYTES GAME_PID``; it never
touches the terminal (stdout and stderr are not used) and cannot outlive its game: the
kernel kills it when the game dies (PR_SET_PDEATHSIG, Linux), and a watchdog thread ends it
when its request pipe is closed or its parent changes (every platform, and the case where a
check holds the interpreter: then the kernel's signal is what ends it).
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import signal
import sys
import threading
from multiprocessing.connection import Connection

from derivquest.engine import functions, judge
from derivquest.engine.errors import EngineError
from derivquest.engine.service import DEFAULT_MEMORY_MB
from derivquest.engine.verdict import Verdict, invalid_verdict

WATCH_INTERVAL = 0.25
"""Seconds between the watchdog's looks at the pipe and the parent."""

_PR_SET_PDEATHSIG = 1

METHODS = {
    "check": judge.check,
    "check_derivative": judge.check_derivative,
    "check_numeric": judge.check_numeric,
}


def derivative_text(function: str, variable: str, variables: tuple[str, ...]) -> str:
    """d(function)/d(variable) in the typed syntax: an author's reference answer."""
    return judge.derivative(function, variable, variables).plain()


def derivative_value(function: str, variable: str, at: float) -> float:
    """f'(at), exact then rounded to float64: the gradient-check chart's reference value."""
    names = (variable,)
    return judge.evaluate(
        judge.derivative(function, variable, names).plain(), {variable: at}, names
    )


def expression_text(text: str, variables: tuple[str, ...]) -> str:
    """An author's expression in the typed syntax, as `{answer}` shows it."""
    from derivquest.engine.parser import parse

    return parse(text, variables).plain()


def value(text: str) -> float:
    """The real value of an author's constant expression (a numeric question's answer)."""
    return judge.evaluate(text, {}, ())


COMPUTATIONS = {
    "derivative_text": derivative_text,
    "derivative_value": derivative_value,
    "expression_text": expression_text,
    "value": value,
    "chart_curves": functions.chart_curves,
}
"""Requests that compute a value from an author's math, rather than judge an answer."""

Outcome = tuple[object, ...]
"""A computation's reply: ("value", the value, None), or ("error", message, column, message
id, values) so that the game can say it in its player's language."""


def compute(method: str, args: tuple[object, ...]) -> Outcome:
    """Run one computation; every failure becomes an ("error", ...) reply."""
    try:
        return ("value", COMPUTATIONS[method](*args), None)  # type: ignore[operator]
    except EngineError as error:
        return _error_reply(error)
    except MemoryError:
        return _error_reply(EngineError.said("error.checker-too-big"))
    except RecursionError:
        return _error_reply(EngineError.said("error.checker-nested"))
    except Exception as error:  # a bug must not take the checker down with it
        return _error_reply(EngineError.said("error.checker-failed", kind=type(error).__name__))


def _error_reply(error: EngineError) -> Outcome:
    return ("error", error.message, error.column, error.key, error.params)


def answer(method: str, args: tuple[object, ...]) -> Verdict | Outcome:
    """Run one request; every failure becomes an ``invalid`` verdict, never a crash.

    A computation (see COMPUTATIONS) replies with its Outcome instead of a verdict.
    """
    if method in COMPUTATIONS:
        return compute(method, args)
    try:
        verdict: Verdict = METHODS[method](*args)  # type: ignore[operator]
        return verdict
    except MemoryError:
        return invalid_verdict(EngineError.said("error.checker-too-big"))
    except RecursionError:
        return invalid_verdict(EngineError.said("error.checker-nested"))
    except Exception as error:  # a bug must not take the checker down with it
        return invalid_verdict(EngineError.said("error.checker-failed", kind=type(error).__name__))


def limit_memory(limit: int) -> None:
    """Cap this process's address space at `limit` bytes (never above an inherited cap)."""
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # some platforms refuse; the deadline still holds
        pass


def die_with_parent(parent: int) -> bool:
    """Ask the kernel for SIGKILL when the game dies; False if it is already gone.

    Only Linux has the signal; elsewhere the watchdog is the only guard.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    # The game may have died before the request above: then nobody will send the signal.
    return os.getppid() == parent


def orphaned(parent: int, requests_fd: int) -> bool:
    """True when the game is gone: our parent changed, or the request pipe hung up."""
    if os.getppid() != parent:
        return True
    poller = select.poll()
    poller.register(requests_fd, 0)  # POLLHUP and POLLERR are always reported
    return any(events & (select.POLLHUP | select.POLLERR) for _, events in poller.poll(0))


def watch(parent: int, requests_fd: int) -> None:
    """End the process once the game is gone, even in the middle of a check."""
    stop = threading.Event()
    while not stop.wait(WATCH_INTERVAL):
        if orphaned(parent, requests_fd):
            os._exit(0)


def serve(requests: Connection, replies: Connection) -> None:
    """Answer requests until the pipe closes or a ``None`` request arrives."""
    # One real check fills SymPy's caches, so the first timed check is as fast as the rest.
    # The answer is a product: the pretty printer loads sympy.physics.units on its first one.
    judge.check_derivative("x*e^x + (3x+2)^5", "5(3x+2)^4 e^x")
    try:
        replies.send("ready")
        while True:
            try:
                request = requests.recv()
            except (EOFError, OSError):
                return
            if request is None:
                return
            method, args = request
            replies.send(answer(method, args))
    except OSError:  # the game closed its end while we answered: nobody is waiting
        return


def main(argv: list[str]) -> int:
    """Entry point: ``python -m derivquest.engine.worker READ_FD WRITE_FD [BYTES [PID]]``."""
    read_fd, write_fd = int(argv[1]), int(argv[2])
    memory = int(argv[3]) if len(argv) > 3 else DEFAULT_MEMORY_MB * 1024 * 1024
    parent = int(argv[4]) if len(argv) > 4 else os.getppid()
    if not die_with_parent(parent):
        return 0
    threading.Thread(target=watch, args=(parent, read_fd), daemon=True).start()
    limit_memory(memory)
    serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
