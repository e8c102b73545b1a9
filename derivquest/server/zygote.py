"""The zygote: a warm parent that forks one game per request (`python -m derivquest.server.zygote`).

Started by the server as a fresh interpreter (never a fork of the server, which runs threads
and an event loop). It imports and warms up the game once, freezes what it made (`gc.freeze`,
so the collector never writes to the pages every game shares), then listens on a Unix socket
only the server's user can reach. For each request, which carries the pty, it forks twice:
the game is the grandchild, and once the middle process exits the game is re-parented to the
server (a child subreaper), which reaps it and sees its exit code like a game it spawned.
Games start in turns (`start_queue.py`): each gets a channel to the zygote's queue and waits
for its turn before it runs.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import importlib
import os
import select
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Protocol, cast

from derivquest.server.game_turn import GameTurn, language_of
from derivquest.server.start_queue import StartQueue, turns_from_environment
from derivquest.server.zygote_child import become_game, find_generators, name_process
from derivquest.server.zygote_wire import GameRequest, WireError, encode_reply, receive_request

REQUEST_TIMEOUT = 5.0
"""Seconds a connection has to send its request (only the server connects)."""

PARENT_POLL = 5.0
"""Seconds between checks that the server still runs, where a pidfd cannot tell us."""

_PR_SET_PDEATHSIG = 1


class Entry(Protocol):
    """What the zygote runs: `prepare` once before forking, `run` in each game."""

    def prepare(self, options: Sequence[str]) -> None: ...

    def run(self, argv: Sequence[str]) -> int: ...


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when the server ends (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def listen(path: str) -> socket.socket:
    """A Unix socket at `path` that only this user can connect to."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    listener.listen(64)
    return listener


def fork_game(
    request: GameRequest,
    slave: int,
    run: Callable[[Sequence[str]], int],
    turn: socket.socket | None = None,
) -> int:
    """Fork the game through a middle process that exits at once; return the game's pid.

    Raises:
        OSError: a fork failed, or the middle process reported no game.
    """
    if threading.active_count() != 1:  # forking a process that runs threads can deadlock
        raise OSError("the zygote runs threads; it cannot fork safely")
    read_end, write_end = os.pipe()
    try:
        middle = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if middle == 0:  # the middle process
        try:
            os.close(read_end)
            game = os.fork()
            if game == 0:
                os.close(write_end)
                _run_game(request, slave, run, turn)
            os.write(write_end, str(game).encode("ascii"))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        reported = pipe.read()
    os.waitpid(middle, 0)  # from now on the game is the server's child
    if not reported.isdigit():
        raise OSError("the game could not be forked")
    return int(reported)


def _run_game(
    request: GameRequest,
    slave: int,
    run: Callable[[Sequence[str]], int],
    turn: socket.socket | None = None,
) -> None:
    """The game's process: become the game, wait for its start turn, run it, exit with its
    status (never returns)."""
    code = 1
    try:
        kept = become_game(slave, request.env, request.budget, keep=turn)
        sys.argv = [sys.argv[0], *request.argv]
        if kept is not None:
            from derivquest.ui import start_turn

            game_turn = GameTurn(kept)
            game_turn.wait(language=language_of(request.argv))
            start_turn.install(game_turn)
        code = run(request.argv)
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else 1
    except BaseException as error:  # the player sees one line, never a traceback
        with contextlib.suppress(Exception):
            print(f"derivquest: the game could not start: {error}", file=sys.stderr)
    finally:
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):
                stream.flush()
        os._exit(code & 0xFF)


def answer(
    connection: socket.socket,
    run: Callable[[Sequence[str]], int],
    queue: StartQueue | None = None,
) -> None:
    """Read one request, fork its game (in the start queue), reply with its pid (or why
    there is none)."""
    connection.settimeout(REQUEST_TIMEOUT)
    try:
        request, slave = receive_request(connection)
    except (OSError, WireError) as error:
        with contextlib.suppress(OSError):
            connection.send(encode_reply(None, str(error)))
        return
    turn = None
    if queue is not None:
        with contextlib.suppress(OSError):  # no channel (out of descriptors): no turn
            turn = queue.add()
    try:
        reply = encode_reply(fork_game(request, slave, run, turn))
    except OSError as error:
        reply = encode_reply(None, str(error))
    finally:
        os.close(slave)
        if turn is not None:
            turn.close()  # the game has its copy; the queue keeps the other end
    with contextlib.suppress(OSError):
        connection.send(reply)


def serve(
    listener: socket.socket,
    run: Callable[[Sequence[str]], int],
    parent: int,
    queue: StartQueue | None = None,
) -> None:
    """Answer requests and pass start turns on until the server is gone (no timer runs
    while nothing happens)."""
    watch: list[int] = []
    try:
        watch.append(os.pidfd_open(parent))
    except (AttributeError, OSError):
        pass
    while os.getppid() == parent:
        timeouts = [] if watch else [PARENT_POLL]
        channels = queue.channels() if queue is not None else []
        if queue is not None and (expiry := queue.timeout()) is not None:
            timeouts.append(expiry)
        readable, _, _ = select.select(
            [listener.fileno(), *watch, *channels], [], [], min(timeouts, default=None)
        )
        if queue is not None:
            for fd in readable:
                if fd in channels:
                    queue.readable(fd)
            queue.expire()
        if listener.fileno() in readable:
            with contextlib.suppress(OSError):
                connection, _ = listener.accept()
                with connection:
                    answer(connection, run, queue)
        elif any(fd in watch for fd in readable):  # the pidfd: the server has ended
            return


def main(argv: Sequence[str]) -> int:
    """`python -m derivquest.server.zygote SOCKET READY_FD ENTRY [GAME OPTIONS...]`."""
    if len(argv) < 4:
        print("usage: python -m derivquest.server.zygote SOCKET READY_FD ENTRY", file=sys.stderr)
        return 2
    path, ready_fd, entry_name, options = argv[1], int(argv[2]), argv[3], argv[4:]
    parent = os.getppid()
    die_with_parent()
    name_process(b"derivquest-zyg")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    entry = cast(Entry, importlib.import_module(entry_name))
    entry.prepare(options)
    find_generators()  # before the fork: each game re-seeds them without searching
    gc.collect()
    gc.freeze()
    listener = listen(path)
    os.write(ready_fd, b"ready\n")
    os.close(ready_fd)
    turns = turns_from_environment(os.environ)
    queue = StartQueue(turns) if turns is not None else None
    try:
        serve(listener, entry.run, parent, queue)
    finally:
        if queue is not None:
            queue.close()
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv))
    except Exception:  # the server logs the zygote's end and starts games fresh meanwhile
        traceback.print_exc()
        raise SystemExit(1) from None
