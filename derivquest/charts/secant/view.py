"""The secant chart on screen: opened from the map, or set up by a plot task."""

from __future__ import annotations

from typing import Any

from derivquest.charts.secant.model import SecantView
from derivquest.charts.secant.task import SecantTask
from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.screens.titled_chart import TitledChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel
from derivquest.ui.widgets.secant_chart import SecantChart

EXAMPLE = "x^3"
"""The free chart's function: its secant slopes 3 + 3h + h² at a = 1 show the limit clearly."""


class SecantChartView(ChartView):
    """f, the tangent at a and the secant through a and a+h; the player halves h."""

    chart = "secant"
    order = 15

    def free_screen(self) -> ChartScreen:
        return TitledChartScreen(
            "chart.secant.title",
            SecantChart(SecantView(EXAMPLE, a=1.0), movable_a=True),
            function=EXAMPLE,
            rebuild=lambda text, curves: SecantChart(
                SecantView(text, a=1.0, curves=curves), movable_a=True
            ),
        )

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, SecantTask)
        return SecantChart(task.model(), id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, SecantChart)
        return widget.view.h


VIEW = SecantChartView()
"""Found by the registry."""
