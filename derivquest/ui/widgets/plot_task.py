"""The chart a plot question uses, set up from its task, and the value it is judged on."""

from __future__ import annotations

from derivquest.charts.activations import ActivationView
from derivquest.charts.descent import DescentView
from derivquest.charts.gradient_check import GradientCheckView
from derivquest.charts.tangent import TangentView
from derivquest.content import (
    STEP_SIZES,
    ActivationTask,
    DescentTask,
    GradientCheckTask,
    QuestionInstance,
    TangentTask,
)
from derivquest.ui.widgets.activation_chart import ActivationChart
from derivquest.ui.widgets.chart_base import ChartPanel
from derivquest.ui.widgets.descent_chart import DescentChart
from derivquest.ui.widgets.gradient_check_chart import GradientCheckChart
from derivquest.ui.widgets.tangent_chart import TangentChart


def plot_chart(instance: QuestionInstance) -> ChartPanel:
    """Build the chart for a plot question, starting where the task says."""
    task = instance.plot
    if isinstance(task, TangentTask):
        view = TangentView(
            task.function, x0=task.x_start, step=task.x_step, x_min=task.x_min, x_max=task.x_max
        )
        return TangentChart(view, id="plot-task")
    if isinstance(task, DescentTask):
        descent = DescentView(x=task.x, y=task.y, w0=task.w0, tolerance=task.tolerance)
        return DescentChart(descent, id="plot-task")
    if isinstance(task, GradientCheckTask):
        return GradientCheckChart(
            GradientCheckView(task.function, at=task.at, index=0), id="plot-task"
        )
    if isinstance(task, ActivationTask):
        activation = ActivationView(task.function, x=task.x_start, step=task.x_step)
        return ActivationChart(activation, id="plot-task")
    raise ValueError(f"{instance.full_id} is not a plot question")


def plot_value(chart: ChartPanel) -> float:
    """The number the player chose on the chart: x0, the learning rate, h or x."""
    if isinstance(chart, TangentChart):
        return chart.view.x0
    if isinstance(chart, DescentChart):
        return chart.view.learning_rate
    if isinstance(chart, GradientCheckChart):
        return STEP_SIZES[chart.view.index]
    if isinstance(chart, ActivationChart):
        return chart.view.x
    raise ValueError("not a plot-task chart")
