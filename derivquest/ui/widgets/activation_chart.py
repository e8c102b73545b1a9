"""An activation and its derivative side by side, with a cursor showing where gradients vanish."""

from __future__ import annotations

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.activations import VANISHING, ActivationView
from derivquest.ui.glyphs import glyphs
from derivquest.ui.widgets.chart_base import ChartPanel, show


class ActivationChart(ChartPanel):
    """sigmoid, tanh, relu or softplus (f) and f', with the cursor on both."""

    BINDINGS = [
        Binding("left", "move(-1)", "x left", id="activation.left"),
        Binding("right", "move(1)", "x right", id="activation.right"),
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
        plt.plot(xs, [view.value(x) for x in xs], label=view.name, color="blue")
        plt.plot(xs, [view.derivative(x) for x in xs], label=f"{view.name}'", color="green")
        plt.hline(VANISHING, color="red")
        plt.vline(view.x, color="magenta")
        plt.scatter(
            [view.x, view.x], [view.value(), view.derivative()], color="red", marker=glyphs().point
        )
        plt.xlim(view.x_min, view.x_max)

    def status(self) -> str:
        view = self.view
        note = "  vanishing gradient: learning stalls here" if view.vanishing else ""
        return (
            f"x = {show(view.x)}   {view.name}(x) = {show(view.value())}"
            f"   {view.name}'(x) = {show(view.derivative())}{note}"
        )
