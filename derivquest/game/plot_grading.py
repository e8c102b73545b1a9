"""Judge a plot question from the chart's final state (the player's 'answer' is a position)."""

from __future__ import annotations

from derivquest.content import (
    ActivationTask,
    DescentTask,
    GradientCheckTask,
    PlotTask,
    TangentTask,
    activation_reached,
    central_difference,
    gradient_check_passes,
    run_descent,
    slope_reached,
)
from derivquest.engine import Verdict, real_derivative, real_function


def grade_plot(task: PlotTask, value: float) -> Verdict:
    """Decide whether the chart state ``value`` meets the task's goal.

    ``value`` is x0 (tangent), the learning rate (gradient descent), h (gradient check) or
    the cursor x (activations).
    """
    if isinstance(task, TangentTask):
        slope = real_derivative(task.function)(value)
        if slope_reached(slope, task.target, task.tolerance):
            return Verdict(
                "correct", f"f'({value:g}) = {slope:.4g}: goal reached.", parsed=f"{value:g}"
            )
        return Verdict(
            "incorrect",
            f"f'({value:g}) = {slope:.4g}; the goal is {task.target:g}.",
            parsed=f"{value:g}",
        )
    if isinstance(task, DescentTask):
        run = run_descent(task, value)
        if run.converged:
            return Verdict(
                "correct",
                f"lr = {value:g} reached w ≈ {task.y / task.x:g} in {run.steps} steps.",
                parsed=f"{value:g}",
            )
        if run.diverged:
            return Verdict(
                "incorrect",
                f"lr = {value:g} diverges: each step overshoots further.",
                parsed=f"{value:g}",
            )
        return Verdict(
            "incorrect",
            f"lr = {value:g} is too slow: not there after {task.max_steps} steps.",
            parsed=f"{value:g}",
        )
    if isinstance(task, GradientCheckTask):
        f = real_function(task.function)
        exact = real_derivative(task.function)(task.at)
        error = abs(central_difference(f, task.at, value) - exact)
        if gradient_check_passes(central_difference(f, task.at, value), exact, task.tolerance):
            return Verdict(
                "correct", f"h = {value:g}: error {error:.2g} is small enough.", parsed=f"{value:g}"
            )
        return Verdict(
            "incorrect",
            f"h = {value:g}: error {error:.2g} is above {task.tolerance:g}.",
            parsed=f"{value:g}",
        )
    assert isinstance(task, ActivationTask)
    if activation_reached(value, task.target, task.tolerance):
        return Verdict("correct", f"x = {value:g}: that is the spot.", parsed=f"{value:g}")
    return Verdict("incorrect", f"x = {value:g} is not it yet.", parsed=f"{value:g}")
