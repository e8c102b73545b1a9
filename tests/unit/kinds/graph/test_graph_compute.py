"""Forward and backward passes: every op's value and partials, and the five example graphs."""

from __future__ import annotations

import math

import pytest

from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.gradcheck import gradient_check
from derivquest.kinds.graph.instance import build_instance
from tests.unit.kinds.graph.graphs import example_instance, nodes_toml, question

SIG = 1 / (1 + math.exp(-0.5))

# op, input values, extra keys, expected value, expected gradient of each input (L = the op)
OP_CASES = [
    ("add", [2, 3], "", 5, [1, 1]),
    ("sum", [2, 3, 4], "", 9, [1, 1, 1]),
    ("mean", [2, 3, 4], "", 3, [1 / 3, 1 / 3, 1 / 3]),
    ("sub", [2, 3], "", -1, [1, -1]),
    ("mul", [2, 3], "", 6, [3, 2]),
    ("div", [3, 2], "", 1.5, [0.5, -0.75]),
    ("pow", [2], "exponent = 3", 8, [12]),
    ("pow", [4], 'exponent = "1/2"', 2, [0.25]),
    ("square", [-3], "", 9, [-6]),
    ("exp", [0.5], "", math.exp(0.5), [math.exp(0.5)]),
    ("log", [2], "", math.log(2), [0.5]),
    ("sigmoid", [0.5], "", SIG, [SIG * (1 - SIG)]),
    ("tanh", [0.5], "", math.tanh(0.5), [1 - math.tanh(0.5) ** 2]),
    ("relu", [1.5], "", 1.5, [1]),
    ("relu", [-1.5], "", 0, [0]),
]


@pytest.mark.parametrize(("op", "inputs", "extra", "value", "grads"), OP_CASES)
def test_each_op(
    op: str, inputs: list[float], extra: str, value: float, grads: list[float]
) -> None:
    names = [f"i{k}" for k in range(len(inputs))]
    leaves = [
        f'id = "{n}"\nop = "param"\nvalue = {v}\nask = ["grad"]'
        for n, v in zip(names, inputs, strict=True)
    ]
    body = f'id = "out"\nop = "{op}"\ninputs = {names!r}\n{extra}'.replace("'", '"')
    graph = build_instance(question(nodes_toml(*leaves, body)), {})
    assert float(graph.computed.value("out")) == pytest.approx(value, abs=1e-12)
    assert [float(graph.computed.grad(n)) for n in names] == pytest.approx(grads, abs=1e-12)
    check = gradient_check(graph, "i0", float(graph.computed.grad("i0")))
    assert check.agree, check


def test_micrograd_neuron_has_karpathys_numbers() -> None:
    graph = example_instance("micrograd")
    value = {n: float(graph.computed.value(n)) for n in ("n", "o")}
    grad = {n: float(graph.computed.grad(n)) for n in ("n", "m1", "w1", "x1", "w2", "x2", "b")}
    assert value == pytest.approx({"n": 0.8813735870195432, "o": 0.7071067811865476})
    assert grad == pytest.approx(
        {"n": 0.5, "m1": 0.5, "w1": 1.0, "x1": -1.5, "w2": 0.0, "x2": 0.5, "b": 0.5}, abs=1e-12
    )


def test_a_value_used_twice_sums_both_edges() -> None:
    graph = example_instance("fan-out", a=1, b=2)  # d = ab + a = 3, L = d² = 9
    assert float(graph.computed.value("L")) == 9
    assert float(graph.computed.grad("a")) == 2 * 3 * (2 + 1)
    assert [t.consumer for t in graph.computed.terms["a"]] == ["c", "d"]


def test_single_neuron_matches_the_chain_rule() -> None:
    graph = example_instance("neuron", w=2, x=1, b=0, y=1)
    a = 1 / (1 + math.exp(-2))
    dz = 2 * (a - 1) * a * (1 - a)
    assert float(graph.computed.grad("z")) == pytest.approx(dz)
    assert float(graph.computed.grad("w")) == pytest.approx(dz * 1)
    assert float(graph.computed.grad("b")) == pytest.approx(dz)
    assert str(graph.computed.values["a"]) == "sigmoid(2)"  # exact, not a float


def test_two_layer_gradients_agree_with_central_differences() -> None:
    graph = example_instance("two-layer", w=1, v=2)
    for param in ("w1", "w2", "v1", "v2"):
        check = gradient_check(graph, param, float(graph.computed.grad(param)))
        assert check.agree, check


def test_mse_batch_sums_both_examples() -> None:
    graph = example_instance("mse-batch", w=2, y=1)  # e1 = 2 - 1, e2 = 4 - 3
    assert float(graph.computed.value("L")) == 1
    assert float(graph.computed.grad("w")) == 1 * 1 + 1 * 2


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (0.73105857, "0.7311"),
        (-0.4621171, "-0.4621"),
        (1.5e-5, "1.5e-5"),
        (123456.7, "1.235e5"),
        (-2.0, "-2"),
        (6.881373587, "6.881"),
    ],
)
def test_format_value_fits_a_box(value: float, text: str) -> None:
    assert format_value(value) == text
    assert len(format_value(value)) <= 7
