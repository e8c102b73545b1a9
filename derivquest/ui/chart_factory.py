"""The charts a player can open freely from the map or the command palette."""

from __future__ import annotations

from derivquest.charts.activations import ActivationView
from derivquest.charts.descent import DescentView
from derivquest.charts.gradient_check import GradientCheckView
from derivquest.charts.tangent import TangentView
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.widgets.activation_chart import ActivationChart
from derivquest.ui.widgets.descent_chart import DescentChart
from derivquest.ui.widgets.gradient_check_chart import GradientCheckChart
from derivquest.ui.widgets.tangent_chart import TangentChart

CHARTS = ("tangent", "gradient-descent", "gradient-check", "activations")


def chart_screen(chart: str) -> ChartScreen:
    """Build the screen for one of ``CHARTS`` with the lesson's example to start from."""
    if chart == "tangent":
        function = "x^2 - 4x + 3"
        return ChartScreen(
            "Tangent line visualizer",
            TangentChart(TangentView(function, x0=3.0)),
            function=function,
            rebuild=lambda text: TangentChart(TangentView(text)),
        )
    if chart == "gradient-descent":
        return ChartScreen(
            "Gradient descent: L(w) = (wx - y)², x = 2, y = 6", DescentChart(DescentView())
        )
    if chart == "gradient-check":
        function = "sin(x)"
        return ChartScreen(
            "Gradient check: numerical vs analytical derivative",
            GradientCheckChart(GradientCheckView(function)),
            function=function,
            rebuild=lambda text: GradientCheckChart(GradientCheckView(text)),
        )
    return ChartScreen("Activations and their derivatives", ActivationChart(ActivationView()))
