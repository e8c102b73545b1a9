"""The secant chart: halve h and watch the secant through a and a+h turn into the tangent."""

from __future__ import annotations

import math

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.secant import SecantView
from derivquest.engine.functions import ChartCurves
from derivquest.ui.glyphs import glyphs
from derivquest.ui.strings import t
from derivquest.ui.widgets.chart_base import ChartPanel, framed, plot_line
from derivquest.ui.widgets.plot_safety import label_if_visible

A_STEP = 0.5
"""How far one key press moves a on the free chart."""


def number(value: float, language: str, digits: int = 6) -> str:
    """A number for the status lines, or 'undefined' in the player's language."""
    return f"{value:.{digits}g}" if math.isfinite(value) else t("chart.undefined", language)


class SecantChart(ChartPanel):
    """f, the tangent at a, and the secant through (a, f(a)) and (a+h, f(a+h))."""

    BINDINGS = [
        Binding("down", "shrink", "h ÷ 2", id="secant.shrink"),
        Binding("up", "widen", "h × 2", id="secant.widen"),
        Binding("minus", "flip", "flip h", id="secant.flip"),
        Binding("left", "move(-1)", "a -", id="secant.a_left"),
        Binding("right", "move(1)", "a +", id="secant.a_right"),
    ]

    def __init__(
        self,
        view: SecantView,
        *,
        movable_a: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.view = view
        """The function, a and h being shown."""
        self.movable_a = movable_a
        """Whether the arrow keys move a (the free chart; a task's a is the author's)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a task a is fixed: the grader judges h at the author's a, so a must not move.
        if action == "move":
            return self.movable_a
        return True

    def action_shrink(self) -> None:
        self.view.shrink()
        self.redraw()

    def action_widen(self) -> None:
        self.view.widen()
        self.redraw()

    def action_flip(self) -> None:
        self.view.flip()
        self.redraw()

    def action_move(self, steps: int) -> None:
        self.view.move(steps * A_STEP)
        self.redraw()

    def function_to_prepare(self) -> str | None:
        return self.view.function if self.view.curves is None else None

    def show_curves(self, curves: ChartCurves) -> None:
        self.view.show(curves)

    def draw(self, plt: Plot) -> None:
        view, language = self.view, self.language
        xs = view.xs()
        low, high = view.y_limits()
        x_range, y_range = (view.x_min, view.x_max), (low, high)
        series = (
            (view.curve(), t("chart.secant.curve", language, function=view.function), "blue"),
            (
                view.tangent_line(),
                t("chart.secant.tangent", language, a=f"{view.a:g}"),
                "green",
            ),
            (
                view.secant_line(),
                t("chart.secant.secant", language, h=f"{view.h:g}"),
                "magenta",
            ),
        )
        # Each line its own marker (chart_base.series_marker): told apart without colour too.
        for index, (values, label, color) in enumerate(series):
            ys = framed(values, low, high)
            shown = label_if_visible(label, xs, ys, x_range, y_range)
            if shown is not None:  # a line with no point on the canvas is not drawn at all
                plot_line(plt, xs, ys, series=index, label=shown, color=color)
        point_xs = [view.a, view.a + view.h]
        points = framed([view.value, view.far_value], low, high)
        label = t("chart.secant.points", language)
        if label_if_visible(label, point_xs, points, x_range, y_range) is not None:
            plt.scatter(point_xs, points, color="red", marker=glyphs().point, label=label)
        plt.xlim(*x_range)
        plt.ylim(low, high)

    def status(self) -> str:
        view, language = self.view, self.language
        values = t(
            "chart.secant.values",
            language,
            a=f"{view.a:g}",
            h=f"{view.h:g}",
            fa=number(view.value, language),
            fah=number(view.far_value, language),
        )
        slopes = t(
            "chart.secant.slopes",
            language,
            quotient=number(view.quotient(), language),
            slope=number(view.slope, language),
            gap=number(view.gap(), language, 3),
        )
        return f"{values}\n{slopes}"
