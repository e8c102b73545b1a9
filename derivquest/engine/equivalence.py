"""Decide whether two expressions are equal over the reals, on the expected one's domain.

Two kinds of evidence, so that neither alone can produce a wrong verdict:

- exact: identical trees prove equality at once; when sampling cannot bound its rounding
  error (heavy cancellation), a bounded ``expand``/``cancel``/``simplify`` of the difference
  may still prove it (a failed proof is never taken as a difference);
- sampled: both sides are evaluated at seeded random points (both signs, magnitudes from
  1e-3 to 1e6) at 40 significant digits. A point where they differ beyond the error bound is
  re-checked at twice the precision; a confirmed difference proves inequality (so ``2.718^x``
  is not ``e^x``). Agreement at many points where the error bound is tight means equal.

Points where the expected expression is undefined are skipped (its natural domain); a point
where only the answer is undefined counts against it (``2 ln x`` is not ``ln(x^2)``).
Removable singularities are never sampled exactly, so ``(x^2-1)/(x-1)`` equals ``x+1``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.mlfunctions import to_elementary
from derivquest.engine.numeric import Undefined, compile_expression, evaluate_at

Equality = Literal["equal", "different", "unknown"]

PRECISION = 40
"""Significant digits for sampling; a disagreement is confirmed at twice this."""

POINTS_WANTED = 10
"""Points with a tight agreement needed to call two expressions equal."""

MAX_ATTEMPTS = 80
"""Random points tried before giving up on finding enough in the domain."""

MAGNITUDE_BANDS = (
    (0, 1),
    (-1, 0),
    (2, 4),
    (0, 1),
    (-2, 0),
    (1, 2),
    (4, 6),
    (0, 1),
    (1, 2),
    (-3, -2),
    (2, 4),
)
"""log10 ranges that points cycle through, weighted towards ordinary sizes.

Signs alternate with each point; an odd number of bands makes every band meet both signs on
successive rounds, and the large bands sit on positive slots in the first round, so a
difference that only shows for large x (``abs(x-500)`` vs ``500-x``) is found early."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing two expressions."""

    outcome: Equality
    witness: dict[str, float] | None = None
    """For ``different``: a point where the two expressions differ."""


def compare(
    expected: sympy.Expr, answer: sympy.Expr, symbols: Sequence[sympy.Symbol]
) -> Comparison:
    """Compare ``answer`` with ``expected`` as real functions of ``symbols``."""
    if expected == answer:
        return Comparison("equal")
    sampled = Sampler(expected, answer, symbols).run()
    if sampled.outcome != "unknown":
        return sampled
    # Sampling could not get a tight bound (heavy cancellation, e.g. sin²x + cos²x - 1 vs 0):
    # only then pay for symbolic simplification.
    if _symbolically_zero(to_elementary(expected - answer)):
        return Comparison("equal")
    return sampled


def _symbolically_zero(difference: sympy.Expr) -> bool:
    """Try exact simplification of a difference; False means 'not proven', not 'different'."""
    if difference == 0:
        return True
    if _cheap_to_expand(difference) and sympy.cancel(sympy.expand(difference)) == 0:
        return True
    if sympy.count_ops(difference) > 200:
        return False
    return bool(sympy.simplify(difference) == 0)


def _cheap_to_expand(expr: sympy.Expr) -> bool:
    """Expansion is only safe for small expressions with small integer powers."""
    if sympy.count_ops(expr) > 60:
        return False
    for power in expr.atoms(sympy.Pow):
        exponent = power.exp
        if not exponent.is_Integer or abs(int(exponent)) > 12:
            return False
    return True


class Sampler:
    """Random-point comparison with error bounds, seeded by the two expressions."""

    def __init__(
        self, expected: sympy.Expr, answer: sympy.Expr, symbols: Sequence[sympy.Symbol]
    ) -> None:
        self.expected = compile_expression(expected)
        self.answer = compile_expression(answer)
        self.symbols = sorted(set(symbols) | expected.free_symbols | answer.free_symbols, key=str)
        seed = hashlib.sha256(f"{expected}|{answer}".encode()).digest()
        self.random = random.Random(seed)

    def run(self) -> Comparison:
        tight = 0
        loose = 0
        with mpmath.workdps(PRECISION):
            for attempt in range(MAX_ATTEMPTS):
                point = self.point(attempt)
                verdict = self.check_point(point, PRECISION)
                if verdict == "skip":
                    continue
                if verdict == "different":
                    if self.check_point(point, 2 * PRECISION) == "different":
                        return Comparison("different", witness=self.describe(point))
                    loose += 1
                elif verdict == "tight":
                    tight += 1
                else:
                    loose += 1
                if tight >= POINTS_WANTED:
                    return Comparison("equal")
                if not self.symbols:
                    break
        if tight >= 1 and loose == 0 and not self.symbols:
            return Comparison("equal")
        return Comparison("unknown")

    def point(self, attempt: int) -> dict[sympy.Symbol, mpf]:
        point: dict[sympy.Symbol, mpf] = {}
        for index, symbol in enumerate(self.symbols):
            low, high = MAGNITUDE_BANDS[(attempt + 3 * index) % len(MAGNITUDE_BANDS)]
            magnitude = 10 ** self.random.uniform(low, high)
            sign = -1 if (attempt + index) % 2 else 1
            point[symbol] = mpf(sign * magnitude)
        return point

    def check_point(self, point: dict[sympy.Symbol, mpf], digits: int) -> str:
        """Return 'skip' (outside the domain), 'tight', 'loose' or 'different'."""
        with mpmath.workdps(digits):
            try:
                expected, expected_scale = evaluate_at(self.expected, point)
            except Undefined:
                return "skip"
            try:
                answer, answer_scale = evaluate_at(self.answer, point)
            except Undefined:
                return "different"
            epsilon = mpf(10) ** (-(digits - 10))
            size = max(abs(expected), abs(answer))
            bound = epsilon * (size + max(expected_scale, answer_scale))
            if abs(expected - answer) > bound:
                return "different"
            # Tight when rounding could not hide a relative difference above 1e-20.
            if expected == answer or bound <= size * mpf(10) ** -20:
                return "tight"
            return "loose"

    def describe(self, point: dict[sympy.Symbol, mpf]) -> dict[str, float]:
        return {str(symbol): float(value) for symbol, value in point.items()}
