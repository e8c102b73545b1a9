"""Activations plot tasks: move a cursor along an activation's curve to a target x."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.activations.model import Activation
from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.content.fields import Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import Checker, Filler, Issue

if TYPE_CHECKING:
    from derivquest.engine import Verdict


class ActivationsPlot(Model):
    """Move a cursor along an activation function's curve to a target x."""

    chart: Literal["activations"] = Field(description="picks this chart")
    function: Activation = Field(description="sigmoid, tanh, relu or softplus")
    target: NumberOrTemplate = Field(description="the x value to reach")
    tolerance: PositiveFloat = Field(description="how close the cursor must get to target")
    x_start: NumberOrTemplate = Field(description="where the cursor starts")
    x_step: PositiveFloat = Field(description="how far one arrow key press moves the cursor")


@dataclass(frozen=True, slots=True)
class ActivationTask:
    """Move the cursor along an activation's curve to `target`."""

    function: Activation
    target: float
    tolerance: float
    x_start: float
    x_step: float
    chart: Literal["activations"] = "activations"


def activation_reached(x: float, target: float, tolerance: float) -> bool:
    """Activations goal: |x - target| <= tolerance."""
    return abs(x - target) <= tolerance


def activation_target_reachable(task: ActivationTask) -> bool:
    """Return True when some cursor position x_start + k*x_step is within tolerance of target."""
    k = round((task.target - task.x_start) / task.x_step)
    return any(
        activation_reached(task.x_start + j * task.x_step, task.target, task.tolerance)
        for j in (k - 1, k, k + 1)
    )


class ActivationsSpec(ChartSpec):
    """The activations chart's plot tasks: the value submitted is the cursor's x."""

    chart = "activations"
    table = ActivationsPlot
    order = 40
    number_fields = ("target", "x_start")

    def task(self, plot: ActivationsPlot, fill: Filler) -> ActivationTask:
        def number(key: str) -> float:
            return fill.number(getattr(plot, key), ("plot", key))

        return ActivationTask(
            plot.function, number("target"), plot.tolerance, number("x_start"), plot.x_step
        )

    def grade(self, task: ActivationTask, value: float, curves: CurveSource) -> Verdict:
        from derivquest.engine import Verdict

        if activation_reached(value, task.target, task.tolerance):
            return Verdict("correct", f"x = {value:g}: that is the spot.", parsed=f"{value:g}")
        return Verdict("incorrect", f"x = {value:g} is not it yet.", parsed=f"{value:g}")

    def issues(self, task: ActivationTask, checker: Checker) -> list[Issue]:
        if activation_target_reachable(task):
            return []
        message = (
            f"the cursor (from {task.x_start:g} in steps of {task.x_step:g}) never gets "
            f"within {task.tolerance:g} of {task.target:g}"
        )
        fix = "change x_start or x_step, or make tolerance at least x_step / 2"
        return [Issue("solvable", ("plot", "target"), message, fix)]


SPEC = ActivationsSpec()
"""Found by the registry."""
