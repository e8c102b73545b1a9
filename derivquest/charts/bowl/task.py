"""Bowl plot tasks: pick a learning rate that reaches the minimum of a·w1² + b·w2² in time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.charts.bowl.model import BOWL_RATES, BowlView
from derivquest.charts.verdicts import chart_verdict
from derivquest.content.fields import Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import Checker, Filler, Issue

if TYPE_CHECKING:
    from derivquest.engine import Verdict

MAX_BOWL_STEPS = 1000
"""Upper bound on `max_steps`, so a run stays instant."""

AXES = ("w1", "w2")
"""The directions' names, as the chart and the verdicts say them."""


class BowlPlot(Model):
    """Pick a learning rate so descent on L = a(w1 - c1)² + b(w2 - c2)² converges in time."""

    chart: Literal["bowl"] = Field(description="picks this chart")
    a: NumberOrTemplate = Field(description="the bowl's curvature along w1 (> 0)")
    b: NumberOrTemplate = Field(description="the bowl's curvature along w2 (> 0)")
    c1: NumberOrTemplate = Field(default=0.0, description="the minimum's w1")
    c2: NumberOrTemplate = Field(default=0.0, description="the minimum's w2")
    w1_start: NumberOrTemplate = Field(description="the starting w1 (not c1)")
    w2_start: NumberOrTemplate = Field(description="the starting w2 (not c2)")
    max_steps: int = Field(gt=0, le=MAX_BOWL_STEPS, description="steps allowed")
    tolerance: PositiveFloat = Field(description="how close w must get to (c1, c2)")


@dataclass(frozen=True, slots=True)
class BowlTask:
    """Choose a learning rate so w reaches (c1, c2) within `max_steps` steps."""

    a: float
    b: float
    c1: float
    c2: float
    w1_start: float
    w2_start: float
    max_steps: int
    tolerance: float
    chart: Literal["bowl"] = "bowl"

    def model(self, learning_rate: float = BOWL_RATES[0]) -> BowlView:
        """The chart's model for this task, at the start with `learning_rate`."""
        return BowlView(
            a=self.a,
            b=self.b,
            c1=self.c1,
            c2=self.c2,
            start=(self.w1_start, self.w2_start),
            learning_rate=learning_rate,
            tolerance=self.tolerance,
        )


def run_bowl(task: BowlTask, learning_rate: float) -> BowlView:
    """Run the chart's model for at most max_steps, stopping once converged or run away."""
    model = task.model(learning_rate)
    model.run(task.max_steps)
    return model


def converging_bowl_rates(task: BowlTask) -> list[float]:
    """The offered learning rates that solve the task."""
    return [rate for rate in BOWL_RATES if run_bowl(task, rate).converged]


def _g(value: float) -> str:
    return f"{value:.3g}"


def bowl_verdict(task: BowlTask, learning_rate: float) -> Verdict:
    """Grade a learning rate by running the chart's own model (what the chart shows)."""
    run = run_bowl(task, learning_rate)
    lr = f"{learning_rate:g}"
    factors = run.factors
    values: tuple[tuple[str, str], ...]
    if run.converged:
        values = (
            ("lr", lr),
            ("steps", str(run.steps)),
            ("factor1", _g(factors[0])),
            ("factor2", _g(factors[1])),
        )
        return chart_verdict("correct", "bowl-converged", values, lr)
    axis = run.unstable_axis
    if axis is not None:
        coefficient = (task.a, task.b)[axis]
        values = (
            ("lr", lr),
            ("axis", AXES[axis]),
            ("coefficient", f"{coefficient:g}"),
            ("factor", _g(abs(factors[axis]))),
            ("critical", _g(1 / coefficient)),
        )
        return chart_verdict("incorrect", "bowl-diverged", values, lr)
    bouncing = run.bouncing_axis
    if bouncing is not None:
        values = (
            ("lr", lr),
            ("axis", AXES[bouncing]),
            ("coefficient", f"{(task.a, task.b)[bouncing]:g}"),
        )
        return chart_verdict("incorrect", "bowl-bouncing", values, lr)
    slow = run.slow_axis
    values = (
        ("lr", lr),
        ("steps", str(run.steps)),
        ("distance", _g(run.distance(run.w))),
        ("axis", AXES[slow]),
        ("factor", _g(factors[slow])),
    )
    return chart_verdict("incorrect", "bowl-slow", values, lr)


class BowlSpec(ChartSpec):
    """The bowl chart's plot tasks: the value submitted is the learning rate."""

    chart = "bowl"
    table = BowlPlot
    order = 25
    number_fields = ("a", "b", "c1", "c2", "w1_start", "w2_start")

    def task(self, plot: BowlPlot, fill: Filler) -> BowlTask:
        def number(key: str) -> float:
            return fill.number(getattr(plot, key), ("plot", key))

        return BowlTask(
            number("a"),
            number("b"),
            number("c1"),
            number("c2"),
            number("w1_start"),
            number("w2_start"),
            plot.max_steps,
            plot.tolerance,
        )

    def grade(self, task: BowlTask, value: float, curves: CurveSource) -> Verdict:
        return bowl_verdict(task, value)

    def issues(self, task: BowlTask, checker: Checker) -> list[Issue]:
        for key, value in (("a", task.a), ("b", task.b)):
            if value <= 0:
                message = f"{key} = {value:g}: the bowl needs {key} > 0 (else it has no bottom)"
                return [Issue("range", ("plot", key), message, f"use a positive {key}")]
        starts = (
            ("w1_start", task.w1_start, "c1", task.c1),
            ("w2_start", task.w2_start, "c2", task.c2),
        )
        for key, start, centre_key, centre in starts:
            if start == centre:
                message = (
                    f"{key} = {centre_key} = {start:g}: nothing moves along that direction, "
                    "so it never shows a learning rate that is too large for it"
                )
                return [Issue("range", ("plot", key), message, f"start away from {centre_key}")]
        if task.tolerance >= task.model().distance((task.w1_start, task.w2_start)):
            message = f"the start is already within {task.tolerance:g} of the minimum"
            fix = "start further away or use a smaller tolerance"
            return [Issue("trivial", ("plot", "tolerance"), message, fix)]
        if not checker.cached(("bowl", task), lambda: converging_bowl_rates(task)):
            rates = f"{BOWL_RATES[0]:g} to {BOWL_RATES[-1]:g}"
            message = (
                f"no offered learning rate ({rates}) brings w within {task.tolerance:g} of "
                f"({task.c1:g}, {task.c2:g}) in {task.max_steps} "
                f"step{'' if task.max_steps == 1 else 's'}"
            )
            fix = "allow more steps, a larger tolerance, or make a and b closer"
            return [Issue("solvable", ("plot", "max_steps"), message, fix)]
        return []


SPEC = BowlSpec()
"""Found by the registry."""
