"""The pool's wire format: length-prefixed frames, JSON requests checked field by field.

A game is not fully trusted, so what it sends is JSON (never a pickle), capped in size and
validated against one signature per method before anything else looks at it; anything wrong
closes that game's connection. Replies carry the worker's pickled answer untouched (the pool's
parent never unpickles a worker's bytes; the game unpickles only the classes of a verdict,
a value or a chart program: ``client.REPLY_CLASSES``).
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Callable
from dataclasses import dataclass

HEADER = struct.Struct(">I")
"""Every frame starts with its payload's length (4 bytes, big-endian)."""

MAX_REQUEST_BYTES = 64 * 1024
"""Largest request payload: an answer has at most 500 characters, an author's text a few
thousand; a longer frame closes the connection before it is read."""

MAX_REPLY_BYTES = 16 * 1024 * 1024
"""Largest reply payload a game accepts (chart programs are the biggest, well under 1 MiB)."""

MAX_TEXT = 20_000
"""Longest string argument, in characters."""

MAX_NAMES = 26
"""Most variable names one request may list."""

MAX_DEADLINE = 60.0
"""Longest deadline a request may ask for, in seconds."""

REPLY_ID = struct.Struct(">Q")
"""A reply's payload starts with the request's id, then one kind byte, then the body."""

RESULT = b"R"
"""The body is the worker's pickled answer (a Verdict or a computation's outcome)."""
OVERRUN = b"D"
"""The check overran its deadline; the worker was killed and replaced. No body."""
DIED = b"K"
"""The worker died during the check (its memory limit, most likely). No body."""


class ProtocolError(ValueError):
    """A frame or request that breaks the protocol: its connection is closed."""


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise ProtocolError("expected a string of at most 20000 characters")
    return value


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_NAMES:
        raise ProtocolError("expected a list of at most 26 names")
    names = tuple(_text(name) for name in value)
    if any(len(name) > 64 for name in names):
        raise ProtocolError("a variable name is too long")
    return names


def _optional_names(value: object) -> tuple[str, ...] | None:
    return None if value is None else _names(value)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProtocolError("expected a number")
    number = float(value)
    if not math.isfinite(number):
        raise ProtocolError("expected a finite number")
    return number


def _optional_number(value: object) -> float | None:
    return None if value is None else _number(value)


Field = Callable[[object], object]

SIGNATURES: dict[str, tuple[Field, ...]] = {
    "check": (_text, _text, _names),
    "check_derivative": (_text, _text, _text, _optional_names),
    "check_numeric": (_text, _text, _optional_number, _optional_number),
    "derivative_text": (_text, _text, _names),
    "expression_text": (_text, _names),
    "value": (_text,),
    "derivative_value": (_text, _text, _number),
    "chart_curves": (_text, _text),
}
"""Every method a game may ask for, with a reader for each argument (`engine.worker`'s
METHODS and COMPUTATIONS, with the types `JudgeService` sends)."""


@dataclass(frozen=True, slots=True)
class Request:
    """One validated request from a game."""

    id: int
    method: str
    args: tuple[object, ...]
    deadline: float
    """Seconds the check itself may take (time in the queue is not counted)."""

    def key(self) -> tuple[object, ...]:
        """The question this request is about: workers that saw it have it cached."""
        if self.method == "check_derivative":
            return (self.method, self.args[0], self.args[2], self.args[3])
        return (self.method, self.args[0], *self.args[2:3])


def _no_constant(name: str) -> float:
    raise ProtocolError(f"{name} is not a number JSON allows")


def encode_request(request: Request) -> bytes:
    """A request's frame (the game's side)."""
    payload = json.dumps(
        {
            "id": request.id,
            "method": request.method,
            "args": [list(a) if isinstance(a, tuple) else a for a in request.args],
            "deadline": request.deadline,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    return HEADER.pack(len(payload)) + payload


def decode_request(payload: bytes) -> Request:
    """Read and validate one request payload.

    Raises:
        ProtocolError: not UTF-8 JSON, an unknown method, or an argument of the wrong type.
    """
    try:
        item = json.loads(payload.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, RecursionError, ValueError) as error:
        raise ProtocolError(f"not a JSON request ({type(error).__name__})") from None
    if not isinstance(item, dict) or set(item) != {"id", "method", "args", "deadline"}:
        raise ProtocolError("a request has exactly id, method, args and deadline")
    ident, method, args = item["id"], item["method"], item["args"]
    if isinstance(ident, bool) or not isinstance(ident, int) or not 0 <= ident < 2**63:
        raise ProtocolError("the id must be a natural number")
    signature = SIGNATURES.get(method) if isinstance(method, str) else None
    if signature is None:
        raise ProtocolError("unknown method")
    if not isinstance(args, list) or len(args) != len(signature):
        raise ProtocolError(f"{method} takes {len(signature)} arguments")
    deadline = _number(item["deadline"])
    if not 0 < deadline <= MAX_DEADLINE:
        raise ProtocolError("the deadline must be above 0 and at most 60 seconds")
    values = tuple(read(arg) for read, arg in zip(signature, args, strict=True))
    return Request(ident, method, values, deadline)


def encode_reply(ident: int, kind: bytes, body: bytes = b"") -> bytes:
    """A reply's frame (the pool's side)."""
    payload = REPLY_ID.pack(ident) + kind + body
    return HEADER.pack(len(payload)) + payload


class FrameReader:
    """Collects bytes as they arrive and cuts them into frames of at most `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        """Add `data`; return the frames now complete.

        Raises:
            ProtocolError: a frame announces more than `limit` bytes.
        """
        self._buffer += data
        frames = []
        while len(self._buffer) >= HEADER.size:
            (length,) = HEADER.unpack_from(self._buffer)
            if length > self.limit:
                raise ProtocolError(f"a frame of {length} bytes (at most {self.limit})")
            end = HEADER.size + length
            if len(self._buffer) < end:
                break
            frames.append(bytes(self._buffer[HEADER.size : end]))
            del self._buffer[:end]
        return frames
