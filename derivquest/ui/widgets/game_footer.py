"""The game's footer: Textual's, recomposed only when its keys change, each in its final style."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

try:  # Textual keeps FooterKey in a private module; without it the footer is simply Textual's
    from textual.widgets._footer import FooterKey as _FooterKey

    _KEY: type[Widget] | None = _FooterKey
    _COMPACT: Any = getattr(_FooterKey, "compact", None)
except ImportError:  # pragma: no cover - a Textual that moved it
    _KEY, _COMPACT = None, None


class GameFooter(Footer):
    """A footer that recomposes only when what it shows changes, with keys in final style.

    Textual's footer recomposes (new keys, styled, laid out) whenever its screen says the
    bindings may have changed: at every focus change and screen switch, 19 times on the way
    to the first question, though the keys shown changed 3 times. On a classroom server that
    was most of a login's CPU time. This footer compares what it would show with what it
    shows, and recomposes once per change.

    Textual's FooterKey also starts compact, then follows its footer's `compact` through a
    watcher that restyles the key when it mounts. A key made with the footer's value and
    class already has nothing to change.
    """

    _shown: Hashable = None
    """What the footer's keys were composed from (`_showing()` at the last compose)."""

    _pending = False
    """A recompose check is scheduled (several binding updates in a row need one)."""

    def _showing(self) -> Hashable:
        """Everything `compose` reads: the shown bindings, their state and the options."""
        if not self._bindings_ready:
            return None
        display = self.app.get_key_display
        bindings = tuple(
            (binding, display(binding), enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
        )
        return (bindings, self.compact, self.show_command_palette)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._showing() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._showing()
        for widget in super().compose():
            if _KEY is not None and _COMPACT is not None and isinstance(widget, _KEY):
                # The palette's key is not bound to the footer: it keeps its compact default.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(_COMPACT, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
