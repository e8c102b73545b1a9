"""A game whose pool is missing or gone checks on its own, quietly, and loses no answer."""

from __future__ import annotations

import json
import os
import pickle
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from derivquest.engine import JudgeService
from derivquest.engine.pool.client import SOCKET_ENV
from derivquest.engine.pool.protocol import HEADER, RESULT, encode_reply
from derivquest.engine.verdict import Verdict, Witness
from tests.unit.engine.pool.conftest import GENEROUS, Pool


def test_no_socket_means_the_games_own_checker(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with JudgeService(GENEROUS, pool=str(tmp_path / "gone.sock")) as service:
        service.start()
        assert not service.shared
        assert service.fallback is not None and "cannot reach the checker pool" in service.fallback
        verdict = service.check_derivative("(3x+2)^5", "5(3x+2)^4")
        assert verdict.diagnosis == "chain-inner-missing"
    assert capfd.readouterr() == ("", "")  # nothing lands on the player's screen


def test_the_environment_names_the_pool(
    start_pool: Callable[..., Pool], monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = start_pool(workers=1, extra=0)
    monkeypatch.delenv(SOCKET_ENV, raising=False)
    made_before = JudgeService(GENEROUS)  # as in a game forked from a warm parent
    monkeypatch.setenv(SOCKET_ENV, pool.path)
    with made_before as service:
        assert service.shared
        assert service.check("2x", "x+x").status == "correct"
    with JudgeService(GENEROUS, pool=False) as service:
        assert not service.shared
    monkeypatch.delenv(SOCKET_ENV)
    with JudgeService(GENEROUS) as service:
        assert not service.shared


def test_a_pool_that_dies_mid_game_is_replaced_by_the_games_own_checker(
    start_pool: Callable[..., Pool], capfd: pytest.CaptureFixture[str]
) -> None:
    pool = start_pool(workers=1, extra=0)
    with JudgeService(GENEROUS, pool=pool.path) as service:
        assert service.check("2x", "x+x").status == "correct"
        pool.process.kill()
        pool.process.wait()
        verdict = service.check_derivative("x^2 sin(x)", "2x cos(x)")
        assert (verdict.status, verdict.diagnosis) == (
            "incorrect",
            "product-rule-derivatives-multiplied",
        )
        assert not service.shared and service.fallback
        assert service.derivative_text("x^3") == "3*x^2"
    assert "Traceback" not in capfd.readouterr().err


class Exploit:
    """What a subverted worker could send: unpickling it would run a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def fake_pool(path: Path, reply: bytes) -> threading.Thread:
    """A pool that answers one request with `reply` (a pickled body) and closes."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)

    def serve() -> None:
        connection, _ = listener.accept()
        with connection, listener:
            (length,) = HEADER.unpack(connection.recv(HEADER.size, socket.MSG_WAITALL))
            request = json.loads(connection.recv(length, socket.MSG_WAITALL))
            connection.sendall(encode_reply(request["id"], RESULT, reply))
            connection.recv(1)  # until the game closes its end

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


def test_a_reply_naming_anything_but_a_verdict_is_refused_unrun(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "evil.sock"
    server = fake_pool(path, pickle.dumps(Exploit(marker)))
    with JudgeService(GENEROUS, pool=str(path)) as service:
        verdict = service.check("2x", "x+x")  # judged by the game's own checker instead
        assert verdict.status == "correct"
        assert not service.shared and "may not contain" in (service.fallback or "")
    server.join(GENEROUS)
    assert not marker.exists()


def test_a_verdict_from_the_pool_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "fake.sock"
    reply = Verdict("correct", "Correct.", witness=Witness((("x", "1"),), "2", "2"))
    server = fake_pool(path, pickle.dumps(reply))
    with JudgeService(GENEROUS, pool=str(path)) as service:
        assert service.check("2x", "x+x").with_elapsed(0) == reply
        assert service.shared
    server.join(GENEROUS)
