"""The forward and backward passes of a graph, exactly (SymPy) and as 40-digit numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import mpmath
import sympy
from mpmath import mpf

from derivquest.content.templates import ParamValue, fill_expression, format_number
from derivquest.engine import EngineError, parse
from derivquest.engine.equivalence import PRECISION
from derivquest.engine.numeric import Undefined, compile_expression, evaluate_precisely
from derivquest.kinds.graph.graph import Shape
from derivquest.kinds.graph.magnitude import TooLarge, check_size
from derivquest.kinds.graph.ops import OPS, Exact


class UndefinedNode(ArithmeticError):
    """A node has no real value (or no derivative) with these parameters."""

    def __init__(self, node: str, reason: str, number: str = "") -> None:
        super().__init__(f"{node}: {reason} {number}")
        self.node = node
        self.reason = reason
        """A stable id: division-by-zero, log-domain, pow-domain, relu-kink, no-real-value,
        too-large."""
        self.number = number
        """The offending input, formatted."""


class BadTemplate(ValueError):
    """A node's value or exponent does not read as a number."""

    def __init__(self, node: str, key: str, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.key = key
        self.message = message


@dataclass(frozen=True, slots=True)
class Term:
    """What flows back along one edge: ∂L/∂consumer × ∂consumer/∂source."""

    source: str
    consumer: str
    slot: int
    upstream: Exact
    """∂L/∂consumer."""
    local: Exact
    """∂consumer/∂source."""

    @property
    def contribution(self) -> Exact:
        """upstream × local, this edge's share of ∂L/∂source."""
        return self.upstream * self.local


@dataclass(frozen=True, slots=True)
class Computed:
    """Every node's value and gradient, exact and as numbers."""

    values: dict[str, Exact]
    grads: dict[str, Exact]
    terms: dict[str, tuple[Term, ...]]
    """For each node, one term per edge out of it (empty for the output)."""
    exponents: dict[str, Exact]

    def value(self, node: str) -> mpf:
        """The forward value of `node` at working precision."""
        return number(self.values[node])

    def grad(self, node: str) -> mpf:
        """∂L/∂node at working precision."""
        return number(self.grads[node])


def number(expr: Exact) -> mpf:
    """Return an exact value at 40 digits; raise Undefined when it is not a real number."""
    with mpmath.workdps(PRECISION):
        value, _ = evaluate_precisely(compile_expression(expr), {})
    return value


def read_number(text: str | float, values: Mapping[str, ParamValue]) -> Exact:
    """Read a given value or exponent (a number or a template like "{w}/2") exactly."""
    filled = format_number(text) if isinstance(text, float | int) else fill_expression(text, values)
    expr = parse(filled, ()).expr
    number(expr)  # raises Undefined for e.g. "log(-1)"
    return expr


def compute(shape: Shape, params: Mapping[str, ParamValue]) -> Computed:
    """Run both passes; raise UndefinedNode or BadTemplate when a variant makes no sense."""
    values: dict[str, Exact] = {}
    exponents: dict[str, Exact] = {}
    for node_id in shape.order:
        node = shape.nodes[node_id]
        if node.value is not None:
            values[node_id] = _read(node_id, "value", node.value, params)
            continue
        if node.exponent is not None:
            exponents[node_id] = _read(node_id, "exponent", node.exponent, params)
        args = [values[source] for source in node.inputs]
        _check_domain(node_id, node.op, args, exponents.get(node_id))
        value = OPS[node.op].forward(args, exponents.get(node_id, sympy.S.One))
        try:
            check_size(value, {})
        except TooLarge:
            raise UndefinedNode(node_id, "too-large") from None
        try:
            number(value)
        except Undefined:
            raise UndefinedNode(node_id, "no-real-value") from None
        values[node_id] = value
    grads, terms = _backward(shape, values, exponents)
    return Computed(values, grads, terms, exponents)


def _backward(
    shape: Shape, values: dict[str, Exact], exponents: dict[str, Exact]
) -> tuple[dict[str, Exact], dict[str, tuple[Term, ...]]]:
    locals_: dict[tuple[str, int], Exact] = {}
    for node_id in shape.order:
        node = shape.nodes[node_id]
        if node.inputs:
            args = [values[s] for s in node.inputs]
            partials = OPS[node.op].partials(
                args, values[node_id], exponents.get(node_id, sympy.S.One)
            )
            for slot, partial in enumerate(partials):
                locals_[(node_id, slot)] = partial
    grads: dict[str, Exact] = {}
    terms: dict[str, tuple[Term, ...]] = {}
    for node_id in reversed(shape.order):
        if node_id == shape.output:
            grads[node_id] = sympy.S.One
            terms[node_id] = ()
            continue
        node_terms = tuple(
            Term(node_id, consumer, slot, grads[consumer], locals_[(consumer, slot)])
            for consumer, slot in shape.consumers[node_id]
            if consumer in grads
        )
        terms[node_id] = node_terms
        grads[node_id] = sympy.Add(*(term.contribution for term in node_terms))
    return grads, terms


def _read(node: str, key: str, text: str | float, params: Mapping[str, ParamValue]) -> Exact:
    try:
        return read_number(text, params)
    except EngineError as error:
        raise BadTemplate(
            node, key, f"{text!r} does not read as a number: {error.message}"
        ) from None
    except Undefined:
        raise BadTemplate(node, key, f"{text!r} is not a real number") from None


def _check_domain(node: str, op: str, args: list[Exact], exponent: Exact | None) -> None:
    """Name the reason a node is undefined before SymPy turns it into zoo or a complex."""
    numbers = [number(arg) for arg in args]
    shown = [format_value(n) for n in numbers]
    if op == "div" and (args[1].is_zero or numbers[1] == 0):
        raise UndefinedNode(node, "division-by-zero", shown[0])
    if op == "log" and numbers[0] <= 0:
        raise UndefinedNode(node, "log-domain", shown[0])
    if op == "pow" and exponent is not None:
        if numbers[0] < 0 and not exponent.is_integer:
            raise UndefinedNode(node, "pow-domain", shown[0])
        if numbers[0] == 0 and exponent.is_negative:
            raise UndefinedNode(node, "pow-domain", shown[0])
    if op == "relu" and numbers[0] == 0:
        raise UndefinedNode(node, "relu-kink", shown[0])


def format_value(value: mpf | float, width: int = 7) -> str:
    """A number in at most `width` characters: 0.7311, -0.4621, 1.5e-5, 1.235e5."""
    x = float(value)
    if x == 0:
        return "0"
    for digits in (4, 3, 2, 1):
        text = f"{x:.{digits}g}".replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")
        if len(text) <= width:
            return text
    return f"{x:.0e}".replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")
