"""The bowl chart on screen: opened from the map, or set up by a plot task."""

from __future__ import annotations

from typing import Any

from derivquest.charts.bowl.model import BowlView
from derivquest.charts.bowl.task import BowlTask
from derivquest.ui.chart_views import ChartView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.screens.titled_chart import TitledChartScreen
from derivquest.ui.widgets.bowl_chart import BowlChart
from derivquest.ui.widgets.chart_base import ChartPanel


class BowlChartView(ChartView):
    """Contours of a·w1² + b·w2² and the descent path; the player picks lr (and, freely, w0)."""

    chart = "bowl"
    order = 25

    def free_screen(self) -> ChartScreen:
        view = BowlView()
        return TitledChartScreen(
            "chart.bowl.title",
            BowlChart(view, movable_start=True),
            a=f"{view.a:g}",
            b=f"{view.b:g}",
        )

    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        assert isinstance(task, BowlTask)
        return BowlChart(task.model(), id=widget_id)

    def value(self, widget: ChartPanel) -> float:
        assert isinstance(widget, BowlChart)
        return widget.view.learning_rate


VIEW = BowlChartView()
"""Found by the registry."""
