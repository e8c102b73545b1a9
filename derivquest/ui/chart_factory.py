"""The charts a player can open freely from the map or the command palette (by chart id)."""

from __future__ import annotations

from derivquest.ui.chart_views import chart_view, views
from derivquest.ui.screens.chart import ChartScreen


def charts() -> tuple[str, ...]:
    """Every chart id, in menu order."""
    return tuple(view.chart for view in views())


def chart_screen(chart: str) -> ChartScreen:
    """Build the screen of the chart `chart`, with the lesson's example to start from.

    Raises:
        UnknownChartView: no chart has that id (never a fallback to another chart).
    """
    return chart_view(chart).free_screen()
