"""The game's footer: Textual's own, with every key born in its final style."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class GameFooter(Footer):
    """A footer whose keys skip the restyle Textual gives each of them as it mounts.

    Textual's FooterKey starts compact, then follows its footer's `compact` through a
    watcher that restyles the key when it mounts (and once more when the footer is not
    compact). The footer recomposes at every screen and focus change, so on the way to the
    first question this was about a quarter of a login's CPU time on a classroom server.
    A key made with the footer's value and class already has nothing to change.
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # The palette's key is not bound to the footer: it keeps its compact default.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
