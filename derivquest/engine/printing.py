"""Show an expression to a player (Unicode pretty print) or in the typed syntax (plain)."""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.str import StrPrinter


class _PlainPrinter(StrPrinter):
    """SymPy's str() with our names, so that ``parse(plain(e))`` reads back ``e``."""

    def _print_Exp1(self, expr: Any) -> str:
        return "e"

    def _print_Abs(self, expr: Any) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr: Any) -> str:
        return f"step({self._print(expr.args[0])})"

    def _print_exp(self, expr: Any) -> str:
        return f"e^({self._print(expr.args[0])})"

    def _print_Pow(self, expr: Any, rational: bool = False) -> str:
        text: str = super()._print_Pow(expr, rational)
        return text.replace("**", "^")

    def _print_Mul(self, expr: Any) -> str:
        text: str = super()._print_Mul(expr)
        return text.replace("**", "^")


_PLAIN = _PlainPrinter({"order": None})


def plain(expr: sympy.Expr) -> str:
    """Return one line in the players' syntax, e.g. ``15*(3*x + 2)^4``."""
    return str(_PLAIN.doprint(expr))


def pretty(expr: sympy.Expr) -> str:
    """Return SymPy's Unicode pretty print (several lines for fractions and powers)."""
    return str(sympy.pretty(expr, use_unicode=True, wrap_line=False))
