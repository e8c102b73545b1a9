"""Gradient descent on L(w) = (wx - y)^2: the point on the loss curve and loss per step."""

from __future__ import annotations

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.gradient_descent import DescentView
from derivquest.ui.glyphs import glyphs
from derivquest.ui.key_labels import key_group
from derivquest.ui.widgets.chart_base import (
    ChartPanel,
    finite_or_none,
    plot_line,
    series_marker,
)


class DescentChart(ChartPanel):
    """Two panels: the loss curve with the current w, and the loss after each step."""

    BINDINGS = [
        Binding("space", "step", "step", id="descent.step"),
        Binding("r", "run", "run", id="descent.run"),
        Binding("up", "rate(1)", "lr up", id="descent.rate_up", group=key_group("keys.lr")),
        Binding("down", "rate(-1)", "lr down", id="descent.rate_down", group=key_group("keys.lr")),
        Binding("left", "start(-1)", "w0 -", id="descent.start_down", group=key_group("keys.w0")),
        Binding("right", "start(1)", "w0 +", id="descent.start_up", group=key_group("keys.w0")),
        # Off the footer, so the chart's keys fit 80 columns; help lists it.
        Binding("backspace", "reset", "reset", id="descent.reset", show=False),
    ]

    def __init__(self, view: DescentView, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.view = view
        """The run being shown."""

    def action_step(self) -> None:
        self.view.step()
        self.redraw()

    def action_run(self) -> None:
        self.view.run(10)
        self.redraw()

    def action_rate(self, direction: int) -> None:
        self.view.change_rate(direction)
        self.redraw()

    def action_start(self, direction: int) -> None:
        self.view.change_start(direction)
        self.redraw()

    def action_reset(self) -> None:
        self.view.reset()
        self.redraw()

    def draw(self, plt: Plot) -> None:
        view = self.view
        plt.subplots(1, 2)
        left = plt.subplot(1, 1)
        ws, losses = view.curve()
        plot_line(left, ws, losses, series=0, color="blue", label="L(w)")
        path = [w for w in view.path if abs(w) < 1e6]
        left.scatter(
            path,
            finite_or_none([view.loss(w) for w in path]),
            color="magenta",
            marker=series_marker(2),
            label=self.text("chart.descent.steps"),
        )
        if abs(view.w) < 1e6:
            left.scatter([view.w], [view.loss(view.w)], color="red", marker=glyphs().point)
        left.vline(view.target, color="green")
        left.title(f"L(w) = ({view.x:g}w - {view.y:g})²")
        right = plt.subplot(1, 2)
        steps = list(range(len(view.path)))
        plot_line(right, steps, finite_or_none(view.losses()), series=1, color="red")
        right.title(self.text("chart.descent.loss_title"))
        right.xlabel(self.text("chart.descent.step_axis"))

    def status(self) -> str:
        view = self.view
        verdict = ""
        if view.diverged:
            verdict = self.text(
                "chart.descent.diverged",
                lr=f"{view.learning_rate:g}",
                critical=f"{view.critical_rate:g}",
            )
        elif view.converged:
            verdict = self.text(
                "chart.descent.converged", target=f"{view.target:g}", steps=len(view.path) - 1
            )
        elif abs(view.error_factor) > 1:
            verdict = self.text(
                "chart.descent.overshooting",
                critical=f"{view.critical_rate:g}",
                factor=f"{abs(view.error_factor):.3g}",
            )
        return self.text(
            "chart.descent.status",
            lr=f"{view.learning_rate:g}",
            w0=f"{view.w0:g}",
            step=len(view.path) - 1,
            w=self.number(view.w),
            loss=self.number(view.loss(view.w)),
            gradient=self.number(view.gradient(view.w)),
            verdict=verdict,
        )
