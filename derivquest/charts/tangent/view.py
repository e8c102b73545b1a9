"""The tangent chart on screen: opened from the map, or set up by a plot task."""

from __future__ import annotations

from typing import Any

from derivquest.charts.tangent.model import TangentView
from derivquest.charts.tangent.task import TangentTask
from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel
from derivquest.ui.widgets.tangent_chart import TangentChart

EXAMPLE = "x^2 - 4x + 3"
"""The lesson's function the free chart starts with."""


class TangentChartView(ChartView):
    """f, the tangent at x0 and a shrinking secant; the player may type another f."""

    chart = "tangent"
    order = 10

    def free_screen(self) -> ChartScreen:
        return ChartScreen(
            "chart.title.tangent",
            TangentChart(TangentView(EXAMPLE, x0=3.0)),
            function=EXAMPLE,
            rebuild=lambda text, curves: TangentChart(TangentView(text, curves=curves)),
        )

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, TangentTask)
        return TangentChart(task.model(), id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, TangentChart)
        return widget.view.x0


VIEW = TangentChartView()
"""Found by the registry."""
