"""The activations chart on screen: opened from the map, or set up by a plot task."""

from __future__ import annotations

from typing import Any

from derivquest.charts.activations.model import ActivationView
from derivquest.charts.activations.task import ActivationTask
from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.activation_chart import ActivationChart
from derivquest.ui.widgets.chart_base import ChartPanel


class ActivationsChartView(ChartView):
    """An activation and its derivative with a cursor; the player moves the cursor."""

    chart = "activations"
    order = 40

    def free_screen(self) -> ChartScreen:
        return ChartScreen("chart.title.activations", ActivationChart(ActivationView()))

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, ActivationTask)
        view = ActivationView(task.function, x=task.x_start, step=task.x_step)
        return ActivationChart(view, id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, ActivationChart)
        return widget.view.x


VIEW = ActivationsChartView()
"""Found by the registry."""
