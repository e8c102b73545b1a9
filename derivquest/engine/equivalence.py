"""Decide whether two expressions are equal over the reals, on the expected one's domain.

Two kinds of evidence, so that neither alone can produce a wrong verdict:

- exact: identical trees prove equality at once; when sampling cannot bound its rounding
  error (heavy cancellation), a bounded ``expand``/``cancel``/``simplify`` of the difference
  may still prove it (a failed proof is never taken as a difference);
- sampled: both sides are evaluated at 40 significant digits at seeded points that treat
  every variable on its own (every sign combination, 1e-9 to 1e12, both sides of every kink:
  see ``sampling``). A point where they differ beyond the error bound is re-checked at 80 and
  100 digits, where the rounding error is measured; a confirmed difference proves inequality
  (so ``2.718^x`` is not ``e^x``). Agreement at ten points where the error bound is tight,
  once every mandatory point has been visited, means equal.

Points where the expected expression is undefined are skipped (its natural domain); a point
where only the answer is undefined counts against it (``2 ln x`` is not ``ln(x^2)``). When the
expected expression is undefined on a whole sign pattern of its variables (√(xy), ln(xy)),
the question is about positive quantities and only positive points are sampled (``domain``);
an answer equal there but not elsewhere is equal, and the comparison says where it differs. A point
that needs more digits than the sample carries (``Imprecise``) is skipped on either side.
Removable singularities are never sampled exactly, so ``(x^2-1)/(x-1)`` equals ``x+1``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.domain import SignPattern, positive_only
from derivquest.engine.expected_values import SKIP, known_values, shape
from derivquest.engine.mlfunctions import to_elementary
from derivquest.engine.numeric import (
    Imprecise,
    Undefined,
    compile_expression,
    evaluate_at,
)
from derivquest.engine.sampling import PointPlan

Equality = Literal["equal", "different", "unknown"]

PRECISION = 40
"""Significant digits for sampling; a disagreement is confirmed at twice this."""

POINTS_WANTED = 10
"""Points with a tight agreement needed to call two expressions equal."""

MAX_ATTEMPTS = 150
"""Random points tried after the mandatory ones before giving up on finding enough in the
domain (each point outside it costs one evaluation of the expected expression)."""

CONFIRM_EXTRA_DIGITS = 20
"""A confirmed difference compares values at 2P and 2P + 20 digits to measure the error."""

WITNESS_DIGITS = 6
"""Significant digits a witness coordinate is rounded to at most (the verdict shows six)."""

CONFIRM_MARGIN = 1000
"""A difference counts only when it is this many times the measured rounding error."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing two expressions."""

    outcome: Equality
    witness: dict[str, float] | None = None
    """For ``different``: a point where the two expressions differ. For ``equal`` under the
    positive-only rule: a point with a negative variable where they differ, if one was found."""
    positive_only: SignPattern | None = None
    """Set when only positive points were judged: a sign pattern the expected expression is
    undefined on throughout (the reason)."""


def compare(
    expected: sympy.Expr, answer: sympy.Expr, symbols: Sequence[sympy.Symbol]
) -> Comparison:
    """Compare ``answer`` with ``expected`` as real functions of ``symbols``."""
    if expected == answer:
        return Comparison("equal")
    region = positive_only(expected)
    if region is not None:
        return _compare_positive(expected, answer, symbols, region)
    sampled = Sampler(expected, answer, symbols).run()
    if sampled.outcome != "unknown":
        return sampled
    # Sampling could not get a tight bound (heavy cancellation, e.g. sin²x + cos²x - 1 vs 0):
    # only then pay for symbolic simplification.
    if _symbolically_zero(to_elementary(expected - answer)):
        return Comparison("equal")
    return sampled


def _compare_positive(
    expected: sympy.Expr,
    answer: sympy.Expr,
    symbols: Sequence[sympy.Symbol],
    region: SignPattern,
) -> Comparison:
    """The positive-only rule: judged on positive points; an equal answer is also compared
    on the whole domain, so the verdict can say it differs elsewhere."""
    sampled = Sampler(expected, answer, symbols, positive=True).run()
    if sampled.outcome == "different":
        return sampled
    if sampled.outcome == "unknown":
        if not _symbolically_zero(to_elementary(expected - answer)):
            return sampled
    everywhere = Sampler(expected, answer, symbols).run()
    elsewhere = everywhere.witness if everywhere.outcome == "different" else None
    return Comparison("equal", witness=elsewhere, positive_only=region)


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
        self,
        expected: sympy.Expr,
        answer: sympy.Expr,
        symbols: Sequence[sympy.Symbol],
        positive: bool = False,
    ) -> None:
        self.answer = compile_expression(answer)
        self.symbols = sorted(set(symbols) | expected.free_symbols | answer.free_symbols, key=str)
        seed = hashlib.sha256(f"{shape(expected)}|{shape(answer)}".encode())
        used = expected.free_symbols | answer.free_symbols
        active = tuple(symbol for symbol in self.symbols if symbol in used)
        self.known = known_values(expected, tuple(self.symbols), active, positive)
        """The expected expression's values at the mandatory points, shared by every answer."""
        self.expected = self.known.node
        self.plan = PointPlan(
            (expected, answer),
            self.symbols,
            random.Random(seed.digest()),
            positive,
            random.Random(self.known.seed),
        )

    def run(self) -> Comparison:
        tight = 0
        loose = 0
        attempt = 0
        with mpmath.workdps(PRECISION):
            while attempt < len(self.plan.layout) or attempt < self.plan.total(MAX_ATTEMPTS):
                point = self.point(attempt)
                known = attempt < len(self.plan.layout)
                verdict = self.check_point(point, PRECISION, attempt if known else None)
                if verdict == "different":
                    verdict = self.confirm(point)
                    if verdict == "different":
                        return Comparison("different", witness=self.describe(point))
                if verdict == "tight":
                    tight += 1
                elif verdict == "loose":
                    loose += 1
                if tight >= POINTS_WANTED and self.plan.past_mandatory(attempt):
                    return Comparison("equal")
                if tight + loose < POINTS_WANTED and self.plan.past_mandatory(attempt):
                    # The expected expression is defined almost nowhere we looked (sqrt of
                    # x - 10^13): look around where its domain begins.
                    self.plan.add_edge_points()
                if not self.symbols:
                    break
                attempt += 1
        if tight >= 1 and loose == 0 and not self.symbols:
            return Comparison("equal")
        return Comparison("unknown")

    def point(self, attempt: int) -> dict[sympy.Symbol, mpf]:
        """The ``attempt``-th sample point (the mistake finder shares them)."""
        return self.plan.point(attempt)

    def check_point(
        self, point: dict[sympy.Symbol, mpf], digits: int, layout_index: int | None = None
    ) -> str:
        """Return 'skip' (outside the domain, or unusable), 'tight', 'loose' or 'different'.

        ``layout_index`` names a mandatory point, whose expected value (at the sampling
        precision) is kept per question.
        """
        with mpmath.workdps(digits):
            found = self.known.values.get(layout_index) if layout_index is not None else None
            if found is None:
                try:
                    found = evaluate_at(self.expected, point)
                except Undefined:
                    found = SKIP
                if layout_index is not None:
                    self.known.values[layout_index] = found
            if found is SKIP:
                return "skip"
            expected, expected_scale = found
            try:
                answer, answer_scale = evaluate_at(self.answer, point)
            except Imprecise:
                return "skip"
            except Undefined:
                return "different"
            size = max(abs(expected), abs(answer))
            bound = _epsilon(digits) * (size + max(expected_scale, answer_scale))
            if abs(expected - answer) > bound:
                return "different"
            # Tight when rounding could not hide a relative difference above 1e-20.
            if expected == answer or bound <= size * TIGHT:
                return "tight"
            return "loose"

    def confirm(self, point: dict[sympy.Symbol, mpf]) -> str:
        """Re-check a difference at twice the precision, and measure the rounding error
        there instead of trusting the estimate: the values at 2P and 2P + 20 digits differ
        by about the error at 2P. Returns 'different', 'loose' or 'skip'.

        The values at 2P serve both the re-check and the measurement (each evaluation at
        these precisions is costly, and a wrong answer's witness is confirmed several times).
        """
        digits = 2 * PRECISION
        with mpmath.workdps(digits):
            try:
                expected, expected_scale = evaluate_at(self.expected, point)
            except Undefined:
                return "loose"  # not 'different' at 2P
            try:
                answer: mpf | None
                answer, answer_scale = evaluate_at(self.answer, point)
            except Imprecise:
                return "loose"
            except Undefined:
                answer, answer_scale = None, mpf(0)
            if answer is not None:
                size = max(abs(expected), abs(answer))
                bound = _epsilon(digits) * (size + max(expected_scale, answer_scale))
                if abs(expected - answer) <= bound:
                    return "loose"
        with mpmath.workdps(digits + CONFIRM_EXTRA_DIGITS):
            try:
                finer_expected, _ = evaluate_at(self.expected, point)
            except Undefined:
                return "skip"
            try:
                finer_answer: mpf | None = evaluate_at(self.answer, point)[0]
            except Imprecise:
                return "skip"
            except Undefined:
                finer_answer = None
        if answer is None or finer_answer is None:
            return "different" if answer is None and finer_answer is None else "loose"
        with mpmath.workdps(digits + CONFIRM_EXTRA_DIGITS):
            error = abs(expected - finer_expected) + abs(answer - finer_answer)
            if abs(finer_expected - finer_answer) > CONFIRM_MARGIN * error:
                return "different"
        return "loose"

    def describe(self, point: dict[sympy.Symbol, mpf]) -> dict[str, float]:
        """The witness to show: the point with its coordinates rounded to as few significant
        digits as still show the same kind of difference (``x = 3`` reads better than
        ``x = 2.9817``), never a rounded point that lands exactly on a kink."""
        undefined = self.answer_undefined(point)
        for digits in range(1, WITNESS_DIGITS + 1):
            rounded = {symbol: float(f"{float(v):.{digits}g}") for symbol, v in point.items()}
            candidate = witness_point(rounded)
            if (
                not self.plan.on_kink(candidate)
                and self.answer_undefined(candidate) == undefined
                and self.check_point(candidate, PRECISION) == "different"
                and self.confirm(candidate) == "different"
            ):
                return {str(symbol): value for symbol, value in rounded.items()}
        return self._nearest_float_point(point)

    def _nearest_float_point(self, point: dict[sympy.Symbol, mpf]) -> dict[str, float]:
        """The point in float64 (what a witness carries), moved by a few ulps when rounding
        lands it where the difference is not shown (on a domain edge such as x = 10^14 for
        ln(x - 10^14))."""
        floats = {symbol: float(value) for symbol, value in point.items()}
        for _ in range(WITNESS_NUDGES):
            candidate = witness_point(floats)
            if self.check_point(candidate, PRECISION) == "different":
                break
            floats = {
                symbol: math.nextafter(value, math.inf if point[symbol] > value else -math.inf)
                for symbol, value in floats.items()
            }
        return {str(symbol): value for symbol, value in floats.items()}

    def answer_undefined(self, point: dict[sympy.Symbol, mpf]) -> bool:
        try:
            evaluate_at(self.answer, point)
        except Imprecise:
            return False
        except Undefined:
            return True
        return False


def witness_point(values: Mapping[Any, float]) -> dict[Any, mpf]:
    """A witness's coordinates as the decimals shown (0.2, not the binary float nearest it),
    at the current precision: the verdict's message and the check must see the same point."""
    return {key: mpf(repr(value)) for key, value in values.items()}


WITNESS_NUDGES = 64
"""How many ulps a rounded witness may move to keep showing the difference."""

TIGHT = mpf(10) ** -20
"""The relative error bound below which a point's agreement counts as evidence."""


@functools.cache
def _epsilon(digits: int) -> mpf:
    """The relative rounding error assumed at ``digits``, with ten digits to spare."""
    return mpf(10) ** (-(digits - 10))
