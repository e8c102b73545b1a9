"""The numbers behind the plot charts (slopes, central differences), computed by the engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from derivquest.content.goals import (
    STEP_SIZES,
    central_difference,
    gradient_check_passes,
    slope_reached,
    tangent_positions,
)
from derivquest.content.tasks import GradientCheckTask, TangentTask


def curve(function: str, variable: str = "x") -> Callable[[float], float]:
    """Return f as a float function; NaN where f has no real value.

    Raises:
        EngineError: `function` is not a readable expression.
    """
    from derivquest.engine import real_function

    return real_function(function, variable)


def slope_curve(function: str, variable: str = "x") -> Callable[[float], float]:
    """Return f' as a float function; NaN where f' has no real value.

    Raises:
        EngineError: `function` is not a readable expression.
    """
    from derivquest.engine import real_derivative

    return real_derivative(function, variable)


def tangent_solutions(task: TangentTask, limit: int | None = None) -> list[float]:
    """Return the reachable x0 where the slope goal is met (the first `limit` of them)."""
    slope = slope_curve(task.function)
    found: list[float] = []
    for x0 in tangent_positions(task):
        if slope_reached(slope(x0), task.target, task.tolerance):
            found.append(x0)
            if limit is not None and len(found) >= limit:
                break
    return found


@dataclass(frozen=True, slots=True)
class GradientCheckRow:
    """The outcome of one step size on the gradient-check chart."""

    h: float
    estimate: float
    """The central difference, in float64."""
    exact: float
    """f'(at), exact then rounded to float64."""
    passes: bool


def gradient_check_rows(
    task: GradientCheckTask, exact: float | None = None
) -> list[GradientCheckRow]:
    """Return the central difference for every offered h, and whether it passes.

    Args:
        task: the gradient-check task.
        exact: f'(at) when the caller has it (the validator asks the checker process, under
            its deadline); otherwise it is worked out here.

    Raises:
        EngineError: the function is not readable or f' has no value at `at`.
    """
    from derivquest.engine import derivative, evaluate

    f = curve(task.function)
    if exact is None:
        exact = evaluate(derivative(task.function).plain(), {"x": task.at}, ("x",))
    rows = []
    for h in STEP_SIZES:
        estimate = central_difference(f, task.at, h)
        rows.append(
            GradientCheckRow(
                h, estimate, exact, gradient_check_passes(estimate, exact, task.tolerance)
            )
        )
    return rows
