"""Places in the real game in tmux at 80x24: leave for the map, quit, come back, give up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_game_in_tmux import command, environment
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e


def test_the_map_the_draft_and_a_give_up_survive_quitting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Terminal(command(), environment(home)) as terminal:
        terminal.wait_for("Who is playing?")
        terminal.write("Mira")
        terminal.send("Enter")
        terminal.wait_for("start the questions")  # a new player: the first lesson
        terminal.send("Enter")
        terminal.wait_for("Enter: check your answer")
        terminal.write("1+")  # a draft, not submitted
        terminal.wait_for("the expression ends too early")
        terminal.send("Escape")  # to the map, then quit there
        terminal.wait_for("Course map")
        terminal.send("C-q")
        terminal.wait_for("EXITED-0")

    with Terminal([*command(), "--profile", "Mira"], environment(home)) as terminal:
        screen = terminal.wait_for("Course map")  # quit on the map: back on the map
        assert "Question 1 of 8" not in screen
        terminal.send("Enter")  # the level again: no lesson, the same question and draft
        screen = terminal.wait_for("the expression ends too early")
        assert "Question 1 of 8" in screen and "▊  1+ " in screen
        terminal.write("2")  # the cursor is at the draft's end: it adds, not replaces
        terminal.wait_for("▊  1+2 ")
        terminal.send("C-g")
        terminal.wait_for("Enter: next question (this one earns no stars)")
        terminal.send("C-q")
        terminal.wait_for("EXITED-0")

    with Terminal([*command(), "--profile", "Mira"], environment(home)) as terminal:
        screen = terminal.wait_for("Enter: next question (this one earns no stars)")
        assert "Worked solution" in screen and "Question 1 of 8" in screen
        terminal.send("Enter")
        terminal.wait_for("Question 2 of 8")
