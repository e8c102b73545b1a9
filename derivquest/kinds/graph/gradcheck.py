"""The lab's last step: check one parameter's gradient with a central difference, in float64."""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy
from mpmath import mpf

from derivquest.content.goals import central_difference
from derivquest.engine.equivalence import PRECISION
from derivquest.engine.numeric import compile_expression, evaluate_precisely
from derivquest.kinds.graph.instance import GraphInstance
from derivquest.kinds.graph.ops import OPS

STEP = 1e-5
"""h of the central difference: small enough for 8 digits, large enough for float64."""

AGREE = 1e-4
"""Relative difference below which the two numbers agree (|a - b| <= AGREE * max(1, |b|))."""


@dataclass(frozen=True, slots=True)
class GradCheck:
    """The learner's (or the exact) gradient of one param beside the numerical estimate."""

    node: str
    analytic: float
    numeric: float
    h: float

    @property
    def agree(self) -> bool:
        """True when the two gradients match to about four digits."""
        return abs(self.analytic - self.numeric) <= AGREE * max(1.0, abs(self.numeric))


def loss_of(instance: GraphInstance, param: str) -> sympy.Expr:
    """Return L as an expression in one symbol standing for `param` (others keep their values)."""
    symbol = sympy.Symbol(param, real=True)
    shape, computed = instance.shape, instance.computed
    values: dict[str, sympy.Expr] = {}
    for node_id in shape.order:
        node = shape.nodes[node_id]
        if node_id == param:
            values[node_id] = symbol
        elif not node.inputs:
            values[node_id] = computed.values[node_id]
        else:
            exponent = computed.exponents.get(node_id, sympy.S.One)
            values[node_id] = OPS[node.op].forward([values[s] for s in node.inputs], exponent)
    return values[shape.output]


def gradient_check(instance: GraphInstance, param: str, analytic: float) -> GradCheck:
    """Estimate ∂L/∂param by (L(p + h) - L(p - h)) / 2h and set it beside `analytic`."""
    compiled = compile_expression(loss_of(instance, param))
    symbol = sympy.Symbol(param, real=True)

    def loss(at: float) -> float:
        with mpmath.workdps(PRECISION):
            value, _ = evaluate_precisely(compiled, {symbol: mpf(at)})
        return float(value)

    at = float(instance.computed.value(param))
    return GradCheck(param, analytic, central_difference(loss, at, STEP), STEP)
