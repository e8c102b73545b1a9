"""The gradient-descent chart on screen: opened from the map, or set up by a plot task."""

from __future__ import annotations

from typing import Any

from derivquest.charts.gradient_descent.model import DescentView
from derivquest.charts.gradient_descent.task import DescentTask
from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel
from derivquest.ui.widgets.descent_chart import DescentChart


class DescentChartView(ChartView):
    """The loss curve with the current w, and the loss per step; the player picks lr."""

    chart = "gradient-descent"
    order = 20

    def free_screen(self) -> ChartScreen:
        return ChartScreen("chart.title.gradient-descent", DescentChart(DescentView()))

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, DescentTask)
        return DescentChart(task.model(), id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, DescentChart)
        return widget.view.learning_rate


VIEW = DescentChartView()
"""Found by the registry."""
