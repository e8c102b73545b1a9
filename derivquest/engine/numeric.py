"""Evaluate a SymPy expression at a point with mpmath, over the reals, at a chosen precision.

The tree is compiled once into Python closures (no source text, no ``lambdify``), then run
at many points. A value that is complex, infinite or outside a function's domain raises
``Undefined``. Each run also records where precision is lost, and the caller turns it into an
error bound: the largest term inside any sum (cancellation) and the largest condition number
of any function or power (sin of 10^12 keeps only the digits beyond the twelfth). A point
that needs more digits than the sample carries (cos of x·e^x at x = 50) raises ``Imprecise``
before mpmath starts: the value exists but cannot be known there, so the point is unusable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.realfunctions import (
    SQUARE_ROOT,
    UNARY,
    Imprecise,
    RealUnary,
    Undefined,
    condition_limit,
    real,
)

__all__ = [
    "Imprecise",
    "Node",
    "Run",
    "Undefined",
    "compile_expression",
    "evaluate_at",
    "evaluate_precisely",
]

MAX_DIGITS = 320
"""The most digits ``evaluate_precisely`` raises the precision to."""


@dataclass
class Run:
    """The state of one evaluation: the point, and the precision lost so far."""

    point: Mapping[sympy.Symbol, mpf]
    scale: mpf = field(default_factory=lambda: mpf(0))
    """The largest term magnitude inside any sum."""
    amplification: float = 0.0
    """The largest condition number of any function or power met."""
    noisy: bool = False
    """A sum cancelled down to rounding noise (1 - σ(1000) is 0 at 40 digits): a domain error
    after that may be the noise's fault, so it makes the point unusable, not undefined."""

    def amplify(self, condition: float) -> None:
        """Record a condition number; refuse one beyond what the precision can carry."""
        if condition > self.amplification:
            if condition > condition_limit():
                raise Imprecise("needs more digits than the sample carries")
            self.amplification = condition


Node = Callable[[Run], mpf]


def compile_expression(expr: sympy.Expr) -> Node:
    """Return a closure that evaluates ``expr`` at the point of a ``Run``."""
    if expr.is_Symbol:
        return _compile_symbol(expr)
    if expr.is_Rational:
        p, q = int(expr.p), int(expr.q)
        return lambda run: mpf(p) / q
    if expr is sympy.pi:
        return lambda run: +mpmath.pi
    if expr is sympy.E:
        return lambda run: mpmath.e + 0
    if expr.is_Float:
        value = str(expr)
        return lambda run: mpf(value)
    if expr.is_Add:
        return _compile_add([compile_expression(arg) for arg in expr.args])
    if expr.is_Mul:
        return _compile_mul([compile_expression(arg) for arg in expr.args])
    if expr.is_Pow:
        return _compile_pow(expr)
    if isinstance(expr, sympy.Heaviside):
        return _compile_step(expr)
    function = UNARY.get(type(expr)) if len(expr.args) == 1 else None
    if function is not None:
        return _compile_unary(function, compile_expression(expr.args[0]))
    if isinstance(expr, (sympy.Max, sympy.Min)):
        parts = [compile_expression(arg) for arg in expr.args]
        pick = max if isinstance(expr, sympy.Max) else min
        return lambda run: pick(part(run) for part in parts)
    return _compile_fallback(expr)


def _compile_symbol(symbol: sympy.Symbol) -> Node:
    def lookup(run: Run) -> mpf:
        value = run.point.get(symbol)
        if value is None:
            # A caller comparing with an expression in more variables than its points carry
            # (a mistake candidate built from the whole function) gets "no value", not a crash.
            raise Undefined(f"no value for {symbol}")
        return value

    return lookup


def _compile_unary(function: RealUnary, inner: Node) -> Node:
    def apply(run: Run) -> mpf:
        value, condition = function(inner(run))
        if condition:
            run.amplify(condition)
        return value

    return apply


def _compile_step(expr: sympy.Expr) -> Node:
    """SymPy's Heaviside carries its value at 0 as a second argument (1/2 by default)."""
    inner = compile_expression(expr.args[0])
    at_zero = expr.args[1] if len(expr.args) > 1 else sympy.S.Half
    if not at_zero.is_Rational:
        return _compile_fallback(expr)
    middle = mpf(int(at_zero.p)) / int(at_zero.q)

    def step(run: Run) -> mpf:
        value = inner(run)
        if value == 0:
            return middle
        return mpf(1) if value > 0 else mpf(0)

    return step


NOISE_BITS = 16
"""A sum that keeps fewer than this many bits (about five digits) is rounding noise."""


def _compile_add(terms: list[Node]) -> Node:
    def add(run: Run) -> mpf:
        values = [term(run) for term in terms]
        largest = max(abs(value) for value in values)
        if largest > run.scale:
            run.scale = largest
        total = real(mpmath.fsum(values))
        if not run.noisy and largest:
            # Compare binary exponents: cheaper than any mpf arithmetic.
            run.noisy = not total or _bits(total) < _bits(largest) - mpmath.mp.prec + NOISE_BITS
        return total

    return add


def _compile_mul(factors: list[Node]) -> Node:
    def multiply(run: Run) -> mpf:
        product = factors[0](run)
        for factor in factors[1:]:
            product *= factor(run)
        return real(product)

    return multiply


def _compile_pow(expr: sympy.Expr) -> Node:
    base = compile_expression(expr.base)
    exponent = expr.exp
    if exponent.is_Integer:
        power = int(exponent)
        condition = float(abs(power))

        def integer_power(run: Run) -> mpf:
            value = base(run)
            if value == 0 and power < 0:
                raise Undefined("division by zero")
            run.amplify(condition)
            return real(value**power)

        return integer_power
    if exponent == sympy.S.Half:
        return _compile_unary(SQUARE_ROOT, base)
    top = compile_expression(exponent)

    def real_power(run: Run) -> mpf:
        value = base(run)
        power = top(run)
        # Over the reals, a negative base has no non-integer power (SymPy agrees: principal
        # roots of negatives are complex).
        if value < 0 or (value == 0 and power <= 0):
            raise Undefined("power of a negative number")
        if value != 0:
            # Errors in the base are magnified by |p|, errors in the exponent by |p ln b|
            # (mag is about log2 |b|, read off the exponent without computing a logarithm).
            run.amplify(abs(float(power)) * (1 + abs(mpmath.mag(value))))
        return real(mpmath.power(value, power))

    return real_power


def _compile_fallback(expr: sympy.Expr) -> Node:
    """Anything without a fast path goes through SymPy's own numeric evaluation."""
    symbols = sorted(expr.free_symbols, key=str)

    def evaluate(run: Run) -> mpf:
        substitutions = {
            symbol: sympy.Float(str(run.point[symbol]), mpmath.mp.dps) for symbol in symbols
        }
        value = expr.evalf(mpmath.mp.dps, subs=substitutions)
        if not value.is_real or not value.is_finite:
            raise Undefined("no real value")
        return real(mpf(str(value)))

    return evaluate


def _bits(value: mpf) -> int:
    """The binary exponent of a non-zero value: |value| is about 2^bits."""
    _, _, exponent, length = value._mpf_
    return int(exponent + length)


def evaluate_at(node: Node, point: Mapping[sympy.Symbol, mpf]) -> tuple[mpf, mpf]:
    """Run a compiled expression; return (value, error scale). Raises ``Undefined``.

    The error scale is a magnitude such that the value is accurate to about
    ``scale × 10^-precision``: the largest cancelling term times the largest condition number.
    """
    run = Run(point)
    try:
        value = node(run)
    except Imprecise:
        raise
    except (Undefined, ZeroDivisionError, ValueError, OverflowError) as error:
        if run.noisy:
            raise Imprecise(f"{error} after a sum cancelled to rounding noise") from None
        raise Undefined(str(error)) from None
    return value, max(run.scale, abs(value)) * (1 + run.amplification)


def evaluate_precisely(node: Node, point: Mapping[sympy.Symbol, mpf]) -> tuple[mpf, mpf]:
    """``evaluate_at``, with the precision doubled (up to ``MAX_DIGITS``) while the point needs
    more digits: for a single value (a numeric answer, ``evaluate``), where no other point can
    stand in for an unusable one. Raises ``Imprecise`` beyond that, ``Undefined`` as usual."""
    digits = int(mpmath.mp.dps)
    while True:
        try:
            with mpmath.workdps(digits):
                value, scale = evaluate_at(node, point)
            return +value, scale
        except Imprecise:
            if digits >= MAX_DIGITS:
                raise
            digits = min(2 * digits, MAX_DIGITS)
