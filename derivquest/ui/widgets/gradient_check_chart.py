"""Gradient checking: the central difference's error for each h, on log axes."""

from __future__ import annotations

import math

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.gradient_check import STEP_SIZES, GradientCheckView
from derivquest.engine.functions import ChartCurves
from derivquest.ui.glyphs import glyphs
from derivquest.ui.key_labels import key_group
from derivquest.ui.widgets.chart_base import ChartPanel, finite_or_none, plot_line


class GradientCheckChart(ChartPanel):
    """Error = |(f(a+h) - f(a-h))/2h - f'(a)| as h shrinks: truncation, then rounding."""

    BINDINGS = [
        Binding("left", "select(-1)", "larger h", id="gradcheck.larger", group=key_group("keys.h")),
        Binding(
            "right", "select(1)", "smaller h", id="gradcheck.smaller", group=key_group("keys.h")
        ),
    ]

    def __init__(self, view: GradientCheckView, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.view = view
        """The function, point and chosen h."""

    def action_select(self, direction: int) -> None:
        self.view.select(direction)
        self.redraw()

    def function_to_prepare(self) -> str | None:
        return self.view.function if self.view.curves is None else None

    def show_curves(self, curves: ChartCurves) -> None:
        self.view.show(curves)

    def draw(self, plt: Plot) -> None:
        # log10 on linear axes with 1e-n labels: plotext's own log axes print long decimals.
        view = self.view
        exponents = [math.log10(h) for h in STEP_SIZES]
        errors = [math.log10(e) if math.isfinite(e) else math.nan for e in view.errors()]
        label = self.text("chart.gradcheck.error")
        plot_line(plt, exponents, finite_or_none(errors), series=0, color="blue", label=label)
        chosen = finite_or_none([math.log10(view.error())])
        if chosen[0] is not None:  # a labelled series with no point breaks plotext's legend
            plt.scatter(
                [math.log10(view.h)],
                chosen,
                color="red",
                marker=glyphs().point,
                label=self.text("chart.gradcheck.chosen"),
            )
        plt.xticks(exponents[::2], [f"1e{int(e)}" for e in exponents[::2]])
        finite = [e for e in errors if math.isfinite(e)]
        low, high = math.floor(min(finite, default=-17)), math.ceil(max(finite, default=0))
        powers = range(low, high + 1, max(1, (high - low) // 5))
        plt.yticks([float(power) for power in powers], [f"1e{power}" for power in powers])
        plt.title(self.text("chart.gradcheck.title", function=view.function, at=f"{view.at:g}"))
        plt.xlabel(self.text("chart.gradcheck.h_axis"))

    def status(self) -> str:
        view = self.view
        return self.text(
            "chart.gradcheck.status",
            h=f"{view.h:g}",
            estimate=f"{view.estimate():.12g}",
            exact=f"{view.exact:.12g}",
            error=self.number(view.error(), 2),
            best=f"{view.best_h():g}",
        )
