"""Gradient descent on a 2-D bowl: contours of L, the path of w, and what each step does."""

from __future__ import annotations

import math

from textual.binding import Binding
from textual_plotext.plot import Plot

from derivquest.charts.bowl import BowlView
from derivquest.ui.glyphs import glyphs
from derivquest.ui.key_labels import key_group
from derivquest.ui.strings import t
from derivquest.ui.widgets.chart_base import ChartPanel, framed
from derivquest.ui.widgets.plot_safety import label_if_visible

CONTOUR_MARKER = "."
"""Contours are dots, the path's points o, the minimum +: told apart without colour too."""

PATH_MARKER = "o"
"""See CONTOUR_MARKER."""

MINIMUM_MARKER = "+"
"""See CONTOUR_MARKER."""

AXES = ("w1", "w2")
"""The directions' names."""


def number(value: float, language: str) -> str:
    """A number for the status lines, or 'undefined' in the player's language."""
    return f"{value:.4g}" if math.isfinite(value) else t("chart.undefined", language)


class BowlChart(ChartPanel):
    """Level sets of L in the (w1, w2) plane with the descent path; the player picks lr."""

    BINDINGS = [
        Binding("space", "step", "step", id="bowl.step"),
        Binding("r", "run", "run 10", id="bowl.run"),
        Binding("up", "rate(1)", "lr up", id="bowl.rate_up", group=key_group("keys.lr")),
        Binding("down", "rate(-1)", "lr down", id="bowl.rate_down", group=key_group("keys.lr")),
        # Off the footer so that it fits 80 columns, as on the descent chart; help lists it.
        Binding("backspace", "reset", "reset", id="bowl.reset", show=False),
        Binding("left", "start(0, -1)", "w1 start -", id="bowl.w1_down", show=False),
        Binding("right", "start(0, 1)", "w1 start +", id="bowl.w1_up", show=False),
        Binding("[", "start(1, -1)", "w2 start -", id="bowl.w2_down", show=False),
        Binding("]", "start(1, 1)", "w2 start +", id="bowl.w2_up", show=False),
    ]

    def __init__(
        self,
        view: BowlView,
        *,
        movable_start: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.view = view
        """The run being shown."""
        self.movable_start = movable_start
        """Whether the start may move (the free chart; a task's start is the author's)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a task the grader runs from the author's start: moving it would show a run the
        # grader never sees (the bug issue 12 found in the 1-D chart).
        if action == "start":
            return self.movable_start
        return True

    def action_step(self) -> None:
        self.view.step()
        self.redraw()

    def action_run(self) -> None:
        self.view.run(10)
        self.redraw()

    def action_rate(self, direction: int) -> None:
        self.view.change_rate(direction)
        self.redraw()

    def action_reset(self) -> None:
        self.view.reset()
        self.redraw()

    def action_start(self, axis: int, direction: int) -> None:
        self.view.move_start(axis, direction)
        self.redraw()

    def draw(self, plt: Plot) -> None:
        view, language = self.view, self.language
        x_range, y_range = view.window()
        rings = [point for ring in view.contours() for point in ring]
        plt.scatter(
            [p[0] for p in rings],
            [p[1] for p in rings],
            color="blue",
            marker=CONTOUR_MARKER,
            label=t("chart.bowl.contours", language),
        )
        finite = [p for p in view.path if all(math.isfinite(v) for v in p)]
        # Clamped one window beyond the edge: a diverging path still leaves the right way.
        w1s = framed([p[0] for p in finite], *x_range)
        w2s = framed([p[1] for p in finite], *y_range)
        shown = [(x, y) for x, y in zip(w1s, w2s, strict=True) if x is not None and y is not None]
        xs, ys = [p[0] for p in shown], [p[1] for p in shown]
        if len(shown) > 1:
            plt.plot(xs, ys, color="magenta")
        if shown:
            label = t("chart.bowl.path", language)
            plt.scatter(
                xs,
                ys,
                color="magenta",
                marker=PATH_MARKER,
                label=label_if_visible(label, xs, ys, x_range, y_range),
            )
            now = t("chart.bowl.now", language)
            plt.scatter(
                xs[-1:],
                ys[-1:],
                color="red",
                marker=glyphs().point,
                label=label_if_visible(now, xs[-1:], ys[-1:], x_range, y_range),
            )
        plt.scatter(
            [view.c1],
            [view.c2],
            color="green",
            marker=MINIMUM_MARKER,
            label=t("chart.bowl.minimum", language),
        )
        plt.xlim(*x_range)
        plt.ylim(*y_range)
        plt.xlabel("w1")
        plt.ylabel("w2")

    def status(self) -> str:
        view, language = self.view, self.language
        w = view.w
        state = t(
            "chart.bowl.state",
            language,
            lr=f"{view.learning_rate:g}",
            steps=view.steps,
            w1=number(w[0], language),
            w2=number(w[1], language),
            loss=number(view.loss(w), language),
        )
        f1, f2 = view.factors
        factors = t("chart.bowl.factors", language, f1=f"{f1:.3g}", f2=f"{f2:.3g}")
        lines = [state, factors]
        verdict = self.verdict_line()
        if verdict:
            lines.append(verdict)
        if self.movable_start:  # those keys are not in the footer: 80 columns hold the rest
            lines.append(t("chart.bowl.start_keys", language))
        return "\n".join(lines)

    def verdict_line(self) -> str:
        """What the run is doing, as the grader would say it (the same model decides)."""
        view, language = self.view, self.language
        unstable = view.unstable_axis
        if unstable is not None:
            coefficient = (view.a, view.b)[unstable]
            return t(
                "chart.bowl.diverged",
                language,
                axis=AXES[unstable],
                coefficient=f"{coefficient:g}",
                factor=f"{abs(view.factors[unstable]):.3g}",
                critical=f"{1 / coefficient:.3g}",
            )
        bouncing = view.bouncing_axis
        if bouncing is not None:
            coefficient = (view.a, view.b)[bouncing]
            return t(
                "chart.bowl.bouncing",
                language,
                axis=AXES[bouncing],
                coefficient=f"{coefficient:g}",
            )
        if view.converged:
            return t("chart.bowl.converged", language, steps=view.steps)
        zigzag = [axis for axis in (0, 1) if view.factors[axis] < 0]
        if zigzag:
            return t("chart.bowl.zigzag", language, axis=AXES[zigzag[0]])
        return ""
