"""The map's list of packs and levels: one line each, drawn once per state and then reused.

It replaces Textual's `Tree`, which drew the same lines the same way but cost a login ~26 ms
of CPU: each line was rebuilt as Rich `Text` several times before the map settled (its line
cache missed on focus, cursor and update counters), every line was measured for the virtual
size, and the lines were built lazily on idle, which laid the screen out again. Here the
lines are known at compose (one per entry), each label is rendered to segments once, and a
line's `Strip` is built once per (styles, cursor, hover, width) state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from derivquest.game.model import LevelEntry, PackEntry
from derivquest.ui.glyphs import glyphs, stars

CURSOR = "level-list--cursor"
GUIDES = "level-list--guides"
HOVER = "level-list--highlight-line"

EXPANDED = "▼ "
COLLAPSED = "▶ "
"""A pack line's mark, as the `Tree` drew it: a click on it folds or unfolds the pack."""
BRANCH = "├── "
LAST_BRANCH = "└── "


def level_label(entry: LevelEntry) -> Text:
    """One line per level: a lock or the stars, then the title."""
    if entry.locked:
        return Text.assemble((f"{glyphs().lock} ", "dim"), (entry.title, "dim"))
    mark = stars(entry.stars) if entry.completed else f"{entry.solved}/{entry.total}"
    return Text.assemble((f"{mark:>4} ", "bold"), entry.title)


def _first_line(text: Text) -> Text:
    """A title drawn on one line (a line break in a pack's title would break the list)."""
    return text.split("\n")[0] if "\n" in text.plain else text


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the list: a pack's title, or one of its levels."""

    pack: int
    """The pack's index in the list's packs."""
    entry: LevelEntry | None
    """The level on this line; None on the pack's own line."""
    last: bool = False
    """The pack's last level (its guide turns the corner)."""


def _head_width(row: Row) -> int:
    """The cells before a line's label: the pack's mark, or a level's guide."""
    return len(EXPANDED) if row.entry is None else len(BRANCH)


@dataclass(frozen=True, slots=True)
class _Palette:
    """The styles a line is drawn with; a new palette (focus, theme) means new strips."""

    base: Style
    guides: Style
    cursor: Style
    hover: Style


class LevelList(ScrollView, can_focus=True):
    """Packs and their levels; arrows move the cursor, Enter opens a level or folds a pack."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("space", "toggle_pack", "Toggle", show=False),
        Binding("up", "cursor_up", "Cursor Up", show=False),
        Binding("down", "cursor_down", "Cursor Down", show=False),
        Binding("home", "cursor_home", "First", show=False),
        Binding("end", "cursor_end", "Last", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {CURSOR, GUIDES, HOVER}

    # The `Tree`'s own look, so the map looks as it did.
    DEFAULT_CSS = """
    LevelList {
        background: $surface;
        color: $foreground;
        & > .level-list--guides { color: $surface-lighten-2; }
        & > .level-list--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        & > .level-list--highlight-line { background: $block-hover-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .level-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
            & > .level-list--guides { color: $surface-lighten-3; }
        }
        &:light > .level-list--guides { color: $surface-darken-1; }
    }
    LevelList:ansi {
        color: ansi_default;
        & > .level-list--guides { color: $ansi-background; }
        &:nocolor > .level-list--cursor { text-style: reverse; }
    }
    """

    class Highlighted(Message):
        """The cursor moved to another line."""

        def __init__(self, level_list: LevelList, entry: LevelEntry | None) -> None:
            super().__init__()
            self.level_list = level_list
            self.entry = entry
            """The level under the cursor; None on a pack's line."""

        @property
        def control(self) -> LevelList:
            return self.level_list

    class Selected(Message):
        """The player pressed Enter on (or clicked) a level, locked or not."""

        def __init__(self, level_list: LevelList, entry: LevelEntry) -> None:
            super().__init__()
            self.level_list = level_list
            self.entry = entry

        @property
        def control(self) -> LevelList:
            return self.level_list

    def __init__(self, packs: list[PackEntry], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.packs = packs
        self.folded: set[int] = set()
        """Packs whose levels are hidden (Enter or a click on the pack's line)."""
        self.rows: list[Row] = []
        self.hover_line = -1
        """The line under the mouse pointer, or -1."""
        self._labels: dict[Row, Text] = {}
        self._segments: dict[Row, list[Segment]] = {}
        self._strips: dict[tuple[Row, bool, bool, int], Strip] = {}
        self._palette: _Palette | None = None
        self.set_reactive(LevelList.virtual_size, self._lay_out())
        self.cursor_line = next(
            (
                line
                for line, row in enumerate(self.rows)
                if row.entry is not None and not row.entry.locked and not row.entry.completed
            ),
            -1,
        )
        """The line with the cursor: the first open level not yet completed, else none."""

    @property
    def highlighted(self) -> LevelEntry | None:
        """The level under the cursor; None on a pack's line or without a cursor."""
        return self.rows[self.cursor_line].entry if self.cursor_line >= 0 else None

    def _label(self, row: Row) -> Text:
        label = self._labels.get(row)
        if label is None:
            if row.entry is None:
                # A span, not the Text's own style: `Text.render` draws only the spans.
                label = _first_line(Text.assemble((self.packs[row.pack].title, "bold")))
            else:
                label = _first_line(level_label(row.entry))
            self._labels[row] = label
        return label

    def _lay_out(self) -> Size:
        """Make the lines of the unfolded packs; returns the size they take."""
        rows: list[Row] = []
        for index, pack in enumerate(self.packs):
            rows.append(Row(index, None))
            if index not in self.folded:
                last = len(pack.levels) - 1
                rows.extend(Row(index, entry, n == last) for n, entry in enumerate(pack.levels))
        self.rows = rows
        width = max((_head_width(row) + self._label(row).cell_len for row in rows), default=0)
        return Size(width, len(rows))

    def render_lines(self, crop: Region) -> list[Strip]:
        palette = _Palette(
            self.rich_style,
            self.get_component_rich_style(GUIDES, partial=True),
            self.get_component_rich_style(CURSOR, partial=False),
            self.get_component_rich_style(HOVER),
        )
        if palette != self._palette:
            self._palette = palette
            self._strips.clear()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        line = y + scroll_y
        if not 0 <= line < len(self.rows):
            return Strip.blank(width, self.rich_style)
        pad = max(self.virtual_size.width, width)
        key = (self.rows[line], line == self.cursor_line, self._hovered(line), pad)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4 * len(self.rows):
                self._strips.clear()  # only after resizes: keep the states of one width
            strip = self._strips[key] = self._strip(*key)
        return strip.crop(scroll_x, scroll_x + width)

    def _hovered(self, line: int) -> bool:
        """Under the pointer: the line, or any line of a pack whose own line is pointed at."""
        if self.hover_line < 0 or self.hover_line >= len(self.rows):
            return False
        pointed = self.rows[self.hover_line]
        return line == self.hover_line or (
            pointed.entry is None and self.rows[line].pack == pointed.pack
        )

    def _strip(self, row: Row, cursor: bool, hovered: bool, pad: int) -> Strip:
        palette = self._palette
        assert palette is not None  # render_lines sets it before any line
        line_style = palette.base + palette.hover if hovered else palette.base
        segments = self._segments.get(row)
        if segments is None:
            segments = self._segments[row] = list(self._label(row).render(self.app.console))
        label = Segment.apply_style(segments, line_style, palette.cursor if cursor else None)
        if row.entry is None:
            mark = COLLAPSED if row.pack in self.folded else EXPANDED
            head = Segment(mark, line_style)
        else:
            head = Segment(LAST_BRANCH if row.last else BRANCH, line_style + palette.guides)
        strip = Strip([head, *label])
        return strip.extend_cell_length(pad, line_style)

    # Moving the cursor

    def move_cursor(self, line: int) -> None:
        """Put the cursor on ``line`` (kept within the list) and scroll it into view."""
        if not self.rows:
            return  # no pack loaded: nothing to point at
        line = max(0, min(line, len(self.rows) - 1))
        previous = self.cursor_line
        self.cursor_line = line
        self._scroll_to_cursor()
        if line != previous:
            self.refresh_line(previous)
            self.refresh_line(line)
            self.post_message(self.Highlighted(self, self.highlighted))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if self.cursor_line < 0 or height <= 0:
            return  # before the first layout: on_resize scrolls
        top = self.scroll_offset.y
        if self.cursor_line < top:
            self.scroll_to(y=self.cursor_line, animate=False)
        elif self.cursor_line >= top + height:
            self.scroll_to(y=self.cursor_line - height + 1, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()

    def action_cursor_up(self) -> None:
        self.move_cursor(len(self.rows) - 1 if self.cursor_line < 0 else self.cursor_line - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_line + 1)

    def action_cursor_home(self) -> None:
        self.move_cursor(0)

    def action_cursor_end(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_page_up(self) -> None:
        start = len(self.rows) - 1 if self.cursor_line < 0 else self.cursor_line
        self.move_cursor(start - (self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        start = max(self.cursor_line, 0)
        self.move_cursor(start + self.scrollable_content_region.height - 1)

    # Choosing

    def action_select_cursor(self) -> None:
        """Enter: a level is chosen; on a pack's line the pack folds or unfolds."""
        if self.cursor_line < 0:
            return
        row = self.rows[self.cursor_line]
        if row.entry is None:
            self._toggle(row.pack)
        else:
            self.post_message(self.Selected(self, row.entry))

    def action_toggle_pack(self) -> None:
        """Space on a pack's line folds or unfolds it."""
        if self.cursor_line >= 0 and self.rows[self.cursor_line].entry is None:
            self._toggle(self.rows[self.cursor_line].pack)

    def _toggle(self, pack: int) -> None:
        """Fold or unfold ``pack``; the cursor stays on the line it was on."""
        under = self.rows[self.cursor_line] if self.cursor_line >= 0 else None
        self.folded ^= {pack}
        self._strips.clear()
        self.virtual_size = self._lay_out()
        if under in self.rows:
            self.cursor_line = self.rows.index(under)
        elif under is not None:
            # Its level was folded away (a click on the mark): the cursor goes to the pack.
            self.cursor_line = self.rows.index(Row(under.pack, None))
            self.post_message(self.Highlighted(self, None))
        self.hover_line = -1
        self.refresh()

    # The mouse

    def _line_at(self, event: events.MouseEvent) -> tuple[int, int] | None:
        """The (column, line) of the list under the pointer, or None off the lines."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        return (offset.x + self.scroll_offset.x, line) if line < len(self.rows) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        at = self._line_at(event)
        self._set_hover(-1 if at is None else at[1])

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(-1)

    def _set_hover(self, line: int) -> None:
        if line == self.hover_line:
            return
        lines = {self.hover_line, line} - {-1}
        self.hover_line = line
        # A pack's line highlights its levels too: repaint every line of the packs involved.
        packs = {self.rows[n].pack for n in lines if n < len(self.rows)}
        for n, row in enumerate(self.rows):
            if row.pack in packs:
                self.refresh_line(n)

    def on_click(self, event: events.Click) -> None:
        at = self._line_at(event)
        if at is None:
            return
        column, line = at
        if self.rows[line].entry is None and column < len(EXPANDED):
            # The pack's mark: fold or unfold without moving the cursor, as the Tree did.
            self._toggle(self.rows[line].pack)
            return
        self.move_cursor(line)
        self.action_select_cursor()
