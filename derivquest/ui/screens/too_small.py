"""Shown instead of any screen while the terminal is smaller than 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from derivquest.ui.strings import t

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmallScreen(ModalScreen[None]):
    """A clear message; the app removes it as soon as the terminal is large enough."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen > Static { width: 100%; content-align: center middle; text-style: bold; }
    """

    def __init__(self, width: int, height: int, language: str = "en") -> None:
        super().__init__()
        self.size_text = t("too_small", language, width=width, height=height)

    def compose(self) -> ComposeResult:
        yield Static(self.size_text, id="too-small-message")

    def show_size(self, width: int, height: int, language: str = "en") -> None:
        """Update the numbers while the player resizes."""
        self.query_one(Static).update(t("too_small", language, width=width, height=height))
