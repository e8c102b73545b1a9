"""The ramp chart on screen (tests only): its widget and how the game uses it."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel
from tests.charts.ramp.model import RampModel
from tests.charts.ramp.task import RampTask


class RampChart(ChartPanel):
    """The line and the cursor; left and right move the cursor."""

    BINDINGS = [
        Binding("left", "move(-1)", "x left", id="ramp.left"),
        Binding("right", "move(1)", "x right", id="ramp.right"),
    ]

    def __init__(self, model: RampModel, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.model = model

    def action_move(self, steps: int) -> None:
        self.model.move(steps)
        self.redraw()

    def draw(self, plt: Plot) -> None:
        xs = [x / 2 for x in range(-10, 11)]
        plt.plot(xs, [self.model.slope * x for x in xs], color="blue")
        plt.vline(self.model.x, color="magenta")

    def status(self) -> str:
        return f"x = {self.model.x:g}   y = {self.model.y:g}"


class RampChartView(ChartView):
    """Opened freely with slope 2; a task starts the cursor at 0."""

    chart = "ramp"
    order = 900

    def free_screen(self) -> ChartScreen:
        return ChartScreen("Ramp", RampChart(RampModel()))

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, RampTask)
        return RampChart(task.model(), id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, RampChart)
        return widget.model.x


VIEW = RampChartView()
