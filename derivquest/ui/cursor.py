"""Whether a text box's cursor blinks: one rule for every text box of the game."""

from __future__ import annotations

from textual.widget import Widget


def blinks(widget: Widget) -> bool:
    """A cursor blinks in local play; in a served game it is steady (a blink repaints the box
    twice a second: bytes and CPU for every idle student over SSH)."""
    return bool(getattr(widget.app, "cursor_blinks", True))
