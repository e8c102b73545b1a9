"""Notation learners bring from textbooks and LaTeX reads as they meant it."""

from __future__ import annotations

import pytest
import sympy
from sympy import Abs, E, Rational, acsc, cos, csc, csch, exp, log, pi, sin, sqrt, tanh
from sympy.core.parameters import distribute

from derivquest.engine import EngineError, MathSyntaxError, parse
from derivquest.engine.mlfunctions import relu, sigmoid

x, y, w, b = (sympy.Symbol(name, real=True) for name in "xywb")


def _cases() -> list[tuple[str, tuple[str, ...], sympy.Expr]]:
    """(typed, variables, the evaluated tree it must read as)."""
    with distribute(False):
        return [
            # cosec and friends
            ("cosec x", ("x",), csc(x)),
            ("cosec(2x)", ("x",), csc(2 * x)),
            ("cosech x", ("x",), csch(x)),
            ("arccosec x", ("x",), acsc(x)),
            # log bases
            ("log_10 x", ("x",), log(x) / log(10)),
            ("log_2(x)", ("x",), log(x) / log(2)),
            ("log_2x", ("x",), log(x) / log(2)),
            ("log_b(x)", ("x", "b"), log(x) / log(b)),
            ("log_e x", ("x",), log(x)),
            ("log_{10}(x)", ("x",), log(x) / log(10)),
            ("log_(10) x", ("x",), log(x) / log(10)),
            ("log_3 x^2", ("x",), log(x**2) / log(3)),
            ("log10 x", ("x",), log(x) / log(10)),
            # vulgar fractions
            ("½", ("x",), Rational(1, 2)),
            ("½x", ("x",), x / 2),
            ("⅓x^3", ("x",), x**3 / 3),
            ("¼ + ¾", ("x",), sympy.Integer(1)),
            ("⅔x", ("x",), Rational(2, 3) * x),
            ("x^½", ("x",), sqrt(x)),
            ("2½", ("x",), Rational(5, 2)),
            ("3⅞", ("x",), Rational(31, 8)),
            # LaTeX
            (r"\frac{1}{x}", ("x",), 1 / x),
            (r"\frac{x^2}{2}", ("x",), x**2 / 2),
            (r"\dfrac{1}{1+x}", ("x",), 1 / (1 + x)),
            (r"2\frac{1}{x}", ("x",), 2 / x),
            (r"\sqrt{x}", ("x",), sqrt(x)),
            (r"\sqrt{x+1}", ("x",), sqrt(x + 1)),
            (r"\sqrt[3]{x}", ("x",), x ** Rational(1, 3)),
            (r"\frac{1}{2\sqrt{x}}", ("x",), 1 / (2 * sqrt(x))),
            (r"2 \cdot x", ("x",), 2 * x),
            (r"2 \times x", ("x",), 2 * x),
            (r"\left( x + 1 \right)^2", ("x",), (x + 1) ** 2),
            (r"\left[ x \right]", ("x",), x),
            (r"\left| x \right|", ("x",), Abs(x)),
            (r"\ln x", ("x",), log(x)),
            (r"\ln(x)", ("x",), log(x)),
            (r"\sin x \cos x", ("x",), sin(x) * cos(x)),
            (r"\sin^2 x", ("x",), sin(x) ** 2),
            (r"x^{2}", ("x",), x**2),
            (r"x^{-1}", ("x",), 1 / x),
            (r"e^{2x}", ("x",), exp(2 * x)),
            (r"e^{-x^2}", ("x",), exp(-(x**2))),
            (r"\exp(x)", ("x",), exp(x)),
            (r"\tanh x", ("x",), tanh(x)),
            (r"1 - \tanh^2(x)", ("x",), 1 - tanh(x) ** 2),
            (r"\sigma(x)(1-\sigma(x))", ("x",), sigmoid(x) * (1 - sigmoid(x))),
            (r"\pi x", ("x",), pi * x),
            (r"\log_{2} x", ("x",), log(x) / log(2)),
            (r"\log_2(x)", ("x",), log(x) / log(2)),
            (r"\operatorname{relu}(x)", ("x",), relu(x)),
            (r"\mathrm{e}^x", ("x",), exp(x)),
            (r"x\,+\,1", ("x",), x + 1),
            # an optional label before '='
            ("y' = 2x", ("x",), 2 * x),
            ("y′ = 2x", ("x",), 2 * x),
            ("f'(x) = 2x", ("x",), 2 * x),
            ("f'(2) = 4", (), sympy.Integer(4)),
            ("dy/dx = 2x", ("x",), 2 * x),
            ("dL/dw = 2w", ("w", "b"), 2 * w),
            ("∂L/∂w = x", ("w", "x"), x),
            ("d/dx = 2x", ("x",), 2 * x),
            ("d/dx f(x) = 2x", ("x",), 2 * x),
            ("d/dx (x^2) = 2x", ("x",), 2 * x),
            ("d/dx x^2 = 2x", ("x",), 2 * x),
            (r"\frac{dy}{dx} = 2x", ("x",), 2 * x),
            (r"\frac{d}{dx} = 2x", ("x",), 2 * x),
            (r"\frac{\partial L}{\partial w} = x", ("w", "x"), x),
            ("  dy / dx  =  e^x", ("x",), E**x),
        ]


CASES = _cases()


@pytest.mark.parametrize(("text", "variables", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reads_as_meant(text: str, variables: tuple[str, ...], expected: sympy.Expr) -> None:
    assert parse(text, variables).evaluated == expected


LABELS = [
    # (typed, variables, label variable, function name, order, style)
    ("y' = 1", ("x",), None, "y", 1, "prime"),
    ("f'(x) = 1", ("x",), "x", "f", 1, "prime"),
    ("g''(t) = 1", ("t",), "t", "g", 2, "prime"),
    ("dy/dx = 1", ("x",), "x", "y", 1, "leibniz"),
    ("dL/db = 1", ("w", "b"), "b", "L", 1, "leibniz"),
    ("∂L/∂w = 1", ("w", "b"), "w", "L", 1, "partial"),
    ("d/dx = 1", ("x",), "x", None, 1, "leibniz"),
    ("d/dxf(x) = 1", ("x",), "x", "f", 1, "leibniz"),
    (r"\frac{\partial L}{\partial b} = 1", ("w", "b"), "b", "L", 1, "partial"),
]


@pytest.mark.parametrize(("text", "variables", "variable", "function", "order", "style"), LABELS)
def test_labels_are_read_as_data(
    text: str,
    variables: tuple[str, ...],
    variable: str | None,
    function: str | None,
    order: int,
    style: str,
) -> None:
    label = parse(text, variables).label
    assert label is not None
    assert (label.variable, label.function, label.order, label.style) == (
        variable,
        function,
        order,
        style,
    )


def test_an_answer_without_label_has_none() -> None:
    assert parse("2x").label is None


ERRORS = [
    # (text, variables, message, column): the new syntax fails where it breaks
    (
        r"\frac{1}{",
        ("x",),
        "the expression ends after the '{' at column 9: write what goes inside, then '}'",
        10,
    ),
    (r"\frac{1}{x", ("x",), "missing '}' to close the '{' at column 9", 9),
    (
        r"\frac{1}",
        ("x",),
        r"\frac needs its denominator in braces at column 9, as in "
        r"\frac{1}{x}",
        9,
    ),
    (
        r"\frac 12",
        ("x",),
        r"\frac needs its numerator in braces at column 7, as in "
        r"\frac{1}{x}",
        7,
    ),
    (
        r"\sqrt[x]{2}",
        ("x",),
        r"the n of \sqrt[n] must be a whole number from 2 to 100 "
        "(column 7)",
        7,
    ),
    (r"\foo x", ("x",), r"unknown LaTeX command \foo at column 1", 1),
    ("x + \\", ("x",), "a lone '\\' at column 5: write a command such as \\frac", 5),
    (
        r"\operatorname x",
        ("x",),
        r"after \operatorname write a name in braces, as in "
        r"\operatorname{relu} (column 1)",
        1,
    ),
    ("log_+x", ("x",), "after log_ write the base at column 5, as in log_2(x)", 5),
    ("log_1 x", ("x",), "a logarithm's base must be positive and not 1 (column 5)", 5),
    ("log_(-2) x", ("x",), "a logarithm's base must be positive and not 1 (column 5)", 5),
    ("x_2", ("x",), "unexpected '_' at column 2: '_' only gives a log its base, as in log_2(x)", 2),
    (
        "∂x",
        ("x",),
        "∂ only goes before '=', as in ∂L/∂w = ... (column 1); type the answer after it",
        1,
    ),
    (
        r"\partial x",
        ("x",),
        "∂ only goes before '=', as in ∂L/∂w = ... (column 1); type the answer after it",
        1,
    ),
    (
        "y = 2x",
        ("x",),
        "before '=' write the derivative (dy/dx, y', f'(x), ∂L/∂w) or leave it out (column 1)",
        1,
    ),
    ("dy/dx = 2x = 2", ("x",), "a second '=' at column 12: type one answer, as in dy/dx = 2x", 12),
    ("dy/dx = ", ("x",), "type the answer after '=' (column 9)", 9),
    (
        "dy/dz = 2x",
        ("x",),
        "you wrote dy/dz but z is not a variable here: this question uses x (column 1)",
        1,
    ),
    (
        "dy/dx = 2x +",
        ("x",),
        "the expression ends too early at column 13: expected a number, a name or '('",
        13,
    ),
    ("dy/dx = 2z", ("x",), "unknown name z: this question uses x (column 10)", 10),
    (r"\theta", ("x",), "unknown name θ: this question uses x (column 1)", 1),
    ("d/dx (x^2 = 2x", ("x",), "missing ')' to close the '(' at column 6", 6),
    ("d/dx sin(z) = 2x", ("x",), "unknown name z: this question uses x (column 10)", 10),
]


@pytest.mark.parametrize(("text", "variables", "message", "column"), ERRORS)
def test_new_syntax_errors_point_at_the_place(
    text: str, variables: tuple[str, ...], message: str, column: int
) -> None:
    with pytest.raises(MathSyntaxError) as raised:
        parse(text, variables)
    assert (raised.value.message, raised.value.column) == (message, column)


def test_greek_letters_can_be_variables() -> None:
    assert parse(r"2\theta", ("θ",)).evaluated == 2 * sympy.Symbol("θ", real=True)


def test_latex_errors_are_engine_errors_with_a_place() -> None:
    for text in (r"\frac{", r"\sqrt[", r"\left(", "log_", r"\frac{1}{2}{"):
        with pytest.raises(EngineError) as raised:
            parse(text)
        assert raised.value.column is not None
