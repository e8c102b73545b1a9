"""A real checker pool in a process of its own, and a raw connection to talk to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from derivquest.engine.pool.protocol import HEADER, REPLY_ID, Request, encode_request

SLOW_FUNCTION = "(x+1)^1000 + (x+2)^1000"
"""Its readable derivative takes SymPy minutes to factor."""

HOSTILE: tuple[str, tuple[object, ...]] = ("derivative_text", (SLOW_FUNCTION, "x", ("x",)))
"""A request that overruns any deadline here by minutes, so a test of it cannot be flaky."""

GENEROUS = 60.0
"""A deadline no ordinary check reaches unless something is broken (a loaded machine)."""


def children(parent: int) -> list[int]:
    """Live (not zombie) children of `parent`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[1] == str(parent) and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def cpu_ticks(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rfind(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def wait_busy(pid: int) -> None:
    """Wait until `pid` has used CPU since now (a clock tick: it is computing)."""
    start = cpu_ticks(pid)
    assert wait_until(lambda: cpu_ticks(pid) > start), f"{pid} never got busy"


@dataclass
class Pool:
    """A running pool process."""

    process: subprocess.Popen[bytes]
    path: str

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def wait_for_workers(self, count: int) -> list[int]:
        assert wait_until(lambda: len(self.workers()) == count), self.workers()
        return self.workers()


class Raw:
    """A connection that sends whatever frames a test wants."""

    def __init__(self, path: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.sock.settimeout(GENEROUS)

    def send(self, method: str, args: tuple[object, ...], deadline: float, ident: int) -> None:
        self.sock.sendall(encode_request(Request(ident, method, args, deadline)))

    def reply(self) -> tuple[int, bytes]:
        """The next reply's (id, kind)."""
        (length,) = HEADER.unpack(self._exactly(HEADER.size))
        payload = self._exactly(length)
        (ident,) = REPLY_ID.unpack_from(payload)
        return ident, payload[REPLY_ID.size : REPLY_ID.size + 1]

    def closed_by_pool(self) -> bool:
        """True when the pool closes this connection within a generous wait."""
        self.sock.settimeout(GENEROUS / 4)
        try:
            while self.sock.recv(65536):
                pass
        except ConnectionResetError:
            pass
        except TimeoutError:
            return False
        return True

    def _exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def close(self) -> None:
        self.sock.close()


def _start(path: str, workers: int, extra: int) -> Pool:
    process = subprocess.Popen(
        [sys.executable, "-m", "derivquest.engine.pool", path]
        + ["--workers", str(workers), "--extra", str(extra), "--parent", str(os.getpid())],
        stdout=subprocess.PIPE,
    )
    pool = Pool(process, path)
    assert process.stdout is not None
    assert process.stdout.readline() == b"listening\n"
    assert process.stdout.readline() == b"ready\n"
    pool.wait_for_workers(workers)
    return pool


def _stop(pool: Pool) -> None:
    pool.process.terminate()
    pool.process.wait(GENEROUS)
    if pool.process.stdout is not None:
        pool.process.stdout.close()


@pytest.fixture
def start_pool(tmp_path: Path) -> Iterator[Callable[..., Pool]]:
    """Start pools (`workers`, `extra`) that are stopped after the test."""
    started: list[Pool] = []

    def start(workers: int = 1, extra: int = 0) -> Pool:
        started.append(_start(str(tmp_path / f"pool{len(started)}.sock"), workers, extra))
        return started[-1]

    yield start
    for pool in started:
        _stop(pool)


@pytest.fixture(scope="module")
def quiet_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pool]:
    """One worker, no extras, shared by a module's tests that neither kill nor flood it."""
    pool = _start(str(tmp_path_factory.mktemp("pool") / "quiet.sock"), 1, 0)
    yield pool
    _stop(pool)
