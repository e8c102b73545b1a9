"""The points two expressions are compared at: each variable drawn on its own.

First come the points every comparison must visit before it may call two expressions equal:

- every combination of signs of the variables (up to 16), at ordinary sizes, so that
  relu(wx) meets w, x > 0 as well as w < 0 < x;
- both sides of every kink either expression has (see ``kinks``);
- each variable tiny (1e-9..1e-3) and huge (1e3..1e12) with the others ordinary, and a few
  points where every variable is extreme at once.

Then random points follow, each variable with its own random sign and a magnitude from bands
weighted towards ordinary sizes, until enough agree. Everything is drawn from a generator
seeded by the two expressions, so a verdict never changes between runs.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.kinks import VARIABLES_PER_KINK, Kink, Point, kink_arguments

Band = tuple[float, float]
"""A range of log10 |value|."""

ORDINARY: Band = (-1.0, 1.0)
TINY: Band = (-9.0, -3.0)
SMALL: Band = (-3.0, -1.0)
LARGE: Band = (1.0, 3.0)
HUGE: Band = (3.0, 12.0)
EXTREME = (TINY, SMALL, LARGE, HUGE)

RANDOM_BANDS = (ORDINARY, ORDINARY, ORDINARY, (-2.0, 0.0), (0.0, 2.0), SMALL, LARGE, TINY, HUGE)
"""Bands the random points draw from, one per variable, weighted towards ordinary sizes."""

MAX_SIGN_PATTERNS = 16
"""Sign combinations visited in full up to four variables; beyond, a sample of them."""

ALL_EXTREME_POINTS = 2
"""Points where every variable is drawn from the extreme bands at once."""

KINK_PRECISION = 40
"""Digits for solving kink equations (the judge's sampling precision)."""


class PointPlan:
    """The sequence of sample points for one comparison."""

    def __init__(
        self, expressions: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol], rng: random.Random
    ) -> None:
        self.symbols = list(symbols)
        used: set[sympy.Basic] = set().union(*(expr.free_symbols for expr in expressions))
        self.active = [symbol for symbol in self.symbols if symbol in used]
        """The variables that appear; the others get one ordinary value each, never varied."""
        self.random = rng
        self.fixed = {symbol: self.draw(ORDINARY) for symbol in self.symbols if symbol not in used}
        self.points = [*self.sign_points(), *self.scale_points()]
        """The mandatory points known so far."""
        self.pending: Sequence[sympy.Expr] | None = expressions
        """Expressions whose kinks are not solved yet: that costs more than every other
        point, and a wrong answer is usually caught before it is needed."""

    def point(self, attempt: int) -> Point:
        """The ``attempt``-th point: mandatory ones first, then random ones."""
        if attempt >= len(self.points):
            self.add_kink_points()
        if attempt < len(self.points):
            return self.points[attempt]
        return self.make(
            {symbol: self.draw(self.random.choice(RANDOM_BANDS)) for symbol in self.active}
        )

    def past_mandatory(self, attempt: int) -> bool:
        """True once the ``attempt``-th point is the last mandatory one or beyond."""
        self.add_kink_points()
        return attempt >= len(self.points) - 1

    def add_kink_points(self) -> None:
        if self.pending is None:
            return
        expressions, self.pending = self.pending, None
        with mpmath.workdps(KINK_PRECISION):
            self.points.extend(self.kink_points(expressions))

    def draw(self, band: Band, sign: int | None = None) -> mpf:
        """A value with log10 |value| uniform in ``band`` and the given (or a random) sign."""
        if sign is None:
            sign = self.random.choice((1, -1))
        return sign * mpf(10 ** self.random.uniform(*band))

    def make(self, values: dict[sympy.Symbol, mpf]) -> Point:
        return {**self.fixed, **values}

    def sign_points(self) -> list[Point]:
        count = len(self.active)
        if count == 0:
            return [self.make({})]
        patterns = list(itertools.product((1, -1), repeat=count))
        if len(patterns) > MAX_SIGN_PATTERNS:
            patterns = patterns[:1] + patterns[-1:] + self.random.sample(patterns[1:-1], 14)
        return [
            self.make(
                {
                    symbol: self.draw(ORDINARY, sign)
                    for symbol, sign in zip(self.active, signs, strict=True)
                }
            )
            for signs in patterns
        ]

    def scale_points(self) -> list[Point]:
        points = []
        for symbol in self.active:
            for band in (TINY, HUGE):
                values = {other: self.draw(ORDINARY) for other in self.active}
                values[symbol] = self.draw(band)
                points.append(self.make(values))
        if len(self.active) > 1:
            for _ in range(ALL_EXTREME_POINTS):
                points.append(
                    self.make({s: self.draw(self.random.choice(EXTREME)) for s in self.active})
                )
        return points

    def kink_points(self, expressions: Sequence[sympy.Expr]) -> list[Point]:
        points: list[Point] = []
        for g in kink_arguments(expressions):
            kink = Kink(g)
            variables = [s for s in self.active if s in g.free_symbols]
            if len(variables) > VARIABLES_PER_KINK:
                variables = self.random.sample(variables, VARIABLES_PER_KINK)
            # With one variable to solve for, cross the kink from two different places.
            for variable in variables * (2 if len(variables) == 1 else 1):
                base = self.make({s: self.draw(ORDINARY) for s in self.active})
                points.extend(kink.points_beside(base, variable, self.random))
        return points
