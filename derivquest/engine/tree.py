"""Build each parsed node twice: as typed (unevaluated SymPy) and as SymPy evaluates it.

The typed tree is what the judge evaluates and the preview shows: ``sqrt(x)^2`` keeps its
square root (so it has no value for x < 0) and ``5cos x - 3sin x`` keeps its order. The
evaluated tree is what SymPy's automatic evaluation makes of the same text; the parser's
guards look at it (``9^9^9`` is refused before anything computes it, ``1/0`` is refused),
and callers that want a canonical tree (reference answers) use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy

from derivquest.engine.guards import checked_power


@dataclass(frozen=True, slots=True)
class Built:
    """One node of an expression in both forms."""

    typed: sympy.Expr
    """Unevaluated: the structure the player typed."""
    value: sympy.Expr
    """Evaluated by SymPy's automatic rules (never simplified)."""


def leaf(expr: sympy.Expr) -> Built:
    """A number, a variable or a constant: both forms are the same."""
    return Built(expr, expr)


def add(terms: Sequence[Built]) -> Built:
    """A sum in the typed order."""
    if len(terms) == 1:
        return terms[0]
    return Built(
        sympy.Add(*(t.typed for t in terms), evaluate=False),
        sympy.Add(*(t.value for t in terms)),
    )


def negate(operand: Built) -> Built:
    """``-operand``; a typed number stays a number (``-2`` is what was typed)."""
    if operand.typed.is_Number:
        return leaf(-operand.typed)
    value = operand.value
    negated = sympy.Mul._from_args((sympy.S.NegativeOne, value)) if value.is_Add else -value
    return Built(sympy.Mul(sympy.S.NegativeOne, operand.typed, evaluate=False), negated)


def multiply(factors: Sequence[Built]) -> Built:
    """A product in the typed order (divisors are already ``reciprocal`` factors)."""
    if len(factors) == 1:
        return factors[0]
    typed = [f.typed for f in factors]
    if typed[0] == 1 and typed[1].is_Pow and typed[1].exp == -1:
        typed = typed[1:]  # 1/x is the reciprocal itself, not 1·(1/x)
    return Built(
        sympy.Mul(*typed, evaluate=False) if len(typed) > 1 else typed[0],
        undistributed_product([f.value for f in factors]),
    )


def undistributed_product(values: Sequence[sympy.Expr]) -> sympy.Expr:
    """SymPy's product of ``values``, except that a number is never distributed over a sum:
    ``3(x+1)`` stays 3·(x + 1) where SymPy makes 3x + 3.

    SymPy's own switch for this, ``distribute(False)``, clears SymPy's whole cache each time
    it is set; the parser set it twice per answer and paid for it in every later step (a
    parse took five times longer).
    """
    coefficient: sympy.Expr = sympy.S.One
    rest = []
    for value in values:
        factor, term = value.as_coeff_Mul()
        coefficient *= factor
        rest.append(term)
    factor, term = sympy.Mul(*rest).as_coeff_Mul()
    coefficient *= factor
    if term.is_Add and coefficient.is_Number and coefficient.is_finite and coefficient != 0:
        return term if coefficient == 1 else sympy.Mul._from_args((coefficient, term))
    return sympy.Mul(coefficient, term)


def reciprocal(divisor: Built) -> Built:
    """The factor ``/divisor`` contributes to a product."""
    return Built(
        sympy.Pow(divisor.typed, sympy.S.NegativeOne, evaluate=False),
        sympy.Pow(divisor.value, sympy.S.NegativeOne),
    )


def power(base: Built, exponent: Built, column: int | None) -> Built:
    """``base^exponent``, refusing exact numbers too large to compute (see ``guards``)."""
    value = checked_power(base.value, exponent.value, column)
    if base.typed is sympy.E:
        # e^u is exp(u): evaluated as exp, it keeps full precision where a rounded e raised
        # to a huge power would not.
        return Built(sympy.exp(exponent.typed, evaluate=False), value)
    return Built(sympy.Pow(base.typed, exponent.typed, evaluate=False), value)


def call(function: Callable[..., sympy.Expr], argument: Built) -> Built:
    """Apply a whitelisted function of one argument."""
    return Built(function(argument.typed, evaluate=False), function(argument.value))


def log_base(argument: Built, base: Built) -> Built:
    """``log_b(u)``, read as ln(u)/ln(b)."""
    return multiply([call(sympy.log, argument), reciprocal(call(sympy.log, base))])


def root(argument: Built, index: int) -> Built:
    """The ``index``-th root, as the power 1/index (``sqrt`` when the index is 2)."""
    exponent = sympy.Rational(1, index)
    return Built(
        sympy.Pow(argument.typed, exponent, evaluate=False), sympy.Pow(argument.value, exponent)
    )
