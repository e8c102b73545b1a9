"""Every parse error is the engine's own type, says what is wrong and points at the place."""

from __future__ import annotations

import pytest

from derivquest.engine import EngineError, LimitExceeded, MathSyntaxError, parse

ERRORS = [
    # (text, variables, error type, exact message, column)
    ("sin(x))", ("x",), MathSyntaxError, "unexpected ')' at column 7", 7),
    ("In(x)", ("x",), MathSyntaxError, "did you mean ln? (In) at column 1", 1),
    ("2In x", ("x",), MathSyntaxError, "did you mean ln? (In) at column 2", 2),
    ("z+1", ("x",), MathSyntaxError, "unknown name z: this question uses x (column 1)", 1),
    ("x+z", ("x", "w"), MathSyntaxError, "unknown name z: this question uses x, w (column 3)", 3),
    ("xz", ("x",), MathSyntaxError, "unknown name z: this question uses x (column 2)", 2),
    ("sni(x)", ("x",), MathSyntaxError, "did you mean sin? (sni) at column 1", 1),
    ("(x+1", ("x",), MathSyntaxError, "missing ')' to close the '(' at column 1", 1),
    ("|x", ("x",), MathSyntaxError, "missing '|' to close the '|' at column 1", 1),
    (
        "x+",
        ("x",),
        MathSyntaxError,
        "the expression ends too early at column 3: expected a number, a name or '('",
        3,
    ),
    (
        "x2",
        ("x",),
        MathSyntaxError,
        "missing operator before 2 at column 2 (write * between numbers, or the number first: 2x)",
        2,
    ),
    ("sin", ("x",), MathSyntaxError, "sin needs an argument at column 4, as in sin(x)", 4),
    ("x $ 2", ("x",), MathSyntaxError, "unexpected character '$' at column 3", 3),
    ("1..2", ("x",), MathSyntaxError, "malformed number at column 1", 1),
    ("   ", ("x",), MathSyntaxError, "type an expression, for example 2x + 1", None),
    (
        "1/0",
        ("x",),
        MathSyntaxError,
        "this expression divides by zero or is undefined everywhere",
        None,
    ),
    (
        "sqrt(-1)",
        ("x",),
        MathSyntaxError,
        "this expression is not a real number (a root of a negative?)",
        None,
    ),
    (
        "max(x, 2)",
        ("x",),
        MathSyntaxError,
        "unknown function max at column 1: see the help for the functions DerivQuest knows",
        1,
    ),
    ("2foo", ("x",), MathSyntaxError, "unknown name foo: this question uses x (column 2)", 2),
    (
        "sin(x, 2)",
        ("x",),
        MathSyntaxError,
        "unexpected ',' at column 6: functions take one argument",
        6,
    ),
    (
        "sin^x x",
        ("x",),
        MathSyntaxError,
        "after sin^ write a whole number, as in sin^2(x), "
        "or put the function in brackets: (sin(x))^y",
        5,
    ),
    ("x", (), MathSyntaxError, "unknown name x: the answer is a number (column 1)", 1),
    (
        "factorial(10^7)",
        ("x",),
        MathSyntaxError,
        "unknown function factorial at column 1: see the help for the functions DerivQuest knows",
        1,
    ),
    (
        "9^9^9",
        ("x",),
        LimitExceeded,
        "number too large at column 2: that power has too many digits to compute",
        2,
    ),
    (
        "2^(10^9)",
        ("x",),
        LimitExceeded,
        "number too large at column 2: that power has too many digits to compute",
        2,
    ),
    ("1" * 31, ("x",), LimitExceeded, "number too long at column 1: at most 30 digits", 1),
    (
        "1e999",
        ("x",),
        LimitExceeded,
        "number too large at column 1: exponents above 100 are not accepted",
        1,
    ),
    (
        "x" * 501,
        ("x",),
        LimitExceeded,
        "the answer is too long: 501 characters (at most 500)",
        None,
    ),
    (
        "(" * 60 + "x" + ")" * 60,
        ("x",),
        LimitExceeded,
        "the expression is nested too deeply (more than 40 levels) at column 41",
        41,
    ),
    (
        "-" * 100 + "x",
        ("x",),
        LimitExceeded,
        "the expression is nested too deeply (more than 40 levels) at column 41",
        41,
    ),
]


@pytest.mark.parametrize(("text", "variables", "kind", "message", "column"), ERRORS)
def test_error_message_and_column(
    text: str, variables: tuple[str, ...], kind: type[EngineError], message: str, column: int | None
) -> None:
    with pytest.raises(kind) as raised:
        parse(text, variables)
    assert raised.value.message == message
    assert raised.value.column == column


def test_caret_line_points_under_the_problem() -> None:
    with pytest.raises(EngineError) as raised:
        parse("sin(x))")
    assert raised.value.caret_line() == "      ^"


@pytest.mark.parametrize("name", ["e", "sin", "pi", "x1", ""])
def test_bad_variable_names_are_refused(name: str) -> None:
    with pytest.raises(EngineError, match="cannot be a variable name"):
        parse("1", (name,))
