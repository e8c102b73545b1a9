"""The points two expressions are compared at: each variable drawn on its own.

First come the points every comparison must visit before it may call two expressions equal:

- every combination of signs of the variables (up to 16), at ordinary sizes, so that
  relu(wx) meets w, x > 0 as well as w < 0 < x;
- each variable tiny (1e-9..1e-3) and huge (1e3..1e12) with the others ordinary, and a few
  points where every variable is extreme at once;
- both sides of every kink either expression has (see ``kinks``), solved only once the
  cheaper points are used up, since a wrong answer is usually caught before.

Then random points follow, each variable with its own random sign and a magnitude from bands
weighted towards ordinary sizes, until enough agree. A plan for positive variables only (see
``domain``) draws every value positive and keeps only the kink points that are. Everything
is drawn from a generator seeded by the two expressions, so a verdict never changes between
runs.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.kinks import (
    VARIABLES_PER_KINK,
    Kink,
    Point,
    domain_edges,
    kink_arguments,
)

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

EDGE_POINTS = 6
"""Points on each side of a domain edge, when the mandatory points found too few."""

KINK_PRECISION = 40
"""Digits for solving kink equations (the judge's sampling precision)."""


class PointPlan:
    """The sequence of sample points for one comparison, made as they are asked for."""

    def __init__(
        self,
        expressions: Sequence[sympy.Expr],
        symbols: Sequence[sympy.Symbol],
        rng: random.Random,
        positive: bool = False,
        layout_rng: random.Random | None = None,
    ) -> None:
        self.symbols = list(symbols)
        self.positive = positive
        """Every value drawn is positive (the question is about positive quantities)."""
        used: set[sympy.Basic] = set().union(*(expr.free_symbols for expr in expressions))
        self.active = [symbol for symbol in self.symbols if symbol in used]
        """The variables that appear; the others get one ordinary value each, never varied."""
        self.random = rng
        self.layout_random = layout_rng or rng
        """Draws the cheap mandatory points: seeded by the expected expression alone, they are
        the same for every answer to a question, so its values there can be kept."""
        self.fixed = {
            symbol: self.draw(ORDINARY, rng=self.layout_random)
            for symbol in self.symbols
            if symbol not in used
        }
        self.patterns = self.sign_patterns()
        self.layout = [
            *(("sign", index) for index in range(len(self.patterns))),
            *(("scale", index) for index in range(2 * len(self.active))),
            *(
                ("extreme", index)
                for index in range(ALL_EXTREME_POINTS if len(self.active) > 1 else 0)
            ),
        ]
        """The cheap mandatory points, each made when first asked for."""
        self.points: list[Point] = []
        """The points made so far, in order."""
        self.solved = False
        """Whether the kinks are solved: that costs more than every other point, and a
        wrong answer is usually caught before it is needed."""
        self.sources = expressions
        self.kinks_found: list[Kink] | None = None
        self.kink_queue: list[Point] = []
        self.edge_queue: list[Point] = []
        self.edges_added = False
        self.edges_found = False
        self.mandatory_end = len(self.layout)
        """How many points are mandatory (final once the kinks are solved)."""

    def point(self, attempt: int) -> Point:
        """The ``attempt``-th point: mandatory ones first, then random ones."""
        while attempt >= len(self.points):
            self.points.append(self.next_point())
        return self.points[attempt]

    def total(self, extra: int) -> int:
        """The number of points to try at most: the mandatory ones and ``extra`` more."""
        self.add_kink_points()
        return self.mandatory_end + extra

    def past_mandatory(self, attempt: int) -> bool:
        """True once the ``attempt``-th point is the last mandatory one or beyond."""
        self.add_kink_points()
        return attempt >= self.mandatory_end - 1

    def next_point(self) -> Point:
        made = len(self.points)
        if made < len(self.layout):
            kind, index = self.layout[made]
            if kind == "sign":
                return self.sign_point(index)
            if kind == "scale":
                return self.scale_point(index)
            return self.extreme_point()
        self.add_kink_points()
        if self.kink_queue:
            return self.kink_queue.pop(0)
        if self.edge_queue:
            return self.edge_queue.pop(0)
        return self.make(
            {symbol: self.draw(self.random.choice(RANDOM_BANDS)) for symbol in self.active}
        )

    def add_kink_points(self) -> None:
        """Solve the kinks (once) and queue the points beside them as mandatory."""
        if self.solved:
            return
        self.solved = True
        # Every cheap mandatory point comes first, so the count below is exact.
        while len(self.points) < len(self.layout):
            self.points.append(self.next_point())
        with mpmath.workdps(KINK_PRECISION):
            self.kink_queue = self.kink_points()
        self.mandatory_end = len(self.layout) + len(self.kink_queue)

    def draw(self, band: Band, sign: int | None = None, rng: random.Random | None = None) -> mpf:
        """A value with log10 |value| uniform in ``band`` and the given (or a random) sign."""
        if self.positive:
            sign = 1
        elif sign is None:
            sign = -1 if (rng or self.random).random() < 0.5 else 1
        return mpf(sign * 10.0 ** (rng or self.random).uniform(*band))

    def make(self, values: dict[sympy.Symbol, mpf]) -> Point:
        return {**self.fixed, **values}

    def sign_patterns(self) -> list[tuple[int, ...]]:
        count = len(self.active)
        if self.positive:
            return [(1,) * count]
        patterns = list(itertools.product((1, -1), repeat=count))
        if len(patterns) > MAX_SIGN_PATTERNS:
            middle = self.layout_random.sample(patterns[1:-1], MAX_SIGN_PATTERNS - 2)
            patterns = [patterns[0], patterns[-1], *middle]
        return patterns

    def sign_point(self, index: int) -> Point:
        signs = self.patterns[index]
        return self.make(
            {
                symbol: self.draw(ORDINARY, sign, self.layout_random)
                for symbol, sign in zip(self.active, signs, strict=True)
            }
        )

    def scale_point(self, index: int) -> Point:
        """Variable index // 2 tiny (even index) or huge (odd), the others ordinary."""
        rng = self.layout_random
        values = {other: self.draw(ORDINARY, rng=rng) for other in self.active}
        values[self.active[index // 2]] = self.draw(HUGE if index % 2 else TINY, rng=rng)
        return self.make(values)

    def extreme_point(self) -> Point:
        rng = self.layout_random
        return self.make({s: self.draw(rng.choice(EXTREME), rng=rng) for s in self.active})

    def kink_points(self) -> list[Point]:
        points: list[Point] = []
        for kink in self.kinks():
            g = kink.g
            variables = [s for s in self.active if s in g.free_symbols]
            if len(variables) > VARIABLES_PER_KINK:
                variables = self.random.sample(variables, VARIABLES_PER_KINK)
            # With one variable to solve for, cross the kink from two different places.
            for variable in variables * (2 if len(variables) == 1 else 1):
                base = self.make({s: self.draw(ORDINARY) for s in self.active})
                points.extend(kink.points_beside(base, variable, self.random))
        return [point for point in points if self.allowed(point)]

    def allowed(self, point: Point) -> bool:
        """False for a point outside the plan's region (a negative value when positive)."""
        return not self.positive or all(value > 0 for value in point.values())

    def add_edge_points(self) -> None:
        """Queue points around where the expected expression's domain may end: for a
        comparison whose points find it almost nowhere defined (asin(x - 10^6)). Refilled
        when used up, unless the first batch found no edge at all."""
        if self.edge_queue or (self.edges_added and not self.edges_found):
            return
        self.edges_added = True
        with mpmath.workdps(KINK_PRECISION):
            for g in domain_edges(self.sources[0]):
                edge = Kink(g)
                for variable in [s for s in self.active if s in g.free_symbols][:2]:
                    base = self.make({s: self.draw(ORDINARY) for s in self.active})
                    around = edge.points_around(base, variable, self.random, EDGE_POINTS)
                    self.edge_queue.extend(p for p in around if self.allowed(p))
        self.edges_found = bool(self.edge_queue)

    def kinks(self) -> list[Kink]:
        """The kinks of either expression, found once (solving them is separate)."""
        if self.kinks_found is None:
            self.kinks_found = [Kink(g) for g in kink_arguments(self.sources)]
        return self.kinks_found

    def on_kink(self, point: Point) -> bool:
        """True when ``point`` lies exactly on a kink (where conventions like step(0) differ)."""
        return any(kink.at(point) == 0 for kink in self.kinks())
