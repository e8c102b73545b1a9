"""Secant plot tasks: shrink h until the secant's slope is within tolerance of f'(a)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.charts.secant.model import (
    MAX_HALVINGS,
    SecantView,
    close_enough,
    difference_quotient,
)
from derivquest.charts.verdicts import chart_verdict
from derivquest.content.fields import ExprTemplate, Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import OVERRUN, SYNTAX_FIX, Checker, Filler, Issue, unreadable

if TYPE_CHECKING:
    from derivquest.engine import Verdict
    from derivquest.engine.functions import ChartCurves


class SecantPlot(Model):
    """Shrink h until the secant through a and a+h has nearly the tangent's slope f'(a)."""

    chart: Literal["secant"] = Field(description="picks this chart")
    function: ExprTemplate = Field(description="f(x), the curve to draw (template)")
    a: NumberOrTemplate = Field(description="the point where the tangent touches f")
    h_start: PositiveFloat = Field(
        default=1.0, description="the first h; Down halves it, Up doubles it back"
    )
    goal: Literal["close"] = Field(
        default="close", description='"close": |secant slope - f\'(a)| <= tolerance'
    )
    tolerance: PositiveFloat = Field(description="how close the secant's slope must get to f'(a)")


@dataclass(frozen=True, slots=True)
class SecantTask:
    """Pick h (from h_start, halving) so |(f(a+h) - f(a))/h - f'(a)| <= tolerance."""

    function: str
    a: float
    h_start: float
    tolerance: float
    chart: Literal["secant"] = "secant"

    def model(self, h: float | None = None, curves: ChartCurves | None = None) -> SecantView:
        """The chart's model for this task at step `h` (h_start by default).

        Without ``curves`` (f and f' from the checker) it draws nothing until it gets them.
        """
        view = SecantView(self.function, a=self.a, h_start=self.h_start, curves=curves)
        if h is not None:
            view.set_h(h)
        return view


@dataclass(frozen=True, slots=True)
class SecantRow:
    """One step h of the ladder and its difference quotient."""

    h: float
    quotient: float
    passes: bool


def secant_rows(task: SecantTask, exact: float) -> list[SecantRow]:
    """The difference quotient for every h the keys reach right of a, largest first.

    Args:
        task: the secant task.
        exact: f'(a), worked out by the checker process under its deadline.

    Raises:
        EngineError: the function is not readable.
    """
    from derivquest.engine import real_function

    f = real_function(task.function)
    rows = []
    for k in range(MAX_HALVINGS + 1):
        h = math.ldexp(task.h_start, -k)
        quotient = difference_quotient(f, task.a, h)
        rows.append(SecantRow(h, quotient, close_enough(quotient, exact, task.tolerance)))
    return rows


def _say(value: float) -> str:
    return f"{value:.6g}" if math.isfinite(value) else "undefined"


class SecantSpec(ChartSpec):
    """The secant chart's plot tasks: the value submitted is h (negative: left of a)."""

    chart = "secant"
    table = SecantPlot
    order = 15
    expression_fields = ("function",)
    number_fields = ("a",)

    def task(self, plot: SecantPlot, fill: Filler) -> SecantTask:
        return SecantTask(
            fill.expression(plot.function),
            fill.number(plot.a, ("plot", "a")),
            plot.h_start,
            plot.tolerance,
        )

    def grade(self, task: SecantTask, value: float, curves: CurveSource) -> Verdict:
        from derivquest.engine import EngineError, Verdict

        prepared = curves.chart_curves(task.function)
        if isinstance(prepared, EngineError):
            return Verdict("invalid", prepared.message, parsed=f"{value:g}")
        model = task.model(value, prepared)
        quotient, slope = model.quotient(value), model.slope
        values = (
            ("h", f"{value:g}"),
            ("quotient", _say(quotient)),
            ("a", f"{task.a:g}"),
            ("slope", _say(slope)),
            ("gap", f"{model.gap(value):.3g}"),
            ("tolerance", f"{task.tolerance:g}"),
        )
        if not math.isfinite(quotient) or not math.isfinite(slope):
            return chart_verdict("incorrect", "secant-undefined", values, f"{value:g}")
        if model.within(task.tolerance, value):
            return chart_verdict("correct", "secant-close", values, f"{value:g}")
        return chart_verdict("incorrect", "secant-far", values, f"{value:g}")

    def issues(self, task: SecantTask, checker: Checker) -> list[Issue]:
        error = checker.read_error(task.function, ("x",))
        if error is not None:
            return [
                Issue("read", ("plot", "function"), unreadable(task.function, error), SYNTAX_FIX)
            ]
        from derivquest.content.reference import overrun_seconds
        from derivquest.engine import EngineError, real_function

        try:
            f = real_function(task.function)
        except EngineError as problem:
            return [Issue("read", ("plot", "function"), problem.message, SYNTAX_FIX)]
        if not math.isfinite(f(task.a)):
            message = f"f({task.a:g}) is undefined: {task.function!r} has no value at a"
            return [Issue("solvable", ("plot", "a"), message, "pick an a where f is defined")]
        if not math.isfinite(f(task.a + task.h_start)):
            message = f"f(a + h_start) = f({task.a + task.h_start:g}) is undefined"
            fix = "use a smaller h_start, or an a further inside f's domain"
            return [Issue("solvable", ("plot", "h_start"), message, fix)]
        exact = checker.derivative_value(task.function, "x", task.a)
        seconds = overrun_seconds(exact) if isinstance(exact, Exception) else None
        if seconds is not None:
            message = f"{task.function!r} took longer than {seconds:g} s to differentiate"
            return [Issue(OVERRUN, ("plot", "function"), message, "simplify the function")]
        if not isinstance(exact, float) or not math.isfinite(exact):
            message = f"f'({task.a:g}) is undefined: f has no tangent at a"
            return [Issue("solvable", ("plot", "a"), message, "pick an a where f is smooth")]
        known = exact
        rows: list[SecantRow] = checker.cached(("secant", task), lambda: secant_rows(task, known))
        if rows[0].passes:
            message = (
                f"the first secant (h = {task.h_start:g}) is already within {task.tolerance:g} "
                f"of f'({task.a:g}) = {exact:g}: nothing to do"
            )
            fix = "use a larger h_start or a smaller tolerance"
            return [Issue("trivial", ("plot", "tolerance"), message, fix)]
        if not any(row.passes for row in rows):
            best = min(rows, key=lambda row: abs(row.quotient - exact))
            message = (
                f"no h from {task.h_start:g} down to {rows[-1].h:.3g} gets the secant's slope "
                f"within {task.tolerance:g} of f'({task.a:g}) = {exact:g} (closest: "
                f"{abs(best.quotient - exact):.3g} at h = {best.h:.3g})"
            )
            return [Issue("solvable", ("plot", "tolerance"), message, "use a larger tolerance")]
        return []


SPEC = SecantSpec()
"""Found by the registry."""
