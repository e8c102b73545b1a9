"""SIGHUP waits for the keys already typed and the work in flight, then leaves (bounded)."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import pytest
from textual import work

from derivquest.ui.hangup import SETTLE, HangupGuard, pending_input
from tests.ui.conftest import AppFactory
from tests.ui.helpers import settle


def test_pending_input_counts_unread_keys() -> None:
    master, slave = os.openpty()
    try:
        assert pending_input(slave) == 0
        os.write(master, b"42\r")
        deadline = time.monotonic() + 10
        while pending_input(slave) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pending_input(slave) == 3
    finally:
        os.close(master)
        os.close(slave)
    assert pending_input(slave) == 0  # a closed descriptor: nothing known


@pytest.mark.parametrize(
    ("work_seconds", "budget", "waited_for_work"),
    [
        (0.0, 5.0, True),  # nothing in flight: leaves after the settle time
        (1.0, 10.0, True),  # a check and its commit under way: waits for them
        (3.0, 0.5, False),  # work that outlasts the budget: leaves when the budget is spent
    ],
)
async def test_sighup_waits_for_work_in_flight_within_its_budget(
    make_game: AppFactory, work_seconds: float, budget: float, waited_for_work: bool
) -> None:
    app = make_game()
    left: list[float] = []
    forced: list[int] = []  # the process would end here if leaving hung (not in a test)
    finished: list[float] = []

    async def leave() -> None:
        left.append(time.monotonic())

    @work(thread=True, group="judge")
    def check_and_commit(owner: object) -> None:
        time.sleep(work_seconds)
        finished.append(time.monotonic())

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        guard = HangupGuard(app, budget, leave, force_exit=forced.append)
        guard.install()
        try:
            check_and_commit(app)
            started = time.monotonic()
            os.kill(os.getpid(), signal.SIGHUP)  # a real signal, handled on the app's loop
            while not left and time.monotonic() - started < 60:
                await asyncio.sleep(0.05)
        finally:
            guard.remove()
            app.workers.cancel_all()
    assert left, "the game never left"
    assert left[0] - started >= SETTLE
    assert bool(finished and finished[0] <= left[0]) is waited_for_work
