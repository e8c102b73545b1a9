"""A game whose terminal disappears without a SIGHUP saves what it was saving and exits.

Textual's input thread used to read end-of-file in a loop and spin a core for as long as
the game lived.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.e2e.pty_game import PtyGame, cpu_seconds

pytestmark = pytest.mark.e2e

EXIT_WITHIN = 30.0
"""Seconds the game may take to end (the hang-up waits for the check in flight: at most
the check deadline and a few seconds); generous for a loaded 2-core machine."""

CPU_AFTER = 2.0
"""CPU seconds the game may use between losing its terminal and exiting (a spinning input
thread uses one per second until the end)."""


def test_the_game_exits_when_its_terminal_closes_without_sighup(tmp_path: Path) -> None:
    game = PtyGame(tmp_path / "home")
    try:
        game.wait_for("start the questions")  # a new player: the first lesson
        game.write(b"\r")
        game.wait_for("type a number")
        game.write(b"42")
        game.wait_for("42")  # typed, and saved only by the game's orderly ending (or 1 s later)
        used = cpu_seconds(game.process.pid)
        game.close_terminal()
        started = time.monotonic()
        while game.process.poll() is None:
            assert time.monotonic() - started < EXIT_WITHIN, "the game outlived its terminal"
            spent = cpu_seconds(game.process.pid) - used
            assert spent < CPU_AFTER, f"the game used {spent:.1f} s of CPU with no terminal"
            time.sleep(0.1)
        assert game.process.returncode == 0
        assert _typed(tmp_path / "home") == ["42"]  # its place was saved, as on a hang-up
    finally:
        game.kill()


def _typed(home: Path) -> list[str]:
    """The typed text of every saved place."""
    database = sqlite3.connect(home / "progress.sqlite3")
    try:
        return [typed for (typed,) in database.execute("SELECT typed FROM resume")]
    finally:
        database.close()
