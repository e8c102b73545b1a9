"""What every interactive chart shares: a plot it owns, a status line, and a change message."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from derivquest.engine import EngineError
from derivquest.ui.glyphs import glyphs
from derivquest.ui.strings import t
from derivquest.ui.widgets.themed_plot import ThemedPlot

if TYPE_CHECKING:
    from derivquest.engine.functions import ChartCurves


def finite_or_none(values: Sequence[float]) -> list[float | None]:
    """plotext skips None; NaN and infinities would wreck its axis ranges."""
    return [v if math.isfinite(v) else None for v in values]


def framed(values: Sequence[float], low: float, high: float) -> list[float | None]:
    """Values clamped to one window-height beyond [low, high]; None where not finite.

    plotext joins points pixel by pixel: a point 1e180 window-heights away made it allocate
    gigabytes. Clamped, a line that leaves the window still leaves it in the right direction.
    """
    span = high - low
    bottom, top = low - span, high + span
    return [min(max(v, bottom), top) if math.isfinite(v) else None for v in values]


def series_marker(series: int) -> str:
    """The plotext marker of a chart's `series`-th line (0 first): its own characters.

    Colour alone does not tell lines apart (NO_COLOR, colour-blind players, a monochrome
    console): each line is drawn, and shown in the legend, with characters no other uses.
    """
    markers = glyphs().series
    return markers[series % len(markers)]


class Plotter(Protocol):
    """A plot or one of its subplots (plotext's `subplot` returns its own figure class)."""

    def plot(self, *args: Any, **kwargs: Any) -> Any: ...


def plot_line(
    plt: Plotter,
    xs: Sequence[float],
    ys: Sequence[float | None],
    *,
    series: int,
    color: str,
    label: str | None = None,
) -> None:
    """Plot the chart's `series`-th line with its own marker, or nothing when no point has a
    value.

    plotext fails on a labelled series with no point (its legend indexes the first colour):
    f = ln x with x0 < 0 has no tangent to draw.
    """
    if any(y is not None for y in ys):
        plt.plot(xs, ys, marker=series_marker(series), color=color, label=label)


def prepare_curves(app: App[object], function: str) -> ChartCurves:
    """f and f' of a typed function, from the app's checker (deadline and memory limit).

    Call from a worker thread. An app without a checker (a widget tested on its own)
    compiles in this thread: parsing is bounded by the parser's limits and the result is a
    bounded float program either way.

    Raises:
        EngineError: unreadable, too large, or too slow to prepare (``DeadlineExceeded``).
    """
    from derivquest.engine.service import JudgeService

    judge = getattr(app, "judge", None)
    if isinstance(judge, JudgeService):
        result = judge.chart_curves(function)
        if isinstance(result, EngineError):
            raise result
        return result
    from derivquest.engine.functions import chart_curves

    return chart_curves(function)


def chart_problem(error: EngineError, language: str) -> str:
    """The sentence for a function that cannot be drawn, in the player's language."""
    from derivquest.engine.errors import DeadlineExceeded
    from derivquest.engine.presenter import present_error

    if isinstance(error, DeadlineExceeded):
        return t("chart.too_slow", language)
    return present_error(error, language)


def show(value: float, digits: int = 4, language: str = "en") -> str:
    """A number for the status line: short, and honest about 'undefined'."""
    if not math.isfinite(value):
        return t("chart.undefined", language)
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

    notice: str | None = None
    """Shown instead of the numbers while f is prepared, or why it cannot be drawn."""

    def on_mount(self) -> None:
        function = self.function_to_prepare()
        if function is not None:
            self.notice = t("chart.drawing", self.language, function=function)
            self._prepare(function)
        self.redraw()

    @property
    def language(self) -> str:
        """The player's language (English when the app has none)."""
        return str(getattr(self.app, "language", "en"))

    def text(self, key: str, **values: object) -> str:
        """A catalogue entry in the player's language (titles, legends, the status line)."""
        return t(key, self.language, **values)

    def number(self, value: float, digits: int = 4) -> str:
        """A number for the status line, 'undefined' in the player's language."""
        return show(value, digits, self.language)

    def function_to_prepare(self) -> str | None:
        """The typed f(x) whose curves the checker must still prepare (subclasses)."""
        return None

    def show_curves(self, curves: ChartCurves) -> None:
        """Take the prepared f and f' (subclasses that draw a typed function)."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="chart-curves")
    def _prepare(self, function: str) -> None:
        # The symbolic work runs in the checker under its deadline; this thread only waits,
        # so the UI keeps answering keys meanwhile.
        try:
            curves = prepare_curves(self.app, function)
        except EngineError as error:
            self.app.call_from_thread(self._not_drawn, chart_problem(error, self.language))
            return
        except Exception as error:  # never a crash: the chart says it and the game goes on
            problem = t("chart.failed", self.language, error=type(error).__name__)
            self.app.call_from_thread(self._not_drawn, problem)
            return
        self.app.call_from_thread(self._drawn, curves)

    def _drawn(self, curves: ChartCurves) -> None:
        self.notice = None
        self.show_curves(curves)
        self.redraw()

    def _not_drawn(self, problem: str) -> None:
        self.notice = problem
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
        if self.notice is None:
            self.draw(plt)
        self.query_one(PlotextPlot).refresh()
        status = Text(self.notice, style="bold") if self.notice else Text(self.status())
        self.query_one(".status", Static).update(status)
        self.post_message(self.Changed(self))

    def draw(self, plt: Plot) -> None:
        """Draw the chart (subclasses)."""
        raise NotImplementedError

    def status(self) -> str:
        """The line of numbers under the chart (subclasses)."""
        raise NotImplementedError
