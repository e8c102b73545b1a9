"""Wrong derivatives are matched to the classic mistake they look like, most specific first."""

from __future__ import annotations

import pytest

from derivquest.engine import check_derivative
from derivquest.engine.mistakes import MISTAKE_IDS, SENTENCES, describe_mistake

DIAGNOSES = [
    # (function, wrong answer, expected diagnosis)
    ("(3x+2)^5", "5(3x+2)^4", "chain-inner-missing"),  # not constant-factor
    ("sin(3x)", "cos(3x)", "chain-inner-missing"),
    ("e^(2x)", "e^(2x)", "chain-inner-missing"),
    ("ln(x^2+1)", "1/(x^2+1)", "chain-inner-missing"),
    ("sigmoid(2x)", "sigmoid(2x)(1-sigmoid(2x))", "chain-inner-missing"),
    ("sin(x^2)^3", "3 sin(x^2)^2 cos(x^2)", "chain-inner-missing"),  # one level dropped
    ("x e^x", "e^x", "product-rule-derivatives-multiplied"),
    ("x^2 sin x", "2x cos x", "product-rule-derivatives-multiplied"),
    ("sin(x)/x", "(x cos x + sin x)/x^2", "quotient-rule-sign"),
    ("sin(x)/x", "(sin x - x cos x)/x^2", "quotient-rule-sign"),
    ("x^5", "5x^5", "power-rule-exponent"),
    ("x^5", "5x^6", "power-rule-exponent"),
    ("(3x+2)^5", "15(3x+2)^5", "power-rule-exponent"),
    ("x^5", "x^4", "power-rule-coefficient"),
    ("cos(x)", "sin(x)", "sign-error"),
    ("x^3 - 2x", "3x^2 + 2", "sign-error"),
    ("x^3 - 2x", "2 - 3x^2", "sign-error"),
    ("x^3", "6x^2", "constant-factor"),
    ("x^3", "x^4/4", "antiderivative"),
    ("x^3", "x^3", "not-differentiated"),
    ("x^2", "x + 1", None),
]


@pytest.mark.parametrize(("function", "answer", "mistake"), DIAGNOSES)
def test_diagnosis(function: str, answer: str, mistake: str | None) -> None:
    verdict = check_derivative(function, answer)
    assert verdict.status == "incorrect"
    assert verdict.diagnosis == mistake
    if mistake is not None:
        assert describe_mistake(mistake) in verdict.message


def test_correct_answers_get_no_diagnosis() -> None:
    assert check_derivative("(3x+2)^5", "15(3x+2)^4").diagnosis is None


@pytest.mark.parametrize("language", ["en", "bn"])
def test_every_mistake_has_a_sentence(language: str) -> None:
    assert set(SENTENCES[language]) == set(MISTAKE_IDS)


def test_unknown_language_falls_back_to_english() -> None:
    assert describe_mistake("sign-error", "fr") == SENTENCES["en"]["sign-error"]
