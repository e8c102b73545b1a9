"""A full screen for one interactive chart, opened from the map or by a plot question."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from derivquest.engine import EngineError
from derivquest.ui.cursor import blinks
from derivquest.ui.strings import STRINGS, t
from derivquest.ui.widgets.chart_base import ChartPanel, chart_problem, prepare_curves
from derivquest.ui.widgets.game_footer import GameFooter

if TYPE_CHECKING:
    from derivquest.engine.functions import ChartCurves

ChartFactory = Callable[[str, "ChartCurves"], ChartPanel]
"""Builds the chart for a typed function from its curves, prepared by the checker."""


class ChartScreen(Screen[None]):
    """A title, optionally a function box, the chart, and the keys in the footer."""

    BINDINGS = [Binding("escape", "app.pop_screen", "back", id="chart.back")]

    def __init__(
        self,
        title: str,
        chart: ChartPanel,
        *,
        function: str | None = None,
        rebuild: ChartFactory | None = None,
    ) -> None:
        super().__init__()
        self.chart_title = title
        """A catalogue key (``chart.title.<chart>``), shown in the player's language; any other
        text (a chart from outside the game) is shown as it is."""
        self.chart = chart
        self.function = function
        """The function shown, when the player may type another one."""
        self.rebuild = rebuild

    @property
    def language(self) -> str:
        """The player's language (English when the app has none)."""
        return str(getattr(self.app, "language", "en"))

    def compose(self) -> ComposeResult:
        title = self.chart_title
        if title in STRINGS:
            title = t(title, self.language)
        yield Label(title, classes="screen-title")
        if self.rebuild is not None:
            with Horizontal(classes="function-bar"):
                yield Label(t("chart.function_label", self.language))
                function = Input(value=self.function or "", id="function")
                function.cursor_blink = blinks(self)
                yield function
            yield Static("", id="function-error", markup=False)
        yield self.chart
        yield GameFooter(compact=True)  # a chart has many keys: they fit 80 columns

    def on_mount(self) -> None:
        self.chart.focus()

    @on(Input.Submitted, "#function")
    def _new_function(self, event: Input.Submitted) -> None:
        self._prepare(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="chart-function")
    def _prepare(self, text: str) -> None:
        # Parsing and differentiating run in the checker under its deadline; the UI thread
        # only ever runs the bounded float programs that come back.
        language = str(getattr(self.app, "language", "en"))
        try:
            curves = prepare_curves(self.app, text)
        except EngineError as error:
            self.app.call_from_thread(self._show_problem, chart_problem(error, language))
            return
        except Exception as error:  # never a crash: say it under the box, keep the old chart
            failed = t("chart.failed", language, error=type(error).__name__)
            self.app.call_from_thread(self._show_problem, failed)
            return
        self.app.call_from_thread(self._show_function, text, curves)

    def _show_problem(self, problem: str) -> None:
        self.query_one("#function-error", Static).update(Text(problem, style="bold"))

    def _show_function(self, text: str, curves: ChartCurves) -> None:
        assert self.rebuild is not None
        chart = self.rebuild(text, curves)
        self.query_one("#function-error", Static).update("")
        self.chart.remove()
        self.chart = chart
        self.mount(chart, before=self.query_one(GameFooter))
        chart.focus()
