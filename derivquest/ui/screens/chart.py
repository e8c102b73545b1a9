"""A full screen for one interactive chart, opened from the map or by a plot question."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from derivquest.engine import EngineError
from derivquest.ui.widgets.chart_base import ChartPanel

ChartFactory = Callable[[str], ChartPanel]
"""Builds the chart for a typed function; raises EngineError if the text is unreadable."""


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
        self.chart = chart
        self.function = function
        """The function shown, when the player may type another one."""
        self.rebuild = rebuild

    def compose(self) -> ComposeResult:
        yield Label(self.chart_title, classes="screen-title")
        if self.rebuild is not None:
            with Horizontal(classes="function-bar"):
                yield Label("f(x) =")
                yield Input(value=self.function or "", id="function")
            yield Static("", id="function-error", markup=False)
        yield self.chart
        yield Footer()

    def on_mount(self) -> None:
        self.chart.focus()

    @on(Input.Submitted, "#function")
    def _new_function(self, event: Input.Submitted) -> None:
        assert self.rebuild is not None
        error = self.query_one("#function-error", Static)
        try:
            chart = self.rebuild(event.value)
        except EngineError as problem:
            error.update(Text(f"{problem.message}", style="bold"))
            return
        error.update("")
        self.chart.remove()
        self.chart = chart
        self.mount(chart, before=self.query_one(Footer))
        chart.focus()
