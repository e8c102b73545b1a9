"""Every theme is readable in a real terminal: NO_COLOR, 16 colours and 256 colours.

The real `derivquest` runs in tmux at 80x24; the test reads the colour codes each screen
emits (capture-pane -e) and measures the contrast of every visible character on a reference
palette: text needs 3:1, lines and plot marks 2:1 (WCAG's floor for large text and for
graphics). With NO_COLOR the game must use only the terminal's own colours, and show the
selected row in reverse video.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.screen_colours import (
    DARK_TERMINAL,
    LIGHT_TERMINAL,
    Cell,
    Terminal,
    describe,
    explicit_colours,
    is_graphic,
    parse_screen,
    unreadable_cells,
)
from tests.e2e.tmux import Terminal as Tmux

pytestmark = pytest.mark.e2e

TEXT_CONTRAST = 3.0
GRAPHICS_CONTRAST = 2.0


def command(theme: str) -> list[str]:
    script = Path(sys.executable).parent / "derivquest"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "derivquest"]
    return [*base, "--profile", "Mira", "--theme", theme]


def coloured_screen(terminal: Tmux) -> str:
    """The pane with its colour codes, once it has stopped changing."""
    previous = ""
    for _ in range(40):
        captured = subprocess.run(
            [*terminal.tmux, "capture-pane", "-p", "-e", "-t", terminal.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if captured == previous:
            return captured
        previous = captured
        time.sleep(0.25)
    return previous


def unreadable(cells: list[Cell], terminal: Terminal) -> list[Cell]:
    """Text under 3:1 and lines or plot marks under 2:1."""
    text = [c for c in unreadable_cells(cells, terminal, TEXT_CONTRAST) if not is_graphic(c.char)]
    graphics = [
        c for c in unreadable_cells(cells, terminal, GRAPHICS_CONTRAST) if is_graphic(c.char)
    ]
    return text + graphics


def wait_until_gone(terminal: Tmux, text: str, timeout: float = 30.0) -> None:
    """Wait until ``text`` has left the screen (a closed dialog)."""
    deadline = time.monotonic() + timeout
    while text in terminal.screen():
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} still on screen:\n{terminal.screen()}")
        time.sleep(0.1)


def visit_screens(terminal: Tmux) -> dict[str, str]:
    """Map, help, settings, a chart, the drill set-up, a lesson and a judged question."""
    screens: dict[str, str] = {}
    terminal.wait_for("start the questions")
    screens["first lesson"] = coloured_screen(terminal)
    terminal.send("Escape")  # a new player starts at the first lesson: Esc shows the map
    terminal.wait_for("Course map")
    screens["map"] = coloured_screen(terminal)
    steps = [
        ("help", "F1", "check the answer"),
        ("settings", "F2", "Colours"),
        ("tangent chart", "t", "secant"),
        ("drill set-up", "d", "Timed drill"),
    ]
    for name, key, marker in steps:
        terminal.send(key)
        terminal.wait_for(marker)
        screens[name] = coloured_screen(terminal)
        terminal.send("Escape")
        wait_until_gone(terminal, marker)
    terminal.send("Enter")
    terminal.wait_for("start the questions")
    screens["lesson"] = coloured_screen(terminal)
    terminal.send("Enter")
    terminal.wait_for("Question 1 of")
    terminal.write("12345")
    terminal.send("Enter")
    terminal.wait_for("Not quite")
    screens["question with a verdict"] = coloured_screen(terminal)
    return screens


def environment(home: Path, colours: str) -> dict[str, str]:
    env = {"DERIVQUEST_HOME": str(home), "PATH": os.environ["PATH"]}
    if colours == "NO_COLOR":
        env.update(NO_COLOR="1", TERM="xterm-256color")
    elif colours == "16":
        env["TERM"] = "xterm"
    else:
        env["TERM"] = "xterm-256color"
    return env


@pytest.mark.parametrize(
    ("theme", "colours"),
    [
        ("ansi-dark", "16"),
        ("ansi-dark", "256"),
        ("ansi-light", "16"),
        ("ansi-light", "256"),
        ("textual-dark", "16"),
        ("textual-dark", "256"),
        ("textual-light", "256"),
    ],
)
def test_every_screen_is_readable_in_colour(tmp_path: Path, theme: str, colours: str) -> None:
    """Each visible character stands out from its background on a terminal of the theme's
    brightness (an ANSI dark theme is meant for a dark terminal, a light one for a light)."""
    reference = LIGHT_TERMINAL if "light" in theme else DARK_TERMINAL
    with Tmux(command(theme), environment(tmp_path / "home", colours)) as terminal:
        screens = visit_screens(terminal)
    problems = []
    for name, captured in screens.items():
        cells = parse_screen(captured)
        assert explicit_colours(cells), f"{name}: no colours at all in {colours} colours"
        bad = unreadable(cells, reference)
        if bad:
            problems.append(f"{name}:\n{describe(bad, reference)}")
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("theme", ["ansi-dark", "textual-light"])
def test_no_color_uses_only_the_terminals_own_colours(tmp_path: Path, theme: str) -> None:
    """NO_COLOR: not one explicit colour, readable on dark and light terminals alike, and
    the selected level still stands out (reverse video)."""
    with Tmux(command(theme), environment(tmp_path / "home", "NO_COLOR")) as terminal:
        screens = visit_screens(terminal)
    for name, captured in screens.items():
        cells = parse_screen(captured)
        assert explicit_colours(cells) == set(), f"{name} uses colours under NO_COLOR"
        for reference in (DARK_TERMINAL, LIGHT_TERMINAL):
            bad = unreadable(cells, reference)
            assert not bad, f"{name}:\n{describe(bad, reference)}"
    map_cells = parse_screen(screens["map"])
    selected = [c for c in map_cells if c.reverse and c.row > 0 and not c.char.isspace()]
    selected_text = "".join(c.char for c in selected)
    assert "Rateofchange" in selected_text, "the selected level is not shown in reverse"
