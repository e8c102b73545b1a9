"""Realistic nesting reads: unary minus chains and nested functions at the depths learners
type. ``sin(-x-1)`` was once refused as "nested too deeply" (sin pulled a minus out of an
undistributed -(-x - 1) forever)."""

from __future__ import annotations

import pytest

from derivquest.engine import check, check_derivative, parse
from derivquest.engine.errors import LimitExceeded
from derivquest.engine.limits import MAX_NESTING_DEPTH

NAMES = ("x", "w", "b")

READABLE = [
    # (typed, an equal form the judge must accept)
    ("sin(-x-1)", "-sin(x+1)"),
    ("sin(-2x-1)", "-sin(2x+1)"),
    ("-sin(-x-1)", "sin(x+1)"),
    ("cos(-x-1)", "cos(x+1)"),
    ("tan(-x-1)", "-tan(x+1)"),
    ("tanh(-(w x + b))", "-tanh(wx+b)"),
    ("sigmoid(-w x - b)", "1 - sigmoid(wx+b)"),
    ("asin(-x/2-1/4)", "-asin(x/2+1/4)"),
    ("atan(-x-1)", "-atan(x+1)"),
    ("sinh(-x-1)", "-sinh(x+1)"),
    ("cot(-x-1)", "-cot(x+1)"),
    ("cosec(-x-1)", "-1/sin(x+1)"),
    ("|-x-1|", "|x+1|"),
    ("sin(-(-(-(-x-1))))", "sin(x+1)"),
    ("sin(-3(x+1))", "-sin(3x+3)"),
    ("-----x", "-x"),
    ("- - - - x - 1", "x - 1"),
    ("-(-(-(-(-(x)))))", "-x"),
    ("sin(cos(tan(-x-1)))", "sin(cos(-tan(x+1)))"),
    ("e^(-sin(-x-1))", "e^(sin(x+1))"),
    ("ln(1 + e^(-w x - b))", "softplus(-wx-b)"),
    ("sqrt(1 + sin(-x-1)^2)", "sqrt(1 + sin(x+1)^2)"),
    (
        "sin(sin(sin(sin(sin(sin(sin(sin(-x-1))))))))",
        "-sin(sin(sin(sin(sin(sin(sin(sin(x+1))))))))",
    ),
    ("((((((((-x-1))))))))^2", "(x+1)^2"),
    ("-(-x-1)^3", "(x+1)^3"),
    ("sigmoid(-sigmoid(-sigmoid(-x-1)))", "1 - sigmoid(sigmoid(-sigmoid(-x-1)))"),
]


@pytest.mark.parametrize(("typed", "equal"), READABLE)
def test_realistic_nesting_reads_and_is_judged(typed: str, equal: str) -> None:
    parse(typed, NAMES)  # no EngineError
    verdict = check(typed, equal, NAMES)
    assert verdict.status == "correct", verdict.message


@pytest.mark.parametrize(
    ("function", "answer"),
    [
        ("sin(-x-1)", "-cos(-x-1)"),
        ("cos(-2x-1)", "2 sin(-2x-1)"),
        ("e^(-x-1)", "-e^(-x-1)"),
        ("tanh(-x-1)", "-(1 - tanh(-x-1)^2)"),
    ],
)
def test_derivatives_of_negated_arguments(function: str, answer: str) -> None:
    assert check_derivative(function, answer).status == "correct"


@pytest.mark.parametrize("depth", [5, 10, 20, MAX_NESTING_DEPTH - 2])
def test_nested_functions_up_to_the_limit_read(depth: int) -> None:
    text = "sin(" * depth + "-x-1" + ")" * depth
    parse(text)


def test_nesting_beyond_the_limit_is_refused_with_the_limit_named() -> None:
    depth = MAX_NESTING_DEPTH + 5
    with pytest.raises(LimitExceeded) as raised:
        parse("sin(" * depth + "x" + ")" * depth)
    assert str(MAX_NESTING_DEPTH) in raised.value.message
