"""Colours the player's terminal can show: NO_COLOR, and 16-colour terminals."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.filter import Monochrome, NoColor

ANSI_COUNTERPART = {"textual-dark": "ansi-dark", "textual-light": "ansi-light"}
"""The theme drawn in a 16-colour terminal in place of a true-colour one."""


def use_terminal_default_colours(app: App[Any]) -> None:
    """Replace Textual's greyscale NO_COLOR filter with one that keeps the default colours.

    Textual picks its NO_COLOR filter in ``App.__init__``, before our theme is set: for a
    true-colour theme it picks ``Monochrome``, which maps the ANSI themes' colours to black,
    so text and background both come out as colour 16 (black on black). NO_COLOR asks for
    the terminal's default foreground and background, which ``NoColor`` gives; emphasis is
    then carried by bold, reverse and underline, which it keeps.
    """
    filters = app._filters
    for index, line_filter in enumerate(filters):
        if isinstance(line_filter, Monochrome):
            filters[index] = NoColor()


def has_only_16_colours(app: App[Any]) -> bool:
    """True when the terminal reports 16 (or 8) colours.

    A true-colour theme squeezed into 16 colours loses its contrast (white on cyan bars):
    such terminals get the ANSI theme of the same brightness instead.
    """
    return app.console.color_system in ("standard", "windows")


def theme_for_terminal(app: App[Any], theme: str) -> str:
    """The theme to draw ``theme`` with on this terminal."""
    if has_only_16_colours(app):
        return ANSI_COUNTERPART.get(theme, theme)
    return theme
