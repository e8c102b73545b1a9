"""Typed expressions as fast float functions of one variable, for charts and plot tasks.

Parsing and compiling happen once; each call then costs tens of microseconds, so a chart can
redraw hundreds of points on every key press.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.numeric import Undefined, compile_expression, evaluate_at
from derivquest.engine.parser import parse

RealFunction = Callable[[float], float]

CHART_PRECISION = 20
"""Digits for chart values: a little above float64, so what is drawn is float-exact."""


def real_function(text: str, variable: str = "x") -> RealFunction:
    """Return f(variable) for the typed ``text``; NaN where f has no real value.

    Raises:
        EngineError: the text is not a readable expression in ``variable``.
    """
    parsed = parse(text, (variable,))
    return _as_float_function(parsed.expr, parsed.symbols[variable])


def real_derivative(text: str, variable: str = "x", order: int = 1) -> RealFunction:
    """Return the ``order``-th derivative of the typed ``text`` as a float function."""
    parsed = parse(text, (variable,))
    symbol = parsed.symbols[variable]
    return _as_float_function(sympy.diff(parsed.expr, symbol, order), symbol)


def _as_float_function(expr: sympy.Expr, symbol: sympy.Symbol) -> RealFunction:
    node = compile_expression(expr)

    def value(x: float) -> float:
        if not math.isfinite(x):
            return math.nan
        with mpmath.workdps(CHART_PRECISION):
            try:
                result, _ = evaluate_at(node, {symbol: mpf(x)})
            except Undefined:
                return math.nan
        as_float = float(result)
        return as_float if math.isfinite(as_float) else math.nan

    return value
