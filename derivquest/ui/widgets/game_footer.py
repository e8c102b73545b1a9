"""The game's footer: Textual's own, with every key born in its final style."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

try:  # Textual keeps FooterKey in a private module; without it the footer is simply Textual's
    from textual.widgets._footer import FooterKey as _FooterKey

    _KEY: type[Widget] | None = _FooterKey
    _COMPACT: Any = getattr(_FooterKey, "compact", None)
except ImportError:  # pragma: no cover - a Textual that moved it
    _KEY, _COMPACT = None, None


class GameFooter(Footer):
    """A footer whose keys skip the restyle Textual gives each of them as it mounts.

    Textual's FooterKey starts compact, then follows its footer's `compact` through a
    watcher that restyles the key when it mounts (and once more when the footer is not
    compact). The footer recomposes at every screen and focus change, so on the way to the
    first question this was about a fifth of a login's CPU time on a classroom server.
    A key made with the footer's value and class already has nothing to change.
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if _KEY is not None and _COMPACT is not None and isinstance(widget, _KEY):
                # The palette's key is not bound to the footer: it keeps its compact default.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(_COMPACT, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
