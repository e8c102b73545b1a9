"""Drill history: the score of every drill over time, and the personal bests."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Label, Static
from textual_plotext import PlotextPlot

from derivquest.progress import HistoryEntry
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter
from derivquest.ui.widgets.themed_plot import ThemedPlot


class HistoryScreen(Screen[None]):
    """A trend chart of drill scores and a line per personal best."""

    BINDINGS = [Binding("escape", "app.pop_screen", "back", id="history.back")]

    def __init__(
        self, history: list[HistoryEntry], bests: dict[str, int], language: str = "en"
    ) -> None:
        super().__init__()
        self.history = history
        """Oldest first."""
        self.bests = bests
        self.language = language

    def compose(self) -> ComposeResult:
        yield Label(t("history.title", self.language), classes="screen-title")
        yield ThemedPlot(id="history-plot")
        bests = "   ".join(f"{setting}: {score}" for setting, score in sorted(self.bests.items()))
        line = t("history.bests", self.language, bests=bests or "-")
        if not self.history:
            line = t("history.empty", self.language)
        yield Static(Text(line), id="history-bests")
        yield GameFooter()

    def on_mount(self) -> None:
        plt = self.query_one(PlotextPlot).plt
        if self.history:
            numbers = list(range(1, len(self.history) + 1))
            plt.plot(numbers, [entry.score for entry in self.history], marker="hd", color="blue")
            plt.xlabel(t("history.axis", self.language))
        plt.title(t("history.chart", self.language))
