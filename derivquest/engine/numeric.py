"""Evaluate a SymPy expression at a point with mpmath, over the reals, at a chosen precision.

The tree is compiled once into Python closures (no source text, no ``lambdify``), then run
at many points. A value that is complex, infinite or outside a function's domain raises
``Undefined``. Each run also records the largest term magnitude inside any sum, because
cancellation in a sum is where precision is lost: the caller turns it into an error bound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import mpmath
import sympy
from mpmath import mpc, mpf

from derivquest.engine.mlfunctions import relu, sigmoid, softplus


class Undefined(ArithmeticError):
    """The expression has no real value at this point."""


@dataclass
class Run:
    """The state of one evaluation: the point and the cancellation scale seen so far."""

    point: Mapping[sympy.Symbol, mpf]
    scale: mpf = field(default_factory=lambda: mpf(0))


Node = Callable[[Run], mpf]


def _real(value: object) -> mpf:
    """Accept a finite real result; anything complex, infinite or NaN is undefined."""
    if isinstance(value, mpc):
        if value.imag != 0 and abs(value.imag) > abs(value.real) * mpf(10) ** (-mpmath.mp.dps + 5):
            raise Undefined("complex value")
        value = value.real
    if not isinstance(value, mpf):
        value = mpf(value)
    if not mpmath.isfinite(value):
        raise Undefined("infinite value")
    return value


def _guard(
    function: Callable[[mpf], object], domain: Callable[[mpf], bool] | None = None
) -> Callable[[mpf], mpf]:
    def apply(value: mpf) -> mpf:
        if domain is not None and not domain(value):
            raise Undefined("outside the domain")
        try:
            return _real(function(value))
        except (ZeroDivisionError, ValueError, OverflowError) as error:
            raise Undefined(str(error)) from None

    return apply


def _step(value: mpf) -> mpf:
    if value == 0:
        return mpf(1) / 2
    return mpf(1) if value > 0 else mpf(0)


def _delta(value: mpf) -> mpf:
    if value == 0:
        raise Undefined("Dirac delta at 0")
    return mpf(0)


UNARY: dict[type, Callable[[mpf], mpf]] = {
    sympy.exp: _guard(mpmath.exp),
    sympy.log: _guard(mpmath.log, lambda v: v > 0),
    sympy.sin: _guard(mpmath.sin),
    sympy.cos: _guard(mpmath.cos),
    sympy.tan: _guard(mpmath.tan),
    sympy.sec: _guard(mpmath.sec),
    sympy.csc: _guard(mpmath.csc),
    sympy.cot: _guard(mpmath.cot),
    sympy.asin: _guard(mpmath.asin, lambda v: abs(v) <= 1),
    sympy.acos: _guard(mpmath.acos, lambda v: abs(v) <= 1),
    sympy.atan: _guard(mpmath.atan),
    sympy.asec: _guard(mpmath.asec, lambda v: abs(v) >= 1),
    sympy.acsc: _guard(mpmath.acsc, lambda v: abs(v) >= 1),
    sympy.acot: _guard(mpmath.acot),
    sympy.sinh: _guard(mpmath.sinh),
    sympy.cosh: _guard(mpmath.cosh),
    sympy.tanh: _guard(mpmath.tanh),
    sympy.sech: _guard(mpmath.sech),
    sympy.csch: _guard(mpmath.csch),
    sympy.coth: _guard(mpmath.coth),
    sympy.asinh: _guard(mpmath.asinh),
    sympy.acosh: _guard(mpmath.acosh, lambda v: v >= 1),
    sympy.atanh: _guard(mpmath.atanh, lambda v: abs(v) < 1),
    sympy.Abs: _guard(mpmath.fabs),
    sympy.sign: _guard(mpmath.sign),
    sympy.Heaviside: _guard(_step),
    sympy.DiracDelta: _guard(_delta),
    sigmoid: _guard(lambda v: 1 / (1 + mpmath.exp(-v))),
    relu: _guard(lambda v: max(mpf(0), v)),
    softplus: _guard(lambda v: mpmath.log(1 + mpmath.exp(v))),
}
"""Functions of one argument and their real-valued mpmath counterparts."""


def compile_expression(expr: sympy.Expr) -> Node:
    """Return a closure that evaluates ``expr`` at the point of a ``Run``."""
    if expr.is_Symbol:
        symbol = expr
        return lambda run: run.point[symbol]
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
    function = UNARY.get(type(expr)) if len(expr.args) == 1 else None
    if function is not None:
        inner = compile_expression(expr.args[0])
        return lambda run: function(inner(run))
    if isinstance(expr, (sympy.Max, sympy.Min)):
        parts = [compile_expression(arg) for arg in expr.args]
        pick = max if isinstance(expr, sympy.Max) else min
        return lambda run: pick(part(run) for part in parts)
    return _compile_fallback(expr)


def _compile_add(terms: list[Node]) -> Node:
    def add(run: Run) -> mpf:
        values = [term(run) for term in terms]
        largest = max(abs(value) for value in values)
        if largest > run.scale:
            run.scale = largest
        return _real(mpmath.fsum(values))

    return add


def _compile_mul(factors: list[Node]) -> Node:
    def multiply(run: Run) -> mpf:
        product = mpf(1)
        for factor in factors:
            product *= factor(run)
        return _real(product)

    return multiply


def _compile_pow(expr: sympy.Expr) -> Node:
    base = compile_expression(expr.base)
    exponent = expr.exp
    if exponent.is_Integer:
        power = int(exponent)

        def integer_power(run: Run) -> mpf:
            value = base(run)
            if value == 0 and power < 0:
                raise Undefined("division by zero")
            return _real(value**power)

        return integer_power
    if exponent == sympy.S.Half:
        return lambda run: _guard(mpmath.sqrt, lambda v: v >= 0)(base(run))
    top = compile_expression(exponent)

    def real_power(run: Run) -> mpf:
        value = base(run)
        # Over the reals, a negative base has no non-integer power (SymPy agrees: principal
        # roots of negatives are complex).
        if value < 0 or (value == 0 and top(run) <= 0):
            raise Undefined("power of a negative number")
        return _real(mpmath.power(value, top(run)))

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
        return _real(mpf(str(value)))

    return evaluate


def evaluate_at(node: Node, point: Mapping[sympy.Symbol, mpf]) -> tuple[mpf, mpf]:
    """Run a compiled expression; return (value, cancellation scale). Raises ``Undefined``."""
    run = Run(point)
    try:
        value = node(run)
    except (ZeroDivisionError, ValueError, OverflowError) as error:
        raise Undefined(str(error)) from None
    return value, max(run.scale, abs(value))
