"""The domain rule: a question whose answer has no value on a whole sign pattern of its
variables (√(xy), ln(xy), log(a²b), ln x) is judged for positive variables; any other is
judged wherever the expected answer is defined (ln(x²), x, x²)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivquest.engine import check, check_derivative
from derivquest.engine.domain import positive_only
from derivquest.engine.judge import derivative
from derivquest.engine.parser import parse
from derivquest.engine.presenter import present

XY = ("x", "y")
AB = ("a", "b")

EXPRESSIONS = [
    # (expected, answer, variables, status, a domain note expected)
    # Undefined on a whole sign pattern: judged for positive variables.
    ("ln(x y)", "ln x + ln y", XY, "correct", True),
    ("ln(x y)", "ln|x| + ln|y|", XY, "correct", False),
    ("ln(x y)", "ln(x y)", XY, "correct", False),
    ("ln(x y)", "ln x - ln y", XY, "incorrect", False),
    ("ln(x y)", "ln x * ln y", XY, "incorrect", False),
    ("ln(x y)", "ln(x) + ln(y) + 1", XY, "incorrect", False),
    ("log(a^2 b)", "2 log a + log b", AB, "correct", True),
    ("log(a^2 b)", "2 log|a| + log b", AB, "correct", False),
    ("log(a^2 b)", "log a + log b", AB, "incorrect", False),
    ("log(a^2 b)", "2 log a - log b", AB, "incorrect", False),
    ("sqrt(x y)", "sqrt(x) sqrt(y)", XY, "correct", True),
    ("sqrt(x y)", "sqrt(x) + sqrt(y)", XY, "incorrect", False),
    ("ln(x)", "ln|x|", ("x",), "correct", False),  # undefined for x < 0: no difference there
    ("ln(x)", "ln(x^2)/2", ("x",), "correct", False),
    ("ln(x)", "2 ln(x)", ("x",), "incorrect", False),
    ("sqrt(x y)/x", "sqrt(y/x)", XY, "correct", True),
    # Defined somewhere in every sign pattern: equal wherever the expected answer is defined.
    ("ln(x^2)", "2 ln x", ("x",), "incorrect", False),
    ("ln(x^2)", "2 ln|x|", ("x",), "correct", False),
    ("x", "sqrt(x)^2", ("x",), "incorrect", False),
    ("x", "e^(ln x)", ("x",), "incorrect", False),
    ("x^2", "(sqrt x)^4", ("x",), "incorrect", False),
    ("x y", "sqrt(x y)^2", XY, "incorrect", False),
    ("ln(x^2 y^2)", "2 ln x + 2 ln y", XY, "incorrect", False),
    ("ln(x^2 y^2)", "2 ln|x y|", XY, "correct", False),
    # No positive point: the expected answer's own domain.
    ("sqrt(-x)", "sqrt(|x|)", ("x",), "correct", False),
    ("sqrt(-x)", "sqrt(x)", ("x",), "incorrect", False),
]


@pytest.mark.parametrize(("expected", "answer", "variables", "status", "noted"), EXPRESSIONS)
def test_the_domain_rule_on_expressions(
    expected: str, answer: str, variables: tuple[str, ...], status: str, noted: bool
) -> None:
    verdict = check(expected, answer, variables)
    assert verdict.status == status, verdict.message
    assert (verdict.domain_note is not None) == noted


DERIVATIVES = [
    # (function, variable, variables, answer, status, a domain note expected)
    ("sqrt(x y)", "x", XY, "sqrt(y/x)/2", "correct", True),
    ("sqrt(x y)", "x", XY, "sqrt(y)/(2sqrt(x))", "correct", True),
    ("sqrt(x y)", "x", XY, "y/(2sqrt(xy))", "correct", False),
    ("sqrt(x y)", "x", XY, "1/(2sqrt(xy))", "incorrect", False),
    ("sqrt(x y)", "x", XY, "y/sqrt(xy)", "incorrect", False),
    ("sqrt(x y)", "x", XY, "-sqrt(y/x)/2", "incorrect", False),
    ("sqrt(x y)", "x", XY, "sqrt(x/y)/2", "incorrect", False),
    # The derivative of ln x is defined for x < 0: the usual rule.
    ("ln x", "x", ("x",), "1/x", "correct", False),
    ("ln x", "x", ("x",), "1/|x|", "incorrect", False),
]


@pytest.mark.parametrize(
    ("function", "variable", "variables", "answer", "status", "noted"), DERIVATIVES
)
def test_the_domain_rule_on_derivatives(
    function: str,
    variable: str,
    variables: tuple[str, ...],
    answer: str,
    status: str,
    noted: bool,
) -> None:
    verdict = check_derivative(function, answer, variable, variables)
    assert verdict.status == status, verdict.message
    assert (verdict.domain_note is not None) == noted


def test_the_note_says_why_in_both_languages() -> None:
    verdict = check_derivative("sqrt(x y)", "sqrt(y/x)/2", "x", XY)
    english = present(verdict, "en")
    assert english.startswith("Correct. Judged for positive x and y")
    assert "x > 0 and y < 0" in english
    bengali = present(verdict, "bn")
    assert bengali.startswith("সঠিক।") and "ধনাত্মক" in bengali and "x > 0 ও y < 0" in bengali
    assert verdict.domain_note is not None
    assert all(float(value) < 0 for _, value in verdict.domain_note.where)


@pytest.mark.parametrize(
    ("expected", "variables", "positive"),
    [
        ("sqrt(x y)", XY, True),
        ("ln(x y)", XY, True),
        ("log(a^2 b)", AB, True),
        ("ln(x)", ("x",), True),
        ("sqrt(x - 5)", ("x",), True),
        ("ln(x^2)", ("x",), False),
        ("x", ("x",), False),
        ("asin(x)", ("x",), False),  # small negative x has a value
        ("sqrt(x + y)", XY, True),  # no value anywhere with x, y < 0
        ("sqrt(x^2 + y)", XY, False),  # values in every pattern, where x² > -y
        ("1/x", ("x",), False),
        ("sqrt(-x)", ("x",), False),  # no positive point at all
    ],
)
def test_which_questions_are_about_positive_quantities(
    expected: str, variables: tuple[str, ...], positive: bool
) -> None:
    assert (positive_only(parse(expected, variables).expr) is not None) == positive


POSITIVE_ONLY = ("ln({v})", "sqrt({v})", "ln({u}*{v})", "sqrt({u}*{v})", "{v}^(1/2)*{u}")
"""Factors undefined on a whole sign pattern of their variables."""

ANYWHERE = ("{v}", "{v}^2", "({u} + {v})", "e^({v})", "sin({u})", "ln({v}^2 + 1)")
"""Factors defined everywhere."""


@st.composite
def positive_questions(draw: st.DrawFn) -> tuple[tuple[str, ...], str]:
    """A product or sum of factors, at least one of which makes the question positive-only."""
    names = draw(st.sampled_from([("x", "y"), ("a", "b", "c")]))

    def factor(templates: tuple[str, ...]) -> str:
        u, v = draw(st.permutations(names))[:2]
        return draw(st.sampled_from(templates)).format(u=u, v=v)

    parts = [factor(POSITIVE_ONLY), *(factor(ANYWHERE) for _ in range(draw(st.integers(0, 2))))]
    joiner = draw(st.sampled_from([" + ", " * "]))
    return names, joiner.join(f"({p})" for p in parts)


WRONG_VARIANTS = (
    "-({e})",
    "2*({e})",
    "({e}) + 1",
    "({e}) + {v}",
    "({e})*{v}",
    "({e})/2",
)
"""Wrong variants: a sign flipped, a factor or term added, a factor dropped."""


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(positive_questions(), st.sampled_from(WRONG_VARIANTS), st.data())
def test_wrong_variants_are_never_accepted_under_the_positive_rule(
    question: tuple[tuple[str, ...], str], variant: str, data: st.DataObject
) -> None:
    names, expected = question
    v = data.draw(st.sampled_from(names))
    answer = variant.format(e=expected, v=v)
    verdict = check(expected, answer, names)
    assert verdict.status != "correct", (expected, answer, verdict.message)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(positive_questions(), st.data())
def test_wrong_derivatives_are_never_accepted_under_the_positive_rule(
    question: tuple[tuple[str, ...], str], data: st.DataObject
) -> None:
    """d/dv of a positive-only function, answered with its derivative sign-flipped, doubled
    or shifted: never right, unless the derivative is 0 (v not in the function)."""
    names, function = question
    v = data.draw(st.sampled_from(names))
    exact = derivative(function, v, names).plain()
    for wrong in (f"-({exact})", f"2*({exact})", f"({exact}) + {v}"):
        verdict = check_derivative(function, wrong, v, names)
        if verdict.status == "correct":
            # Only possible when the derivative is identically 0 (then -0 = 0): never here.
            assert check_derivative(function, "0", v, names).status == "correct", wrong
