"""``python -m derivquest.engine.pool SOCKET``: the checker pool's parent process.

It listens first (so games started at once can connect; their first checks wait for the
warm-up), then imports the engine, warms it up on every kind of request, freezes the heap
(``gc.freeze()``: forked workers share those pages instead of copying them on the first
collection) and forks its workers. It prints ``listening`` and then ``ready`` on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import socket
import sys

WARM_UPS: tuple[tuple[str, tuple[object, ...]], ...] = (
    # A product: the pretty-printer loads sympy.physics.units on its first one (150 ms).
    ("check_derivative", ("x*e^x + (3x+2)^5", "5(3x+2)^4 e^x", "x", None)),
    ("check_derivative", ("x^2 sin(x)", "2x cos(x)", "x", None)),
    (
        "check_derivative",
        ("sigmoid(w x + b)", "sigmoid(w x + b)(1 - sigmoid(w x + b)) x", "w", ("w", "x", "b")),
    ),
    ("check", ("15(3x+2)^4", "15*(2+3x)^4", ("x",))),
    ("check", ("1/(1+e^-x)", "e^x/(1+e^x)^2", ("x",))),
    ("check_numeric", ("1/3", "0.33", 0.01, None)),
    ("derivative_text", ("ln(x^2+1)", "x", ("x",))),
    ("expression_text", ("2x e^x", ("x",))),
    ("value", ("sqrt(2)/2",)),
    ("derivative_value", ("tanh(x)", "x", 0.5)),
    ("chart_curves", ("sin(x)/x", "x")),
)
"""One of every request a game sends, so a worker's first real check is as fast as the rest."""


def default_workers() -> int:
    """About one worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def listen(path: str) -> socket.socket:
    """A Unix socket at `path` that only this user can connect to."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    listener.listen(128)
    return listener


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # nobody reads any more: that is fine
        print(line, flush=True)


def main(argv: list[str]) -> int:
    """Entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m derivquest.engine.pool")
    parser.add_argument("socket")
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--extra", type=int, default=-1, help="-1: as many as --workers")
    parser.add_argument("--parent", type=int, default=None, help="die with this process")
    args = parser.parse_args(argv)
    # Its stderr is the server's: the teacher's terminal or log. Problems only (a fork refused).
    logging.basicConfig(format="%(asctime)s checkers: %(message)s", datefmt="%H:%M:%S")

    from derivquest.engine.service import memory_limit_from_environment
    from derivquest.engine.worker import answer, die_with_parent

    if args.parent is not None and not die_with_parent(args.parent):
        return 0
    listener = listen(args.socket)
    try:
        _say("listening")
        for method, request in WARM_UPS:
            answer(method, request)
        gc.collect()
        gc.freeze()
        _say("ready")
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)  # a server that stopped reading our stdout must not stop us
        from derivquest.engine.pool.server import PoolServer

        workers = args.workers if args.workers > 0 else default_workers()
        extra = args.extra if args.extra >= 0 else workers
        PoolServer(
            listener, answer, workers, extra, memory_limit_from_environment(), args.parent
        ).run()
    finally:
        with contextlib.suppress(OSError):
            os.unlink(args.socket)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
