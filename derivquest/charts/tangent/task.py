"""Tangent plot tasks: move x0 until the tangent's slope f'(x0) is close to the target."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.charts.tangent.model import TangentView
from derivquest.content.fields import ExprTemplate, Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import SYNTAX_FIX, Checker, Filler, Issue, unreadable

if TYPE_CHECKING:
    from derivquest.engine import Verdict
    from derivquest.engine.functions import ChartCurves

MAX_POSITIONS = 1000
"""Most arrow-key positions a tangent chart may have (x_min..x_max in steps of x_step)."""


class TangentPlot(Model):
    """Move the point x0 until the tangent's slope f'(x0) is close to the target."""

    chart: Literal["tangent"] = Field(description="picks this chart")
    function: ExprTemplate = Field(description="f(x), the curve to draw (template)")
    goal: Literal["slope"] = Field(default="slope", description='"slope": reach a slope')
    target: NumberOrTemplate = Field(description="the slope to reach")
    tolerance: PositiveFloat = Field(description="how close f'(x0) must be to target")
    x_start: NumberOrTemplate = Field(description="where x0 starts")
    x_step: PositiveFloat = Field(description="how far one arrow key press moves x0")
    x_min: NumberOrTemplate = Field(description="left end of the chart")
    x_max: NumberOrTemplate = Field(description="right end of the chart")


@dataclass(frozen=True, slots=True)
class TangentTask:
    """Move x0 until f'(x0) is within `tolerance` of `target`."""

    function: str
    target: float
    tolerance: float
    x_start: float
    x_step: float
    x_min: float
    x_max: float
    chart: Literal["tangent"] = "tangent"

    def model(self, x0: float | None = None, curves: ChartCurves | None = None) -> TangentView:
        """The chart's model for this task, with x0 at `x0` (the start by default).

        Without ``curves`` (f and f' from the checker) it draws nothing until it gets them.
        """
        return TangentView(
            self.function,
            x0=self.x_start if x0 is None else x0,
            step=self.x_step,
            x_min=self.x_min,
            x_max=self.x_max,
            curves=curves,
        )


def slope_reached(slope: float, target: float, tolerance: float) -> bool:
    """Tangent goal: |f'(x0) - target| <= tolerance."""
    return math.isfinite(slope) and abs(slope - target) <= tolerance


def grid_positions(start: float, step: float, low: float, high: float) -> list[float]:
    """Return start + k*step for every integer k that stays within [low, high]."""
    if step <= 0 or low > high:
        return []
    first = math.ceil((low - start) / step - 1e-9)
    last = math.floor((high - start) / step + 1e-9)
    # Rounding keeps 0.1 * 3 from showing as 0.30000000000000004 on the axis.
    return [round(start + k * step, 12) for k in range(first, last + 1)]


def tangent_positions(task: TangentTask) -> list[float]:
    """Return every x0 the player can reach with the arrow keys."""
    return grid_positions(task.x_start, task.x_step, task.x_min, task.x_max)


def tangent_solutions(task: TangentTask, limit: int | None = None) -> list[float]:
    """Return the reachable x0 where the slope goal is met (the first `limit` of them).

    The validator's check (an author's tool): f' is compiled in this process.

    Raises:
        EngineError: the function is not readable, or too large to draw.
    """
    from derivquest.engine.functions import chart_curves

    model = task.model(curves=chart_curves(task.function))
    found: list[float] = []
    for x0 in tangent_positions(task):
        if slope_reached(model.slope_of(x0), task.target, task.tolerance):
            found.append(x0)
            if limit is not None and len(found) >= limit:
                break
    return found


class TangentSpec(ChartSpec):
    """The tangent chart's plot tasks: the value submitted is x0."""

    chart = "tangent"
    table = TangentPlot
    order = 10
    expression_fields = ("function",)
    number_fields = ("target", "x_start", "x_min", "x_max")

    def task(self, plot: TangentPlot, fill: Filler) -> TangentTask:
        def number(key: str) -> float:
            return fill.number(getattr(plot, key), ("plot", key))

        return TangentTask(
            fill.expression(plot.function),
            number("target"),
            plot.tolerance,
            number("x_start"),
            plot.x_step,
            number("x_min"),
            number("x_max"),
        )

    def grade(self, task: TangentTask, value: float, curves: CurveSource) -> Verdict:
        from derivquest.engine import EngineError, Verdict

        prepared = curves.chart_curves(task.function)
        if isinstance(prepared, EngineError):
            return Verdict("invalid", prepared.message, parsed=f"{value:g}")
        slope = task.model(value, prepared).slope_of(value)
        if slope_reached(slope, task.target, task.tolerance):
            return Verdict(
                "correct", f"f'({value:g}) = {slope:.4g}: goal reached.", parsed=f"{value:g}"
            )
        return Verdict(
            "incorrect",
            f"f'({value:g}) = {slope:.4g}; the goal is {task.target:g}.",
            parsed=f"{value:g}",
        )

    def issues(self, task: TangentTask, checker: Checker) -> list[Issue]:
        error = checker.read_error(task.function, ("x",))
        if error is not None:
            return [
                Issue("read", ("plot", "function"), unreadable(task.function, error), SYNTAX_FIX)
            ]
        if task.x_min >= task.x_max:
            message = f"x_min ({task.x_min:g}) must be less than x_max ({task.x_max:g})"
            return [Issue("range", ("plot", "x_min"), message, "swap them")]
        if not task.x_min <= task.x_start <= task.x_max:
            message = f"x_start ({task.x_start:g}) is outside x_min..x_max"
            return [Issue("range", ("plot", "x_start"), message, "start inside the chart")]
        count = (task.x_max - task.x_min) / task.x_step
        if count > MAX_POSITIONS:
            message = f"x_step gives {count:.0f} positions (at most {MAX_POSITIONS})"
            return [Issue("range", ("plot", "x_step"), message, "use a larger x_step")]
        if not checker.cached(("tangent", task), lambda: tangent_solutions(task, limit=1)):
            message = (
                f"no reachable x0 in {task.x_min:g}..{task.x_max:g} (steps of {task.x_step:g} "
                f"from {task.x_start:g}) has a slope within {task.tolerance:g} of {task.target:g}"
            )
            fix = "change target, tolerance, x_step or the x range"
            return [Issue("solvable", ("plot", "target"), message, fix)]
        return []


SPEC = TangentSpec()
"""Found by the registry."""
