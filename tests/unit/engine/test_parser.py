"""The parser reads what students actually type into the SymPy tree they meant."""

from __future__ import annotations

import pytest
import sympy
from sympy import Abs, E, Rational, asin, cos, exp, log, pi, sech, sin, sqrt, tanh
from sympy.core.parameters import distribute

from derivquest.engine import parse
from derivquest.engine.mlfunctions import relu, sigmoid, softplus

x, y, w, a, b = (sympy.Symbol(name, real=True) for name in "xywab")


def _cases() -> list[tuple[str, tuple[str, ...], sympy.Expr]]:
    """The table, built as the parser builds trees: 3(x+1) is not distributed."""
    with distribute(False):
        return [
            # numbers: exact decimals and scientific notation
            ("3", ("x",), sympy.Integer(3)),
            ("2.5", ("x",), Rational(5, 2)),
            (".25", ("x",), Rational(1, 4)),
            ("1e-3", ("x",), Rational(1, 1000)),
            ("0.1", ("x",), Rational(1, 10)),
            ("2E3", ("x",), sympy.Integer(2000)),
            # constants
            ("e", ("x",), E),
            ("pi", ("x",), pi),
            ("π", ("x",), pi),
            # operators and their Unicode forms
            ("x+1", ("x",), x + 1),
            ("x - 1", ("x",), x - 1),
            ("2*x", ("x",), 2 * x),
            ("x/2", ("x",), x / 2),
            ("x^2", ("x",), x**2),
            ("x**2", ("x",), x**2),
            ("2·x", ("x",), 2 * x),
            ("2×x", ("x",), 2 * x),
            ("x−1", ("x",), x - 1),
            ("x²", ("x",), x**2),
            ("x⁻¹", ("x",), 1 / x),
            ("x³ + x²", ("x",), x**3 + x**2),
            # unary minus anywhere
            ("-x", ("x",), -x),
            ("e^-x", ("x",), exp(-x)),
            ("2^-2", ("x",), Rational(1, 4)),
            ("-x^2", ("x",), -(x**2)),
            ("x*-2", ("x",), -2 * x),
            ("--x", ("x",), x),
            ("2^3^2", ("x",), sympy.Integer(512)),
            # implicit products
            ("2x", ("x",), 2 * x),
            ("3(x+1)", ("x",), 3 * (x + 1)),
            ("(x+1)(x-1)", ("x",), (x + 1) * (x - 1)),
            ("2 sin x", ("x",), 2 * sin(x)),
            ("xe^x", ("x",), x * exp(x)),
            ("2wx^2", ("w", "x"), 2 * w * x**2),
            ("xy(a+b)", ("x", "y", "a", "b"), x * y * (a + b)),
            ("x^x(1+ln(x))", ("x",), x**x * (1 + log(x))),
            ("e^x(1+x)", ("x",), exp(x) * (1 + x)),
            ("15(3x+2)^4", ("x",), 15 * (3 * x + 2) ** 4),
            ("2|x|", ("x",), 2 * Abs(x)),
            ("π x", ("x",), pi * x),
            ("e^2x", ("x",), E**2 * x),  # an exponent is one atom; write e^(2x) for e^(2x)
            # functions with and without brackets
            ("sin x", ("x",), sin(x)),
            ("sinx", ("x",), sin(x)),
            ("cos(2x)", ("x",), cos(2 * x)),
            ("sin 2x", ("x",), sin(2 * x)),
            ("sin x cos x", ("x",), sin(x) * cos(x)),
            ("sin(x)cos(x)", ("x",), sin(x) * cos(x)),
            ("sin x^2", ("x",), sin(x**2)),
            ("sin(x)^2", ("x",), sin(x) ** 2),
            ("sin^2 x", ("x",), sin(x) ** 2),
            ("sin^2(3x)", ("x",), sin(3 * x) ** 2),
            ("tanh²(x)", ("x",), tanh(x) ** 2),
            ("sin^-1 x", ("x",), asin(x)),
            ("sin⁻¹(x)", ("x",), asin(x)),
            ("sqrt(x)", ("x",), sqrt(x)),
            ("√x", ("x",), sqrt(x)),
            ("√(x+1)", ("x",), sqrt(x + 1)),
            ("abs(x)", ("x",), Abs(x)),
            ("|x|", ("x",), Abs(x)),
            ("||x|-1|", ("x",), Abs(Abs(x) - 1)),
            ("|x||x-1|", ("x",), Abs(x) * Abs(x - 1)),
            ("exp(x)", ("x",), exp(x)),
            ("ln x", ("x",), log(x)),
            ("log(x)", ("x",), log(x)),
            ("log10(x)", ("x",), log(x) / log(10)),
            ("log2 x", ("x",), log(x) / log(2)),
            ("asin(x)", ("x",), asin(x)),
            ("arcsin(x)", ("x",), asin(x)),
            ("arctan(x)", ("x",), sympy.atan(x)),
            ("sech x", ("x",), sech(x)),
            ("Sin(x)", ("x",), sin(x)),
            ("sigmoid(x)", ("x",), sigmoid(x)),
            ("σ(x)(1-σ(x))", ("x",), sigmoid(x) * (1 - sigmoid(x))),
            ("relu(x)", ("x",), relu(x)),
            ("softplus(x)", ("x",), softplus(x)),
            ("sign(x)", ("x",), sympy.sign(x)),
            ("[x+1]*{x-1}", ("x",), (x + 1) * (x - 1)),
            ("sin cos x", ("x",), sin(cos(x))),
            ("ln -x", ("x",), log(-x)),
            ("ln(2)2^x", ("x",), log(2) * 2**x),
            ("(x+1)2", ("x",), 2 * (x + 1)),
        ]


CASES = _cases()


@pytest.mark.parametrize(("text", "variables", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parses_to_expected_tree(
    text: str, variables: tuple[str, ...], expected: sympy.Expr
) -> None:
    assert parse(text, variables).evaluated == expected


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_plain_form_reads_back_to_the_same_tree(text: str) -> None:
    variables = next(c[1] for c in CASES if c[0] == text)
    parsed = parse(text, variables)
    assert parse(parsed.plain(), variables).evaluated == parsed.evaluated


def test_variables_are_real_symbols() -> None:
    parsed = parse("sqrt(x^2)")
    assert parsed.evaluated == Abs(x)
    assert parsed.symbols["x"].is_real


def test_products_are_kept_as_typed() -> None:
    assert parse("3(x+1)").plain() == "3*(x + 1)"


def test_pretty_print_is_unicode() -> None:
    assert parse("15(3x+2)^4").pretty() == "            4\n15⋅(3⋅x + 2) "
