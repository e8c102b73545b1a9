"""The real game in tmux when its disk stops taking writes: a message, the answer kept, no
traceback on the terminal, and the retry saves it."""

from __future__ import annotations

import json
import os
import resource
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_game_in_tmux import command, environment
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e


def limit_file_size(pid: int, size: int) -> None:
    """RLIMIT_FSIZE on the running game: a write past ``size`` bytes fails (EFBIG), as on a
    full disk; Python ignores SIGXFSZ, so the game sees an I/O error, not a signal. Only the
    soft limit: lifting it again needs no privilege."""
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))


def the_game(shell: int) -> int:
    """The pane's shell runs the game (and then prints its exit status): its one child."""
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def test_a_failing_disk_in_play_is_a_message_and_the_answer_survives(tmp_path: Path) -> None:
    home = tmp_path / "home"
    screens: list[str] = []
    with Terminal(command(), environment(home)) as terminal:
        screens.append(terminal.wait_for("Who is playing?"))
        terminal.write("Mira")
        terminal.send("Enter")
        screens.append(terminal.wait_for("start the questions"))  # a new player's first lesson
        terminal.send("Enter")
        screens.append(terminal.wait_for("Question 1 of 8"))
        game = the_game(terminal.pid())
        # Every write past the first page of any file fails: the next commit cannot land.
        limit_file_size(game, 4096)
        terminal.write("3")
        terminal.send("Enter")
        screen = terminal.wait_for("press Enter to try again")
        screens.append(screen)
        assert "Not saved, so not checked yet" in screen
        limit_file_size(game, resource.RLIM_INFINITY)
        terminal.send("Enter")  # the retry, with the answer still in the box
        screens.append(terminal.wait_for("Not quite: 3 is too small."))
        terminal.send("C-q")
        screens.append(terminal.wait_for("EXITED-0"))
    assert not any("Traceback" in screen for screen in screens)
    exported = subprocess.run(
        [*command(), "progress", "export", "-"],
        env={**os.environ, "DERIVQUEST_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    answers = [a for p in json.loads(exported.stdout)["profiles"] for a in p["attempts"]]
    assert [(a["answer"], a["correct"]) for a in answers] == [("3", False)]
