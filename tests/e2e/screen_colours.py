"""Read the colours a terminal screen shows (tmux capture-pane -e) and measure their contrast.

A test of a screen must check that a person can read it, not only its text: this module turns
the SGR codes of a captured pane into cells (character, foreground, background, reverse, dim)
and rates each cell's contrast the way WCAG does, on a reference terminal palette (xterm's
16 colours and the 256-colour cube) with the terminal's own default colours dark or light.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RGB = tuple[int, int, int]

XTERM_16: tuple[RGB, ...] = (
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
)
"""xterm's default 16 colours: the reference palette (terminals differ, xterm is typical)."""


@dataclass(frozen=True)
class Terminal:
    """The colours a terminal uses for 'default' foreground and background."""

    foreground: RGB
    background: RGB


DARK_TERMINAL = Terminal(foreground=(229, 229, 229), background=(0, 0, 0))
LIGHT_TERMINAL = Terminal(foreground=(0, 0, 0), background=(255, 255, 255))

DEFAULT = None
"""A colour of None is the terminal's default (SGR 39 / 49)."""

Colour = RGB | None


@dataclass(frozen=True)
class Cell:
    """One character on the screen with the colours it is drawn in."""

    row: int
    column: int
    char: str
    foreground: Colour
    background: Colour
    reverse: bool
    dim: bool


def palette_256(index: int) -> RGB:
    """The RGB of one of the 256 indexed colours."""
    if index < 16:
        return XTERM_16[index]
    if index < 232:
        index -= 16
        steps = (0, 95, 135, 175, 215, 255)
        return (steps[index // 36], steps[(index // 6) % 6], steps[index % 6])
    level = 8 + 10 * (index - 232)
    return (level, level, level)


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def _apply_sgr(params: list[int], state: dict[str, object]) -> None:
    """Update the drawing state with one SGR sequence's parameters."""
    i = 0
    if not params:
        params = [0]
    while i < len(params):
        code = params[i]
        if code == 0:
            state.update(fg=None, bg=None, reverse=False, dim=False)
        elif code == 2:
            state["dim"] = True
        elif code == 22:
            state["dim"] = False
        elif code == 7:
            state["reverse"] = True
        elif code == 27:
            state["reverse"] = False
        elif 30 <= code <= 37:
            state["fg"] = XTERM_16[code - 30]
        elif 90 <= code <= 97:
            state["fg"] = XTERM_16[code - 90 + 8]
        elif code == 39:
            state["fg"] = None
        elif 40 <= code <= 47:
            state["bg"] = XTERM_16[code - 40]
        elif 100 <= code <= 107:
            state["bg"] = XTERM_16[code - 100 + 8]
        elif code == 49:
            state["bg"] = None
        elif code in (38, 48) and i + 1 < len(params):
            key = "fg" if code == 38 else "bg"
            if params[i + 1] == 5 and i + 2 < len(params):
                state[key] = palette_256(params[i + 2])
                i += 2
            elif params[i + 1] == 2 and i + 4 < len(params):
                state[key] = (params[i + 2], params[i + 3], params[i + 4])
                i += 4
        i += 1


def parse_screen(captured: str) -> list[Cell]:
    """Turn ``tmux capture-pane -p -e`` output into cells (wide characters take one cell)."""
    cells: list[Cell] = []
    state: dict[str, object] = {"fg": None, "bg": None, "reverse": False, "dim": False}
    for row, line in enumerate(captured.split("\n")):
        column = 0
        position = 0
        while position < len(line):
            match = _SGR.match(line, position)
            if match:
                text = match.group(1).replace(":", ";")
                params = [int(p) if p else 0 for p in text.split(";")] if text else []
                _apply_sgr(params, state)
                position = match.end()
                continue
            if line[position] == "\x1b":
                # Any other escape (tmux emits none in captures, but be safe): skip it.
                position += 1
                continue
            cells.append(
                Cell(
                    row=row,
                    column=column,
                    char=line[position],
                    foreground=state["fg"],  # type: ignore[arg-type]
                    background=state["bg"],  # type: ignore[arg-type]
                    reverse=bool(state["reverse"]),
                    dim=bool(state["dim"]),
                )
            )
            column += 1
            position += 1
    return cells


def _luminance(colour: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = _luminance(a), _luminance(b)
    high, low = max(la, lb), min(la, lb)
    return (high + 0.05) / (low + 0.05)


def shown_colours(cell: Cell, terminal: Terminal) -> tuple[RGB, RGB]:
    """The foreground and background a person sees for a cell on ``terminal``."""
    foreground = cell.foreground or terminal.foreground
    background = cell.background or terminal.background
    if cell.reverse:
        foreground, background = background, foreground
    if cell.dim:
        # Terminals draw dim text at about half intensity: halfway to the background.
        foreground = (
            (foreground[0] + background[0]) // 2,
            (foreground[1] + background[1]) // 2,
            (foreground[2] + background[2]) // 2,
        )
    return foreground, background


def is_graphic(char: str) -> bool:
    """Box drawing, block elements, geometric shapes (plot markers such as ●) and braille:
    lines and plots rather than text."""
    return "\u2500" <= char <= "\u25ff" or "\u2800" <= char <= "\u28ff"


def unreadable_cells(cells: list[Cell], terminal: Terminal, minimum: float) -> list[Cell]:
    """The visible characters whose contrast on ``terminal`` is below ``minimum``."""
    bad = []
    for cell in cells:
        if cell.char.isspace():
            continue
        foreground, background = shown_colours(cell, terminal)
        if is_graphic(cell.char) and foreground == background:
            # A block element in its background's colour draws nothing (the rounded ends of
            # a toggle, for example): a blank cell, not unreadable text.
            continue
        if contrast(foreground, background) < minimum:
            bad.append(cell)
    return bad


def describe(cells: list[Cell], terminal: Terminal) -> str:
    """A short, readable list of where the unreadable text is (for assertion messages)."""
    rows: dict[int, list[Cell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
    lines = []
    for row, row_cells in sorted(rows.items())[:8]:
        text = "".join(cell.char for cell in row_cells)[:40]
        first = row_cells[0]
        fg, bg = shown_colours(first, terminal)
        lines.append(f"row {row}: {text!r} fg={fg} bg={bg} ({contrast(fg, bg):.2f}:1)")
    return "\n".join(lines)


def explicit_colours(cells: list[Cell]) -> set[Colour]:
    """Every colour (other than the defaults) any cell is drawn with."""
    found: set[Colour] = set()
    for cell in cells:
        if cell.foreground is not None:
            found.add(cell.foreground)
        if cell.background is not None:
            found.add(cell.background)
    return found
