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

TANGENT_MARKER = "."
"""The tangent is dotted and the secant drawn in +, so they differ without colour too."""

SECANT_MARKER = "+"
"""See TANGENT_MARKER."""

A_STEP = 0.5
"""How far one key press moves a on the free chart."""


def number(value: float, language: str, digits: int = 6) -> str:
    """A number for the status lines, or 'undefined' in the player's language."""
    return f"{value:.{digits}g}" if math.isfinite(value) else t("chart.undefined", language)


class SecantChart(ChartPanel):
    """f, the tangent at a, and the secant through (a, f(a)) and (a+h, f(a+h))."""

    BINDINGS = [
        Binding("down", "shrink", "h smaller", id="secant.shrink"),
        Binding("up", "widen", "h larger", id="secant.widen"),
        Binding("minus", "flip", "other side", id="secant.flip"),
        Binding("left", "move(-1)", "a left", id="secant.a_left"),
        Binding("right", "move(1)", "a right", id="secant.a_right"),
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
        curve_label = t("chart.secant.curve", language, function=view.function)
        plot_line(plt, xs, framed(view.curve(), low, high), label=curve_label, color="blue")
        plot_line(
            plt,
            xs,
            framed(view.tangent_line(), low, high),
            label=t("chart.secant.tangent", language, a=f"{view.a:g}"),
            color="green",
            marker=TANGENT_MARKER,
        )
        plot_line(
            plt,
            xs,
            framed(view.secant_line(), low, high),
            label=t("chart.secant.secant", language, h=f"{view.h:g}"),
            color="magenta",
            marker=SECANT_MARKER,
        )
        points = framed([view.value, view.far_value], low, high)
        if all(point is not None for point in points):
            plt.scatter(
                [view.a, view.a + view.h],
                points,
                color="red",
                marker=glyphs().point,
                label=t("chart.secant.points", language),
            )
        plt.xlim(view.x_min, view.x_max)
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
