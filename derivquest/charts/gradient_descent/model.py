"""Gradient descent on L(w) = (wx - y)^2: the one model the chart draws and the grader runs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

LEARNING_RATES: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
"""The learning rates the chart offers (the validator tries exactly these)."""

POINTS = 121
"""Samples of the loss curve across the window."""

RUNAWAY = 1e6
"""A run stops once |w - y/x| reaches this: it has long diverged, and nothing past it draws."""


@dataclass
class DescentView:
    """The state of a gradient-descent run, stepped by the player or by the grader.

    Each step multiplies the error w - y/x by 1 - 2·lr·x². The run has diverged once that
    factor is above 1 in size (every step overshoots further) or the error has grown past
    where it started; it has converged once |w - y/x| < tolerance.
    """

    x: float = 2.0
    y: float = 6.0
    w0: float = 0.0
    learning_rate: float = 0.1
    tolerance: float = 0.01
    path: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.path:
            self.path = [self.w0]

    @property
    def w(self) -> float:
        """The current weight."""
        return self.path[-1]

    @property
    def steps(self) -> int:
        """How many steps ran."""
        return len(self.path) - 1

    @property
    def target(self) -> float:
        """The weight with zero loss, y/x (NaN when x = 0: there is none)."""
        return self.y / self.x if self.x else math.nan

    def loss(self, w: float) -> float:
        """L(w) = (wx - y)^2."""
        return (w * self.x - self.y) ** 2

    def gradient(self, w: float) -> float:
        """dL/dw = 2x(wx - y)."""
        return 2 * self.x * (w * self.x - self.y)

    def error(self, w: float) -> float:
        """|w - y/x|."""
        return abs(w - self.target)

    @property
    def error_factor(self) -> float:
        """Each step multiplies the error w - y/x by 1 - 2·lr·x²; above 1 in size it grows."""
        return 1 - 2 * self.learning_rate * self.x**2

    @property
    def critical_rate(self) -> float:
        """Above this learning rate the updates diverge: 1/x² (where |1 - 2·lr·x²| = 1)."""
        return 1 / self.x**2 if self.x else math.inf

    @property
    def diverged(self) -> bool:
        """The run is running away: |1 - 2·lr·x²| > 1 once a step was taken, or the error
        has grown past where it started (or stopped being a number)."""
        if not math.isfinite(self.w):
            return True
        if self.steps == 0 or not self.x:
            return False
        return abs(self.error_factor) > 1 or self.error(self.w) > self.error(self.w0)

    @property
    def converged(self) -> bool:
        """w is within the tolerance of y/x (never when x = 0)."""
        return bool(self.x) and not self.diverged and self.error(self.w) < self.tolerance

    def step(self) -> bool:
        """One update: w <- w - lr * dL/dw. A diverged run keeps going (the player watches it
        run away) until w runs away past RUNAWAY; returns False when nothing moved."""
        if not math.isfinite(self.w) or self.error(self.w) >= RUNAWAY:
            return False
        self.path.append(self.w - self.learning_rate * self.gradient(self.w))
        return True

    def run(self, steps: int) -> None:
        """Up to `steps` updates, stopping early once converged or run away."""
        for _ in range(steps):
            if self.converged or not self.step():
                return

    def reset(self) -> None:
        """Back to w0, keeping the learning rate."""
        self.path = [self.w0]

    def change_start(self, direction: int, step: float = 0.5) -> None:
        """Move the starting weight w0 by one step and restart from it."""
        self.w0 = round(self.w0 + direction * step, 10)
        self.reset()

    def change_rate(self, direction: int) -> None:
        """Pick the next larger (1) or smaller (-1) offered learning rate, and restart."""
        rates = LEARNING_RATES
        index = min(range(len(rates)), key=lambda i: abs(rates[i] - self.learning_rate))
        self.learning_rate = rates[min(max(index + direction, 0), len(rates) - 1)]
        self.reset()

    def losses(self) -> list[float]:
        """The loss after each step, for the loss-vs-step chart."""
        return [self.loss(w) if math.isfinite(w) else math.nan for w in self.path]

    def window(self) -> tuple[float, float]:
        """The w range to draw: the target, w0 and the path so far, with a margin."""
        finite = [w for w in self.path if math.isfinite(w) and abs(w) < 1e6]
        low = min([self.target, self.w0, *finite])
        high = max([self.target, self.w0, *finite])
        margin = max((high - low) * 0.15, 1.0)
        return (low - margin, high + margin)

    def curve(self) -> tuple[list[float], list[float]]:
        """(ws, losses) across the window."""
        low, high = self.window()
        ws = [low + (high - low) * i / (POINTS - 1) for i in range(POINTS)]
        return ws, [self.loss(w) for w in ws]
