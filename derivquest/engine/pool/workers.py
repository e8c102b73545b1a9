"""The pool's workers: forked from the warm parent, one check at a time, killed on overrun.

A worker is a fork of the pool's parent, which has SymPy and the engine imported and warmed
up (and ``gc.freeze()``-ed, so the child's garbage collector does not touch, and copy, the
shared pages): it is ready in milliseconds. It keeps the checker's guards: a memory limit
(RLIMIT_AS), the kernel's parent-death signal, and an end when its socket to the parent
closes. It reads pickled (method, args) frames from the parent and writes back its pickled
answer, which the parent passes on to the game unread.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from derivquest.engine.pool.protocol import HEADER, Request

AFFINITY = 64
"""Questions a worker remembers having seen (it has them in its caches)."""


def _read_exactly(fd: int, size: int) -> bytes | None:
    """`size` bytes from `fd`, or None once the other end has closed."""
    chunks = bytearray()
    while len(chunks) < size:
        try:
            chunk = os.read(fd, size - len(chunks))
        except InterruptedError:
            continue
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def worker_loop(fd: int, answer: Callable[[str, tuple[object, ...]], object]) -> None:
    """Answer the parent's requests until it closes the socket (runs in the child)."""
    while True:
        header = _read_exactly(fd, HEADER.size)
        if header is None:
            return
        (length,) = HEADER.unpack(header)
        payload = _read_exactly(fd, length)
        if payload is None:
            return
        method, args = pickle.loads(payload)  # from our own parent: trusted
        reply = pickle.dumps(answer(method, args), protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(fd, HEADER.pack(len(reply)) + reply)


def fork_worker(
    extra: bool,
    memory_limit: int,
    answer: Callable[[str, tuple[object, ...]], object],
    forget: Callable[[], None],
) -> Worker:
    """Fork a worker from this (warm) process and return the parent's handle on it.

    In the child, `forget` closes the parent's descriptors (games, other workers), then the
    worker sets itself up and answers requests until its socket closes; it never returns.

    Raises:
        OSError: no socket pair or no process could be made.
    """
    ours, theirs = socket.socketpair()
    pool = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        ours.close()
        theirs.close()
        raise
    if pid == 0:  # the worker: never returns into the parent's loop
        status = 0
        try:
            ours.close()
            forget()
            _become_worker(pool, memory_limit)
            worker_loop(theirs.fileno(), answer)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    theirs.close()
    ours.setblocking(False)
    return Worker(pid, ours, extra)


def _become_worker(pool: int, memory_limit: int) -> None:
    """A new worker's own setup: default signals, death with the pool, the memory limit."""
    from derivquest.engine.worker import die_with_parent, limit_memory

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if not die_with_parent(pool):
        os._exit(0)
    limit_memory(memory_limit)


@dataclass(eq=False)
class Worker:
    """The parent's handle on one forked worker."""

    pid: int
    sock: socket.socket
    extra: bool
    """Forked because every worker was busy; retired after a while without work."""
    request: Request | None = None
    connection: object | None = None
    """The game connection the request came from (None when idle)."""
    started: float = 0.0
    """When the current check was handed over (`time.monotonic()`)."""
    idle_since: float = field(default_factory=time.monotonic)
    seen: OrderedDict[Hashable, None] = field(default_factory=OrderedDict)

    @property
    def busy(self) -> bool:
        return self.request is not None

    def knows(self, key: Hashable) -> bool:
        """True when this worker recently checked the same question."""
        return key in self.seen

    def hand(self, request: Request, connection: object) -> None:
        """Send `request` to the worker; its deadline starts now."""
        payload = pickle.dumps((request.method, request.args), protocol=pickle.HIGHEST_PROTOCOL)
        self.sock.setblocking(True)  # a request is small: the pipe takes it at once
        try:
            self.sock.sendall(HEADER.pack(len(payload)) + payload)
        finally:
            self.sock.setblocking(False)
        self.request, self.connection = request, connection
        self.started = time.monotonic()
        key = request.key()
        self.seen[key] = None
        self.seen.move_to_end(key)
        while len(self.seen) > AFFINITY:
            self.seen.popitem(last=False)

    def done(self) -> None:
        """The worker answered (or its client left): it is idle again."""
        self.request, self.connection = None, None
        self.idle_since = time.monotonic()

    def kill(self) -> None:
        """SIGKILL and reap the worker, close its socket."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self.sock.close()
