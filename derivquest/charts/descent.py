"""Gradient descent on L(w) = (wx - y)^2: the point on the loss curve and the loss per step."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from derivquest.content.goals import DIVERGENCE_FACTOR, LEARNING_RATES

POINTS = 121
"""Samples of the loss curve across the window."""


@dataclass
class DescentView:
    """The state of a gradient-descent run the player controls step by step."""

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
    def target(self) -> float:
        """The weight with zero loss, y/x."""
        return self.y / self.x if self.x else math.nan

    def loss(self, w: float) -> float:
        """L(w) = (wx - y)^2."""
        return (w * self.x - self.y) ** 2

    def gradient(self, w: float) -> float:
        """dL/dw = 2x(wx - y)."""
        return 2 * self.x * (w * self.x - self.y)

    @property
    def diverged(self) -> bool:
        """w ran away (a learning rate above 1/x² makes every step overshoot further).

        The same rule as the plot task's grading (``content.goals.run_descent``): the error
        grew to DIVERGENCE_FACTOR times where it started.
        """
        limit = DIVERGENCE_FACTOR * max(1.0, abs(self.w0 - self.target))
        return not math.isfinite(self.w) or abs(self.w - self.target) > limit

    @property
    def converged(self) -> bool:
        """w is within the tolerance of y/x."""
        return not self.diverged and abs(self.w - self.target) < self.tolerance

    def step(self) -> None:
        """One update: w <- w - lr * dL/dw (nothing once diverged)."""
        if not self.diverged:
            self.path.append(self.w - self.learning_rate * self.gradient(self.w))

    def run(self, steps: int) -> None:
        """Several updates, stopping early on convergence or divergence."""
        for _ in range(steps):
            if self.converged or self.diverged:
                return
            self.step()

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

    @property
    def critical_rate(self) -> float:
        """Above this learning rate the updates diverge: 1/x² (each step multiplies the error
        by 1 - 2·lr·x²)."""
        return 1 / self.x**2 if self.x else math.inf

    @property
    def error_factor(self) -> float:
        """Each step multiplies the error w - y/x by 1 - 2·lr·x²; above 1 in size it grows."""
        return 1 - 2 * self.learning_rate * self.x**2

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
