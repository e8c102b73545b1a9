"""The kind's one entry point: content level without Textual, variants, grading, outcome."""

from __future__ import annotations

import subprocess
import sys

from derivquest.kinds.graph.lab import LabState
from derivquest.kinds.graph.spec import SPEC, outcome
from tests.unit.kinds.graph.graphs import example, example_instance


def test_spec_imports_no_textual() -> None:
    code = (
        "import sys, derivquest.kinds.graph.spec\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_play_draws_the_same_variant_for_the_same_round() -> None:
    question = example("neuron")
    first = SPEC.play(question, "player", "pack/neuron/q", 0, "bn")
    again = SPEC.play(question, "player", "pack/neuron/q", 0, "bn")
    assert first.values == again.values and first.prompt.startswith("?")
    rounds = {
        tuple(SPEC.play(question, "player", "p/l/q", r, "en").values.items()) for r in range(12)
    }
    assert len(rounds) > 1


def test_grade_and_present() -> None:
    instance = example_instance("micrograd")
    verdict = SPEC.grade(instance, ("n", "grad"), "1 - n^2")
    assert verdict.diagnosis is not None
    assert SPEC.present(verdict, "en").startswith("tanh' is written with its output")


def test_outcome_counts_mistakes_and_hints() -> None:
    state = LabState(example_instance("fan-out", a=1, b=3))
    state.submit("0")  # wrong value of c
    for text in ("3", "4", "8", "8", "8", "32"):  # c, d; then ∂L/∂d, ∂L/∂c, ∂L/∂b, ∂L/∂a
        assert state.submit(text).correct, state.slot
    assert outcome(state, hints=1) == type(outcome(state))(solved=True, mistakes=1, hints=1)
    assert not outcome(state, hints=1).first_try
    given_up = LabState(example_instance("fan-out", a=1, b=3))
    given_up.give_up()
    assert not outcome(given_up).solved


def test_drill_from_the_spec() -> None:
    drill = SPEC.drill(example_instance("mse-batch", w=2, y=1), seed=0)
    assert drill.slots() == [("w", "grad")]
