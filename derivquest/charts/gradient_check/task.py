"""Gradient-check plot tasks: pick the step h so the central difference matches f'(at)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.charts.gradient_check.model import (
    STEP_SIZES,
    GradientCheckView,
    central_difference,
)
from derivquest.content.fields import ExprTemplate, Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import OVERRUN, SYNTAX_FIX, Checker, Filler, Issue, unreadable

if TYPE_CHECKING:
    from derivquest.engine import Verdict
    from derivquest.engine.functions import ChartCurves


class GradientCheckPlot(Model):
    """Pick the step h so the central difference matches the exact derivative."""

    chart: Literal["gradient-check"] = Field(description="picks this chart")
    function: ExprTemplate = Field(description="f(x) to differentiate numerically (template)")
    at: NumberOrTemplate = Field(description="the point where the derivative is checked")
    tolerance: PositiveFloat = Field(description="largest allowed |central difference - f'(at)|")


@dataclass(frozen=True, slots=True)
class GradientCheckTask:
    """Choose h so the central difference at `at` is within `tolerance` of f'(at)."""

    function: str
    at: float
    tolerance: float
    chart: Literal["gradient-check"] = "gradient-check"

    def model(self, curves: ChartCurves | None = None) -> GradientCheckView:
        """The chart's model for this task, at the largest h.

        Without ``curves`` (f and f' from the checker) it draws nothing until it gets them.
        """
        return GradientCheckView(self.function, at=self.at, index=0, curves=curves)


def gradient_check_passes(estimate: float, exact: float, tolerance: float) -> bool:
    """Gradient-check goal: |central difference - f'(at)| < tolerance."""
    return math.isfinite(estimate) and abs(estimate - exact) < tolerance


@dataclass(frozen=True, slots=True)
class GradientCheckRow:
    """The outcome of one step size on the gradient-check chart."""

    h: float
    estimate: float
    """The central difference, in float64."""
    exact: float
    """f'(at), as the chart computes it."""
    passes: bool


def gradient_check_rows(task: GradientCheckTask, exact: float) -> list[GradientCheckRow]:
    """Return the central difference for every offered h, and whether it passes.

    Args:
        task: the gradient-check task.
        exact: f'(at), worked out by the checker process under its deadline (a slow author
            function must not hold up the validator).

    Raises:
        EngineError: the function is not readable.
    """
    from derivquest.engine import real_function

    f = real_function(task.function)
    rows = []
    for h in STEP_SIZES:
        estimate = central_difference(f, task.at, h)
        passes = gradient_check_passes(estimate, exact, task.tolerance)
        rows.append(GradientCheckRow(h, estimate, exact, passes))
    return rows


class GradientCheckSpec(ChartSpec):
    """The gradient-check chart's plot tasks: the value submitted is h."""

    chart = "gradient-check"
    table = GradientCheckPlot
    order = 30
    expression_fields = ("function",)
    number_fields = ("at",)

    def task(self, plot: GradientCheckPlot, fill: Filler) -> GradientCheckTask:
        return GradientCheckTask(
            fill.expression(plot.function), fill.number(plot.at, ("plot", "at")), plot.tolerance
        )

    def grade(self, task: GradientCheckTask, value: float, curves: CurveSource) -> Verdict:
        from derivquest.engine import EngineError, Verdict

        prepared = curves.chart_curves(task.function)
        if isinstance(prepared, EngineError):
            return Verdict("invalid", prepared.message, parsed=f"{value:g}")
        model = task.model(prepared)
        estimate = model.estimate(value)
        error = abs(estimate - model.exact)
        if gradient_check_passes(estimate, model.exact, task.tolerance):
            return Verdict(
                "correct", f"h = {value:g}: error {error:.2g} is small enough.", parsed=f"{value:g}"
            )
        return Verdict(
            "incorrect",
            f"h = {value:g}: error {error:.2g} is above {task.tolerance:g}.",
            parsed=f"{value:g}",
        )

    def issues(self, task: GradientCheckTask, checker: Checker) -> list[Issue]:
        error = checker.read_error(task.function, ("x",))
        if error is not None:
            return [
                Issue("read", ("plot", "function"), unreadable(task.function, error), SYNTAX_FIX)
            ]
        from derivquest.content.reference import overrun_seconds
        from derivquest.engine import EngineError

        exact = checker.derivative_value(task.function, "x", task.at)
        seconds = overrun_seconds(exact) if isinstance(exact, Exception) else None
        if seconds is not None:
            message = f"{task.function!r} took longer than {seconds:g} s to differentiate"
            return [Issue(OVERRUN, ("plot", "function"), message, "simplify the function")]
        rows: list[GradientCheckRow] = []
        if isinstance(exact, float) and math.isfinite(exact):
            known = exact
            try:
                rows = checker.cached(
                    ("gradient-check", task), lambda: gradient_check_rows(task, known)
                )
            except EngineError:
                rows = []
        if not rows or not math.isfinite(rows[0].exact):
            message = f"f' has no value at {task.at:g}"
            return [Issue("solvable", ("plot", "at"), message, "pick a point where f is smooth")]
        if not any(row.passes for row in rows):
            best = min(rows, key=lambda row: abs(row.estimate - row.exact))
            message = (
                f"no step h from {STEP_SIZES[0]:g} to {STEP_SIZES[-1]:g} gets within "
                f"{task.tolerance:g} of f'({task.at:g}); the best, h = {best.h:g}, "
                f"is off by {abs(best.estimate - best.exact):.3g}"
            )
            return [Issue("solvable", ("plot", "tolerance"), message, "use a larger tolerance")]
        return []


SPEC = GradientCheckSpec()
"""Found by the registry."""
