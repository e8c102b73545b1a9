"""Name the classic backprop mistake a wrong entry looks like, generated from the graph.

Each mistake is a rewrite of the right computation at one node (drop a branch, use the wrong
input, forget the upstream factor...). A wrong entry that equals one of those rewritten values,
and not the right one, gets that mistake's id. Nothing here is authored per graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mpmath import mpf

from derivquest.kinds.graph.compute import Computed, Term, format_value, number
from derivquest.kinds.graph.graph import Shape
from derivquest.kinds.graph.model import Entry
from derivquest.kinds.graph.ops import ACTIVATIONS, Exact

MISTAKES = (
    "activation-at-input",
    "mul-own-input",
    "sub-sign",
    "fanout-not-summed",
    "upstream-missing",
    "forward-value",
    "grad-for-value",
    "op-not-applied",
)
"""Every diagnosis id, most specific first (the first that fits is named)."""


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """A named mistake with the values its sentence needs (a presenter writes the sentence)."""

    id: str
    values: dict[str, str] = field(default_factory=dict)


Close = Callable[[mpf, mpf], bool]
"""Is an entry (first) close enough to a target (second)?"""


def diagnose(
    shape: Shape, computed: Computed, node: str, entry: Entry, answer: mpf, close: Close
) -> Diagnosis | None:
    """Return the first mistake whose value the wrong `answer` matches, or None."""
    right = computed.value(node) if entry == "value" else computed.grad(node)
    candidates = _value_mistakes if entry == "value" else _grad_mistakes
    for diagnosis, value in candidates(shape, computed, node):
        try:
            wrong = number(value)
        except ArithmeticError:
            continue
        if not close(wrong, right) and close(answer, wrong):
            return diagnosis
    return None


def _grad_mistakes(
    shape: Shape, computed: Computed, node: str
) -> Iterator[tuple[Diagnosis, Exact]]:
    terms = computed.terms[node]
    grad = computed.grads[node]
    values = computed.values
    for term in terms:
        consumer = shape.nodes[term.consumer]
        if consumer.op in ACTIVATIONS:
            v = values[node]
            wrong = 1 - v**2 if consumer.op == "tanh" else v * (1 - v)
            yield (
                Diagnosis("activation-at-input", _names(term) | {"op": consumer.op}),
                grad - term.contribution + term.upstream * wrong,
            )
    for term in terms:
        consumer = shape.nodes[term.consumer]
        if consumer.op == "mul" and consumer.inputs[0] != consumer.inputs[1]:
            other = consumer.inputs[1 - term.slot]
            yield (
                Diagnosis("mul-own-input", _names(term) | {"other": other}),
                grad - term.contribution + term.upstream * values[node],
            )
    for term in terms:
        consumer = shape.nodes[term.consumer]
        if consumer.op == "sub":
            left, right = consumer.inputs
            yield (
                Diagnosis("sub-sign", _names(term) | {"left": left, "right": right}),
                grad - 2 * term.contribution,
            )
    if len(terms) > 1:
        for term in terms:
            consumers = ", ".join(t.consumer for t in terms)
            yield (
                Diagnosis(
                    "fanout-not-summed",
                    _names(term) | {"count": str(len(terms)), "consumers": consumers},
                ),
                term.contribution,
            )
    for term in terms:
        if term.upstream != 1:
            yield (
                Diagnosis(
                    "upstream-missing",
                    _names(term) | {"upstream": format_value(number(term.upstream))},
                ),
                grad - term.contribution + term.local,
            )
    yield Diagnosis("forward-value", {"node": node}), values[node]


def _value_mistakes(
    shape: Shape, computed: Computed, node: str
) -> Iterator[tuple[Diagnosis, Exact]]:
    if node in computed.grads:
        yield Diagnosis("grad-for-value", {"node": node}), computed.grads[node]
    spec = shape.nodes[node]
    if len(spec.inputs) == 1:
        source = spec.inputs[0]
        yield (
            Diagnosis("op-not-applied", {"node": node, "source": source, "op": spec.op}),
            computed.values[source],
        )


def _names(term: Term) -> dict[str, str]:
    return {"node": term.source, "consumer": term.consumer}


def local_formula(shape: Shape, term: Term) -> str:
    """∂consumer/∂source as the course writes it, e.g. `1-a²` or `w`."""
    consumer = shape.nodes[term.consumer]
    name, inputs, op = term.consumer, consumer.inputs, consumer.op
    if op in ("add", "sum"):
        return "1"
    if op == "mean":
        return f"1/{len(inputs)}"
    if op == "sub":
        return "1" if term.slot == 0 else "-1"
    if op == "mul":
        return inputs[1 - term.slot]
    if op == "div":
        return f"1/{inputs[1]}" if term.slot == 0 else f"-{inputs[0]}/{inputs[1]}²"
    unary = {
        "square": f"2{inputs[0]}",
        "exp": name,
        "log": f"1/{inputs[0]}",
        "sigmoid": f"{name}(1-{name})",
        "tanh": f"1-{name}²",
        "relu": f"[{inputs[0]}>0]",
        "pow": f"p·{inputs[0]}^(p-1)",
    }
    return unary.get(op, "?")
