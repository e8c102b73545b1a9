"""An activation and its derivative side by side, with a cursor showing where gradients vanish."""

from __future__ import annotations

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.activations import VANISHING, ActivationView
from derivquest.ui.glyphs import glyphs
from derivquest.ui.key_labels import key_group
from derivquest.ui.widgets.chart_base import ChartPanel, plot_line


class ActivationChart(ChartPanel):
    """sigmoid, tanh, relu or softplus (f) and f', with the cursor on both."""

    BINDINGS = [
        Binding("left", "move(-1)", "x left", id="activation.left", group=key_group("keys.x")),
        Binding("right", "move(1)", "x right", id="activation.right", group=key_group("keys.x")),
        Binding("f", "cycle", "next function", id="activation.cycle"),
    ]

    def __init__(self, view: ActivationView, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.view = view
        """The activation and cursor being shown."""

    def action_move(self, steps: int) -> None:
        self.view.move(steps)
        self.redraw()

    def action_cycle(self) -> None:
        self.view.cycle()
        self.redraw()

    def draw(self, plt: Plot) -> None:
        view = self.view
        xs = view.xs()
        values = [view.value(x) for x in xs]
        plot_line(plt, xs, values, series=0, color="blue", label=view.name)
        slopes = [view.derivative(x) for x in xs]
        plot_line(plt, xs, slopes, series=1, color="green", label=f"{view.name}'")
        # The threshold is a line of its own in the legend, not only a red rule.
        threshold = self.text("chart.activations.threshold", level=f"{VANISHING:g}")
        plot_line(
            plt, [view.x_min, view.x_max], [VANISHING] * 2, series=2, color="red", label=threshold
        )
        plt.vline(view.x, color="magenta")
        plt.scatter(
            [view.x, view.x], [view.value(), view.derivative()], color="red", marker=glyphs().point
        )
        plt.xlim(view.x_min, view.x_max)

    def status(self) -> str:
        view = self.view
        note = self.text("chart.activations.vanishing") if view.vanishing else ""
        return self.text(
            "chart.activations.status",
            x=self.number(view.x),
            name=view.name,
            value=self.number(view.value()),
            slope=self.number(view.derivative()),
            note=note,
        )
