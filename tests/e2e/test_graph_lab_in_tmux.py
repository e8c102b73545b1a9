"""The Backprop Lab in the real `derivquest` command in tmux at 80x24: one graph solved with
real keys, a classic mistake named on the way, the backward pass animated, progress saved."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_game_in_tmux import command, environment
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.e2e

PACK = Path(__file__).parents[1] / "fixtures" / "packs" / "backprop-fixed"
"""One graph with fixed numbers: c = ab = 3, d = c + a = 4, L = d², a = 1 used twice."""


def test_solve_a_graph_with_real_keys(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Terminal([*command(), "--pack", str(PACK), "--profile", "Mira"], environment(home)) as t:
        t.wait_for("start the questions")  # a new player: the first lesson; Esc, the map
        t.send("Escape")
        t.wait_for("Course map")
        t.send("End")  # the extra pack's level is the last on the map
        t.wait_for("0/1 A value used twice")
        t.send("Enter")
        t.wait_for("start the questions")
        t.send("Enter")
        t.wait_for("c =")  # the entry box asks for c's value first
        for text, next_box in (("3", "d ="), ("4", "∂L/∂d ="), ("8", "∂L/∂c ="), ("8", "∂L/∂b =")):
            t.write(text)
            t.send("Enter")
            t.wait_for(next_box)
        t.write("8")
        t.send("Enter")
        t.wait_for("∂L/∂a =")
        t.write("24")  # only the gradient from c: a feeds d too
        t.send("Enter")
        screen = t.wait_for("add up the gradients")
        assert "a feeds 2 nodes (c, d)" in screen
        t.send("C-u")
        t.write("32")
        t.send("Enter")
        t.wait_for("Correct!")
        t.send("a")  # the backward pass, step by step
        t.wait_for("Step 0/")
        t.send("C-q")
        t.wait_for("EXITED-0")

    exported = subprocess.run(
        [*command(), "progress", "export", "-"],
        env={**os.environ, "DERIVQUEST_HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    answers = [a for p in document["profiles"] for a in p["attempts"]]
    # The wrong entry and the one that completed the graph, each saved as it was checked.
    assert [a["correct"] for a in answers] == [False, True]
    assert answers[0]["answer"].endswith(";a.g=24")
