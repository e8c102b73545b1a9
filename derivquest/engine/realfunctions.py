"""The functions players type as real mpmath functions: domain, value and condition number.

The condition number says how much a function magnifies the relative error of its argument
(about |u| for e^u and for sin u, |u·cot u| near a zero of sin). The evaluator keeps the
largest one it meets so that the judge's error bound covers it, and a function whose
argument alone would need more digits than the sample carries (the cosine of x·e^x at
x = 50) is refused before mpmath spends time on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import sympy
from mpmath import mpc, mpf
from mpmath.libmp import finf, fnan, fninf

from derivquest.engine.mlfunctions import relu, sigmoid, softplus


class Undefined(ArithmeticError):
    """The expression has no real value at this point."""


class Imprecise(Undefined):
    """The value exists but the working precision cannot compute it meaningfully.

    A subclass of ``Undefined`` so that callers that only skip points keep working; the
    judge tells them apart, because a point where the answer is imprecise proves nothing.
    """


MIN_CONDITION_DIGITS = 15
"""A condition number up to 10^15 is always allowed (charts work at 20 digits)."""

DIGITS_KEPT = 25
"""Digits a usable value keeps: the allowed condition number is 10^(precision - 25)."""


def condition_limit() -> float:
    """The largest condition number the current mpmath precision can carry."""
    digits: int = mpmath.mp.dps
    return 10.0 ** max(MIN_CONDITION_DIGITS, digits - DIGITS_KEPT)


_NOT_FINITE = (finf, fninf, fnan)


def real(value: object) -> mpf:
    """Accept a finite real result; anything complex, infinite or NaN is undefined."""
    if type(value) is mpf:
        # The common case, checked on the raw tuple: this runs at every node of every sample.
        if value._mpf_ in _NOT_FINITE:  # type: ignore[attr-defined]
            raise Undefined("infinite value")
        return value
    if isinstance(value, mpc):
        if value.imag != 0 and abs(value.imag) > abs(value.real) * mpf(10) ** (-mpmath.mp.dps + 5):
            raise Undefined("complex value")
        value = value.real
    if not isinstance(value, mpf):
        value = mpf(value)
    if not mpmath.isfinite(value):
        raise Undefined("infinite value")
    return value


Condition = Callable[[float, float], float]
"""(argument, value) -> condition number, all as floats: only the magnitude matters, and
float arithmetic keeps the bookkeeping far cheaper than the mpmath value itself."""


@dataclass(frozen=True, slots=True)
class RealUnary:
    """One function of one real argument."""

    function: Callable[[mpf], object]
    domain: Callable[[mpf], bool] | None = None
    """False where the function has no real value."""
    condition: Condition | None = None
    """None for functions that never magnify errors much (|x|, sqrt, atan)."""
    argument_sized: bool = False
    """The condition number grows like |argument|: refuse a huge argument before computing."""

    def __call__(self, argument: mpf) -> tuple[mpf, float]:
        """Return (value, condition number); raise ``Undefined`` or ``Imprecise``."""
        if self.domain is not None and not self.domain(argument):
            raise Undefined("outside the domain")
        size = abs(float(argument))
        if self.argument_sized and size > condition_limit():
            raise Imprecise("argument too large for the working precision")
        try:
            value = real(self.function(argument))
        except (ZeroDivisionError, ValueError, OverflowError) as error:
            raise Undefined(str(error)) from None
        if self.condition is None:
            return value, 0.0
        return value, self.condition(size, abs(float(value)))


def _oscillating(size: float, value: float) -> float:
    """sin, cos, tan, cot, sec, csc: at most |u|·(1 + |f| + 1/|f|)."""
    if value == 0:
        return size + 1
    return size * (1 + value + 1 / value)


def _exponential(size: float, value: float) -> float:
    """e^u and the functions built on it: about |u|."""
    return size


def _logarithm(size: float, value: float) -> float:
    """ln u near u = 1 is small, so its relative error is large: 1/|ln u|."""
    return 1 / value if value != 0 else 1.0


def _step(value: mpf) -> mpf:
    if value == 0:
        return mpf(1) / 2
    return mpf(1) if value > 0 else mpf(0)


def _delta(value: mpf) -> mpf:
    if value == 0:
        raise Undefined("Dirac delta at 0")
    return mpf(0)


def _periodic(function: Callable[[mpf], object]) -> RealUnary:
    return RealUnary(function, condition=_oscillating, argument_sized=True)


def _growing(function: Callable[[mpf], object]) -> RealUnary:
    return RealUnary(function, condition=_exponential, argument_sized=True)


UNARY: dict[type, RealUnary] = {
    sympy.exp: _growing(mpmath.exp),
    sympy.log: RealUnary(mpmath.log, lambda v: v > 0, _logarithm),
    sympy.sin: _periodic(mpmath.sin),
    sympy.cos: _periodic(mpmath.cos),
    sympy.tan: _periodic(mpmath.tan),
    sympy.sec: _periodic(mpmath.sec),
    sympy.csc: _periodic(mpmath.csc),
    sympy.cot: _periodic(mpmath.cot),
    sympy.asin: RealUnary(mpmath.asin, lambda v: abs(v) <= 1),
    sympy.acos: RealUnary(mpmath.acos, lambda v: abs(v) <= 1),
    sympy.atan: RealUnary(mpmath.atan),
    sympy.asec: RealUnary(mpmath.asec, lambda v: abs(v) >= 1),
    sympy.acsc: RealUnary(mpmath.acsc, lambda v: abs(v) >= 1),
    sympy.acot: RealUnary(mpmath.acot),
    sympy.sinh: _growing(mpmath.sinh),
    sympy.cosh: _growing(mpmath.cosh),
    sympy.tanh: _growing(mpmath.tanh),
    sympy.sech: _growing(mpmath.sech),
    sympy.csch: _growing(mpmath.csch),
    sympy.coth: _growing(mpmath.coth),
    sympy.asinh: RealUnary(mpmath.asinh),
    sympy.acosh: RealUnary(mpmath.acosh, lambda v: v >= 1),
    sympy.atanh: RealUnary(mpmath.atanh, lambda v: abs(v) < 1),
    sympy.Abs: RealUnary(mpmath.fabs),
    sympy.sign: RealUnary(mpmath.sign),
    sympy.Heaviside: RealUnary(_step),
    sympy.DiracDelta: RealUnary(_delta),
    sigmoid: _growing(lambda v: 1 / (1 + mpmath.exp(-v))),
    relu: RealUnary(lambda v: max(mpf(0), v)),
    softplus: _growing(lambda v: mpmath.log(1 + mpmath.exp(v))),
}
"""Functions of one argument and their real-valued mpmath counterparts."""

SQUARE_ROOT = RealUnary(mpmath.sqrt, lambda v: v >= 0)
"""x^(1/2), the commonest power, without the general power's logarithm."""
