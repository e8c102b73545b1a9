"""The game's end of the pool: one connection, one request at a time, a reply or a failure.

``JudgeService`` calls ``ask`` under its own lock. Any trouble with the pool (no socket, a
closed connection, a garbled reply, no answer in time) raises ``PoolUnavailable``, and the
service falls back to a checker of its own; an overrun or a worker's death is an answer
(the pool already replaced the worker), not a failure.
"""

from __future__ import annotations

import io
import itertools
import pickle
import socket
import time

from derivquest.engine.pool.protocol import (
    DIED,
    HEADER,
    MAX_REPLY_BYTES,
    OVERRUN,
    REPLY_ID,
    RESULT,
    Request,
    encode_request,
)

SOCKET_ENV = "DERIVQUEST_CHECKER_SOCKET"
"""Set by the classroom server for its games: the pool's socket. Unset: a checker per game."""

PATIENCE = 30.0
"""Seconds a game waits for the pool beyond the check's own deadline (its queue, and the
pool's warm-up right after the server started) before it checks on its own."""

CONNECT_TIMEOUT = 2.0
"""Seconds to connect: the pool accepts in its loop, which never blocks."""


REPLY_CLASSES = frozenset(
    {
        ("derivquest.engine.verdict", "Verdict"),
        ("derivquest.engine.verdict", "Witness"),
        ("derivquest.engine.verdict", "TermAtFault"),
        ("derivquest.engine.readings", "ReadingNote"),
        ("derivquest.engine.functions", "ChartCurves"),
        ("derivquest.engine.functions", "Program"),
    }
)
"""The only classes a reply may contain. A worker judges every student's answers in turn:
were one ever subverted by an answer, a pickle naming anything else (``os.system``) must not
run in the next student's game."""


class _RepliesOnly(pickle.Unpickler):
    """Unpickles verdicts, values and chart programs; refuses every other global."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in REPLY_CLASSES:
            raise pickle.UnpicklingError(f"a reply may not contain {module}.{name}")
        found: type = super().find_class(module, name)
        return found


class PoolUnavailable(OSError):
    """The pool cannot be used (any more): check with a checker of our own."""


class Overrun(Exception):
    """The check overran its deadline in the pool (the worker was killed and replaced)."""


class WorkerDied(Exception):
    """The pool's worker died during the check (its memory limit, most likely)."""


class PoolClient:
    """One game's connection to the checker pool."""

    def __init__(self, path: str, patience: float = PATIENCE) -> None:
        self.path = path
        self.patience = patience
        self._sock: socket.socket | None = None
        self._ids = itertools.count(1)

    def connect(self) -> None:
        """Connect now (otherwise the first `ask` does).

        Raises:
            PoolUnavailable: no pool listens at the path.
        """
        if self._sock is not None:
            return
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(CONNECT_TIMEOUT)
        try:
            sock.connect(self.path)
        except OSError as error:
            sock.close()
            raise PoolUnavailable(
                f"cannot reach the checker pool at {self.path}: {error}"
            ) from None
        self._sock = sock

    def close(self) -> None:
        """Close the connection (a later `ask` connects again)."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def ask(self, method: str, args: tuple[object, ...], deadline: float) -> object:
        """Send one request and return the worker's unpickled answer.

        Raises:
            Overrun: the check overran `deadline` in its worker.
            WorkerDied: the worker died during the check.
            PoolUnavailable: the pool is gone, broke the protocol or did not answer in time
                (the connection is closed).
            EngineError: a reply refused on arrival (a chart program's own checks).
        """
        self.connect()
        assert self._sock is not None
        ident = next(self._ids)
        try:
            self._sock.settimeout(CONNECT_TIMEOUT)
            self._sock.sendall(encode_request(Request(ident, method, args, deadline)))
            kind, body = self._receive(ident, time.monotonic() + deadline + self.patience)
        except (OSError, ValueError) as error:
            self.close()
            raise PoolUnavailable(f"the checker pool failed: {error}") from None
        if kind == OVERRUN:
            raise Overrun()
        if kind == DIED:
            raise WorkerDied()
        try:
            return _RepliesOnly(io.BytesIO(body)).load()
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as error:
            self.close()
            raise PoolUnavailable(f"the checker pool sent a broken reply: {error}") from None

    def _receive(self, ident: int, until: float) -> tuple[bytes, bytes]:
        """The reply to request `ident` (kind, body); earlier replies' leftovers are skipped."""
        while True:
            payload = self._frame(until)
            if len(payload) < REPLY_ID.size + 1:
                raise ValueError("a reply too short to read")
            (got,) = REPLY_ID.unpack_from(payload)
            kind = payload[REPLY_ID.size : REPLY_ID.size + 1]
            if kind not in (RESULT, OVERRUN, DIED):
                raise ValueError("a reply of an unknown kind")
            if got == ident:
                return kind, payload[REPLY_ID.size + 1 :]
            # An answer to an earlier request given up on: not ours any more.

    def _frame(self, until: float) -> bytes:
        (length,) = HEADER.unpack(self._exactly(HEADER.size, until))
        if length > MAX_REPLY_BYTES:
            raise ValueError(f"a reply of {length} bytes")
        return self._exactly(length, until)

    def _exactly(self, size: int, until: float) -> bytes:
        assert self._sock is not None
        data = bytearray()
        while len(data) < size:
            left = until - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer in time")
            self._sock.settimeout(left)
            chunk = self._sock.recv(size - len(data))
            if not chunk:
                raise ConnectionError("the pool closed the connection")
            data += chunk
        return bytes(data)
