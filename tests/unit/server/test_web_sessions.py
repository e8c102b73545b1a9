"""The web server's session table: random tokens, lifetime, logout."""

from __future__ import annotations

from derivquest.server.web.sessions import SessionTable


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_tokens_are_random_and_long() -> None:
    table = SessionTable(clock=Clock())
    tokens = {table.create("ana", "127.0.0.1") for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes, base64


def test_lookup_end_and_expiry() -> None:
    clock = Clock()
    table = SessionTable(lifetime=60.0, clock=clock)
    token = table.create("ana", "10.0.0.1")
    login = table.lookup(token)
    assert login is not None and login.name == "ana"
    for unknown in (None, "", "forged-token"):
        assert table.lookup(unknown) is None
    clock.now += 61
    assert table.lookup(token) is None
    again = table.create("ana", "10.0.0.1")
    table.end(again)
    assert table.lookup(again) is None and len(table) == 0
