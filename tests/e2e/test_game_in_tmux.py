"""The real `derivquest` command in tmux at 80x24: make a player, answer, quit, come back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e


def command() -> list[str]:
    script = Path(sys.executable).parent / "derivquest"
    return [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]


def environment(home: Path) -> dict[str, str]:
    return {"DERIVQUEST_HOME": str(home), "TERM": "xterm-256color", "PATH": os.environ["PATH"]}


def test_play_the_first_question_quit_and_resume(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Terminal(command(), environment(home)) as terminal:
        terminal.wait_for("Who is playing?")
        terminal.write("Mira")
        terminal.send("Enter")
        screen = terminal.wait_for("start the questions")  # a new player: the first lesson
        assert "Welcome, Mira! The course starts here" in screen
        terminal.send("Enter")
        terminal.wait_for("Question 1 of 8")
        terminal.write("0")
        terminal.send("Enter")
        screen = terminal.wait_for("Not quite: 0 is too small.")
        assert "Rate of change" in screen
        # Keys arriving together, as over SSH: Ctrl+U, the digits and Enter in one write
        # must still apply in order (Textual #6605 ran bound keys after the digits).
        terminal.send("C-u", "3", "Enter")
        terminal.wait_for("Not quite: 3 is too small.")
        terminal.write("1+")  # typed but not submitted: the resume point keeps it
        terminal.wait_for("the expression ends too early")
        terminal.send("C-q")
        terminal.wait_for("EXITED-0")

    exported = subprocess.run(
        [*command(), "progress", "export", "-"],
        env={**os.environ, "DERIVQUEST_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    document = json.loads(exported.stdout)
    answers = [a for p in document["profiles"] for a in p["attempts"]]
    assert [(a["answer"], a["correct"]) for a in answers] == [("0", False), ("3", False)]

    # Back as the same player: the same question, with "3" then "1+" still in the box.
    with Terminal([*command(), "--profile", "Mira"], environment(home)) as terminal:
        screen = terminal.wait_for("the expression ends too early")
        assert "Question 1 of 8" in screen
        assert "▊  31+ " in screen


@pytest.mark.parametrize(
    ("term", "extra", "lock"),
    [
        ("linux", {}, "x "),  # the Linux console's font has no lock symbol: ASCII
        ("screen", {}, "🔒 "),
        ("xterm-256color", {"NO_COLOR": "1"}, "🔒 "),
    ],
)
def test_the_map_in_plain_terminals(
    tmp_path: Path, term: str, extra: dict[str, str], lock: str
) -> None:
    env = {**environment(tmp_path / "home"), "TERM": term, **extra}
    with Terminal([*command(), "--profile", "Ravi"], env) as terminal:
        terminal.wait_for("start the questions")  # a new player: the first lesson
        terminal.send("Escape")
        screen = terminal.wait_for("Course map")
        assert f"{lock}The definition: limits and tangent" in screen
        terminal.send("F1")
        terminal.wait_for("Keys")
        terminal.send("Escape")
        terminal.send("C-q")
        terminal.wait_for("EXITED-0")
