"""The game's footer: one widget that draws every key itself, repainted only when they change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

KEY = "game-footer--key"
DESCRIPTION = "game-footer--description"
PALETTE_BORDER = "game-footer--palette-border"
DISABLED = "game-footer--disabled"
HOVER = "game-footer--hover"

BORDER = "▏"
"""The palette key's left border: Textual's `vkey` border."""


@dataclass(frozen=True)
class FooterKey:
    """One key the footer shows: what a click presses, and how it reads."""

    key: str
    """The key a click simulates (the binding's first key)."""
    display: str
    description: str
    """The binding's description, or its group's label for a key shown in a group."""
    enabled: bool
    tooltip: str


Piece = tuple[str, str | None, int | None]
"""Text, its component class (None: the footer's own style), the key it belongs to (or None)."""


@dataclass(frozen=True)
class _Layout:
    """The footer's line before it meets a width: the keys, then the palette's key."""

    keys: tuple[FooterKey, ...]
    left: tuple[Piece, ...]
    right: tuple[Piece, ...]


_EMPTY = _Layout((), (), ())


class GameFooter(Widget, can_focus=False):
    """The keys of the screen in one line, drawn by this one widget.

    Textual's footer is a container of one widget per key (and per group label): about half
    of all the widgets a game mounts on its way to the first question, each one styled, laid
    out and rendered, and all rebuilt at each focus change. This footer lists the same keys,
    in the same order and spacing, as styled text: it works out what it shows when the
    screen's bindings change, and repaints only when that differs from what it shows.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {KEY, DESCRIPTION, PALETTE_BORDER, DISABLED, HOVER}
    DEFAULT_CSS = """
    GameFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .game-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .game-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .game-footer--palette-border {
            color: $foreground 20%;
        }
        .game-footer--disabled {
            text-style: dim;
        }
        .game-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    compact = reactive(False, toggle_class="-compact", repaint=False)
    """Less space around each key (a screen with many keys)."""
    show_command_palette = reactive(True, repaint=False)
    """Show the command palette's key at the right end."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual names it so
        classes: str | None = None,
        show_command_palette: bool = True,
        compact: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(GameFooter.show_command_palette, show_command_palette)
        self.set_reactive(GameFooter.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self._bindings_ready = False
        self._pending = False
        self._shown: Hashable = None
        """What the footer shows was worked out from this (`_showing()`)."""
        self._layout = _EMPTY
        self._spans: list[tuple[int, int, int]] = []
        """Start and end column of each key drawn at the last render, and its index."""
        self._hover: int | None = None

    # -- what it shows ----------------------------------------------------------------------

    def _showing(self) -> Hashable:
        """Everything the layout reads: the shown bindings, their state and the options."""
        if not self._bindings_ready:
            return None
        display = self.app.get_key_display
        bindings = tuple(
            (binding, display(binding), enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
        )
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        return (bindings, self.compact, palette)

    def _update(self) -> None:
        """Work out the line again if what it shows changed, and repaint it."""
        showing = self._showing()
        if showing == self._shown:
            return
        self._layout = self._lay_out() if showing is not None else _EMPTY
        self._shown = showing
        self._hover_over(None)  # the keys moved: the mouse is over none until it moves
        self.refresh()

    def _lay_out(self) -> _Layout:
        """The keys and their pieces of text, as Textual's footer composes them."""
        active = self.screen.active_bindings
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        keys: list[FooterKey] = []
        left: list[Piece] = []
        compact = self.compact

        def add(binding: Binding, description: str, enabled: bool, tooltip: str) -> int:
            display = self.app.get_key_display(binding)
            keys.append(FooterKey(binding.key, display, description, enabled, tooltip))
            return len(keys) - 1

        for group, runs in groupby(by_action.values(), lambda run: run[0][0].group):
            actions = list(runs)
            if group is not None and len(actions) > 1:
                # Textual: the group's keys with a space either side of each (or, in a
                # compact group, one before them all), then the label and a space.
                left.append((" ", None, None))
                for number, run in enumerate(actions):
                    binding, enabled, tooltip = run[0]
                    index = add(binding, group.description, enabled, tooltip or binding.description)
                    if number and not group.compact:
                        left.append((" ", None, None))
                    left.append((keys[index].display, KEY, index))
                left.append((" ", None, None))
                left.append((group.description, DESCRIPTION, None))
                left.append((" ", None, None))
                continue
            for run in actions:
                binding, enabled, tooltip = run[0]
                index = add(binding, binding.description, enabled, tooltip)
                left.extend(_key_pieces(keys[index], index, compact=compact))
                if compact:
                    left.append((" ", None, None))
        right: list[Piece] = []
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _tooltip = found
                index = add(
                    binding, binding.description, enabled, binding.tooltip or binding.description
                )
                # Textual docks it right, compact, behind a thin border (part of the key: a
                # click there opens the palette too), a space after it.
                right.append((BORDER, PALETTE_BORDER, index))
                right.extend(_key_pieces(keys[index], index, compact=True))
                right.append((" ", None, None))
        return _Layout(tuple(keys), tuple(left), tuple(right))

    # -- public, for tests and tools --------------------------------------------------------

    def shown_keys(self) -> list[tuple[str, str]]:
        """Each key shown, left to right (the palette's last): its text and what it does.

        A key in a group reads its group's label (``t``, ``g``... ``charts``).
        """
        return [(key.display, key.description) for key in self._layout.keys]

    def palette_key(self) -> tuple[str, str] | None:
        """The command palette's key at the right end (the last of `shown_keys`), if shown."""
        if not self._layout.right:
            return None
        key = self._layout.keys[-1]
        return (key.display, key.description)

    def shown_line(self, width: int | None = None) -> str:
        """The footer's line as plain text, as drawn `width` (its own width) columns wide."""
        strip, _ = self._line(self.size.width if width is None else width)
        return strip.text

    def needed_width(self) -> int:
        """Columns the whole line needs: wider than that, nothing is cropped."""
        return sum(cell_len(text) for text, _, _ in (*self._layout.left, *self._layout.right))

    # -- drawing ----------------------------------------------------------------------------

    def _styles(self, index: int | None) -> dict[str | None, Style]:
        """Each component's style for a piece of key `index` (None: not a key)."""
        style = self.get_component_rich_style
        base = self.rich_style
        found: dict[str | None, Style]
        if index is not None and index == self._hover:
            base = style(HOVER)
            found = {
                name: base + style(name, partial=True)
                for name in (KEY, DESCRIPTION, PALETTE_BORDER)
            }
        else:
            found = {name: style(name) for name in (KEY, DESCRIPTION, PALETTE_BORDER)}
        found[None] = base
        if index is not None and not self._layout.keys[index].enabled:
            dim = style(DISABLED, partial=True)
            found = {name: value + dim for name, value in found.items()}
        return found

    def _segments(
        self, pieces: Iterable[Piece], start: int, spans: list[tuple[int, int, int]]
    ) -> list[Segment]:
        segments = []
        column = start
        styles: dict[int | None, dict[str | None, Style]] = {}
        for text, component, index in pieces:
            width = cell_len(text)
            if index not in styles:
                styles[index] = self._styles(index)
            segments.append(Segment(text, styles[index][component]))
            if index is not None:
                if spans and spans[-1][2] == index and spans[-1][1] == column:
                    spans[-1] = (spans[-1][0], column + width, index)
                else:
                    spans.append((column, column + width, index))
            column += width
        return segments

    def _line(self, width: int) -> tuple[Strip, list[tuple[int, int, int]]]:
        """The line `width` columns wide, and where each key is on it."""
        layout = self._layout
        spans: list[tuple[int, int, int]] = []
        right_width = sum(cell_len(text) for text, _, _ in layout.right)
        room = max(width - right_width, 0)
        left = Strip(self._segments(layout.left, 0, spans)).crop(0, room)
        spans = [(start, min(end, room), index) for start, end, index in spans if start < room]
        left = left.adjust_cell_length(room, self.rich_style)
        right = Strip(self._segments(layout.right, room, spans))
        line = Strip.join([left, right]).crop(0, width)
        return line, [
            (start, min(end, width), index) for start, end, index in spans if start < width
        ]

    def render_line(self, y: int) -> Strip:
        if y:
            return Strip.blank(self.size.width, self.rich_style)
        line, self._spans = self._line(self.size.width)
        return line

    # -- events -----------------------------------------------------------------------------

    def _key_at(self, x: int) -> int | None:
        for start, end, index in self._spans:
            if start <= x < end:
                return index
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self._layout.keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_over(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_over(None)

    def _hover_over(self, index: int | None) -> None:
        if index == self._hover:
            return
        self._hover = index
        self.tooltip = None if index is None else (self._layout.keys[index].tooltip or None)
        # A pointing hand over a key, as over Textual's keys (terminals and browsers that can).
        self.styles.pointer = "default" if index is None else "pointer"
        self.refresh()

    # -- following the screen's bindings ----------------------------------------------------

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        # As Textual's footer, keep the keys while the app is blurred (a click outside a
        # browser's terminal must not empty the line), but draw them the first time: the
        # web driver starts the app blurred, and the first screen's footer stayed empty
        # until the student clicked the terminal.
        if not screen.app.app_focus and self._shown is not None:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True  # several updates in a row need one look
            self.call_after_refresh(self._update_after_refresh)

    def _update_after_refresh(self) -> None:
        self._pending = False
        if self.is_attached:
            self._update()

    def _watch_compact(self) -> None:
        self._update()

    def _watch_show_command_palette(self) -> None:
        self._update()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)


def _key_pieces(key: FooterKey, index: int, *, compact: bool) -> list[Piece]:
    """A key and its description as Textual's FooterKey draws them (its padding included)."""
    if not key.description:
        return [(key.display, KEY, index)]
    if compact:
        return [(key.display, KEY, index), (" " + key.description, DESCRIPTION, index)]
    return [(f" {key.display} ", KEY, index), (key.description + " ", DESCRIPTION, index)]
