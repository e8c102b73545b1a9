"""The game under the TERM values an SSH session brings: screen, tmux, the Linux console.

Twice per TERM: `derivquest` started in the terminal itself (a student who logged in to an
ordinary SSH server and runs it there) must show its start screen, and the game reached
through `derivquest serve` with OpenSSH (which sends the client's TERM) must show the map.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.e2e.test_ssh_openssh import Server, make_key, require, ssh
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e

TERMS = ["screen", "linux", "tmux-256color", "xterm-256color"]

GARBAGE = re.compile(r"\x1b|\[\?\d|\d;\d+[Hm]|\^\[")
"""Escape sequences shown as text instead of being understood."""


def game() -> list[str]:
    script = Path(sys.executable).parent / "derivquest"
    return [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]


@pytest.mark.parametrize("term", TERMS)
def test_the_start_screen_in_the_terminal(term: str, tmp_path: Path) -> None:
    env = {"DERIVQUEST_HOME": str(tmp_path / "home"), "TERM": term, "PATH": os.environ["PATH"]}
    with Terminal(game(), env) as terminal:
        screen = terminal.wait_for("Who is playing?")
        assert not GARBAGE.search(screen)
        terminal.write("Mira")
        terminal.send("Enter")
        screen = terminal.wait_for("start the questions")  # a new player: the first lesson
        assert "Rate of change" in screen and not GARBAGE.search(screen)
        terminal.send("C-q")
        terminal.wait_for("EXITED-0")


@pytest.mark.parametrize(("term", "lock"), [("screen", "🔒 "), ("linux", "x ")])
def test_the_game_over_ssh(term: str, lock: str, tmp_path: Path) -> None:
    """The client's TERM reaches the game: on the Linux console it draws an ASCII lock."""
    require("tmux")
    key = make_key(tmp_path, "mira")
    roster = tmp_path / "class.keys"
    roster.write_text(f"mira {(tmp_path / 'mira.pub').read_text()}")
    server = Server(tmp_path / "home", "--authorized-keys", str(roster))
    try:
        env = {"TERM": term, "PATH": os.environ["PATH"]}
        with Terminal(ssh(server.port, key, "mira", "-tt"), env) as terminal:
            terminal.wait_for("start the questions")  # a new player: the first lesson
            terminal.send("Escape")
            screen = terminal.wait_for("Course map")
            assert "Rate of change" in screen and not GARBAGE.search(screen)
            assert f"{lock}The definition: limits and tangent" in screen
            terminal.send("C-q")
            terminal.wait_for("EXITED-0")
    finally:
        status, _, _ = server.stop()
    assert status == 0
