"""Where each node of a graph is drawn: columns left to right by depth, rows by barycentre."""

from __future__ import annotations

from dataclasses import dataclass

from derivquest.kinds.graph.graph import Shape

BOX_WIDTH = 9
"""A node's box: a border, 7 characters inside, a border."""
GAP = 2
"""Columns between boxes, where the edges run."""
PITCH_X = BOX_WIDTH + GAP
BOX_HEIGHT = 3
"""Label row, value row, gradient row."""
PITCH_Y = BOX_HEIGHT + 1


@dataclass(frozen=True, slots=True)
class Layout:
    """The column and row slot of every node, and the size of the drawing."""

    column: dict[str, int]
    slot: dict[str, int]
    columns: int
    slots: int

    @property
    def width(self) -> int:
        """Characters across."""
        return self.columns * PITCH_X - GAP

    @property
    def height(self) -> int:
        """Lines down."""
        return self.slots * PITCH_Y - 1

    def box(self, node: str) -> tuple[int, int]:
        """The top-left corner (x, y) of a node's box."""
        return self.column[node] * PITCH_X, self.slot[node] * PITCH_Y

    def nodes_in(self, column: int) -> list[str]:
        """The nodes of one column, top to bottom."""
        return sorted(
            (n for n, c in self.column.items() if c == column), key=lambda n: self.slot[n]
        )


def layout(shape: Shape) -> Layout:
    """Lay a graph out left to right: an op one column right of its deepest input, an input or
    param just left of its first reader (so edges stay short)."""
    column: dict[str, int] = {}
    for node_id in shape.order:
        inputs = shape.nodes[node_id].inputs
        column[node_id] = 1 + max((column[s] for s in inputs), default=-1)
    for node_id in shape.order:
        readers = [c for c, _ in shape.consumers[node_id]]
        if not shape.nodes[node_id].inputs and readers:
            column[node_id] = min(column[r] for r in readers) - 1
    shift = min(column.values())
    column = {n: c - shift for n, c in column.items()}
    columns = max(column.values()) + 1
    by_column = [[n for n in shape.order if column[n] == c] for c in range(columns)]
    slots = max(len(nodes) for nodes in by_column)
    position = {n: float(i) for nodes in by_column for i, n in enumerate(nodes)}
    for _ in range(3):  # a few barycentre sweeps settle small graphs
        for nodes in by_column:
            for n in nodes:
                near = [*shape.nodes[n].inputs, *(c for c, _ in shape.consumers[n])]
                if near:
                    position[n] = sum(position[m] for m in near) / len(near)
            nodes.sort(key=lambda n: position[n])
            _spread(nodes, position, slots)
    slot = {n: round(position[n]) for n in shape.order}
    return Layout(column, slot, columns, slots)


def _spread(nodes: list[str], position: dict[str, float], slots: int) -> None:
    """Give a column's nodes distinct whole slots near where they want to be, in order."""
    count = len(nodes)
    for i, n in enumerate(nodes):
        # Slot i..slots-count+i keeps room above and below for the others.
        position[n] = float(min(max(round(position[n]), i), slots - count + i))
    for i in range(1, count):
        if position[nodes[i]] <= position[nodes[i - 1]]:
            position[nodes[i]] = position[nodes[i - 1]] + 1
