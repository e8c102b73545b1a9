"""A hang-up just after Enter loses nothing: the real game finishes that answer, then quits.

The classroom server sends SIGHUP when a student's connection drops, and closing a terminal
window does the same. The game in tmux gets an answer and Enter, then SIGHUP at once: the
answer must be in the database, and the game must exit by itself
(status 0) with its answer checker.
"""

from __future__ import annotations

import os
import shlex
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e


def _game(home: Path, pidfile: Path) -> Terminal:
    script = Path(sys.executable).parent / "derivquest"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]
    line = f"echo $$ > {shlex.quote(str(pidfile))}; exec {shlex.join(command)} --profile ana"
    environment = {"DERIVQUEST_HOME": str(home), "TERM": "xterm-256color"}
    return Terminal(["sh", "-c", line], {**environment, "PATH": os.environ["PATH"]})


def _reach_question(terminal: Terminal) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        screen = terminal.screen()
        if "Question 1 of" in screen and "▊" in screen:
            return
        if "Course map" in screen or "start the questions" in screen:
            terminal.send("Enter")
        time.sleep(0.2)
    raise AssertionError(f"no question screen:\n{terminal.screen()}")


def _stored(home: Path) -> list[str]:
    database = sqlite3.connect(home / "progress.sqlite3")
    try:
        rows = database.execute(
            "SELECT answer FROM attempts JOIN profiles ON profiles.id = attempts.profile_id"
            " WHERE profiles.name = 'ana'"
        )
        return [answer for (answer,) in rows]
    finally:
        database.close()


def _checkers_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat and stat[stat.rfind(")") + 2 :].split()[1] == str(pid):
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def test_sighup_right_after_enter_keeps_the_answer(tmp_path: Path) -> None:
    # SIGHUP at once after Enter is the hardest case: the game has not even read the key
    # yet, then checks and commits the answer (a later drop only finds the check under way).
    home = tmp_path / "home"
    pidfile = tmp_path / "game.pid"
    with _game(home, pidfile) as terminal:
        _reach_question(terminal)
        terminal.write("-1")
        terminal.wait_for("▊  -1 ")
        game = int(pidfile.read_text())
        deadline = time.monotonic() + 60
        while not (checkers := _checkers_of(game)) and time.monotonic() < deadline:
            time.sleep(0.1)  # the checker starts in the background
        terminal.send("Enter")
        os.kill(game, signal.SIGHUP)  # the connection dropped
        terminal.wait_for("EXITED-0", timeout=20)  # it quit by itself, with status 0
    assert _stored(home) == ["-1"], "the answer given before SIGHUP was lost"
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in checkers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert checkers and not any(_alive(pid) for pid in checkers), "a checker outlived its game"
