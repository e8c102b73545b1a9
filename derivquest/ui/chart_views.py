"""How each chart is shown: the interface of `charts/<chart>/view.py`, found by the chart's id.

The map opens a chart freely (`free_screen`); a plot question mounts it set up from its task
(`task_widget`) and submits the state the player chose (`value`). An unknown id raises.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from derivquest.plugins import declared
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.chart_base import ChartPanel


class ChartView(ABC):
    """One chart's screens and widgets."""

    chart: ClassVar[str]
    """The chart id (as in its `task.py` and in `chart = "..."`)."""
    order: ClassVar[int] = 100
    """Position in the map's and the command palette's lists."""

    @abstractmethod
    def free_screen(self) -> ChartScreen:
        """The chart opened from the map, with the lesson's example to start from."""

    @abstractmethod
    def task_widget(self, task: Any, widget_id: str) -> ChartPanel:
        """The chart set up for a plot task, starting where the task says."""

    @abstractmethod
    def value(self, widget: ChartPanel) -> float:
        """The state the player chose on `widget` (what the chart's spec grades)."""


_VIEWS: dict[str, ChartView] = {}
_LOADED = False


class UnknownChartView(LookupError):
    """No chart has a view with this id."""


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import derivquest.charts as package

    for _, view in declared(package, "view", "VIEW"):
        if isinstance(view, ChartView):
            _VIEWS.setdefault(view.chart, view)


def views() -> list[ChartView]:
    """Every chart's view, in menu order."""
    _load()
    return sorted(_VIEWS.values(), key=lambda view: (view.order, view.chart))


def chart_view(chart: str) -> ChartView:
    """Return the view of the chart `chart`.

    Raises:
        UnknownChartView: no chart has that id.
    """
    _load()
    try:
        return _VIEWS[chart]
    except KeyError:
        raise UnknownChartView(f"no chart {chart!r}") from None


def register(view: ChartView) -> None:
    """Add a view defined outside this package (tests)."""
    _load()
    _VIEWS[view.chart] = view


def unregister(chart: str) -> None:
    """Remove a view added with `register`."""
    _VIEWS.pop(chart, None)
