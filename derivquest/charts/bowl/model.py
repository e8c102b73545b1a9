"""Gradient descent on a 2-D bowl: the one model the bowl chart draws and its grader runs.

L(w1, w2) = a·(w1 - c1)² + b·(w2 - c2)². Each step multiplies the error along w1 by
1 - 2·lr·a and along w2 by 1 - 2·lr·b, so the stiff direction (the larger of a, b) decides
when the run diverges and the flat one how slowly it converges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

BOWL_RATES: tuple[float, ...] = (
    0.001, 0.003, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75,
    1.0,
)  # fmt: skip
"""The learning rates the chart offers (the validator tries exactly these)."""

RUNAWAY = 1e6
"""A run stops once the distance to the minimum reaches this: it has long diverged."""

LEVELS = 4
"""Contours drawn: the start's loss, then a quarter of it, a sixteenth, ..."""

CONTOUR_POINTS = 72
"""Points per contour ellipse."""

EDGE = 1e-12
"""|factor| within this of 1 counts as exactly 1 (lr = 1/(2a) computes to -1 ± rounding)."""

Point = tuple[float, float]
"""(w1, w2)."""


@dataclass
class BowlView:
    """The state of a gradient-descent run on the bowl, stepped by the player or the grader."""

    a: float = 5.0
    b: float = 0.5
    c1: float = 0.0
    c2: float = 0.0
    start: Point = (1.0, 4.0)
    learning_rate: float = 0.01
    tolerance: float = 0.05
    """The run has converged once w is closer than this to the minimum (c1, c2)."""
    path: list[Point] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.path:
            self.path = [self.start]

    @property
    def w(self) -> Point:
        """The current point."""
        return self.path[-1]

    @property
    def steps(self) -> int:
        """How many steps ran."""
        return len(self.path) - 1

    def loss(self, w: Point) -> float:
        """L(w1, w2) = a(w1 - c1)² + b(w2 - c2)²."""
        return self.a * (w[0] - self.c1) ** 2 + self.b * (w[1] - self.c2) ** 2

    def gradient(self, w: Point) -> Point:
        """(∂L/∂w1, ∂L/∂w2) = (2a(w1 - c1), 2b(w2 - c2))."""
        return (2 * self.a * (w[0] - self.c1), 2 * self.b * (w[1] - self.c2))

    def distance(self, w: Point) -> float:
        """How far w is from the minimum (c1, c2)."""
        return math.hypot(w[0] - self.c1, w[1] - self.c2)

    @property
    def factors(self) -> Point:
        """What one step multiplies the error by along w1 and along w2: 1 - 2·lr·a, 1 - 2·lr·b."""
        lr = self.learning_rate
        return (1 - 2 * lr * self.a, 1 - 2 * lr * self.b)

    @property
    def critical_rate(self) -> float:
        """Above this learning rate the stiff direction diverges: 1/max(a, b)."""
        stiffest = max(self.a, self.b)
        return 1 / stiffest if stiffest > 0 else math.inf

    @property
    def unstable_axis(self) -> int | None:
        """0 or 1: the direction whose error grows each step (|factor| > 1), or None.

        A start already at the minimum's coordinate along an axis has no error there to grow.
        """
        offsets = (self.start[0] - self.c1, self.start[1] - self.c2)
        factors = self.factors
        growing = [axis for axis in (0, 1) if abs(factors[axis]) > 1 + EDGE and offsets[axis]]
        return max(growing, key=lambda axis: abs(self.factors[axis])) if growing else None

    @property
    def bouncing_axis(self) -> int | None:
        """0 or 1: a direction whose factor is -1 (w jumps between two mirror points), or None."""
        for axis in (0, 1):
            if abs(self.factors[axis] + 1) <= EDGE:
                return axis
        return None

    @property
    def slow_axis(self) -> int:
        """The direction that converges slowest (its factor is largest in size)."""
        return max((0, 1), key=lambda axis: abs(self.factors[axis]))

    @property
    def diverged(self) -> bool:
        """The run runs away: |1 - 2·lr·a| > 1 or |1 - 2·lr·b| > 1 once a step was taken,
        or the point stopped being a number."""
        if not all(math.isfinite(v) for v in self.w):
            return True
        return self.steps > 0 and self.unstable_axis is not None

    @property
    def converged(self) -> bool:
        """w is within the tolerance of the minimum, on a run that does not diverge."""
        return not self.diverged and self.distance(self.w) < self.tolerance

    def step(self) -> bool:
        """One update w <- w - lr·∇L(w); False when nothing moved (w ran away)."""
        w = self.w
        if not all(math.isfinite(v) for v in w) or self.distance(w) >= RUNAWAY:
            return False
        g1, g2 = self.gradient(w)
        lr = self.learning_rate
        self.path.append((w[0] - lr * g1, w[1] - lr * g2))
        return True

    def run(self, steps: int) -> None:
        """Up to `steps` updates, stopping early once converged or run away."""
        for _ in range(steps):
            if self.converged or not self.step():
                return

    def reset(self) -> None:
        """Back to the start, keeping the learning rate."""
        self.path = [self.start]

    def change_rate(self, direction: int) -> None:
        """Pick the next larger (1) or smaller (-1) offered learning rate, and restart."""
        rates = BOWL_RATES
        index = min(range(len(rates)), key=lambda i: abs(rates[i] - self.learning_rate))
        self.learning_rate = rates[min(max(index + direction, 0), len(rates) - 1)]
        self.reset()

    def move_start(self, axis: int, direction: int, step: float = 0.5) -> None:
        """Move the start along w1 (axis 0) or w2 (axis 1) by one step, and restart."""
        moved = list(self.start)
        moved[axis] = round(moved[axis] + direction * step, 10)
        self.start = (moved[0], moved[1])
        self.reset()

    def half_widths(self) -> Point:
        """Half-widths of the start's contour (the largest drawn) along w1 and w2."""
        level = self.loss(self.start)
        if not level > 0 or self.a <= 0 or self.b <= 0:
            return (1.0, 1.0)
        return (math.sqrt(level / self.a), math.sqrt(level / self.b))

    def window(self) -> tuple[Point, Point]:
        """((w1 low, w1 high), (w2 low, w2 high)): the start's contour with a margin."""
        r1, r2 = self.half_widths()
        return (
            (self.c1 - 1.25 * r1, self.c1 + 1.25 * r1),
            (self.c2 - 1.25 * r2, self.c2 + 1.25 * r2),
        )

    def contours(self) -> list[list[Point]]:
        """Level sets L = L(start)/4^k, k = 0..LEVELS-1, as closed lists of points (ellipses)."""
        r1, r2 = self.half_widths()
        rings = []
        for k in range(LEVELS):
            scale = 0.5**k  # a quarter of the loss is half the radius
            ring = []
            for i in range(CONTOUR_POINTS + 1):
                angle = 2 * math.pi * i / CONTOUR_POINTS
                ring.append(
                    (self.c1 + scale * r1 * math.cos(angle), self.c2 + scale * r2 * math.sin(angle))
                )
            rings.append(ring)
        return rings
