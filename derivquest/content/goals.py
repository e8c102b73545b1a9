"""When a plot task is solved: pure functions of the final state, shared by game and validator."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from derivquest.content.tasks import ActivationTask, DescentTask, TangentTask

LEARNING_RATES: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
"""The learning rates the gradient-descent chart offers (the validator tries exactly these)."""

STEP_SIZES: tuple[float, ...] = tuple(10.0**-exponent for exponent in range(1, 13))
"""The steps h the gradient-check chart offers: 1e-1 down to 1e-12."""

DIVERGENCE_FACTOR = 1000.0
"""w counts as diverged once it is this many times farther from y/x than it started
(or than 1, if it started closer)."""

MAX_POSITIONS = 1000
"""Most arrow-key positions a tangent chart may have (x_min..x_max in steps of x_step)."""


def slope_reached(slope: float, target: float, tolerance: float) -> bool:
    """Tangent goal: |f'(x0) - target| <= tolerance."""
    return math.isfinite(slope) and abs(slope - target) <= tolerance


def activation_reached(x: float, target: float, tolerance: float) -> bool:
    """Activations goal: |x - target| <= tolerance."""
    return abs(x - target) <= tolerance


def gradient_check_passes(estimate: float, exact: float, tolerance: float) -> bool:
    """Gradient-check goal: |central difference - f'(at)| < tolerance."""
    return math.isfinite(estimate) and abs(estimate - exact) < tolerance


def central_difference(f: Callable[[float], float], at: float, h: float) -> float:
    """Return (f(at + h) - f(at - h)) / 2h in float64.

    Plain floats on purpose: with a tiny h the subtraction cancels and rounding error
    shows, which is the lesson of the gradient-check chart.
    """
    return (f(at + h) - f(at - h)) / (2.0 * h)


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


def activation_target_reachable(task: ActivationTask) -> bool:
    """Return True when some cursor position x_start + k*x_step is within tolerance of target."""
    k = round((task.target - task.x_start) / task.x_step)
    return any(
        activation_reached(task.x_start + j * task.x_step, task.target, task.tolerance)
        for j in (k - 1, k, k + 1)
    )


@dataclass(frozen=True, slots=True)
class DescentRun:
    """What happened when gradient descent ran with one learning rate."""

    path: tuple[float, ...]
    """w0 and the weight after each step taken."""
    converged: bool
    """|w - y/x| < tolerance was reached within max_steps."""
    diverged: bool
    """w left every bound (or stopped being a number)."""

    @property
    def steps(self) -> int:
        """How many steps ran."""
        return len(self.path) - 1


def run_descent(task: DescentTask, learning_rate: float) -> DescentRun:
    """Run w <- w - lr * 2x(wx - y) from w0 for at most max_steps, stopping once within tolerance.

    A task with x = 0 has no solution y/x; it never converges.
    """
    w = task.w0
    path = [w]
    if task.x == 0:
        return DescentRun(tuple(path), converged=False, diverged=False)
    target = task.y / task.x
    if abs(w - target) < task.tolerance:
        return DescentRun(tuple(path), converged=True, diverged=False)
    limit = DIVERGENCE_FACTOR * max(1.0, abs(w - target))
    for _ in range(task.max_steps):
        w = w - learning_rate * 2.0 * task.x * (w * task.x - task.y)
        path.append(w)
        if not math.isfinite(w) or abs(w - target) > limit:
            return DescentRun(tuple(path), converged=False, diverged=True)
        if abs(w - target) < task.tolerance:
            return DescentRun(tuple(path), converged=True, diverged=False)
    return DescentRun(tuple(path), converged=False, diverged=False)


def converging_rates(task: DescentTask) -> list[float]:
    """Return the offered learning rates that solve the task."""
    return [rate for rate in LEARNING_RATES if run_descent(task, rate).converged]
