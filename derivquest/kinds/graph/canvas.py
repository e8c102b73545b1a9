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
from derivquest.kinds.graph.layout import BOX_HEIGHT, BOX_WIDTH, PITCH_X
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
    # One spare line below: the lane of an edge that leaves a bottom box and skips a column.
    grid = _Grid(grid_layout.width + 1, grid_layout.height + 1)
    hot = state.highlighted()
    _draw_edges(state, grid, hot, arrow)
    for node in state.instance.shape.order:
        _draw_box(state, grid, node)
    lines = grid.lines(styles)
    return lines if lines[-1].plain.strip() else lines[:-1]


Cell = tuple[int, int]

_STEP_NAMES = {(1, 0): ("e", "w"), (-1, 0): ("w", "e"), (0, 1): ("s", "n"), (0, -1): ("n", "s")}
"""A step between two cells: the direction leaving the first, the one entering the second."""


def edge_path(state: LabState, source: str, consumer: str) -> list[Cell]:
    """The cells of one edge, from the source box's right side to the consumer's arrow.

    Into the next column an edge turns once, in the gap before the consumer. An edge that
    skips columns drops to the blank line under its source first and runs along it, so it
    never passes under a box.
    """
    lay = state.layout
    xs, ys = lay.box(source)
    xt, yt = lay.box(consumer)
    start, bus, row_s, row_t = xs + BOX_WIDTH, xt - 2, ys + 1, yt + 1
    if start == bus:
        corners = [(start, row_s), (bus, row_t)]
    else:
        lane = ys + BOX_HEIGHT
        corners = [(start, row_s), (start, lane), (bus, lane), (bus, row_t)]
    cells = [corners[0]]
    for a, b in zip(corners, corners[1:], strict=False):
        # Horizontal first, then vertical, cell by cell.
        x, y = a
        for target_x, target_y in ((b[0], y), b):
            while (x, y) != (target_x, target_y):
                x += (target_x > x) - (target_x < x)
                y += (target_y > y) - (target_y < y)
                cells.append((x, y))
    return cells


def _draw_edges(state: LabState, grid: _Grid, hot: set[Edge], arrow: str) -> None:
    shape = state.instance.shape
    dirs: dict[Cell, set[str]] = {}
    hot_cells: set[Cell] = set()
    arrows: dict[Cell, bool] = {}
    for consumer in shape.order:
        for slot, source in enumerate(shape.nodes[consumer].inputs):
            is_hot = (source, consumer, slot) in hot
            cells = edge_path(state, source, consumer)
            dirs.setdefault(cells[0], set()).add("w")  # out of the source box
            dirs.setdefault(cells[-1], set()).add("e")  # into the arrow
            for a, b in zip(cells, cells[1:], strict=False):
                leave, enter = _STEP_NAMES[(b[0] - a[0], b[1] - a[1])]
                dirs.setdefault(a, set()).add(leave)
                dirs.setdefault(b, set()).add(enter)
            if is_hot:
                hot_cells.update(cells)
            end = (cells[-1][0] + 1, cells[-1][1])
            arrows[end] = arrows.get(end, False) or is_hot
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
