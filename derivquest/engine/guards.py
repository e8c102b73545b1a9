"""Arithmetic that SymPy would evaluate eagerly, refused when the result would be huge."""

from __future__ import annotations

import sympy

from derivquest.engine.errors import LimitExceeded, MathSyntaxError
from derivquest.engine.limits import MAX_POWER_BITS, MAX_ROOT_INDEX


def checked_power(base: sympy.Expr, exponent: sympy.Expr, column: int | None = None) -> sympy.Expr:
    """Return base^exponent, refusing exact numbers too big to compute (``9^9^9``).

    SymPy evaluates number^number at once, so ``9^(9^9)`` would try to build an integer
    with hundreds of millions of digits. Symbolic powers such as ``(x+1)^5000`` are cheap and
    pass through.
    """
    if base.is_Rational and exponent.is_Rational and not base.is_zero:
        numerator, denominator = exponent.as_numer_denom()
        size = max(abs(int(base.p)).bit_length(), abs(int(base.q)).bit_length())
        if size > 1 and abs(int(numerator)) * size > MAX_POWER_BITS:
            if column is None:
                raise LimitExceeded.said("error.power-too-large")
            raise LimitExceeded.said("error.power-too-large-at", column)
        if int(denominator) > MAX_ROOT_INDEX:
            return sympy.Pow(base, exponent, evaluate=False)
    return sympy.Pow(base, exponent)


def reject_undefined(expr: sympy.Expr) -> None:
    """Raise when exact arithmetic already made the expression meaningless (``1/0``)."""
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise MathSyntaxError.said("error.undefined-everywhere")
    if expr.has(sympy.I):
        raise MathSyntaxError.said("error.not-real")
