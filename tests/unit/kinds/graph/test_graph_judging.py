"""Judging one entry: numbers within tolerance, expressions in node names, clear refusals."""

from __future__ import annotations

import pytest

from derivquest.kinds.graph.instance import Slot
from derivquest.kinds.graph.judging import judge_entry, present
from tests.unit.kinds.graph.graphs import example_instance

NEURON = {"w": 2, "x": 1, "b": 0, "y": 1}  # z = 2, a = σ(2) = 0.8808, d = -0.1192

# slot, typed, status, start of the English message
CASES: list[tuple[Slot, str, str, str]] = [
    (("a", "value"), "0.8808", "correct", "Right: a = 0.8808"),
    (("a", "value"), "0.881", "correct", "Right"),  # within the tolerance
    (("a", "value"), "0.87", "incorrect", "Not quite: 0.87 is too small"),
    (("a", "value"), "sigmoid(z)", "correct", "Right"),  # an expression in node names
    (("a", "value"), "σ(2)", "correct", "Right"),
    (("a", "value"), "1/(1+e^-2)", "correct", "Right"),
    (("z", "grad"), "2d·a(1-a)", "correct", "Right: ∂L/∂z"),
    (("d", "grad"), "2(a - y)", "correct", "Right"),
    (("a", "value"), "a", "invalid", "Work it out from other nodes: a cannot"),
    (("z", "value"), "L", "invalid", "Work it out from other nodes: L cannot"),
    (("a", "value"), "", "invalid", "Type a number first"),
    (("a", "value"), "2*(", "invalid", ""),
    (("a", "value"), "import os", "invalid", ""),
    (("d", "grad"), "ln(d)", "incorrect", "That has no real value here"),
    # regression: exact evaluation of these never finished; a float pass refuses them first
    (("d", "grad"), "e^e^e^e^e", "invalid", "That number is far too large to check"),
    (("d", "grad"), "log(e^e^e^e^e)", "invalid", "That number is far too large to check"),
    (("d", "grad"), "sin(e^e^e^e) * a", "invalid", "That number is far too large to check"),
    (("d", "grad"), "a^(10^20)", "incorrect", "Not quite: 0 is too large"),  # tiny, not huge
]


@pytest.mark.parametrize(("slot", "text", "status", "message"), CASES)
def test_judge_entry(slot: Slot, text: str, status: str, message: str) -> None:
    verdict = judge_entry(example_instance("neuron", **NEURON), slot, text)
    assert verdict.status == status
    assert present(verdict, "en").startswith(message)
    assert present(verdict, "bn")


def test_parse_errors_point_at_a_column() -> None:
    verdict = judge_entry(example_instance("neuron", **NEURON), ("a", "value"), "2*(")
    assert verdict.column is not None


def test_node_ids_with_digits_are_not_symbols() -> None:
    graph = example_instance("two-layer", w=1, v=2)
    assert "h1" not in graph.symbols and "x" in graph.symbols and "o" in graph.symbols
