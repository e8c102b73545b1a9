"""SIGKILL the real `derivquest` over and over during play: nothing judged is ever lost.

Games run two at a time on one database (each its own player), each in tmux at 80x24,
answering the first question with distinct wrong numbers (5.0011, 5.0021, ...: too small
for its answer, 12) so that every verdict is new text on the screen. Each game is a new
profile of its player (`player0-17`): after three wrong answers a question shows its solution
and Enter moves on, so one profile could not stay on the first question for ever. Each game
is killed with SIGKILL at a random moment: while starting, while an answer is typed, while it
is being checked, or just after its verdict. Afterwards the database must pass SQLite's
integrity check, and every answer whose verdict appeared on a screen must be stored.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e

KILLS = 100
PARALLEL = 2
"""Games at once: on 2 cores more would only measure the machine's load."""


def _command(player: str) -> list[str]:
    script = Path(sys.executable).parent / "derivquest"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]
    return [*base, "--profile", player]


def _text(answer: int) -> str:
    """The answer number `answer` as typed: distinct, positive, and below the right one."""
    return f"5.{answer:03d}1"


def _verdict(answer: int) -> str:
    return f"Not quite: {_text(answer)} is too small."


def _reach_question(terminal: Terminal) -> bool:
    """The game opens on the map, or straight on the question it was left on; get there."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        screen = terminal.screen()
        if "Question 1 of" in screen and "▊" in screen:  # the answer box is drawn
            return True
        if "Course map" in screen:
            terminal.send("Enter")  # the first level is highlighted
        elif "start the questions" in screen:
            terminal.send("Enter")
        time.sleep(0.1)
    return False


def _type_answer(terminal: Terminal, answer: int) -> None:
    """Clear the box and type the answer; again until the box shows it (keys sent before the
    screen has focused its box are dropped, as they would be for anyone typing that fast)."""
    for _ in range(30):
        terminal.send("C-u")
        terminal.write(_text(answer))
        for _ in range(10):
            time.sleep(0.05)
            if f"▊  {_text(answer)} " in terminal.screen():
                return


def _answer(terminal: Terminal, answer: int, seen: list[int]) -> int:
    _type_answer(terminal, answer)
    terminal.send("Enter")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if _verdict(answer) in terminal.screen():
            seen.append(answer)
            break
        time.sleep(0.05)
    return answer + 1


def _play_and_kill(
    home: Path, player: str, kills: int, seed: int, seen: list[int], errors: list[str]
) -> None:
    """Run ``kills`` games as ``player``, each killed at a random moment; note every verdict."""
    try:
        _games(home, player, kills, seed, seen)
    except Exception as error:  # reported by the test, which runs this in a thread
        errors.append(f"{player}: {type(error).__name__}: {error}")


def _games(home: Path, player: str, kills: int, seed: int, seen: list[int]) -> None:
    chooser = random.Random(seed)
    environment = {
        "DERIVQUEST_HOME": str(home),
        "TERM": "xterm-256color",
        "PATH": os.environ["PATH"],
    }
    answer = 1
    for round_ in range(kills):
        moment = chooser.choice(["starting", "typing", "checking", "judged"])
        profile = f"{player}-{round_}"
        with Terminal(_command(profile), environment, keep_open=False) as terminal:
            pid = terminal.pid()
            try:
                if moment == "starting":
                    time.sleep(chooser.uniform(0.05, 1.0))
                    continue
                if not _reach_question(terminal):
                    raise AssertionError(f"{player}: no question screen:\n{terminal.screen()}")
                for _ in range(chooser.randint(0, 2)):
                    answer = _answer(terminal, answer, seen)
                if moment == "typing":
                    terminal.write(_text(answer)[: chooser.randint(1, len(_text(answer)))])
                elif moment == "checking":
                    _type_answer(terminal, answer)
                    terminal.send("Enter")
                    time.sleep(chooser.uniform(0.0, 0.08))
                    if _verdict(answer) in terminal.screen():
                        seen.append(answer)
                    answer += 1
                else:
                    answer = _answer(terminal, answer, seen)
            finally:
                os.kill(pid, signal.SIGKILL)


def test_a_hundred_sigkills_lose_nothing_judged(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seen: dict[str, list[int]] = {f"player{i}": [] for i in range(PARALLEL)}
    errors: list[str] = []
    threads = [
        threading.Thread(
            target=_play_and_kill,
            args=(home, player, KILLS // PARALLEL, index, answers, errors),
        )
        for index, (player, answers) in enumerate(seen.items())
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

    database = sqlite3.connect(home / "progress.sqlite3")
    try:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for player, answers in seen.items():
            stored = {
                answer
                for (answer,) in database.execute(
                    "SELECT answer FROM attempts JOIN profiles ON profiles.id = attempts.profile_id"
                    " WHERE substr(profiles.name, 1, ?) = ?",
                    (len(player) + 1, f"{player}-"),
                )
            }
            missing = [a for a in answers if _text(a) not in stored]
            assert missing == [], f"{player}: judged answers lost after SIGKILL: {missing}"
    finally:
        database.close()
    assert sum(len(answers) for answers in seen.values()) >= 30, "too few answers were judged"
