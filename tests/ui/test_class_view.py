"""`derivquest class`: the live class view, its refresh while others answer, at 80x24."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from derivquest.progress import ProgressStore
from derivquest.ui.screens.class_view import ClassApp, ClassViewScreen, ago

SnapCompare = Callable[..., bool]

NOW = 1_741_600_000.0
"""A fixed "now" for the pictures (the store's answers are a few minutes before it)."""

Q1 = "calculus-for-ml/chain-rule/linear-power"
Q2 = "calculus-for-ml/basic-rules/power"


def seed(path: Path) -> None:
    """ana is stuck on Q1 (three wrong), bo answered Q2 right, cy played three hours ago."""
    clock = {"now": NOW - 300}
    with ProgressStore(path, now=lambda: clock["now"]) as store:
        ana, bo, cy = (store.create_profile(n) for n in ("ana", "bo", "cy"))
        for typed, diagnosis in (("5(3x+2)^4", "chain-inner-missing"), ("x", None), ("2x", None)):
            store.record_attempt(ana.id, Q1, typed, correct=False, seconds=4, diagnosis=diagnosis)
            clock["now"] += 30
        store.record_attempt(bo.id, Q2, "3x^2", correct=True, seconds=3)
        clock["now"] = NOW - 3 * 3600
        store.record_attempt(cy.id, Q2, "1", correct=False, seconds=3)


def rows(app: ClassApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def wait_for_reads(pilot: Pilot[Any], count: int, seconds: float = 20.0) -> None:
    """Wait (generously: the machine may be loaded) until the view has shown `count` reads."""
    screen = pilot.app.screen
    assert isinstance(screen, ClassViewScreen)
    deadline = time.monotonic() + seconds
    while screen.reads < count:
        assert time.monotonic() < deadline, "the class view never refreshed"
        await pilot.pause(0.05)


@pytest.mark.parametrize(
    ("seconds", "text"), [(5, "5 s ago"), (59, "59 s ago"), (61, "1 min ago"), (7300, "2 h ago")]
)
def test_ago(seconds: float, text: str) -> None:
    assert ago(seconds) == text


async def test_the_view_shows_who_plays_who_is_stuck_and_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    seed(path)
    with ProgressStore(path) as store:
        app = ClassApp(store, clock=lambda: NOW, refresh_seconds=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_reads(pilot, 1)
            assert rows(app, "#class-playing") == [
                ["bo", "basic-rules/power", "3 min ago", "1"],
                ["ana", "chain-rule/linear-power", "4 min ago", "3"],
            ]
            assert rows(app, "#class-stuck") == [
                ["ana", "chain-rule/linear-power", "3", "4 min ago"]
            ]
            assert [row[2] for row in rows(app, "#class-mistakes")] == [
                "“2x”",
                "“x”",
                "chain-inner-missing",
            ]
            # The day's window takes in cy, who played hours ago; keys only, no mouse.
            await pilot.press("w")
            await wait_for_reads(pilot, 2)
            assert [row[0] for row in rows(app, "#class-playing")] == ["bo", "ana"]
            await pilot.press("w")
            await wait_for_reads(pilot, 3)
            assert rows(app, "#class-playing")[2] == ["cy", "basic-rules/power", "3 h ago", "1"]


ANOTHER_GAME = """
import sys
from pathlib import Path
from derivquest.progress import ProgressStore

with ProgressStore(Path(sys.argv[1])) as other:
    dee = other.create_profile("dee")
    for _ in range(3):
        other.record_attempt(dee.id, sys.argv[2], "0", correct=False, seconds=1)
"""
"""A student's game in miniature: its own process and connection, three wrong answers."""


def answer_in_a_thread(path: Path) -> None:
    def another_game() -> None:
        with ProgressStore(path) as other:
            dee = other.create_profile("dee")
            for _ in range(3):
                other.record_attempt(dee.id, Q1, "0", correct=False, seconds=1)

    worker = threading.Thread(target=another_game)
    worker.start()
    worker.join(60)


def answer_in_a_process(path: Path) -> None:
    subprocess.run([sys.executable, "-c", ANOTHER_GAME, str(path), Q1], check=True, timeout=60)


@pytest.mark.parametrize("answer", [answer_in_a_process, answer_in_a_thread])
async def test_the_view_refreshes_while_another_game_answers(
    tmp_path: Path, answer: Callable[[Path], None]
) -> None:
    path = tmp_path / "progress.sqlite3"
    seed(path)
    with ProgressStore(path) as store:
        app = ClassApp(store, refresh_seconds=0.2)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_reads(pilot, 1)
            assert "dee" not in [row[0] for row in rows(app, "#class-stuck")]
            # Meanwhile the view keeps refreshing on its timer.
            await asyncio.to_thread(answer, path)
            screen = app.screen
            assert isinstance(screen, ClassViewScreen)
            seen = screen.reads
            # No key pressed: the timer reads again and dee shows up as stuck.
            await wait_for_reads(pilot, seen + 2)
            assert ["dee", "chain-rule/linear-power", "3"] == rows(app, "#class-stuck")[0][:3]
            assert "dee" in [row[0] for row in rows(app, "#class-playing")]


async def test_a_store_that_fails_shows_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    seed(path)
    store = ProgressStore(path)
    app = ClassApp(store, refresh_seconds=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_reads(pilot, 1)
        store.close()  # later reads raise ProgressError
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        title = app.screen.query_one("#class-title")
        assert "cannot read the progress store" in str(title.render())


def test_class_view_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The class at 80x24: a header with 2 playing and 1 stuck; bo and ana playing, ana
    stuck on chain-rule/linear-power with 3 wrong; her three mistakes (2x, x, and the named
    chain-inner-missing) newest first; refresh, window and quit keys in the footer."""
    monkeypatch.setenv("TZ", "UTC")  # the header shows the local time of the read
    time.tzset()
    path = tmp_path / "progress.sqlite3"
    seed(path)
    store = ProgressStore(path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for_reads(pilot, 1)

    try:
        app = ClassApp(store, clock=lambda: NOW, refresh_seconds=3600)
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        store.close()
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("argv", "seeded", "status", "message"),
    [
        ([], False, 1, "no progress yet"),
        (["--every", "0.1"], True, 2, "--every must be between"),
    ],
)
def test_the_command_refuses_before_opening_a_screen(
    capsys: pytest.CaptureFixture[str], argv: list[str], seeded: bool, status: int, message: str
) -> None:
    from derivquest.cli import main
    from derivquest.progress.store import default_path

    if seeded:
        seed(default_path())
    assert main(["class", *argv]) == status
    assert message in capsys.readouterr().err
