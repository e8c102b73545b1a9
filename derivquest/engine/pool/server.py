"""The pool's parent: accepts games on a Unix socket and hands their checks to workers fairly.

Single-threaded (it forks, so it must not have threads) around one ``selectors`` loop:

- Each game connection has its own queue and at most one check in a worker at a time;
  connections with work wait in a ring served round-robin, so a game that floods the pool
  only queues behind itself, and a hostile answer occupies one worker at most.
- The deadline starts when a check is handed to a worker, not when it arrived: time in the
  queue is never held against a player. A worker past its deadline is killed (SIGKILL) and a
  fresh fork of the warm parent takes its place in milliseconds; so is one that died.
- While checks wait and every worker has been on its current check for ``GROW_AFTER``
  seconds (long checks, hostile ones most likely, not merely a busy class), the pool forks
  up to ``extra`` more workers, retired again after ``RETIRE_AFTER`` idle seconds. More
  workers than cores only help against long checks: for ordinary ones a queue is faster
  than processes fighting over the cores, and a new fork starts with cold caches.
- A connection that sends garbage, an oversized frame or too many requests is closed; the
  pool and every other game go on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import signal
import socket
import struct
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from derivquest.engine.pool.protocol import (
    DIED,
    MAX_REPLY_BYTES,
    MAX_REQUEST_BYTES,
    OVERRUN,
    RESULT,
    FrameReader,
    ProtocolError,
    Request,
    decode_request,
    encode_reply,
)
from derivquest.engine.pool.workers import Worker, fork_worker

log = logging.getLogger("derivquest.engine.pool")

GROW_AFTER = 0.5
"""Seconds every worker must have spent on its current check, with checks waiting, before an
extra worker is forked (an ordinary check takes tens of milliseconds)."""

RETIRE_AFTER = 10.0
"""Seconds an extra worker may stay idle before it is ended."""

WATCH_INTERVAL = 0.25
"""Longest wait of the loop: how soon a dead server or a stop signal is noticed."""

MAX_QUEUED = 16
"""Requests one connection may have waiting; one more closes it (a game sends one at a time)."""

MAX_CONNECTIONS = 512
"""Game connections at once; more are closed as they arrive (a server has at most a few
hundred games, and a process often may not open more than 1024 descriptors)."""

MAX_PENDING_OUT = 32 * 1024 * 1024
"""Reply bytes a game may leave unread before its connection is closed."""

_PEERCRED = struct.Struct("3i")


@dataclass(eq=False)
class GameConnection:
    """One game's connection: its queue, its check in a worker, its unsent replies."""

    sock: socket.socket
    reader: FrameReader = field(default_factory=lambda: FrameReader(MAX_REQUEST_BYTES))
    queue: deque[tuple[float, Request]] = field(default_factory=deque)
    """Waiting requests with the time each arrived."""
    worker: Worker | None = None
    out: bytearray = field(default_factory=bytearray)
    closed: bool = False


class PoolServer:
    """The loop of the pool's parent process (see the module docstring)."""

    def __init__(
        self,
        listener: socket.socket,
        answer: Callable[[str, tuple[object, ...]], object],
        workers: int,
        extra: int,
        memory_limit: int,
        parent: int | None = None,
    ) -> None:
        self.listener = listener
        self.answer = answer
        self.size = max(1, workers)
        self.extra = max(0, extra)
        self.memory_limit = memory_limit
        self.parent = parent
        self.workers: list[Worker] = []
        self.connections: set[GameConnection] = set()
        self.ring: deque[GameConnection] = deque()
        self.selector = selectors.DefaultSelector()
        self.stopping = False
        self._fork_failed = 0.0
        self._readers: dict[Worker, FrameReader] = {}
        self._accept_paused: float | None = None
        """When accepting failed (out of descriptors); None while games are accepted."""

    # -- the loop --------------------------------------------------------------------------

    def run(self) -> None:
        """Serve until SIGTERM/SIGINT or until the server that started the pool is gone."""
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._stop)
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ, None)
        for _ in range(self.size):
            self._fork(extra=False)
        try:
            while not self.stopping:
                if self.parent is not None and os.getppid() != self.parent:
                    return
                for key, events in self.selector.select(self._timeout()):
                    self._event(key, events)
                self._enforce_deadlines()
                self._keep_workers()
                self._dispatch()
        finally:
            for worker in list(self.workers):
                worker.kill()

    def _stop(self, signum: int, frame: object) -> None:
        self.stopping = True

    def _timeout(self) -> float:
        now = time.monotonic()
        timeout = WATCH_INTERVAL
        for worker in self.workers:
            if worker.request is not None:
                timeout = min(timeout, worker.started + worker.request.deadline - now)
        if self.ring and not self._idle() and self.workers:
            shortest = min(now - worker.started for worker in self.workers)
            timeout = min(timeout, max(0.01, GROW_AFTER - shortest))
        return max(0.0, timeout)

    def _event(self, key: selectors.SelectorKey, events: int) -> None:
        owner = key.data
        if owner is None:
            self._accept()
        elif isinstance(owner, Worker):
            if owner in self.workers:  # not one lost earlier in this same batch of events
                self._worker_readable(owner)
        elif isinstance(owner, GameConnection):
            if events & selectors.EVENT_WRITE:
                self._flush(owner)
            if events & selectors.EVENT_READ and not owner.closed:
                self._game_readable(owner)

    # -- games -----------------------------------------------------------------------------

    def _accept(self) -> None:
        while True:
            try:
                sock, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:  # out of descriptors: the game falls back to its own
                log.warning("cannot accept a game: %s", error)
                self.selector.unregister(self.listener)  # not a busy loop: retry in a second
                self._accept_paused = time.monotonic()
                return
            if len(self.connections) >= MAX_CONNECTIONS or not _same_user(sock):
                sock.close()
                continue
            sock.setblocking(False)
            connection = GameConnection(sock)
            self.connections.add(connection)
            self.selector.register(sock, selectors.EVENT_READ, connection)

    def _game_readable(self, connection: GameConnection) -> None:
        try:
            data = connection.sock.recv(MAX_REQUEST_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._close(connection)
            return
        try:
            frames = connection.reader.feed(data)
            requests = [decode_request(frame) for frame in frames]
        except ProtocolError as error:
            log.info("closing a game connection: %s", error)
            self._close(connection)
            return
        now = time.monotonic()
        for request in requests:
            connection.queue.append((now, request))
        if len(connection.queue) > MAX_QUEUED:
            log.info("closing a game connection: more than %d requests waiting", MAX_QUEUED)
            self._close(connection)
            return
        if connection.queue and connection.worker is None and connection not in self.ring:
            self.ring.append(connection)

    def _reply(self, connection: GameConnection | None, data: bytes) -> None:
        if connection is None or connection.closed:
            return
        connection.out += data
        if len(connection.out) > MAX_PENDING_OUT:
            self._close(connection)
            return
        self._flush(connection)

    def _flush(self, connection: GameConnection) -> None:
        try:
            sent = connection.sock.send(connection.out)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self._close(connection)
            return
        del connection.out[:sent]
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if connection.out else 0)
        self.selector.modify(connection.sock, events, connection)

    def _close(self, connection: GameConnection) -> None:
        if connection.closed:
            return
        connection.closed = True
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(connection.sock)
        connection.sock.close()
        self.connections.discard(connection)
        with contextlib.suppress(ValueError):
            self.ring.remove(connection)
        connection.queue.clear()
        if connection.worker is not None:  # its check runs on; the answer is dropped
            connection.worker.connection = None
            connection.worker = None

    # -- workers ---------------------------------------------------------------------------

    def _idle(self) -> list[Worker]:
        return [worker for worker in self.workers if not worker.busy]

    def _fork(self, extra: bool) -> Worker | None:
        """Fork a worker from this warm process; None when the system refuses."""
        if time.monotonic() - self._fork_failed < 1.0:
            return None
        try:
            worker = fork_worker(extra, self.memory_limit, self.answer, self._forget_in_child)
        except OSError as error:
            self._fork_failed = time.monotonic()
            log.warning("cannot start a checker: %s", error)
            return None
        self.workers.append(worker)
        self._readers[worker] = FrameReader(MAX_REPLY_BYTES)
        self.selector.register(worker.sock, selectors.EVENT_READ, worker)
        return worker

    def _forget_in_child(self) -> None:
        """In a new worker: close every descriptor of the parent's (games, other workers)."""
        self.selector.close()
        self.listener.close()
        for connection in self.connections:
            connection.sock.close()
        for worker in self.workers:
            worker.sock.close()

    def _worker_readable(self, worker: Worker) -> None:
        try:
            data = worker.sock.recv(1 << 20)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        try:
            frames = self._readers[worker].feed(data) if data else None
        except ProtocolError:
            frames = None
        if frames is None:  # it died (or broke the protocol): the check gets no answer
            self._lose(worker, DIED)
            return
        for frame in frames:
            if worker.request is None:  # an answer nobody asked for
                self._lose(worker, DIED)
                return
            request, connection = worker.request, worker.connection
            self._finish(worker)
            if isinstance(connection, GameConnection):
                self._reply(connection, encode_reply(request.id, RESULT, frame))

    def _finish(self, worker: Worker) -> None:
        """The worker's check is over: free it and put its game back in the ring."""
        connection = worker.connection
        worker.done()
        if isinstance(connection, GameConnection) and not connection.closed:
            connection.worker = None
            if connection.queue and connection not in self.ring:
                self.ring.append(connection)

    def _lose(self, worker: Worker, kind: bytes) -> None:
        """Kill `worker`, tell its game why (`kind`), and fork its successor if needed."""
        request, connection = worker.request, worker.connection
        self._finish(worker)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(worker.sock)
        worker.kill()
        self.workers.remove(worker)
        self._readers.pop(worker, None)
        if request is not None and isinstance(connection, GameConnection):
            self._reply(connection, encode_reply(request.id, kind))
        if not worker.extra:
            self._fork(extra=False)

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.request is not None and now - worker.started > worker.request.deadline:
                self._lose(worker, OVERRUN)

    def _keep_workers(self) -> None:
        """Replace missing workers; grow while checks wait; retire idle extras."""
        if self._accept_paused is not None and time.monotonic() - self._accept_paused > 1.0:
            self._accept_paused = None
            self.selector.register(self.listener, selectors.EVENT_READ, None)
        while sum(not w.extra for w in self.workers) < self.size:
            if self._fork(extra=False) is None:
                break
        now = time.monotonic()
        idle = self._idle()
        extras = [w for w in self.workers if w.extra]
        if self.ring and not idle and len(extras) < self.extra:
            shortest = min(now - worker.started for worker in self.workers)
            if shortest >= GROW_AFTER:
                self._fork(extra=True)
        for worker in extras:
            if not worker.busy and now - worker.idle_since > RETIRE_AFTER:
                self._lose(worker, DIED)

    def _dispatch(self) -> None:
        while self.ring:
            idle = self._idle()
            if not idle:
                return
            connection = self.ring.popleft()
            if connection.closed or not connection.queue:
                continue
            _, request = connection.queue.popleft()
            key = request.key()
            worker = next((w for w in idle if w.knows(key)), idle[0])
            try:
                worker.hand(request, connection)
            except OSError:  # it died just now: the request goes back to the head
                connection.queue.appendleft((time.monotonic(), request))
                self.ring.appendleft(connection)
                self._lose(worker, DIED)
                continue
            connection.worker = worker


def _same_user(sock: socket.socket) -> bool:
    """True when the peer runs as this user (the socket's mode already says so; belt and braces)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    try:
        _, uid, _ = _PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, option, _PEERCRED.size))
    except OSError:
        return False
    return bool(uid == os.getuid())
