"""The shape of a graph: order, fan-out, cycles, what reaches the output (no maths here)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from derivquest.kinds.graph.model import GraphNode, GraphQuestion
from derivquest.kinds.graph.ops import OP_NAMES, OPS

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    """Something wrong in a graph, at a key path relative to the question table."""

    check: str
    """A stable id of the check, e.g. `cycle` (one report per check and place)."""
    path: KeyPath
    message: str
    fix: str


@dataclass(frozen=True, slots=True)
class Shape:
    """A well-formed graph: its nodes in a forward order and who reads whom."""

    nodes: dict[str, GraphNode]
    order: tuple[str, ...]
    """Every node after all of its inputs."""
    output: str
    consumers: dict[str, tuple[tuple[str, int], ...]]
    """For each node, (consumer, input slot) for every edge out of it, in forward order."""

    def fan_out(self, node: str) -> int:
        """How many edges leave `node` (a value used twice has two)."""
        return len(self.consumers[node])


def shape_issues(question: GraphQuestion) -> list[Issue]:
    """Return every structural problem: ids, ops, arity, edges, cycles, reachability."""
    issues: list[Issue] = []
    index: dict[str, int] = {}
    for i, node in enumerate(question.nodes):
        if node.id in index:
            issues.append(
                Issue(
                    "duplicate",
                    ("nodes", i, "id"),
                    f"node id '{node.id}' is used twice",
                    "give each node its own id",
                )
            )
        index.setdefault(node.id, i)
    for i, node in enumerate(question.nodes):
        issues += _node_issues(i, node, index)
    if issues:
        return issues
    cycle = find_cycle(question.nodes)
    if cycle:
        first = index[cycle[0]]
        return [
            Issue(
                "cycle",
                ("nodes", first, "inputs"),
                "the graph has a cycle: " + " -> ".join([*cycle, cycle[0]]),
                "a node may only read nodes computed before it; remove one of these edges",
            )
        ]
    output = _output(question)
    if isinstance(output, Issue):
        return [output]
    issues += _reach_issues(question, output, index)
    issues += _reference_issues(question, index)
    return issues


def build_shape(question: GraphQuestion) -> Shape:
    """Return the shape of a graph that has no `shape_issues`."""
    nodes = {node.id: node for node in question.nodes}
    order = forward_order(question.nodes)
    output = _output(question)
    assert isinstance(output, str), "build_shape needs a graph without shape issues"
    consumers: dict[str, list[tuple[str, int]]] = {node_id: [] for node_id in order}
    for node_id in order:
        for slot, source in enumerate(nodes[node_id].inputs):
            consumers[source].append((node_id, slot))
    return Shape(nodes, tuple(order), output, {k: tuple(v) for k, v in consumers.items()})


def forward_order(nodes: Sequence[GraphNode]) -> list[str]:
    """Return the ids so that every node comes after its inputs (stable: authors' order)."""
    by_id = {node.id: node for node in nodes}
    done: set[str] = set()
    order: list[str] = []
    while len(order) < len(by_id):
        progressed = False
        for node in nodes:
            if node.id not in done and all(s in done for s in node.inputs):
                done.add(node.id)
                order.append(node.id)
                progressed = True
        if not progressed:
            raise ValueError("the graph has a cycle")
    return order


def find_cycle(nodes: Sequence[GraphNode]) -> list[str]:
    """Return the ids along one cycle, in edge order, or [] when there is none."""
    inputs = {node.id: node.inputs for node in nodes}
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node_id: str) -> list[str]:
        state[node_id] = 1
        path.append(node_id)
        for source in inputs.get(node_id, []):
            if state.get(source) == 1:
                # Edges run source -> reader, so the cycle reads backwards along the path.
                return list(reversed(path[path.index(source) :]))
            if source not in state:
                found = visit(source)
                if found:
                    return found
        path.pop()
        state[node_id] = 2
        return []

    for node in nodes:
        if node.id not in state:
            found = visit(node.id)
            if found:
                return found
    return []


def ancestors(question: GraphQuestion, node_id: str) -> set[str]:
    """Return the nodes whose values `node_id` depends on (not itself)."""
    inputs = {node.id: node.inputs for node in question.nodes}
    seen: set[str] = set()
    stack = list(inputs.get(node_id, []))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack += inputs.get(current, [])
    return seen


def _node_issues(i: int, node: GraphNode, index: dict[str, int]) -> list[Issue]:
    issues: list[Issue] = []
    if node.op not in OPS:
        close = difflib.get_close_matches(node.op, OP_NAMES, n=1)
        fix = f"did you mean {close[0]}? " if close else ""
        issues.append(
            Issue(
                "unknown-op",
                ("nodes", i, "op"),
                f"unknown op {node.op!r}",
                fix + "use one of: " + ", ".join(OP_NAMES),
            )
        )
        return issues
    low, high = OPS[node.op].arity
    if not low <= len(node.inputs) <= high and node.op not in ("input", "param"):
        wanted = str(low) if low == high else f"{low} to {high}"
        issues.append(
            Issue(
                "arity",
                ("nodes", i, "inputs"),
                f"{node.op} takes {wanted} inputs, not {len(node.inputs)}",
                f"give '{node.id}' {wanted} inputs",
            )
        )
    for slot, source in enumerate(node.inputs):
        if source not in index:
            close = difflib.get_close_matches(source, list(index), n=1)
            issues.append(
                Issue(
                    "unknown-input",
                    ("nodes", i, "inputs", slot),
                    f"'{node.id}' reads {source!r}, which is not a node of this graph",
                    f"did you mean {close[0]}?" if close else "add that node or fix the id",
                )
            )
        elif source == node.id:
            issues.append(
                Issue(
                    "cycle",
                    ("nodes", i, "inputs", slot),
                    f"'{node.id}' reads itself",
                    "a node may only read nodes computed before it",
                )
            )
    return issues


def _output(question: GraphQuestion) -> str | Issue:
    read = {source for node in question.nodes for source in node.inputs}
    sinks = [node.id for node in question.nodes if node.id not in read]
    operations = [node.id for node in question.nodes if node.id in sinks and node.inputs]
    if question.output is None and len(operations) == 1:
        return operations[0]  # inputs nobody reads are reported as unreachable
    if question.output is not None:
        if question.output not in {node.id for node in question.nodes}:
            return Issue(
                "output",
                ("output",),
                f"output {question.output!r} is not a node",
                "name the loss node",
            )
        return question.output
    if len(sinks) != 1:
        return Issue(
            "output",
            ("nodes",),
            f"the graph has {len(sinks)} nodes that nothing reads ({', '.join(sinks)})",
            "connect them to the loss, or set output = the loss node",
        )
    return sinks[0]


def _reach_issues(question: GraphQuestion, output: str, index: dict[str, int]) -> list[Issue]:
    feeding = ancestors(question, output) | {output}
    return [
        Issue(
            "unreachable",
            ("nodes", index[node.id], "id"),
            f"node '{node.id}' does not lead to the output '{output}', so no gradient reaches it",
            f"connect '{node.id}' to the graph, or remove it",
        )
        for node in question.nodes
        if node.id not in feeding
    ]


def _reference_issues(question: GraphQuestion, index: dict[str, int]) -> list[Issue]:
    ids = set(index)
    issues: list[Issue] = []
    for name, path in (("output", ("output",)), ("check", ("check",))):
        value = getattr(question, name)
        if value is not None and value not in ids:
            issues.append(Issue(name, path, f"{name} {value!r} is not a node", "name a node"))
    if question.check is not None and question.check in ids:
        if question.nodes[index[question.check]].op != "param":
            issues.append(
                Issue(
                    "check",
                    ("check",),
                    f"check {question.check!r} is not a param node",
                    "name a param node",
                )
            )
    if not question.nodes or not any(entry for node in question.nodes for entry in node.ask):
        issues.append(
            Issue(
                "ask",
                ("nodes",),
                "the graph asks for nothing",
                'add ask = ["grad"] (or "value") to some nodes',
            )
        )
    return issues


def ancestors_in(shape: Shape, node_id: str) -> set[str]:
    """Return the nodes whose values `node_id` depends on, in a built shape."""
    seen: set[str] = set()
    stack = list(shape.nodes[node_id].inputs)
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack += shape.nodes[current].inputs
    return seen
