"""The checker process: reads (method, args) requests from a pipe and answers with verdicts.

Started by ``JudgeService`` as ``python -m derivquest.engine.worker READ_FD WRITE_FD``; it
never touches the terminal (stdout and stderr are not used), and exits when its pipe closes,
so it cannot outlive a game that was killed.
"""

from __future__ import annotations

import resource
import sys
from multiprocessing.connection import Connection

from derivquest.engine import judge
from derivquest.engine.errors import EngineError
from derivquest.engine.parser import parse
from derivquest.engine.verdict import Verdict

WORKER_MEMORY_LIMIT = 2 * 1024**3
"""Bytes of address space a worker may use; a bigger check fails instead of the machine."""

METHODS = {
    "check": judge.check,
    "check_derivative": judge.check_derivative,
    "check_numeric": judge.check_numeric,
}


def answer(method: str, args: tuple[object, ...]) -> Verdict:
    """Run one request; every failure becomes an ``invalid`` verdict, never a crash."""
    try:
        verdict: Verdict = METHODS[method](*args)  # type: ignore[operator]
        return verdict
    except MemoryError:
        return Verdict("invalid", "that expression is too large to check")
    except RecursionError:
        return Verdict("invalid", "that expression is nested too deeply to check")
    except Exception as error:  # a bug must not take the checker down with it
        return Verdict("invalid", f"the checker failed on this input ({type(error).__name__})")


def derivative_text(function: str, variable: str, variables: tuple[str, ...]) -> str:
    """d(function)/d(variable) in the typed syntax: an author's reference answer."""
    return judge.derivative(function, variable, variables).plain()


def expression_text(text: str, variables: tuple[str, ...]) -> str:
    """An author's expression in the typed syntax, as `{answer}` shows it."""
    return parse(text, variables).plain()


def value(text: str) -> float:
    """The real value of an author's constant expression (a numeric question's answer)."""
    return judge.evaluate(text, {}, ())


def derivative_value(function: str, variable: str, at: float) -> float:
    """f'(at), exact then rounded to float64: the gradient-check chart's reference value."""
    names = (variable,)
    return judge.evaluate(
        judge.derivative(function, variable, names).plain(), {variable: at}, names
    )


COMPUTATIONS = {
    "derivative_text": derivative_text,
    "derivative_value": derivative_value,
    "expression_text": expression_text,
    "value": value,
}
"""Requests that compute a value from an author's math, rather than judge an answer."""

Outcome = tuple[str, object, int | None]
"""A computation's reply: ("value", the value, None) or ("error", message, column)."""


def compute(method: str, args: tuple[object, ...]) -> Outcome:
    """Run one computation; every failure becomes an ("error", message, column) reply."""
    try:
        return ("value", COMPUTATIONS[method](*args), None)  # type: ignore[operator]
    except EngineError as error:
        return ("error", error.message, error.column)
    except MemoryError:
        return ("error", "that expression is too large to work with", None)
    except RecursionError:
        return ("error", "that expression is nested too deeply to work with", None)
    except Exception as error:  # a bug must not take the checker down with it
        return ("error", f"the checker failed on this input ({type(error).__name__})", None)


def serve(requests: Connection, replies: Connection) -> None:
    """Answer requests until the pipe closes or a ``None`` request arrives."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT, WORKER_MEMORY_LIMIT))
    except (ValueError, OSError):  # some platforms refuse; the deadline still holds
        pass
    # One real check fills SymPy's caches, so the first timed check is as fast as the rest.
    judge.check_derivative("x*e^x + (3x+2)^5", "e^x")
    replies.send("ready")
    while True:
        try:
            request = requests.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        method, args = request
        replies.send(compute(method, args) if method in COMPUTATIONS else answer(method, args))


def main(argv: list[str]) -> int:
    """Entry point: ``python -m derivquest.engine.worker READ_FD WRITE_FD``."""
    read_fd, write_fd = int(argv[1]), int(argv[2])
    serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
