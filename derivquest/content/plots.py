"""Schema of the interactive plot tasks: one table per chart, chosen by `chart`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from derivquest.charts.activations import Activation as Activation
from derivquest.content.fields import ExprTemplate, Model, NumberOrTemplate, PositiveFloat

MAX_DESCENT_STEPS = 1000
"""Upper bound on `max_steps`, so a run stays instant."""


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


class GradientDescentPlot(Model):
    """Pick a learning rate so gradient descent on L(w) = (wx - y)^2 converges in time."""

    chart: Literal["gradient-descent"] = Field(description="picks this chart")
    x: NumberOrTemplate = Field(description="the data point's input (not 0)")
    y: NumberOrTemplate = Field(description="the data point's target")
    w0: NumberOrTemplate = Field(description="the starting weight")
    max_steps: int = Field(gt=0, le=MAX_DESCENT_STEPS, description="steps allowed")
    tolerance: PositiveFloat = Field(description="how close w must get to y/x")


class GradientCheckPlot(Model):
    """Pick the step h so the central difference matches the exact derivative."""

    chart: Literal["gradient-check"] = Field(description="picks this chart")
    function: ExprTemplate = Field(description="f(x) to differentiate numerically (template)")
    at: NumberOrTemplate = Field(description="the point where the derivative is checked")
    tolerance: PositiveFloat = Field(description="largest allowed |central difference - f'(at)|")


class ActivationsPlot(Model):
    """Move a cursor along an activation function's curve to a target x."""

    chart: Literal["activations"] = Field(description="picks this chart")
    function: Activation = Field(description="sigmoid, tanh, relu or softplus")
    target: NumberOrTemplate = Field(description="the x value to reach")
    tolerance: PositiveFloat = Field(description="how close the cursor must get to target")
    x_start: NumberOrTemplate = Field(description="where the cursor starts")
    x_step: PositiveFloat = Field(description="how far one arrow key press moves the cursor")


PLOT_MODELS: dict[str, type[Model]] = {
    "tangent": TangentPlot,
    "gradient-descent": GradientDescentPlot,
    "gradient-check": GradientCheckPlot,
    "activations": ActivationsPlot,
}
"""Each chart name and the model of its table."""


def _chart_tag(value: Any) -> str | None:
    chart = value.get("chart") if isinstance(value, dict) else getattr(value, "chart", None)
    return f"<{chart}>" if chart in PLOT_MODELS else None


Plot = Annotated[
    Annotated[TangentPlot, Tag("<tangent>")]
    | Annotated[GradientDescentPlot, Tag("<gradient-descent>")]
    | Annotated[GradientCheckPlot, Tag("<gradient-check>")]
    | Annotated[ActivationsPlot, Tag("<activations>")],
    Discriminator(
        _chart_tag,
        custom_error_type="chart_type",
        custom_error_message="missing or unknown chart",
    ),
]
"""A plot task; the `chart` key picks which table it is."""
