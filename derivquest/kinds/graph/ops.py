"""The operations a graph node may apply: forward value, local partials and domain, exactly."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import sympy

from derivquest.engine.mlfunctions import relu, sigmoid

Exact: TypeAlias = sympy.Expr
"""An exact value: a SymPy number or a closed form such as tanh(1/2)."""

LEAVES = ("input", "param")
"""Ops of nodes that hold a given value and take no inputs."""


@dataclass(frozen=True, slots=True)
class Op:
    """One operation: how many inputs, how it is drawn, and its maths."""

    name: str
    arity: tuple[int, int]
    """Smallest and largest number of inputs."""
    symbol: str
    """Short label drawn in the node's box."""
    forward: Callable[[Sequence[Exact], Exact], Exact]
    """(input values, exponent) -> value."""
    partials: Callable[[Sequence[Exact], Exact, Exact], list[Exact]]
    """(input values, output value, exponent) -> d output / d each input."""


def _sum(args: Sequence[Exact], _: Exact) -> Exact:
    return sympy.Add(*args)


def _ones(args: Sequence[Exact], _out: Exact, _p: Exact) -> list[Exact]:
    return [sympy.S.One for _ in args]


def _mean(args: Sequence[Exact], _: Exact) -> Exact:
    return sympy.Add(*args) / len(args)


def _relu_slope(arg: Exact) -> Exact:
    positive = bool(arg.is_positive)
    return sympy.S.One if positive else sympy.S.Zero


OPS: dict[str, Op] = {
    op.name: op
    for op in (
        Op("input", (0, 0), "in", lambda a, p: sympy.S.Zero, lambda a, o, p: []),
        Op("param", (0, 0), "θ", lambda a, p: sympy.S.Zero, lambda a, o, p: []),
        Op("add", (2, 2), "+", _sum, _ones),
        Op("sum", (2, 4), "Σ", _sum, _ones),
        Op("mean", (2, 4), "mean", _mean, lambda a, o, p: [sympy.Rational(1, len(a))] * len(a)),
        Op(
            "sub",
            (2, 2),
            "−",
            lambda a, p: a[0] - a[1],
            lambda a, o, p: [sympy.S.One, sympy.S.NegativeOne],
        ),
        Op("mul", (2, 2), "×", lambda a, p: a[0] * a[1], lambda a, o, p: [a[1], a[0]]),
        Op(
            "div",
            (2, 2),
            "÷",
            lambda a, p: a[0] / a[1],
            lambda a, o, p: [1 / a[1], -a[0] / a[1] ** 2],
        ),
        Op("pow", (1, 1), "^", lambda a, p: a[0] ** p, lambda a, o, p: [p * a[0] ** (p - 1)]),
        Op("square", (1, 1), "²", lambda a, p: a[0] ** 2, lambda a, o, p: [2 * a[0]]),
        Op("exp", (1, 1), "exp", lambda a, p: sympy.exp(a[0]), lambda a, o, p: [o]),
        Op("log", (1, 1), "log", lambda a, p: sympy.log(a[0]), lambda a, o, p: [1 / a[0]]),
        Op("sigmoid", (1, 1), "σ", lambda a, p: sigmoid(a[0]), lambda a, o, p: [o * (1 - o)]),
        Op("tanh", (1, 1), "tanh", lambda a, p: sympy.tanh(a[0]), lambda a, o, p: [1 - o**2]),
        Op("relu", (1, 1), "relu", lambda a, p: relu(a[0]), lambda a, o, p: [_relu_slope(a[0])]),
    )
}
"""Every op a pack may use, by name."""

OP_NAMES: tuple[str, ...] = tuple(OPS)

ACTIVATIONS = ("sigmoid", "tanh")
"""Ops whose derivative is written with their output (the 'taken at the input' mistake)."""


def label(op: str, exponent: Exact | None) -> str:
    """The op as drawn in a box: `^3` for a cube, `σ` for the sigmoid."""
    if op == "pow" and exponent is not None:
        return f"^{exponent}"
    return OPS[op].symbol
