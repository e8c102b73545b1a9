"""The judge decides mathematical equivalence over the reals, on the expected domain."""

from __future__ import annotations

import pytest

from derivquest.engine import check, check_derivative, check_numeric, derivative, evaluate
from derivquest.engine.errors import EngineError

EQUIVALENCE = [
    # (expected, answer, variables, status)
    ("15(3x+2)^4", "15(2+3x)^4", ("x",), "correct"),
    ("e^x(1+x)", "xe^x + e^x", ("x",), "correct"),
    ("e^x(1+x)", "e^x + x e^x", ("x",), "correct"),
    ("x^x(1+ln(x))", "x^x + x^x ln x", ("x",), "correct"),
    ("2x(wx-y)", "2wx^2 - 2xy", ("w", "x", "y"), "correct"),
    ("2x(wx-y)", "2x(wx+y)", ("w", "x", "y"), "incorrect"),
    ("1", "x/x", ("x",), "correct"),  # removable singularity
    ("x+1", "(x^2-1)/(x-1)", ("x",), "correct"),
    ("abs(x^2-4)", "abs(x-2)*abs(x+2)", ("x",), "correct"),  # STACK rejects this
    ("1+sqrt(2)", "sqrt(3+2sqrt(2))", ("x",), "correct"),  # nested radical
    ("sigmoid(x)(1-sigmoid(x))", "e^-x/(1+e^-x)^2", ("x",), "correct"),
    ("1-tanh(x)^2", "sech(x)^2", ("x",), "correct"),
    ("tanh(x)", "(e^x-e^-x)/(e^x+e^-x)", ("x",), "correct"),
    ("sin(2x)", "2 sin x cos x", ("x",), "correct"),
    ("0", "sin(x)^2 + cos(x)^2 - 1", ("x",), "correct"),  # needs the symbolic fallback
    ("0.1", "1/10", ("x",), "correct"),  # decimals are exact
    ("e^x", "2.718^x", ("x",), "incorrect"),  # WeBWorK-style sampling accepts this
    ("e^x", "exp(x)", ("x",), "correct"),
    ("x", "sqrt(x^2)", ("x",), "incorrect"),
    ("1/x", "1/|x|", ("x",), "incorrect"),
    ("0", "sin(pi x)", ("x",), "incorrect"),
    ("ln(x^2)", "2 ln x", ("x",), "incorrect"),  # undefined for x < 0
    ("2 ln x", "ln(x^2)", ("x",), "correct"),  # equal on the expected domain x > 0
    ("sqrt(x)^2", "x", ("x",), "correct"),
    ("relu(x)", "(x + |x|)/2", ("x",), "correct"),
    ("softplus(x)", "ln(1+e^x)", ("x",), "correct"),
    ("2x", "2x + 1e-20", ("x",), "incorrect"),
    ("5000(x+1)^4999", "5000(1+x)^4999", ("x",), "correct"),
    ("x", "x + 10^-30", ("x",), "incorrect"),
    ("log10(x)", "ln(x)/ln(10)", ("x",), "correct"),
    ("abs(x-500)", "500-x", ("x",), "incorrect"),  # differs only for large x
    ("x^2-4x+3", "(x-1)(x+3)", ("x",), "incorrect"),
    ("x^2", "z", ("x",), "invalid"),
    ("x^2", "x^^2", ("x",), "invalid"),
]


@pytest.mark.parametrize(("expected", "answer", "variables", "status"), EQUIVALENCE)
def test_equivalence(expected: str, answer: str, variables: tuple[str, ...], status: str) -> None:
    assert check(expected, answer, variables).status == status


def test_verdict_carries_pretty_parsed_answer_and_message() -> None:
    verdict = check("2x", "x+x")
    assert verdict.correct
    assert verdict.message == "Correct."
    assert verdict.parsed == "x + x"  # as typed, not simplified


def test_incorrect_verdict_names_a_point_where_the_answers_differ() -> None:
    verdict = check("x^2", "x^3")
    assert verdict.status == "incorrect"
    assert verdict.message.startswith("Not quite: at x = ")
    assert "your answer gives" in verdict.message


def test_invalid_verdict_points_at_the_column() -> None:
    verdict = check("x", "sin(x))")
    assert (verdict.status, verdict.column) == ("invalid", 7)
    assert verdict.message == "unexpected ')' at column 7"


def test_broken_expected_answer_is_reported_as_such() -> None:
    verdict = check("x +", "x")
    assert verdict.status == "invalid"
    assert verdict.message.startswith("the expected answer 'x +' is broken: ")


def test_verdicts_are_deterministic() -> None:
    first = check("x^2", "x^3").message
    assert all(check("x^2", "x^3").message == first for _ in range(3))


DERIVATIVES = [
    ("(3x+2)^5", "15(3x+2)^4", "correct"),
    ("x e^x", "e^x(1+x)", "correct"),
    ("x^3 - 2x^2 + 5x - 1", "3x^2 - 4x + 5", "correct"),
    ("sin(x) e^x", "e^x(sin x + cos x)", "correct"),
    ("sigmoid(x)", "sigmoid(x)(1 - sigmoid(x))", "correct"),
    ("tanh(x)", "1 - tanh²(x)", "correct"),
    ("softplus(x)", "σ(x)", "correct"),
    ("relu(x)", "step(x)", "correct"),
    ("(w x - y)^2", "2x(wx - y)", "correct"),
]


@pytest.mark.parametrize(("function", "answer", "status"), DERIVATIVES)
def test_check_derivative(function: str, answer: str, status: str) -> None:
    variables = ("w", "x", "y") if "w" in function else ("x",)
    variable = "w" if "w" in function else "x"
    assert check_derivative(function, answer, variable, variables).status == status


NUMERIC = [
    ("1/4", "0.25", None, None, "correct"),
    ("1/4", "1/4", None, None, "correct"),
    ("e", "2.718", 0.001, None, "correct"),
    ("e", "2.7", 0.001, None, "incorrect"),
    ("100", "101", None, 0.02, "correct"),
    ("100", "103", None, 0.02, "incorrect"),
    ("1/4", "x", None, None, "invalid"),
    ("1/4", "0.25", -1.0, None, "invalid"),
]


@pytest.mark.parametrize(("expected", "answer", "abs_tol", "rel_tol", "status"), NUMERIC)
def test_check_numeric(
    expected: str, answer: str, abs_tol: float | None, rel_tol: float | None, status: str
) -> None:
    assert check_numeric(expected, answer, abs_tol, rel_tol).status == status


def test_numeric_message_says_too_large_or_small() -> None:
    assert check_numeric("e", "2.7", abs_tol=0.001).message == "Not quite: 2.7 is too small."


def test_derivative_gives_the_reference_answer() -> None:
    assert derivative("x^3 - 2x^2 + 5x - 1").plain() == "3*x^2 - 4*x + 5"
    assert derivative("(w x - y)^2", "w", ("w", "x", "y")).plain() == "2*x*(w*x - y)"


def test_evaluate() -> None:
    assert evaluate("sigmoid(x)(1-sigmoid(x))", {"x": 0}) == 0.25
    assert evaluate("2w x", {"w": 1.5, "x": 2}) == 6.0
    with pytest.raises(EngineError, match="has no real value at x = -1"):
        evaluate("ln x", {"x": -1})
    with pytest.raises(EngineError, match="no value given for y"):
        evaluate("x + y", {"x": 1}, ("x", "y"))


READABLE = [
    ("x e^x", "(x + 1)*e^(x)"),
    ("(4x+1)/(x+4)", "15/(x + 4)^2"),
    ("(3x+2)^5", "15*(3*x + 2)^4"),
    ("x^x", "x^x*(ln(x) + 1)"),
    ("x^3 - 2x^2 + 5x - 1", "3*x^2 - 4*x + 5"),
]


@pytest.mark.parametrize(("function", "shown"), READABLE)
def test_reference_derivatives_are_shown_in_a_readable_form(function: str, shown: str) -> None:
    assert derivative(function).plain() == shown


@pytest.mark.parametrize(
    ("text", "plain", "pretty"),
    [
        ("93/100", "0.93", "0.93"),
        ("-1/8", "-0.125", "-0.125"),
        ("1/3", "1/3", "1/3"),
        ("x/4", "x/4", "x\n─\n4"),
        ("5", "5", "5"),
    ],
)
def test_terminating_fractions_show_as_decimals(text: str, plain: str, pretty: str) -> None:
    from derivquest.engine import parse

    assert (parse(text).plain(), parse(text).pretty()) == (plain, pretty)


def test_real_function_is_nan_outside_the_domain() -> None:
    import math

    from derivquest.engine import real_derivative, real_function

    assert real_function("x^2 - 4x + 3")(1.0) == 0.0
    assert real_derivative("x^2 - 4x + 3")(3.0) == 2.0
    assert math.isnan(real_function("ln x")(-1.0))
    assert real_derivative("sigmoid(x)")(0.0) == 0.25
