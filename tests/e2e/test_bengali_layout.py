"""Bengali at 80x24 in tmux: borders stay in one column and lesson lines are drawn whole.

Terminals give Bengali vowel signs (া ি ে …) a cell each; before derivquest.ui.cell_width,
Textual counted none, so every row with them pushed its border right and lost cells at
the edge. Columns here are counted as terminals do (wcwidth: marks Mn/Me and format
characters Cf take no cell, East Asian wide ones two), independently of the game's code.
"""

from __future__ import annotations

import os
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

from derivquest.ui.lesson_layout import layout
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e

FIRST_LESSON = Path(__file__).parents[2] / "levels" / "calculus-for-ml" / "levels"


def cells(character: str) -> int:
    """A terminal's width for one character (tmux 3.3a agrees on the Bengali ones)."""
    if unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def columns(row: str, mark: str) -> list[int]:
    """The cells where ``mark`` is drawn on a captured row."""
    found, at = [], 0
    for character in row:
        if character == mark:
            found.append(at)
        at += cells(character)
    return found


def border_columns(screen: str, mark: str) -> set[int]:
    """The last column ``mark`` takes on every row that has it."""
    return {columns(row, mark)[-1] for row in screen.splitlines() if mark in row}


def command() -> list[str]:
    script = Path(sys.executable).parent / "derivquest"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]
    return [*base, "--lang", "bn", "--profile", "অমিত"]


def test_bengali_borders_line_up_on_the_lesson_map_and_question(tmp_path: Path) -> None:
    env = {"DERIVQUEST_HOME": str(tmp_path), "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    with Terminal(command(), env) as terminal:
        # A new player's first lesson: the welcome and every author's line on screen are
        # drawn whole.
        screen = terminal.wait_for("প্রশ্ন শুরু")
        assert "স্বাগতম, অমিত! কোর্স এখান থেকে শুরু" in screen, screen
        lesson = tomllib.loads(
            (FIRST_LESSON / "01-rate-of-change.toml").read_text(encoding="utf-8")
        )["lesson"]["bn"]
        rows = [line.plain for line in layout(lesson) if line.plain]
        drawn = [row for row in rows if row[:12] in screen]
        assert len(drawn) >= 8, screen
        for row in drawn:
            assert row in screen, f"cut: {row!r}\n{screen}"

        # The map (Esc): the tree and the level details are split by one vertical line.
        terminal.send("Escape")
        terminal.wait_for("কোর্সের map · ")  # the map's title (the welcome names the map too)
        terminal.wait_for("গল্প")
        screen = terminal.screen()
        assert len(border_columns(screen, "│")) == 1, screen
        assert sum("│" in row for row in screen.splitlines()) >= 15

        terminal.send("Enter")  # the lesson again, then its questions
        terminal.wait_for("প্রশ্ন শুরু")
        # A question with Bengali typed in the answer box: its right border stays put.
        terminal.send("Enter")
        terminal.wait_for("প্রশ্ন 1/")
        terminal.write("অমিত কেন্দ্রীয় বাংলা")
        screen = terminal.wait_for("বাংলা")
        right = border_columns(screen, "▎")
        assert len(right) == 1 and sum("▎" in row for row in screen.splitlines()) >= 3, screen
        terminal.send("C-q")
        terminal.wait_for("EXITED-0")
