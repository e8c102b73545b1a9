"""A small game for the zygote's tests: reports what it was given, then exits as asked."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import stat
import sys
from collections.abc import Sequence

DRAWN_AT_IMPORT = random.Random()
"""A generator made at import time: each fork must re-seed it."""

prepared: list[str] = []


def prepare(options: Sequence[str]) -> None:
    """What a real entry does once before forking (here: remember the options)."""
    prepared.extend(options)
    random.seed(1)  # the zygote's own state: every game would copy it without a re-seed


def run(argv: Sequence[str]) -> int:
    """Print one JSON line about this process, wait for a line of input, exit with argv[0].

    Like a game whose first question is drawn, it then gives its start turn back, unless
    `hold` is among its arguments (it keeps the turn until it exits).
    """
    from derivquest.ui import start_turn

    turn = start_turn.installed()
    size = os.get_terminal_size(0)
    tty = os.open("/dev/tty", os.O_RDWR)  # fails without a controlling terminal
    os.close(tty)
    report = {
        "argv": list(argv),
        "prepared": prepared,
        "pid": os.getpid(),
        "leader": os.getsid(0) == os.getpid() == os.getpgid(0),
        "tty": os.ttyname(0),
        "same_tty": os.ttyname(1) == os.ttyname(2) == os.ttyname(0),
        "size": [size.columns, size.lines],
        "env": dict(os.environ),
        "limits": [
            resource.getrlimit(getattr(resource, name))[0]
            for name in ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_CORE")
        ],
        "random": random.random(),
        "import_random": DRAWN_AT_IMPORT.random(),
        "sigint": signal.getsignal(signal.SIGINT) is signal.default_int_handler,
        "sigterm_default": signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
        "sigpipe_ignored": signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN,
        "blocked": sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])),
        "fds": sorted(int(fd) for fd in os.listdir("/proc/self/fd")),
        "turn_granted": getattr(turn, "granted", None),
        "fd3_socket": _is_socket(3),
    }
    print(json.dumps(report), flush=True)
    if "hold" not in argv:
        start_turn.question_drawn()
    sys.stdin.readline()
    return int(argv[0]) if argv and argv[0].isdigit() else 0


def _is_socket(fd: int) -> bool:
    try:
        return stat.S_ISSOCK(os.fstat(fd).st_mode)
    except OSError:
        return False
