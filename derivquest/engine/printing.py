"""Show an expression to a player (Unicode pretty print) or in the typed syntax (plain).

A typed tree (unevaluated, see ``tree``) is shown in the order it was typed: ``5cos x -
3sin x`` stays that way round and ``sqrt(x)^2`` keeps its root. A computed tree (a reference
answer) is shown in SymPy's usual order.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.pretty_symbology import pretty_use_unicode
from sympy.printing.pretty.stringpict import prettyForm
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

    def _print_Mul(self, product: Any) -> Any:
        """SymPy's own product layout, less its sorting of physical units last.

        SymPy imports ``sympy.physics.units`` for that sort on the first product it prints,
        which takes most of a second: the first preview, and the first timed check in a
        fresh checker, would pay for units we never have.
        """
        args = list(product.args)
        # An unevaluated product with a 1 in front or a number later is shown as it stands.
        if args[0] is sympy.S.One or any(isinstance(arg, sympy.Number) for arg in args[1:]):
            parts = [self._print(arg) for arg in args]
            negative_one = parts[0] == "-1"
            if negative_one:
                parts[0] = prettyForm("1", 0, 0)
            form = prettyForm.__mul__(*parts)
            if negative_one:
                form = prettyForm("-" + form.s, form.baseline, form.binding)
            return form
        if self.order not in ("old", "none"):
            args = list(product.as_ordered_factors())
        numerator: list[Any] = []
        denominator: list[Any] = []
        for item in args:
            if (
                item.is_commutative
                and item.is_Pow
                and item.exp.is_Rational
                and item.exp.is_negative
            ):
                evaluate = item.exp == -1
                denominator.append(sympy.Pow(item.base, -item.exp, evaluate=evaluate))
            elif item.is_Rational:
                if item.p != 1:
                    numerator.append(sympy.Rational(item.p))
                if item.q != 1:
                    denominator.append(sympy.Rational(item.q))
            else:
                numerator.append(item)
        top = [self._print(item) for item in numerator] or [self._print(sympy.S.One)]
        if not denominator:
            return prettyForm.__mul__(*top)
        bottom = [self._print(item) for item in denominator]
        return prettyForm.__mul__(*top) / prettyForm.__mul__(*bottom)


_PRETTY = _PrettyPrinter({"use_unicode": True, "wrap_line": False})
_PRETTY_TYPED = _PrettyPrinter({"use_unicode": True, "wrap_line": False, "order": "none"})


def plain(expr: sympy.Expr, typed: bool = False, value: sympy.Expr | None = None) -> str:
    """Return one line in the players' syntax, e.g. ``15*(3*x + 2)^4``.

    Args:
        expr: the tree to show.
        typed: True when ``expr`` is a typed (unevaluated) tree: keep its order and form.
        value: its evaluated form; a number with a short decimal shows as that decimal.
    """
    decimal = terminating_decimal(value if value is not None else expr)
    if decimal is not None:
        return decimal
    return typed_text(expr) if typed else str(_PLAIN.doprint(expr))


def pretty(expr: sympy.Expr, typed: bool = False, value: sympy.Expr | None = None) -> str:
    """Return SymPy's Unicode pretty print (several lines for fractions and powers)."""
    number = value if value is not None else expr
    decimal = terminating_decimal(number)
    if decimal is not None:
        return decimal
    if typed and number.is_Rational and not number.is_Integer and len(str(number)) <= 40:
        return str(number)  # a fraction of numbers shows on one line, as 1/3
    # SymPy draws the product dot from a global flag that only its own pretty() sets (and
    # that its units package happened to set on import); we always want Unicode.
    if not pretty_use_unicode():
        pretty_use_unicode(True)
    try:
        return str((_PRETTY_TYPED if typed else _PRETTY).doprint(expr))
    except Exception:  # SymPy's printer on an unusual unevaluated tree: show one line instead
        return plain(expr, typed)


# -- the typed printer -------------------------------------------------------------------------

_SUM, _PRODUCT, _NEGATIVE, _POWER, _ATOM = 1, 2, 3, 4, 5
"""Binding strength of each kind of node, loosest first."""

_NAMES = {"log": "ln", "Abs": "abs", "Heaviside": "step"}
"""SymPy's function names that players spell differently."""


def typed_text(expr: sympy.Expr) -> str:
    """Write a typed tree in the players' syntax, keeping the order it was typed in."""
    return _text(expr)[0]


def _wrap(part: tuple[str, int], weakest: int) -> str:
    text, strength = part
    return f"({text})" if strength <= weakest else text


def _text(expr: sympy.Expr) -> tuple[str, int]:
    """Return (text, binding strength) for one node."""
    if expr.is_Symbol:
        return str(expr), _ATOM
    if expr is sympy.E:
        return "e", _ATOM
    if expr is sympy.pi:
        return "pi", _ATOM
    if expr.is_Rational:
        if expr.is_negative:
            return str(expr), _NEGATIVE
        return str(expr), _ATOM if expr.is_Integer else _PRODUCT
    if expr.is_Add:
        return _sum(expr), _SUM
    if expr.is_Mul:
        return _product(expr)
    if expr.is_Pow:
        return _power(expr)
    if isinstance(expr, sympy.exp):
        return _power(sympy.Pow(sympy.E, expr.args[0], evaluate=False))
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        name = _NAMES.get(type(expr).__name__, type(expr).__name__)
        return f"{name}({_text(expr.args[0])[0]})", _ATOM
    return str(expr), _ATOM


def _sum(expr: sympy.Expr) -> str:
    parts: list[str] = []
    for index, term in enumerate(expr.args):
        text, strength = _text(term)
        if index and strength == _NEGATIVE and text.startswith("-"):
            parts.append(f" - {text[1:]}")
        elif index:
            parts.append(f" + {_wrap((text, strength), _SUM)}")
        else:
            parts.append(text)
    return "".join(parts)


def _is_divisor(factor: sympy.Expr) -> bool:
    return bool(factor.is_Pow and factor.exp == -1)


def _product(expr: sympy.Expr) -> tuple[str, int]:
    factors = list(expr.args)
    if factors[0] == -1 and len(factors) > 1:
        rest = _product(sympy.Mul(*factors[1:], evaluate=False)) if len(factors) > 2 else None
        inner = rest if rest is not None else _text(factors[1])
        return f"-{_wrap(inner, _SUM)}", _NEGATIVE
    first = factors[0]
    if first.is_Rational and not first.is_Integer and len(factors) > 1:
        # SymPy's x/2 is (1/2)·x: write it as x/2, as a person would.
        rest = _text(sympy.Mul(*factors[1:], evaluate=False) if len(factors) > 2 else factors[1])
        top = _wrap(rest, _SUM) if first.p == 1 else f"{first.p}*{_wrap(rest, _SUM)}"
        return f"{top}/{first.q}", _PRODUCT
    text = ""
    for index, factor in enumerate(factors):
        if _is_divisor(factor):
            text += ("1" if index == 0 else "") + "/" + _wrap(_text(factor.base), _NEGATIVE)
        else:
            part = _wrap(_text(factor), _SUM if index == 0 else _NEGATIVE)
            text += ("*" if index else "") + part
    return text, _PRODUCT


def _power(expr: sympy.Expr) -> tuple[str, int]:
    base, exponent = expr.args
    if exponent == sympy.S.Half:
        return f"sqrt({_text(base)[0]})", _ATOM
    if exponent == -1:
        return f"1/{_wrap(_text(base), _NEGATIVE)}", _PRODUCT
    top = _text(exponent)
    shown = top[0] if top[1] == _ATOM and not top[0].startswith("-") else f"({top[0]})"
    return f"{_wrap(_text(base), _POWER)}^{shown}", _POWER


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
