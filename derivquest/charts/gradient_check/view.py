"""The gradient-check chart on screen: opened from the map, or set up by a plot task."""

from __future__ import annotations

from typing import Any

from derivquest.charts.gradient_check.model import STEP_SIZES, GradientCheckView
from derivquest.charts.gradient_check.task import GradientCheckTask
from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel
from derivquest.ui.widgets.gradient_check_chart import GradientCheckChart

EXAMPLE = "sin(x)"
"""The lesson's function the free chart starts with."""


class GradientCheckChartView(ChartView):
    """The central difference's error for every h on log axes; the player picks h."""

    chart = "gradient-check"
    order = 30

    def free_screen(self) -> ChartScreen:
        return ChartScreen(
            "chart.title.gradient-check",
            GradientCheckChart(GradientCheckView(EXAMPLE)),
            function=EXAMPLE,
            rebuild=lambda text, curves: GradientCheckChart(GradientCheckView(text, curves=curves)),
        )

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, GradientCheckTask)
        return GradientCheckChart(task.model(), id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, GradientCheckChart)
        return STEP_SIZES[widget.view.index]


VIEW = GradientCheckChartView()
"""Found by the registry."""
