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


def serve(requests: Connection, replies: Connection) -> None:
    """Answer requests until the pipe closes or a ``None`` request arrives."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT, WORKER_MEMORY_LIMIT))
    except (ValueError, OSError):  # some platforms refuse; the deadline still holds
        pass
    # One real check fills SymPy's caches, so the first timed check is as fast as the rest.
    # The answer is a product: the pretty printer loads sympy.physics.units on its first one.
    judge.check_derivative("x*e^x + (3x+2)^5", "5(3x+2)^4 e^x")
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


def main(argv: list[str]) -> int:
    """Entry point: ``python -m derivquest.engine.worker READ_FD WRITE_FD``."""
    read_fd, write_fd = int(argv[1]), int(argv[2])
    serve(Connection(read_fd, writable=False), Connection(write_fd, readable=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
