"""Every kind and chart has its view, and an unknown one raises (no silent fallback)."""

from __future__ import annotations

import pytest

from derivquest.charts.registry import chart_ids
from derivquest.kinds.registry import names
from derivquest.ui.chart_factory import chart_screen, charts
from derivquest.ui.chart_views import UnknownChartView, chart_view
from derivquest.ui.kind_views import UnknownKindView, view_for


def test_every_kind_has_a_view() -> None:
    assert [view_for(kind).kind for kind in names()] == list(names())


def test_every_chart_has_a_view_and_the_map_lists_them_all() -> None:
    assert charts() == chart_ids()
    assert [chart_view(chart).chart for chart in chart_ids()] == list(chart_ids())


@pytest.mark.parametrize("chart", ["descent", "activation", ""])
def test_an_unknown_chart_is_refused_not_replaced(chart: str) -> None:
    """Regression: an unknown id used to open the activations chart."""
    with pytest.raises(UnknownChartView):
        chart_screen(chart)


def test_an_unknown_kind_has_no_view() -> None:
    with pytest.raises(UnknownKindView):
        view_for("essay")
