"""Show an expression to a player (Unicode pretty print) or in the typed syntax (plain)."""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.str import StrPrinter


class _PlainPrinter(StrPrinter):
    """SymPy's str() with our names, so that ``parse(plain(e))`` reads back ``e``."""

    def _print_Exp1(self, expr: Any) -> str:
        return "e"

    def _print_Abs(self, expr: Any) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr: Any) -> str:
        return f"step({self._print(expr.args[0])})"

    def _print_log(self, expr: Any) -> str:
        # Students write ln for the natural logarithm; log means the same to our parser.
        return f"ln({self._print(expr.args[0])})"

    def _print_exp(self, expr: Any) -> str:
        return f"e^({self._print(expr.args[0])})"

    def _print_Pow(self, expr: Any, rational: bool = False) -> str:
        text: str = super()._print_Pow(expr, rational)
        return text.replace("**", "^")

    def _print_Mul(self, expr: Any) -> str:
        text: str = super()._print_Mul(expr)
        return text.replace("**", "^")


_PLAIN = _PlainPrinter({"order": None})


class _PrettyPrinter(PrettyPrinter):
    """SymPy's Unicode pretty printer, showing the natural logarithm as ln."""

    def _print_log(self, expr: Any, exp: Any = None) -> Any:
        return self._print_Function(expr, func_name="ln")


_PRETTY = _PrettyPrinter({"use_unicode": True, "wrap_line": False})


def plain(expr: sympy.Expr) -> str:
    """Return one line in the players' syntax, e.g. ``15*(3*x + 2)^4``."""
    decimal = terminating_decimal(expr)
    return decimal if decimal is not None else str(_PLAIN.doprint(expr))


def pretty(expr: sympy.Expr) -> str:
    """Return SymPy's Unicode pretty print (several lines for fractions and powers)."""
    decimal = terminating_decimal(expr)
    if decimal is not None:
        return decimal
    return str(_PRETTY.doprint(expr))


def terminating_decimal(expr: sympy.Expr) -> str | None:
    """Show a number such as 93/100 as ``0.93``: numeric answers read better as decimals.

    Only a whole expression that is a fraction with a short, exact decimal form qualifies
    (1/3 stays 1/3, x/4 stays x/4). Decimals parse back exactly, so ``plain`` still
    round-trips.
    """
    if not expr.is_Rational or expr.is_Integer:
        return None
    denominator = int(expr.q)
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    places = max(twos, fives)
    if denominator != 1 or places > 8:
        return None
    scaled = abs(int(expr.p)) * 10**places // int(expr.q)
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if expr.is_negative else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"
