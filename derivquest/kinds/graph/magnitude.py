"""Refuse an entry whose numbers are astronomically large before evaluating it exactly.

The exact evaluation (40 digits in mpmath) of `e^e^e^e^e` never finishes: it needs the
exponent's billion digits. The lab judges in-process (its numbers are small and its checks
frequent), so a quick pass in floats, bounded in time by the size of the tree, finds such
values first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import sympy

LIMIT = 1e60
"""No graph value comes near this; anything beyond it is refused as too large to check."""

_FLOAT_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "asinh": math.asinh,
    "acosh": math.acosh,
    "atanh": math.atanh,
    "exp": math.exp,
    "log": math.log,
    "Abs": abs,
    "sigmoid": lambda u: 1 / (1 + math.exp(-u)) if u > -700 else 0.0,
    "relu": lambda u: max(u, 0.0),
    "softplus": lambda u: math.log1p(math.exp(u)) if u < 700 else u,
}
"""Float versions of the functions a learner may type (others are bounded by their argument)."""


class TooLarge(ArithmeticError):
    """A value on the way is beyond LIMIT."""


def check_size(expr: sympy.Expr, point: Mapping[sympy.Symbol, float]) -> None:
    """Raise TooLarge when evaluating `expr` at `point` meets a value beyond LIMIT."""
    _value(expr, point)


def _value(expr: sympy.Expr, point: Mapping[sympy.Symbol, float]) -> float:
    if expr.is_Symbol:
        return _bounded(point.get(expr, math.nan))
    if expr.is_Number or expr.is_NumberSymbol:
        try:
            return _bounded(float(expr))
        except (OverflowError, TypeError):
            raise TooLarge from None
    args = [_value(arg, point) for arg in expr.args]
    try:
        if expr.is_Add:
            return _bounded(math.fsum(args))
        if expr.is_Mul:
            return _bounded(math.prod(args))
        if expr.is_Pow:
            result = args[0] ** args[1]
            return _bounded(result) if isinstance(result, float | int) else math.nan
        function = _FLOAT_FUNCTIONS.get(type(expr).__name__)
        if function is not None and args:
            return _bounded(function(args[0]))
    except OverflowError:
        raise TooLarge from None
    except (ValueError, ZeroDivisionError):
        return math.nan  # undefined here: the exact evaluation says so properly
    return math.nan


def _bounded(value: float) -> float:
    if math.isfinite(value) and abs(value) > LIMIT:
        raise TooLarge
    if math.isinf(value):
        raise TooLarge
    return float(value)
