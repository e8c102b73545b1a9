"""The per-address gate: failed-login delays, lockouts and connection counts, on a fake clock."""

from __future__ import annotations

import pytest

from derivquest.server.limits import AddressGate, Limits
from tests.unit.server.fake_clock import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


def gate(clock: Clock, **limits: float) -> AddressGate:
    return AddressGate(Limits(**limits), clock)  # type: ignore[arg-type]


def test_the_delay_doubles_up_to_the_cap(clock: Clock) -> None:
    checker = gate(clock, failure_delay=1.0, max_failure_delay=8.0)
    assert [checker.failed("10.0.0.1") for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    assert checker.failed("10.0.0.2") == 1  # another address starts afresh


def test_old_failures_stop_counting(clock: Clock) -> None:
    checker = gate(clock, failure_delay=1.0, failure_window=60.0)
    checker.failed("a")
    checker.failed("a")
    clock.now += 61
    assert checker.failed("a") == 1


def test_lockout_after_too_many_failures_then_release(clock: Clock) -> None:
    checker = gate(clock, max_failures=3, failure_window=300.0)
    for _ in range(2):
        checker.failed("10.0.0.9")
        clock.now += 10
    assert checker.refusal("10.0.0.9") is None
    checker.failed("10.0.0.9")
    refusal = checker.refusal("10.0.0.9")
    assert refusal == "Too many failed logins from 10.0.0.9: try again in 5 min."
    assert checker.refusal("10.0.0.10") is None
    clock.now += 281  # the first failure is 301 s old: only two remain
    assert checker.refusal("10.0.0.9") is None


@pytest.mark.parametrize(("limit", "refused_at"), [(2, 3), (1, 2)])
def test_connections_per_address(clock: Clock, limit: int, refused_at: int) -> None:
    checker = gate(clock, max_per_address=limit)
    for count in range(1, refused_at + 1):
        checker.connected("b")
        refused = checker.refusal("b") is not None
        assert refused == (count == refused_at)
    checker.disconnected("b")
    assert checker.refusal("b") is None
    assert checker.open_connections("b") == refused_at - 1


def test_no_connection_limit_by_default(clock: Clock) -> None:
    checker = gate(clock)
    for _ in range(500):
        checker.connected("school-nat")
    assert checker.refusal("school-nat") is None
    for _ in range(500):
        checker.disconnected("school-nat")
    assert checker.open_connections("school-nat") == 0
