"""Tangent-line visualizer: f, the tangent at x0, and a secant through x0 and x0+h closing in."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from derivquest.engine.functions import ChartCurves

SECANT_START = 2.0
"""The secant's first h: wide enough to look clearly different from the tangent."""

SECANT_MIN = 1e-3
"""Smallest h the chart steps to; below it the secant is drawn on top of the tangent."""

RUNAWAY = 1e100
"""Values larger than this are left out when framing the picture."""

POINTS = 161
"""Samples across the window (an odd number keeps x0-centred windows symmetric)."""


@dataclass
class TangentView:
    """Everything the tangent chart shows, for a function typed in the players' syntax."""

    function: str
    x0: float = 1.0
    step: float = 0.25
    x_min: float = -5.0
    x_max: float = 5.0
    h: float = SECANT_START
    curves: ChartCurves | None = field(default=None, repr=False)
    """f and f' as bounded float programs (prepared by the checker); None until they come:
    every value is NaN meanwhile, so nothing is drawn."""
    _curve: list[float] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.x0 = min(max(self.x0, self.x_min), self.x_max)

    def show(self, curves: ChartCurves) -> None:
        """Use f and f' from the checker (the window stays where it was)."""
        self.curves = curves
        self._curve = None

    def f(self, x: float) -> float:
        """f(x), NaN where undefined or while f is still being prepared."""
        return math.nan if self.curves is None else self.curves.function(x)

    def slope_of(self, x: float) -> float:
        """f'(x), from the symbolic derivative; NaN where undefined."""
        return math.nan if self.curves is None else self.curves.derivative(x)

    def move(self, steps: int) -> None:
        """Move x0 by whole steps, staying inside the window."""
        moved = round(self.x0 + steps * self.step, 10)
        self.x0 = min(max(moved, self.x_min), self.x_max)

    def shrink_secant(self) -> None:
        """Halve h: the secant closes in on the tangent (the limit definition)."""
        self.h = max(self.h / 2, SECANT_MIN)

    def widen_secant(self) -> None:
        """Double h back, up to where it started."""
        self.h = min(self.h * 2, SECANT_START)

    @property
    def value(self) -> float:
        """f(x0)."""
        return self.f(self.x0)

    @property
    def slope(self) -> float:
        """f'(x0), exact (from the symbolic derivative)."""
        return self.slope_of(self.x0)

    @property
    def secant_slope(self) -> float:
        """(f(x0+h) - f(x0)) / h: tends to f'(x0) as h shrinks."""
        return (self.f(self.x0 + self.h) - self.value) / self.h

    def xs(self) -> list[float]:
        """Sample points across the window."""
        width = self.x_max - self.x_min
        return [self.x_min + width * i / (POINTS - 1) for i in range(POINTS)]

    def curve(self) -> list[float]:
        """f at the sample points (NaN where undefined); computed once per function."""
        if self._curve is None:
            self._curve = [self.f(x) for x in self.xs()]
        return self._curve

    def tangent_line(self) -> list[float]:
        """y = f(x0) + f'(x0)(x - x0) at the sample points."""
        value, slope = self.value, self.slope
        return [value + slope * (x - self.x0) for x in self.xs()]

    def secant_line(self) -> list[float]:
        """The line through (x0, f(x0)) and (x0+h, f(x0+h))."""
        value, slope = self.value, self.secant_slope
        return [value + slope * (x - self.x0) for x in self.xs()]

    def y_limits(self) -> tuple[float, float]:
        """A vertical range that frames the curve, ignoring NaN and runaway values."""
        # Beyond RUNAWAY a value cannot be framed usefully (and the window's height overflows).
        values = sorted(y for y in self.curve() if math.isfinite(y) and abs(y) < RUNAWAY)
        if not values:
            return (-1.0, 1.0)
        # Trim the extreme 5% each side so one asymptote does not flatten the picture.
        cut = len(values) // 20
        low, high = values[cut], values[-1 - cut]
        if high - low < 1e-9:
            low, high = low - 1, high + 1
        margin = (high - low) * 0.1
        return (low - margin, high + margin)
