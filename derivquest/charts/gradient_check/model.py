"""Numerical vs analytical derivative: the one model the chart draws and the grader uses."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from derivquest.engine.functions import ChartCurves

STEP_SIZES: tuple[float, ...] = tuple(10.0**-exponent for exponent in range(1, 13))
"""The steps h the chart offers: 1e-1 down to 1e-12."""


def central_difference(f: Callable[[float], float], at: float, h: float) -> float:
    """Return (f(at + h) - f(at - h)) / 2h in float64.

    Plain floats on purpose: with a tiny h the subtraction cancels and rounding error
    shows, which is the lesson of the gradient-check chart.
    """
    return (f(at + h) - f(at - h)) / (2.0 * h)


@dataclass
class GradientCheckView:
    """The player picks h; the chart shows |numerical - analytical| for every h on log axes."""

    function: str = "sin(x)"
    at: float = 1.0
    index: int = 4
    """Which of ``STEP_SIZES`` is selected (1e-5 to start: the lesson's choice)."""
    curves: ChartCurves | None = field(default=None, repr=False)
    """f and f' as bounded float programs (prepared by the checker); None until they come."""

    def show(self, curves: ChartCurves) -> None:
        """Use f and f' from the checker."""
        self.curves = curves

    def f(self, x: float) -> float:
        """f(x) in float64, NaN where undefined or while f is still being prepared."""
        return math.nan if self.curves is None else self.curves.function(x)

    @property
    def exact(self) -> float:
        """f'(a) from the symbolic derivative."""
        return math.nan if self.curves is None else self.curves.derivative(self.at)

    @property
    def h(self) -> float:
        """The selected step."""
        return STEP_SIZES[self.index]

    def select(self, direction: int) -> None:
        """Smaller h (1) or larger h (-1)."""
        self.index = min(max(self.index + direction, 0), len(STEP_SIZES) - 1)

    def estimate(self, h: float | None = None) -> float:
        """The central difference (f(a+h) - f(a-h))/2h, computed in float64."""
        return central_difference(self.f, self.at, self.h if h is None else h)

    def error(self, h: float | None = None) -> float:
        """|central difference - f'(a)|; floored at 1e-17 so a log axis can show an exact hit."""
        value = abs(self.estimate(h) - self.exact)
        return max(value, 1e-17) if math.isfinite(value) else math.nan

    def errors(self) -> list[float]:
        """The error for every offered h, largest h first."""
        return [self.error(h) for h in STEP_SIZES]

    def best_h(self) -> float:
        """The h with the smallest error (where truncation and rounding error balance)."""
        errors = self.errors()
        return STEP_SIZES[min(range(len(errors)), key=lambda i: errors[i])]
