"""One variant of a graph question: parameters drawn, both passes computed, texts in a language."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace

from derivquest.content.fields import text_in
from derivquest.content.tasks import VariantError
from derivquest.content.templates import ParamValue, fill_text
from derivquest.engine.names import RESERVED
from derivquest.kinds.graph.compute import BadTemplate, Computed, UndefinedNode, compute
from derivquest.kinds.graph.graph import Shape, build_shape, shape_issues
from derivquest.kinds.graph.model import Entry, GraphQuestion
from derivquest.kinds.graph.ops import label

Slot = tuple[str, Entry]
"""One thing to fill in: (node id, "value" or "grad")."""


class GraphVariantError(VariantError):
    """This question, with these parameters, is not a playable graph (the validator says why).

    A `VariantError`, so the common validator reports it at the node's line.
    """


UNDEFINED: dict[str, str] = {
    "division-by-zero": "'{node}' divides {number} by zero",
    "log-domain": "'{node}' takes the log of {number}, which is not positive",
    "pow-domain": "'{node}' raises {number} to a power that has no real value",
    "relu-kink": "the input of relu '{node}' is exactly 0, where relu has no derivative",
    "no-real-value": "'{node}' has no real value",
    "too-large": "'{node}' is astronomically large (beyond 1e60)",
}
"""What each reason of `UndefinedNode` means, for authors (English, like every validator row)."""


@dataclass(frozen=True, slots=True)
class NodeView:
    """A node as the lab shows it."""

    id: str
    op: str
    label: str
    """The op as drawn, e.g. `σ` or `^3`."""
    inputs: tuple[str, ...]
    ask: tuple[Entry, ...]
    hint: str | None


@dataclass(frozen=True, slots=True)
class GraphInstance:
    """The per-kind payload of a graph question: everything the lab shows and checks."""

    full_id: str
    language: str
    values: Mapping[str, ParamValue]
    prompt: str
    solution: str
    nodes: tuple[NodeView, ...]
    shape: Shape
    computed: Computed
    check: str | None
    """The param whose gradient is checked numerically at the end (None: no params)."""
    abs_tol: float
    rel_tol: float
    symbols: tuple[str, ...]
    """Node ids a learner may type in an answer (letters only, not a function name)."""

    def node(self, node_id: str) -> NodeView:
        """Return the node with this id."""
        return next(node for node in self.nodes if node.id == node_id)

    @property
    def output(self) -> str:
        """The loss node, where ∂L/∂L = 1."""
        return self.shape.output

    def slots(self) -> list[Slot]:
        """What the learner fills in, in play order: values forward, then gradients backward."""
        order = self.shape.order
        values: list[Slot] = [(n, "value") for n in order if "value" in self.node(n).ask]
        grads: list[Slot] = [(n, "grad") for n in reversed(order) if "grad" in self.node(n).ask]
        return [*values, *grads]

    def asked(self, slot: Slot) -> bool:
        """True when the learner must fill this in."""
        return slot[1] in self.node(slot[0]).ask


def build_instance(
    question: GraphQuestion,
    values: Mapping[str, ParamValue],
    language: str = "en",
    full_id: str = "",
) -> GraphInstance:
    """Build the variant with these parameter values; raise GraphVariantError if it breaks."""
    issues = shape_issues(question)
    if issues:
        raise GraphVariantError(issues[0].path, issues[0].message)
    shape = build_shape(question)
    index = {node.id: i for i, node in enumerate(question.nodes)}
    try:
        computed = compute(shape, values)
    except UndefinedNode as error:
        message = UNDEFINED[error.reason].format(node=error.node, number=error.number)
        raise GraphVariantError(("nodes", index[error.node], "inputs"), message) from None
    except BadTemplate as error:
        raise GraphVariantError(("nodes", index[error.node], error.key), error.message) from None
    nodes = tuple(
        NodeView(
            node.id,
            node.op,
            label(node.op, computed.exponents.get(node.id)),
            tuple(node.inputs),
            tuple(node.ask),
            fill_text(text_in(node.hint, language), values) if node.hint else None,
        )
        for node in (shape.nodes[n] for n in shape.order)
    )
    params = [n.id for n in nodes if n.op == "param"]
    return GraphInstance(
        full_id=full_id,
        language=language,
        values=dict(values),
        prompt=fill_text(text_in(question.prompt, language), values),
        solution=fill_text(text_in(question.solution, language), values),
        nodes=nodes,
        shape=shape,
        computed=computed,
        check=question.check or (params[0] if params else None),
        abs_tol=question.abs_tol,
        rel_tol=question.rel_tol,
        symbols=tuple(n.id for n in nodes if n.id.isalpha() and n.id not in RESERVED),
    )


def drill_instance(instance: GraphInstance, seed: int) -> GraphInstance:
    """A small drill question from a graph: "the gradient at this node", everything else given.

    Params are preferred (their gradient is what training uses), then any node but the loss.
    """
    rng = random.Random(seed)
    params = [n.id for n in instance.nodes if n.op == "param"]
    others = [n.id for n in instance.nodes if n.id != instance.output and n.op != "param"]
    chosen = rng.choice(params or others)
    nodes = tuple(
        replace(node, ask=("grad",) if node.id == chosen else ()) for node in instance.nodes
    )
    return replace(instance, nodes=nodes, check=chosen if chosen in params else None)
