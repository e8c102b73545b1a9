"""What a game may send the pool: each malformed or oversized request closes its connection only."""

from __future__ import annotations

import json
import struct
from collections.abc import Callable

import pytest

from derivquest.engine import JudgeService
from derivquest.engine.pool.protocol import (
    HEADER,
    MAX_REQUEST_BYTES,
    FrameReader,
    ProtocolError,
    Request,
    decode_request,
    encode_request,
)
from tests.unit.engine.pool.conftest import GENEROUS, Pool, Raw


def frame(item: object) -> bytes:
    payload = item if isinstance(item, bytes) else json.dumps(item).encode()
    return HEADER.pack(len(payload)) + payload


GOOD = {"id": 1, "method": "check", "args": ["2x", "x+x", ["x"]], "deadline": 1.0}

MALFORMED: list[tuple[str, bytes]] = [
    ("not JSON", b"\x00\x01garbage"),
    ("not UTF-8", b'{"id": 1, "method": "\xff"}'),
    ("a list", b"[1, 2, 3]"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000),
    ("an unknown method", json.dumps({**GOOD, "method": "__import__"}).encode()),
    ("a missing field", json.dumps({"id": 1, "method": "check", "args": []}).encode()),
    ("an extra field", json.dumps({**GOOD, "pickle": "x"}).encode()),
    ("a negative id", json.dumps({**GOOD, "id": -1}).encode()),
    ("a boolean id", json.dumps({**GOOD, "id": True}).encode()),
    ("too few arguments", json.dumps({**GOOD, "args": ["2x", "x"]}).encode()),
    ("a number for a text", json.dumps({**GOOD, "args": [2, "x", ["x"]]}).encode()),
    ("a text for the names", json.dumps({**GOOD, "args": ["2x", "x", "x"]}).encode()),
    ("27 names", json.dumps({**GOOD, "args": ["2x", "x", ["x"] * 27]}).encode()),
    ("a 30,000-character text", json.dumps({**GOOD, "args": ["x" * 30_000, "x", ["x"]]}).encode()),
    ("NaN deadline", json.dumps({**GOOD, "deadline": float("nan")}).encode()),
    ("a zero deadline", json.dumps({**GOOD, "deadline": 0}).encode()),
    ("an hour's deadline", json.dumps({**GOOD, "deadline": 3600}).encode()),
    (
        "an infinite tolerance",
        b'{"id": 1, "method": "check_numeric", "args": ["1", "1", Infinity, null], "deadline": 1}',
    ),
]


@pytest.mark.parametrize(
    ("payload"), [case[1] for case in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_a_malformed_request_is_refused(payload: bytes) -> None:
    with pytest.raises(ProtocolError):
        decode_request(payload)


def test_a_good_request_reads_back() -> None:
    request = Request(5, "check_derivative", ("x^2", "2x", "x", ("x", "y")), 3.0)
    encoded = encode_request(request)
    (payload,) = FrameReader(MAX_REQUEST_BYTES).feed(encoded)
    assert decode_request(payload) == request


def test_frames_are_cut_wherever_the_bytes_break() -> None:
    frames = frame(GOOD) + frame(b"second") + frame(b"")
    reader = FrameReader(MAX_REQUEST_BYTES)
    got = [piece for byte in range(len(frames)) for piece in reader.feed(frames[byte : byte + 1])]
    assert got == [json.dumps(GOOD).encode(), b"second", b""]


def test_an_oversized_frame_is_refused_before_it_is_read() -> None:
    with pytest.raises(ProtocolError):
        FrameReader(MAX_REQUEST_BYTES).feed(struct.pack(">I", MAX_REQUEST_BYTES + 1))


HOSTILE_STREAMS: list[tuple[str, bytes]] = [
    *((name, frame(payload)) for name, payload in MALFORMED),
    ("a 4 GiB frame announced", struct.pack(">I", 2**32 - 1) + b"x" * 1000),
    ("a 1 MiB frame", frame(b"x" * (1 << 20))),
    ("40 requests at once", b"".join(frame({**GOOD, "id": n}) for n in range(40))),
]


def test_each_hostile_stream_closes_its_connection_and_the_pool_serves_on(
    start_pool: Callable[..., Pool],
) -> None:
    pool = start_pool(workers=1, extra=0)
    with JudgeService(GENEROUS, pool=pool.path) as player:
        for name, stream in HOSTILE_STREAMS:
            hostile = Raw(pool.path)
            try:
                try:
                    hostile.sock.sendall(stream)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # closed while we were still sending: as it should be
                assert hostile.closed_by_pool(), name
            finally:
                hostile.close()
            verdict = player.check_derivative("(3x+2)^5", "5(3x+2)^4")
            assert verdict.diagnosis == "chain-inner-missing", name
            assert player.shared, name
    assert pool.process.poll() is None
