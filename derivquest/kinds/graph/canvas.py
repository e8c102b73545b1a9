"""Draw a lab's graph as lines of Rich text: boxes (op, value, gradient) and routed edges.

Styles come in as a mapping from role to Rich style, so the widget can take them from its
theme; every state also has a mark (? ✓ ✗) or a text style, so it reads without colour.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.instance import Slot
from derivquest.kinds.graph.lab import Edge, LabState
from derivquest.kinds.graph.layout import BOX_WIDTH, PITCH_X
from derivquest.kinds.graph.model import Entry

INNER = BOX_WIDTH - 2

ROLES = (
    "box",
    "box-cursor",
    "label",
    "given",
    "open",
    "right",
    "wrong",
    "cell-cursor",
    "edge",
    "edge-hot",
)
"""The style roles a renderer needs (the widget maps each to a component class)."""

_JUNCTIONS = {
    frozenset("ew"): "─",
    frozenset("e"): "─",
    frozenset("w"): "─",
    frozenset("ns"): "│",
    frozenset("n"): "│",
    frozenset("s"): "│",
    frozenset("se"): "┌",
    frozenset("sw"): "┐",
    frozenset("ne"): "└",
    frozenset("nw"): "┘",
    frozenset("nse"): "├",
    frozenset("nsw"): "┤",
    frozenset("ews"): "┬",
    frozenset("ewn"): "┴",
    frozenset("nsew"): "┼",
}

_HEAVY = str.maketrans("─│┌┐└┘├┤┬┴┼", "━┃┏┓┗┛┣┫┳┻╋")
"""Highlighted edges are drawn heavy, so they stand out without colour too."""


class _Grid:
    """A character grid with a role per cell."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.chars = [[" "] * width for _ in range(height)]
        self.roles: list[list[str | None]] = [[None] * width for _ in range(height)]

    def put(self, x: int, y: int, text: str, role: str | None) -> None:
        for i, char in enumerate(text):
            if 0 <= x + i < self.width and 0 <= y < self.height:
                self.chars[y][x + i] = char
                self.roles[y][x + i] = role

    def lines(self, styles: Mapping[str, Style]) -> list[Text]:
        out = []
        for chars, roles in zip(self.chars, self.roles, strict=True):
            line = Text(no_wrap=True, overflow="crop")
            for char, role in zip(chars, roles, strict=True):
                line.append(char, styles.get(role, Style()) if role else Style())
            out.append(line)
        return out


def draw(state: LabState, styles: Mapping[str, Style], arrow: str = "▸") -> list[Text]:
    """Return the graph as text lines, edges first so boxes sit on top of them."""
    grid_layout = state.layout
    grid = _Grid(grid_layout.width + 1, grid_layout.height)
    hot = state.highlighted()
    _draw_edges(state, grid, hot, arrow)
    for node in state.instance.shape.order:
        _draw_box(state, grid, node)
    return grid.lines(styles)


def _draw_edges(state: LabState, grid: _Grid, hot: set[Edge], arrow: str) -> None:
    shape, lay = state.instance.shape, state.layout
    dirs: dict[tuple[int, int], set[str]] = {}
    hot_cells: set[tuple[int, int]] = set()
    arrows: dict[tuple[int, int], bool] = {}

    def mark(cell: tuple[int, int], directions: str, is_hot: bool) -> None:
        dirs.setdefault(cell, set()).update(directions)
        if is_hot:
            hot_cells.add(cell)

    for consumer in shape.order:
        xt, yt = lay.box(consumer)
        row_t, bus = yt + 1, xt - 2
        for slot, source in enumerate(shape.nodes[consumer].inputs):
            is_hot = (source, consumer, slot) in hot
            xs, ys = lay.box(source)
            row_s = ys + 1
            for x in range(xs + BOX_WIDTH, bus):
                mark((x, row_s), "ew", is_hot)
            step = 1 if row_t > row_s else -1
            mark((bus, row_s), "w" + ("" if row_s == row_t else ("s" if step > 0 else "n")), is_hot)
            for y in range(row_s + step, row_t, step) if row_s != row_t else ():
                mark((bus, y), "ns", is_hot)
            if row_s != row_t:
                mark((bus, row_t), ("n" if step > 0 else "s") + "e", is_hot)
            else:
                mark((bus, row_t), "e", is_hot)
            arrows[(bus + 1, row_t)] = arrows.get((bus + 1, row_t), False) or is_hot
    for (x, y), directions in dirs.items():
        char = _JUNCTIONS.get(frozenset(directions), "┼")
        if (x, y) in hot_cells:
            grid.put(x, y, char.translate(_HEAVY), "edge-hot")
        else:
            grid.put(x, y, char, "edge")
    for (x, y), is_hot in arrows.items():
        grid.put(x, y, arrow, "edge-hot" if is_hot else "edge")


def _draw_box(state: LabState, grid: _Grid, node: str) -> None:
    x, y = state.layout.box(node)
    view = state.instance.node(node)
    cursor = state.slot[0] == node and state.step is None and not state.finished
    border = "box-cursor" if cursor else "box"
    label = f"{node} {view.label}" if len(node) + 1 + len(view.label) <= INNER else node
    grid.put(x, y, "┌", border)
    grid.put(x + 1, y, label[:INNER], "label")
    grid.put(x + 1 + len(label[:INNER]), y, "─" * (INNER - len(label[:INNER])) + "┐", border)
    value_text, value_role = _cell(state, node, "value")
    grid.put(x, y + 1, "│", border)
    grid.put(x + 1, y + 1, value_text.ljust(INNER), _cursor_role(state, node, "value", value_role))
    grid.put(x + 1 + INNER, y + 1, "│", border)
    grad_text, grad_role = _cell(state, node, "grad")
    grid.put(x, y + 2, "└", border)
    grid.put(x + 1, y + 2, grad_text, _cursor_role(state, node, "grad", grad_role))
    grid.put(x + 1 + len(grad_text), y + 2, "─" * (INNER - len(grad_text)) + "┘", border)


def _cursor_role(state: LabState, node: str, entry: Entry, role: str) -> str:
    on_it = state.slot == (node, entry) and state.step is None and not state.finished
    return "cell-cursor" if on_it else role


def _cell(state: LabState, node: str, entry: Entry) -> tuple[str, str]:
    """The text (at most 7 characters) and role of a node's value or gradient."""
    slot: Slot = (node, entry)
    instance = state.instance
    if entry == "grad" and state.step is not None:
        shown = state.animated_grads()
        if node not in shown:
            return "", "given"
        return format_value(shown[node], INNER), "right"
    asked = instance.asked(slot)
    right = state.is_right(slot)
    verdict = state.verdicts.get(slot)
    if state.known(slot):
        number = instance.computed.value(node) if entry == "value" else instance.computed.grad(node)
        if not asked:
            return format_value(number, INNER), "given"
        if right:
            return format_value(number, INNER - 1) + "✓", "right"
        return format_value(number, INNER - 1) + "!", "wrong"
    if verdict is not None and verdict.number is not None:
        return format_value(verdict.number, INNER - 1) + "✗", "wrong"
    if asked:
        return "?", "open"
    return "", "given"


def column_of(x: int) -> int:
    """The layout column under a character position (for tests of the drawing)."""
    return x // PITCH_X
