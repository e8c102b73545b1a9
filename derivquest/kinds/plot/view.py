"""How a plot question is answered: on its chart, submitted with Enter."""

from __future__ import annotations

from textual.widget import Widget

from derivquest.content import QuestionInstance
from derivquest.kinds.base import payload_of
from derivquest.kinds.plot.spec import PlotPayload
from derivquest.ui.chart_views import chart_view
from derivquest.ui.kind_views import KindView
from derivquest.ui.widgets.chart_base import ChartPanel


class PlotView(KindView):
    """The task's chart, focused; Enter submits the chart's state as the answer."""

    kind = "plot"

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget:
        task = payload_of(instance, PlotPayload).task
        return chart_view(task.chart).task_widget(task, widget_id)

    def confirm(self, instance: QuestionInstance, widget: Widget) -> str | None:
        if not isinstance(widget, ChartPanel):
            return None
        task = payload_of(instance, PlotPayload).task
        return str(chart_view(task.chart).value(widget))


VIEW = PlotView()
"""Found by the registry."""
