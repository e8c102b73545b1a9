"""Secant to tangent: the one model the secant chart draws and its grader runs.

The point a stays put; the player halves or doubles h (and may flip it to the left of a).
The secant through (a, f(a)) and (a+h, f(a+h)) has slope (f(a+h) - f(a))/h, the difference
quotient, which tends to f'(a) as h shrinks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from derivquest.engine.functions import ChartCurves

MAX_HALVINGS = 20
"""Smallest h is h_start / 2^20 (about a millionth of it): well before float cancellation
spoils the quotient for the functions a course draws."""

POINTS = 121
"""Samples across the window."""

WINDOW = 1.5
"""The window is a ± WINDOW·h_start: the starting secant's second point is well inside."""

RUNAWAY = 1e100
"""Values larger than this are left out when framing the picture."""


def difference_quotient(f: Callable[[float], float], a: float, h: float) -> float:
    """(f(a+h) - f(a))/h in float64: the secant's slope (NaN for h = 0)."""
    if h == 0:
        return math.nan
    return (f(a + h) - f(a)) / h


def close_enough(quotient: float, slope: float, tolerance: float) -> bool:
    """The task's goal: |secant slope - f'(a)| <= tolerance (never when either is undefined)."""
    gap = abs(quotient - slope)
    return math.isfinite(gap) and gap <= tolerance


@dataclass
class SecantView:
    """f, the tangent at a, and the secant through a and a+h, for h = ±h_start/2^halvings."""

    function: str
    a: float = 1.0
    h_start: float = 1.0
    halvings: int = 0
    """How many times h was halved from h_start (0..MAX_HALVINGS)."""
    side: int = 1
    """1: a+h is right of a; -1: left of it (h negative)."""
    curves: ChartCurves | None = field(default=None, repr=False)
    """f and f' as bounded float programs (prepared by the checker); None until they come:
    every value is NaN meanwhile, so nothing is drawn."""
    _curve: list[float] | None = field(default=None, init=False, repr=False)

    def show(self, curves: ChartCurves) -> None:
        """Use f and f' from the checker."""
        self.curves = curves
        self._curve = None

    def f(self, x: float) -> float:
        """f(x), NaN where undefined or while f is still being prepared."""
        return math.nan if self.curves is None else self.curves.function(x)

    @property
    def h(self) -> float:
        """The signed step: ±h_start / 2^halvings (exact: halving a float is exact)."""
        return self.side * math.ldexp(self.h_start, -self.halvings)

    def shrink(self) -> None:
        """Halve h: the secant's second point slides towards a."""
        self.halvings = min(self.halvings + 1, MAX_HALVINGS)

    def widen(self) -> None:
        """Double h, back up to h_start."""
        self.halvings = max(self.halvings - 1, 0)

    def move(self, distance: float) -> None:
        """Move a (the free chart), keeping h; the window follows a."""
        self.a = round(self.a + distance, 10)
        self._curve = None

    def flip(self) -> None:
        """Put a+h on the other side of a (h changes sign)."""
        self.side = -self.side

    def set_h(self, h: float) -> bool:
        """Put the chart at step `h` if the keys can reach it; False (nothing changes) if not."""
        for halvings in range(MAX_HALVINGS + 1):
            for side in (1, -1):
                if side * math.ldexp(self.h_start, -halvings) == h:
                    self.halvings, self.side = halvings, side
                    return True
        return False

    @property
    def value(self) -> float:
        """f(a)."""
        return self.f(self.a)

    @property
    def far_value(self) -> float:
        """f(a+h)."""
        return self.f(self.a + self.h)

    @property
    def slope(self) -> float:
        """f'(a), exact (from the symbolic derivative)."""
        return math.nan if self.curves is None else self.curves.derivative(self.a)

    def quotient(self, h: float | None = None) -> float:
        """The difference quotient (f(a+h) - f(a))/h: the secant's slope (NaN for h = 0)."""
        return difference_quotient(self.f, self.a, self.h if h is None else h)

    def gap(self, h: float | None = None) -> float:
        """|secant slope - f'(a)|: what the task asks to make small (NaN if undefined)."""
        return abs(self.quotient(h) - self.slope)

    def within(self, tolerance: float, h: float | None = None) -> bool:
        """The secant's slope is within `tolerance` of the tangent's (the task's goal)."""
        return close_enough(self.quotient(h), self.slope, tolerance)

    def ladder(self) -> list[float]:
        """Every h the keys reach on the current side, largest first."""
        return [self.side * math.ldexp(self.h_start, -k) for k in range(MAX_HALVINGS + 1)]

    @property
    def x_min(self) -> float:
        """Left end of the window."""
        return self.a - WINDOW * self.h_start

    @property
    def x_max(self) -> float:
        """Right end of the window."""
        return self.a + WINDOW * self.h_start

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
        """y = f(a) + f'(a)(x - a) at the sample points."""
        value, slope = self.value, self.slope
        return [value + slope * (x - self.a) for x in self.xs()]

    def secant_line(self) -> list[float]:
        """The line through (a, f(a)) and (a+h, f(a+h)) at the sample points."""
        value, slope = self.value, self.quotient()
        return [value + slope * (x - self.a) for x in self.xs()]

    def y_limits(self) -> tuple[float, float]:
        """A vertical range that frames the curve, ignoring NaN and runaway values."""
        values = sorted(y for y in self.curve() if math.isfinite(y) and abs(y) < RUNAWAY)
        if not values:
            return (-1.0, 1.0)
        low, high = values[0], values[-1]
        if high - low < 1e-9:
            low, high = low - 1, high + 1
        margin = (high - low) * 0.1
        return (low - margin, high + margin)
