"""Gradient-descent plot tasks: pick a learning rate so the run converges within max_steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.charts.gradient_descent.model import LEARNING_RATES, DescentView
from derivquest.content.fields import Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import Checker, Filler, Issue

if TYPE_CHECKING:
    from derivquest.engine import Verdict

MAX_DESCENT_STEPS = 1000
"""Upper bound on `max_steps`, so a run stays instant."""


class GradientDescentPlot(Model):
    """Pick a learning rate so gradient descent on L(w) = (wx - y)^2 converges in time."""

    chart: Literal["gradient-descent"] = Field(description="picks this chart")
    x: NumberOrTemplate = Field(description="the data point's input (not 0)")
    y: NumberOrTemplate = Field(description="the data point's target")
    w0: NumberOrTemplate = Field(description="the starting weight")
    max_steps: int = Field(gt=0, le=MAX_DESCENT_STEPS, description="steps allowed")
    tolerance: PositiveFloat = Field(description="how close w must get to y/x")


@dataclass(frozen=True, slots=True)
class DescentTask:
    """Choose a learning rate so w reaches y/x within `max_steps` of gradient descent."""

    x: float
    y: float
    w0: float
    max_steps: int
    tolerance: float
    chart: Literal["gradient-descent"] = "gradient-descent"

    def model(self, learning_rate: float = 0.1) -> DescentView:
        """The chart's model for this task, at w0 with `learning_rate`."""
        return DescentView(
            x=self.x, y=self.y, w0=self.w0, learning_rate=learning_rate, tolerance=self.tolerance
        )


def run_descent(task: DescentTask, learning_rate: float) -> DescentView:
    """Run the chart's model for at most max_steps, stopping once converged or diverged."""
    model = task.model(learning_rate)
    model.run(task.max_steps)
    return model


def converging_rates(task: DescentTask) -> list[float]:
    """Return the offered learning rates that solve the task."""
    return [rate for rate in LEARNING_RATES if run_descent(task, rate).converged]


class GradientDescentSpec(ChartSpec):
    """The gradient-descent chart's plot tasks: the value submitted is the learning rate."""

    chart = "gradient-descent"
    table = GradientDescentPlot
    order = 20
    number_fields = ("x", "y", "w0")

    def task(self, plot: GradientDescentPlot, fill: Filler) -> DescentTask:
        def number(key: str) -> float:
            return fill.number(getattr(plot, key), ("plot", key))

        return DescentTask(number("x"), number("y"), number("w0"), plot.max_steps, plot.tolerance)

    def grade(self, task: DescentTask, value: float, curves: CurveSource) -> Verdict:
        from derivquest.engine import Verdict

        run = run_descent(task, value)
        if run.converged:
            return Verdict(
                "correct",
                f"lr = {value:g} reached w ≈ {run.target:g} in {run.steps} steps.",
                parsed=f"{value:g}",
            )
        if run.diverged:
            return Verdict(
                "incorrect",
                f"lr = {value:g} diverges: each step overshoots further.",
                parsed=f"{value:g}",
            )
        return Verdict(
            "incorrect",
            f"lr = {value:g} is too slow: not there after {task.max_steps} steps.",
            parsed=f"{value:g}",
        )

    def issues(self, task: DescentTask, checker: Checker) -> list[Issue]:
        if task.x == 0:
            fix = "use a non-zero x"
            return [Issue("solvable", ("plot", "x"), "x is 0, so w*x = y has no solution", fix)]
        if not checker.cached(("gradient-descent", task), lambda: converging_rates(task)):
            rates = f"{LEARNING_RATES[0]:g} to {LEARNING_RATES[-1]:g}"
            message = (
                f"no offered learning rate ({rates}) brings w within {task.tolerance:g} "
                f"of y/x = {task.y / task.x:g} in {task.max_steps} "
                f"step{'' if task.max_steps == 1 else 's'}"
            )
            fix = "allow more steps, a larger tolerance, or start w0 closer to y/x"
            return [Issue("solvable", ("plot", "max_steps"), message, fix)]
        return []


SPEC = GradientDescentSpec()
"""Found by the registry."""
