"""Plot tasks with every number resolved, and the error for a variant that does not work."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from derivquest.content.locator import KeyPath
from derivquest.content.plots import (
    Activation,
    GradientCheckPlot,
    GradientDescentPlot,
    TangentPlot,
)
from derivquest.content.schema import PlotQuestion
from derivquest.content.templates import ParamValue, fill_expression


class VariantError(Exception):
    """A template does not give a usable value for these parameters (the pack needs fixing).

    `derivquest pack validate` finds these; the game may skip such a question.
    """

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        """Where in the question the bad field is, e.g. ("plot", "target")."""
        self.message = message


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


@dataclass(frozen=True, slots=True)
class DescentTask:
    """Choose a learning rate so w reaches y/x within `max_steps` of gradient descent."""

    x: float
    y: float
    w0: float
    max_steps: int
    tolerance: float
    chart: Literal["gradient-descent"] = "gradient-descent"


@dataclass(frozen=True, slots=True)
class GradientCheckTask:
    """Choose h so the central difference at `at` is within `tolerance` of f'(at)."""

    function: str
    at: float
    tolerance: float
    chart: Literal["gradient-check"] = "gradient-check"


@dataclass(frozen=True, slots=True)
class ActivationTask:
    """Move the cursor along an activation's curve to `target`."""

    function: Activation
    target: float
    tolerance: float
    x_start: float
    x_step: float
    chart: Literal["activations"] = "activations"


PlotTask = TangentTask | DescentTask | GradientCheckTask | ActivationTask
"""A plot question's task with every number resolved."""


def plot_task(question: PlotQuestion, values: Mapping[str, ParamValue]) -> PlotTask:
    """Return the plot task with every template filled and every number resolved.

    Raises:
        VariantError: a number template does not evaluate to a finite number.
    """
    plot = question.plot

    def number(key: str) -> float:
        return _number(getattr(plot, key), values, ("plot", key))

    def expression(text: str) -> str:
        return fill_expression(text, values)

    if isinstance(plot, TangentPlot):
        return TangentTask(
            expression(plot.function),
            number("target"),
            plot.tolerance,
            number("x_start"),
            plot.x_step,
            number("x_min"),
            number("x_max"),
        )
    if isinstance(plot, GradientDescentPlot):
        return DescentTask(number("x"), number("y"), number("w0"), plot.max_steps, plot.tolerance)
    if isinstance(plot, GradientCheckPlot):
        return GradientCheckTask(expression(plot.function), number("at"), plot.tolerance)
    return ActivationTask(
        plot.function, number("target"), plot.tolerance, number("x_start"), plot.x_step
    )


def _number(
    value: float | str,
    values: Mapping[str, ParamValue],
    path: KeyPath,
) -> float:
    if isinstance(value, float | int):
        return float(value)
    text = fill_expression(value, values)
    try:
        result = float(text)
    except ValueError:
        result = _evaluate_constant(text, path)
    if not math.isfinite(result):
        raise VariantError(path, f"{text!r} is not a finite number")
    return result


def _evaluate_constant(text: str, path: KeyPath) -> float:
    from derivquest.engine import EngineError, evaluate

    try:
        return evaluate(text, {}, ())
    except EngineError as error:
        raise VariantError(path, f"{text!r} does not give a number: {error.message}") from error
