"""The web server's session table: random tokens, lifetime, logout, bounds against floods."""

from __future__ import annotations

import pytest

from derivquest.server.web.sessions import LoginRateError, SessionTable
from tests.unit.server.fake_clock import Clock


def test_tokens_are_random_and_long() -> None:
    table = SessionTable(clock=Clock(1000.0))
    tokens = {table.create("ana", "127.0.0.1") for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes, base64


def test_lookup_end_and_expiry() -> None:
    clock = Clock(1000.0)
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


def test_a_flood_from_one_address_is_rate_limited() -> None:
    """Past the per-minute rate an address is refused, told how long to wait, then let in."""
    clock = Clock(1000.0)
    table = SessionTable(clock=clock, per_minute=3)
    for _ in range(3):
        table.create("ana", "10.0.0.9")
        clock.now += 1
    with pytest.raises(LoginRateError) as refused:
        table.create("ana", "10.0.0.9")
    assert refused.value.wait == 57  # the first (3 s ago) leaves the window 60 s after it
    table.create("bo", "10.0.0.8")  # another computer is not held up
    clock.now += 57
    table.check_rate("10.0.0.9")
    table.create("ana", "10.0.0.9")
    assert len(table) == 5


@pytest.mark.parametrize(
    ("max_logins", "per_address", "expected"),
    [
        # The whole table full: the logins idle longest go (bo's, then cy's); ana, who used
        # hers since, stays.
        (4, 10, ["ana", "flood-0", "flood-1", "flood-2"]),
        # One address full: only its own idle-longest login goes; others' stay.
        (10, 2, ["ana", "bo", "cy", "flood-1", "flood-2"]),
    ],
)
def test_bounds_evict_the_login_idle_longest(
    max_logins: int, per_address: int, expected: list[str]
) -> None:
    clock = Clock(1000.0)
    table = SessionTable(
        clock=clock, max_logins=max_logins, per_address=per_address, per_minute=1000
    )
    tokens = {name: table.create(name, f"10.0.0.{i}") for i, name in enumerate(["ana", "bo"])}
    clock.now += 1
    tokens["cy"] = table.create("cy", "10.0.0.3")
    clock.now += 1
    assert table.lookup(tokens["ana"]) is not None  # ana keeps using hers
    for number in range(3):
        clock.now += 1
        tokens[f"flood-{number}"] = table.create(f"flood-{number}", "10.0.0.66")
    alive = sorted(name for name, token in tokens.items() if table.lookup(token) is not None)
    assert alive == expected
    assert len(table) == len(expected)


def test_ten_thousand_logins_stay_bounded() -> None:
    """An --open flood from many addresses never grows the table past its bound."""
    clock = Clock(1000.0)
    table = SessionTable(clock=clock, max_logins=500)
    first = table.create("ana", "10.1.0.1")
    for number in range(10_000):
        table.create("x", f"10.2.{number // 250}.{number % 250}")
        clock.now += 0.01
    assert len(table) == 500
    assert table.lookup(first) is None
