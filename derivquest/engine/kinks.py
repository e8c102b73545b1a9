"""Where piecewise functions switch, and sample points on both sides of each switch.

A kink is a surface g = 0 where |g|, sign(g), step(g), relu(g), max or min changes formula.
Random points rarely land near a kink far from the origin (``relu(x - 10^7)``) or on the
thin side of one (``|x - y|`` needs x and y close), so for every kink of either expression
we fix the other variables at random, solve g = 0 for one variable numerically, and sample
just beside the root on each side.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.mlfunctions import relu
from derivquest.engine.numeric import Node, Undefined, compile_expression, evaluate_at

Point = dict[sympy.Symbol, mpf]

MAX_KINKS = 6
"""Kink surfaces sampled per comparison; more would cost time on every check."""

VARIABLES_PER_KINK = 2
"""Variables solved for per kink surface (|x - y| is crossed along x and along y)."""

SWITCHING = (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.DiracDelta, relu)
"""Functions whose first argument changing sign changes the formula."""

SCAN = [-(mpf(10) ** k) for k in range(12, -10, -1)] + [mpf(10) ** k for k in range(-9, 13)]
"""Values tried, in increasing order, when a kink is not linear in the variable solved for."""

BISECTIONS = 40
"""Halvings of a bracketing interval: 2^-40 is far below the offsets sampled beside it."""


def kink_arguments(expressions: Iterable[sympy.Expr]) -> list[sympy.Expr]:
    """Return the distinct non-constant g of every kink g = 0, at most ``MAX_KINKS``."""
    found: set[sympy.Expr] = set()
    for expr in expressions:
        for node in sympy.preorder_traversal(expr):
            if isinstance(node, SWITCHING):
                found.add(_canonical(node.args[0]))
            elif isinstance(node, (sympy.Max, sympy.Min)):
                arguments = node.args
                for index, first in enumerate(arguments):
                    for second in arguments[index + 1 :]:
                        found.add(_canonical(first - second))
    varying = [g for g in found if g.free_symbols]
    return sorted(varying, key=sympy.default_sort_key)[:MAX_KINKS]


def domain_edges(expr: sympy.Expr) -> list[sympy.Expr]:
    """Return the distinct g of the surfaces g = 0 where ``expr``'s domain may end: the
    arguments of roots and logarithms, and u - 1, u + 1 for arcsin u and its kin."""
    found: set[sympy.Expr] = set()
    for node in sympy.preorder_traversal(expr):
        if node.is_Pow and not node.exp.is_Integer:
            found.add(_canonical(node.base))
        elif isinstance(node, sympy.log):
            found.add(_canonical(node.args[0]))
        elif isinstance(node, (sympy.asin, sympy.acos, sympy.atanh, sympy.asec, sympy.acsc)):
            found.update({_canonical(node.args[0] - 1), _canonical(node.args[0] + 1)})
        elif isinstance(node, sympy.acosh):
            found.add(_canonical(node.args[0] - 1))
    varying = [g for g in found if g.free_symbols]
    return sorted(varying, key=sympy.default_sort_key)[:MAX_KINKS]


def _canonical(g: sympy.Expr) -> sympy.Expr:
    """g and -g are the same surface."""
    return -g if g.could_extract_minus_sign() else g


class Kink:
    """One kink surface g = 0 and a way to find points on it."""

    def __init__(self, g: sympy.Expr) -> None:
        self.g = g
        self.node: Node = compile_expression(g)

    def points_beside(self, base: Point, variable: sympy.Symbol, rng: random.Random) -> list[Point]:
        """Solve g = 0 for ``variable`` with the others as in ``base``; return a point just
        on each side of the root (none if g has no root along that line)."""
        root = self.root(base, variable, rng)
        if root is None:
            return []
        size = abs(root)
        if size < mpf(10) ** -12:
            offset = mpf(10) ** rng.uniform(-6, -2)
        else:
            offset = size * mpf(10) ** rng.uniform(-4, -1)
        return [{**base, variable: root + offset}, {**base, variable: root - offset}]

    def points_around(
        self, base: Point, variable: sympy.Symbol, rng: random.Random, each_side: int
    ) -> list[Point]:
        """Points on each side of the root along ``variable``, from very near it to ten
        times its size away: for a domain that begins at the root (sqrt(x - 10^13))."""
        root = self.root(base, variable, rng)
        if root is None:
            return []
        top = float(mpmath.log10(max(abs(root), mpf(1)))) + 1
        return [
            {**base, variable: root + side * mpf(10) ** rng.uniform(-9, top)}
            for side in (1, -1)
            for _ in range(each_side)
        ]

    def root(self, base: Point, variable: sympy.Symbol, rng: random.Random) -> mpf | None:
        """A root of g along ``variable``: one secant step (exact when g is linear in it),
        else a sign change on a logarithmic scan, refined by bisection."""
        first = base[variable]
        second = first + 1 + abs(first)
        g_first, g_second = self.value(base, variable, first), self.value(base, variable, second)
        if g_first is not None and g_second is not None and g_first != g_second:
            guess = first - g_first * (second - first) / (g_second - g_first)
            at_guess = self.value(base, variable, guess)
            size = abs(g_first) + abs(g_second)
            if at_guess is not None and abs(at_guess) <= size * mpf(10) ** -20:
                return guess if abs(guess) < mpf(10) ** 30 else None
        return self.scan(base, variable, rng)

    def scan(self, base: Point, variable: sympy.Symbol, rng: random.Random) -> mpf | None:
        values = [(v, self.value(base, variable, v)) for v in SCAN]
        brackets = [
            (low, high)
            for (low, g_low), (high, g_high) in zip(values, values[1:], strict=False)
            if g_low is not None and g_high is not None and (g_low > 0) != (g_high > 0)
        ]
        if not brackets:
            return None
        low, high = rng.choice(brackets)
        g_low = self.value(base, variable, low)
        for _ in range(BISECTIONS):
            same_sign = low * high > 0
            middle = mpmath.sqrt(low * high) * (1 if low > 0 else -1) if same_sign else 0
            if middle in (low, high):
                middle = (low + high) / 2
            g_middle = self.value(base, variable, middle)
            if g_middle is None:
                return None
            if g_low is not None and (g_middle > 0) == (g_low > 0):
                low, g_low = middle, g_middle
            else:
                high = middle
        return (low + high) / 2

    def value(self, base: Point, variable: sympy.Symbol, at: mpf) -> mpf | None:
        """g at ``base`` with ``variable`` moved to ``at``; None where g is undefined."""
        return self.at({**base, variable: at})

    def at(self, point: Point) -> mpf | None:
        """g at ``point``; None where g is undefined."""
        try:
            value, _ = evaluate_at(self.node, point)
        except Undefined:
            return None
        return value
