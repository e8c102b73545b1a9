"""The tangent-line visualizer: move x0, watch the secant close in on the tangent."""

from __future__ import annotations

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.tangent import SECANT_MIN, TangentView
from derivquest.engine.functions import ChartCurves
from derivquest.ui.glyphs import glyphs
from derivquest.ui.key_labels import key_group
from derivquest.ui.widgets.chart_base import ChartPanel, framed, plot_line


class TangentChart(ChartPanel):
    """f, its tangent at x0 and a secant through x0 and x0+h."""

    BINDINGS = [
        Binding("left", "move(-1)", "x0 left", id="tangent.left", group=key_group("keys.x0")),
        Binding("right", "move(1)", "x0 right", id="tangent.right", group=key_group("keys.x0")),
        Binding("down", "secant(-1)", "h smaller", id="tangent.shrink", group=key_group("keys.h")),
        Binding("up", "secant(1)", "h larger", id="tangent.widen", group=key_group("keys.h")),
        Binding("a", "animate", "h→0", id="tangent.animate"),
    ]

    def __init__(self, view: TangentView, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.view = view
        """The function, x0 and h being shown."""

    def action_move(self, steps: int) -> None:
        self.view.move(steps)
        self.redraw()

    def action_secant(self, direction: int) -> None:
        if direction < 0:
            self.view.shrink_secant()
        else:
            self.view.widen_secant()
        self.redraw()

    def action_animate(self) -> None:
        """Halve h a few times a second until the secant sits on the tangent."""

        def tick() -> None:
            self.view.shrink_secant()
            self.redraw()
            if self.view.h <= SECANT_MIN:
                timer.stop()

        timer = self.set_interval(0.35, tick)

    def function_to_prepare(self) -> str | None:
        return self.view.function if self.view.curves is None else None

    def show_curves(self, curves: ChartCurves) -> None:
        self.view.show(curves)

    def draw(self, plt: Plot) -> None:
        view = self.view
        xs = view.xs()
        low, high = view.y_limits()
        curve = framed(view.curve(), low, high)
        function = self.text("chart.tangent.function", function=view.function)
        plot_line(plt, xs, curve, series=0, color="blue", label=function)
        secant = framed(view.secant_line(), low, high)
        label = self.text("chart.tangent.secant", h=f"{view.h:g}")
        plot_line(plt, xs, secant, series=1, color="magenta", label=label)
        tangent = framed(view.tangent_line(), low, high)
        plot_line(plt, xs, tangent, series=2, color="green", label=self.text("chart.tangent.line"))
        point = framed([view.value], low, high)
        if point[0] is not None:
            plt.scatter([view.x0], point, color="red", marker=glyphs().point)
        plt.xlim(view.x_min, view.x_max)
        plt.ylim(low, high)

    def status(self) -> str:
        view = self.view
        return self.text(
            "chart.tangent.status",
            x0=self.number(view.x0),
            value=self.number(view.value),
            slope=self.number(view.slope),
            secant=self.number(view.secant_slope),
            h=f"{view.h:g}",
        )
