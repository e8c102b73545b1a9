"""Ramp plot tasks (tests only): move the cursor until the line's height reaches a target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.charts.base import ChartSpec, CurveSource
from derivquest.content.fields import Model, NumberOrTemplate, PositiveFloat
from derivquest.kinds.base import Checker, Filler, Issue
from tests.charts.ramp.model import RampModel

if TYPE_CHECKING:
    from derivquest.engine import Verdict


class RampPlot(Model):
    """Move the cursor until y = slope·x reaches the target height."""

    chart: Literal["ramp"] = Field(description="picks this chart")
    slope: NumberOrTemplate = Field(description="the line's slope")
    target: NumberOrTemplate = Field(description="the height to reach")
    x_step: PositiveFloat = Field(description="how far one arrow key press moves the cursor")


@dataclass(frozen=True, slots=True)
class RampTask:
    """Reach `target` on y = slope·x, moving x from 0 in steps of `x_step`."""

    slope: float
    target: float
    x_step: float
    chart: Literal["ramp"] = "ramp"

    def model(self, x: float = 0.0) -> RampModel:
        """The chart's model for this task, with the cursor at `x`."""
        return RampModel(self.slope, x, self.x_step)


class RampSpec(ChartSpec):
    """The value submitted is the cursor's x; the grader asks the chart's own model."""

    chart = "ramp"
    table = RampPlot
    order = 900
    number_fields = ("slope", "target")

    def task(self, plot: RampPlot, fill: Filler) -> RampTask:
        return RampTask(
            fill.number(plot.slope, ("plot", "slope")),
            fill.number(plot.target, ("plot", "target")),
            plot.x_step,
        )

    def grade(self, task: RampTask, value: float, curves: CurveSource) -> Verdict:
        from derivquest.engine import Verdict

        height = task.model(value).y
        if abs(height - task.target) < 1e-9:
            return Verdict("correct", f"y = {height:g}: on target.", parsed=f"{value:g}")
        return Verdict("incorrect", f"y = {height:g}, not {task.target:g}.", parsed=f"{value:g}")

    def issues(self, task: RampTask, checker: Checker) -> list[Issue]:
        steps = task.target / (task.slope * task.x_step) if task.slope else float("nan")
        if steps == steps and abs(steps - round(steps)) < 1e-9:
            return []
        message = f"no cursor position reaches y = {task.target:g}"
        return [Issue("solvable", ("plot", "target"), message, "use a reachable target")]


SPEC = RampSpec()
