"""What every interactive chart shares: a plot it owns, a status line, and a change message."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from derivquest.ui.widgets.themed_plot import ThemedPlot


def finite_or_none(values: Sequence[float]) -> list[float | None]:
    """plotext skips None; NaN and infinities would wreck its axis ranges."""
    return [v if math.isfinite(v) else None for v in values]


def show(value: float, digits: int = 4) -> str:
    """A number for the status line: short, and honest about 'undefined'."""
    if not math.isfinite(value):
        return "undefined"
    return f"{value:.{digits}g}"


class ChartPanel(Vertical, can_focus=True):
    """A focusable chart: subclasses draw into ``self.plot`` and say what the player sees."""

    DEFAULT_CSS = """
    ChartPanel { height: 1fr; }
    ChartPanel > PlotextPlot { height: 1fr; }
    ChartPanel > .status { height: auto; padding: 0 1; }
    """

    class Changed(Message):
        """The chart's state changed (the player moved something)."""

        def __init__(self, panel: ChartPanel) -> None:
            super().__init__()
            self.panel = panel

        @property
        def control(self) -> ChartPanel:
            return self.panel

    def compose(self) -> ComposeResult:
        yield ThemedPlot()
        yield Static("", classes="status", markup=False)

    def on_mount(self) -> None:
        self.redraw()

    @property
    def plot(self) -> Plot:
        """This chart's own plot object (never plotext's global state)."""
        plt: Plot = self.query_one(PlotextPlot).plt
        return plt

    def redraw(self) -> None:
        """Clear the plot, draw the current state, update the status line, tell the screen."""
        plt = self.plot
        plt.clear_figure()
        self.draw(plt)
        self.query_one(PlotextPlot).refresh()
        self.query_one(".status", Static).update(Text(self.status()))
        self.post_message(self.Changed(self))

    def draw(self, plt: Plot) -> None:
        """Draw the chart (subclasses)."""
        raise NotImplementedError

    def status(self) -> str:
        """The line of numbers under the chart (subclasses)."""
        raise NotImplementedError
