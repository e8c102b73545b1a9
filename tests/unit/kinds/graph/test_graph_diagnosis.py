"""Each classic backprop mistake is named at its node, generated from the graph (not authored)."""

from __future__ import annotations

import pytest

from derivquest.kinds.graph.diagnosis import MISTAKES
from derivquest.kinds.graph.instance import Slot
from derivquest.kinds.graph.judging import judge_entry, present
from derivquest.kinds.graph.texts import TEXTS
from tests.unit.kinds.graph.graphs import example_instance

NEURON = {"w": 2, "x": 1, "b": 0, "y": 1}
FAN_OUT = {"a": 1, "b": 3}  # d = ab + a = 4, ∂L/∂d = 8, ∂L/∂a = 8·3 + 8·1 = 32

# graph, params, slot, what the learner typed, the mistake it must be named as
CASES: list[tuple[str, dict[str, int], Slot, str, str]] = [
    ("neuron", NEURON, ("z", "grad"), "2d * z(1 - z)", "activation-at-input"),
    ("micrograd", {}, ("n", "grad"), "1 - n^2", "activation-at-input"),
    ("neuron", NEURON, ("w", "grad"), "2d * a(1 - a) * w", "mul-own-input"),
    ("neuron", NEURON, ("a", "grad"), "-2d", "sub-sign"),
    ("fan-out", FAN_OUT, ("a", "grad"), "24", "fanout-not-summed"),
    ("fan-out", FAN_OUT, ("a", "grad"), "8", "fanout-not-summed"),
    ("mse-batch", {"w": -1, "y": 1}, ("w", "grad"), "-10", "fanout-not-summed"),
    ("neuron", NEURON, ("z", "grad"), "a(1 - a)", "upstream-missing"),
    ("micrograd", {}, ("m1", "grad"), "1", "upstream-missing"),
    ("neuron", NEURON, ("d", "grad"), "d", "forward-value"),
    ("neuron", NEURON, ("z", "value"), "-0.02503", "grad-for-value"),
    ("neuron", NEURON, ("a", "value"), "z", "op-not-applied"),
]


@pytest.mark.parametrize(("graph", "params", "slot", "text", "mistake"), CASES)
def test_mistake_is_named(
    graph: str, params: dict[str, int], slot: Slot, text: str, mistake: str
) -> None:
    verdict = judge_entry(example_instance(graph, **params), slot, text)
    assert verdict.status == "incorrect"
    assert verdict.diagnosis is not None and verdict.diagnosis.id == mistake


def test_every_mistake_is_tested_and_has_both_languages() -> None:
    assert {case[4] for case in CASES} == set(MISTAKES)
    for mistake in MISTAKES:
        assert set(TEXTS[mistake]) == {"en", "bn"}


@pytest.mark.parametrize(("graph", "params", "slot", "text", "mistake"), CASES)
def test_sentences_name_the_nodes(
    graph: str, params: dict[str, int], slot: Slot, text: str, mistake: str
) -> None:
    verdict = judge_entry(example_instance(graph, **params), slot, text)
    english, bengali = present(verdict, "en"), present(verdict, "bn")
    assert slot[0] in english and slot[0] in bengali
    assert english != bengali and "{" not in english + bengali


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        (("z", "grad"), "0.7"),  # wrong, but like no classic mistake
        (("w", "grad"), "5"),
    ],
)
def test_other_wrong_numbers_get_no_name(slot: Slot, text: str) -> None:
    verdict = judge_entry(example_instance("neuron", **NEURON), slot, text)
    assert verdict.status == "incorrect" and verdict.diagnosis is None
    assert present(verdict, "en").startswith("Not quite")


def test_a_mistake_that_gives_the_right_number_is_not_a_mistake() -> None:
    # With w = x = 1, the multiply gate's own input equals the other one: no false alarm.
    graph = example_instance("neuron", w=1, x=1, b=0, y=1)
    verdict = judge_entry(graph, ("w", "grad"), "2d * a(1 - a) * w")
    assert verdict.correct


def test_every_sentence_exists_in_english_and_bengali() -> None:
    def names(text: str) -> set[str]:
        return {part.split("}")[0] for part in text.split("{")[1:]}

    for key, entry in TEXTS.items():
        assert set(entry) == {"en", "bn"}, key
        assert names(entry["en"]) == names(entry["bn"]), key
