"""Wrong derivatives are matched to the classic mistake they look like, most specific first."""

from __future__ import annotations

import time

import pytest

from derivquest.engine import candidates, check_derivative
from derivquest.engine.mistakes import MISTAKE_IDS, SENTENCES, find_mistakes
from derivquest.engine.parser import parse
from derivquest.engine.presenter import mistake_sentence, present
from derivquest.engine.verdict import TermAtFault
from derivquest.engine.written import as_written

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
    # Chain slips inside powers SymPy would have multiplied out: (2x)^3 is not 8x^3 here.
    ("(2x)^3", "3(2x)^2", "chain-inner-missing"),
    ("sqrt(4x)", "1/(2sqrt(4x))", "chain-inner-missing"),
    ("(x^2)^3", "3(x^2)^2", "chain-inner-missing"),
    ("2/x", "2/x^2", "power-rule-coefficient"),  # a lone 1/v is a power, not a quotient
    ("2/x", "-2/x", "power-rule-exponent"),
]


@pytest.mark.parametrize(("function", "answer", "mistake"), DIAGNOSES)
def test_diagnosis(function: str, answer: str, mistake: str | None) -> None:
    verdict = check_derivative(function, answer)
    assert verdict.status == "incorrect"
    assert verdict.diagnosis == mistake
    if mistake is not None:
        assert mistake_sentence(mistake) in verdict.message


ML_MISTAKES = [
    # (function, variable, wrong answer, mistake id, English fragment, Bengali fragment)
    ("(wx)^2", "w", "2wx", "chain-inner-missing", "Chain rule", "ভেতরের function-এর"),
    ("sigmoid(x)", "x", "sigmoid(x)", "sigmoid-derivative-missing-factor", "(1 - σ(u))", "σ(u)"),
    (
        "sigmoid(wx)",
        "w",
        "x sigmoid(wx)",
        "sigmoid-derivative-missing-factor",
        "σ(u)(1 - σ(u))",
        "বাদ",
    ),
    ("tanh(x)", "x", "1 - x^2", "tanh-derivative-at-input", "at the input", "input-এর বর্গ"),
    ("tanh(wx)", "w", "x(1 - (wx)^2)", "tanh-derivative-at-input", "1 - tanh²(u)", "output-এর"),
    ("(wx - y)^2", "w", "(wx - y)x", "mse-missing-two", "factor 2", "2 গুণ"),
    ("(wx - y)^2", "w", "2(wx - y)", "mse-missing-inner", "inner x", "ভেতরের x"),
    ("(wx + b - y)^2", "b", "wx + b - y", "mse-missing-two", "factor 2", "2 গুণ"),
    ("-ln(sigmoid(z))", "z", "1 - sigmoid(z)", "cross-entropy-sign", "sign is wrong", "চিহ্ন"),
    (
        "-(y ln(p) + (1-y) ln(1-p))",
        "p",
        "-y/p - (1-y)/(1-p)",
        "cross-entropy-sign",
        "-1 from ln(1 - p)",
        "ln(1 - p)",
    ),
    ("-ln(1 - p)", "p", "-1/(1-p)", "cross-entropy-sign", "Cross-entropy", "Cross-entropy"),
]

ML_VARIABLES = ("w", "x", "y", "b", "z", "p")


@pytest.mark.parametrize(("function", "variable", "answer", "mistake", "en", "bn"), ML_MISTAKES)
def test_ml_mistakes_are_named_in_both_languages(
    function: str, variable: str, answer: str, mistake: str, en: str, bn: str
) -> None:
    verdict = check_derivative(function, answer, variable, ML_VARIABLES)
    assert verdict.status == "incorrect"
    assert verdict.diagnosis == mistake
    assert en in present(verdict, "en")
    assert bn in present(verdict, "bn")


@pytest.mark.parametrize(
    ("function", "answer"),
    [("relu(x)", "relu(x)/x"), ("relu(2x - 1)", "2relu(2x-1)/(2x-1)")],
)
def test_relu_answers_right_except_at_the_kink_are_named(function: str, answer: str) -> None:
    """An answer equal to step(...) away from 0 but undefined at the kink: ReLU'(0) trouble.

    The judge calls these right (a removable gap is never sampled), so the finder is asked
    directly, as the judge asks it when some other check has found a difference.
    """
    written = as_written(function, ("x",))
    assert written is not None
    found = find_mistakes(written.expr, parse(answer, ("x",)).expr, written.symbols["x"])
    assert found is not None and found.mistakes == ("relu-derivative-at-zero",)
    assert "kink" in mistake_sentence("relu-derivative-at-zero")
    assert "kink" in mistake_sentence("relu-derivative-at-zero", "bn")


def test_equal_everywhere_without_relu_names_nothing() -> None:
    written = as_written("x^2", ("x",))
    assert written is not None
    answer = parse("2x", ("x",)).expr
    assert find_mistakes(written.expr, answer, written.symbols["x"]) is None


TWO_SLIPS = [
    # (function, answer, slips in order: fewest explanation, most specific rule first)
    ("(3x+2)^5", "5(3x+2)^5", ("chain-inner-missing", "power-rule-exponent")),
    ("sin(3x) + x^3", "cos(3x) + 3x^3", ("chain-inner-missing", "power-rule-exponent")),
    ("sin(3x) + cos(x)", "cos(3x) + sin(x)", ("chain-inner-missing", "sign-error")),
]


@pytest.mark.parametrize(("function", "answer", "slips"), TWO_SLIPS)
def test_two_slips_at_once(function: str, answer: str, slips: tuple[str, ...]) -> None:
    verdict = check_derivative(function, answer)
    assert verdict.slips == slips
    assert verdict.diagnosis == slips[0]
    assert "Two slips at once" in present(verdict, "en")
    assert "একসাথে দুটো ভুল" in present(verdict, "bn")


@pytest.mark.parametrize(
    ("function", "answer", "slips"),
    [
        ("(3x+2)^5", "5(3x+2)^4", ("chain-inner-missing",)),
        # Two chain slips, one per term, are one rule misapplied, not "two slips at once".
        ("sin(3x) + cos(3x)", "cos(3x) - sin(3x)", ("chain-inner-missing",)),
        ("x^3 - 2x", "3x^2 + 2", ("sign-error",)),
    ],
)
def test_the_fewest_slips_win(function: str, answer: str, slips: tuple[str, ...]) -> None:
    verdict = check_derivative(function, answer)
    assert verdict.slips == slips
    assert "Two slips" not in verdict.message


TERMS = [
    # (function, answer, term at fault, English sentence start)
    (
        "sin(3x) + x^2",
        "cos(3x) + 2x",
        TermAtFault(1, 2),
        "The second term is right; in the first term: Chain rule",
    ),
    ("x^3 - 2x", "3x^2 + 2", TermAtFault(2, 2), "The first term is right; in the second term"),
    (
        "x^2 + e^(5x) + 7x",
        "2x + e^(5x) + 7",
        TermAtFault(2, 3),
        "The other terms are right; in the second term: Chain rule",
    ),
]


@pytest.mark.parametrize(("function", "answer", "term", "sentence"), TERMS)
def test_the_term_at_fault_is_named(
    function: str, answer: str, term: TermAtFault, sentence: str
) -> None:
    verdict = check_derivative(function, answer)
    assert verdict.term_at_fault == term
    assert present(verdict, "en").startswith(sentence)


def test_the_term_at_fault_in_bengali() -> None:
    verdict = check_derivative("sin(3x) + x^2", "cos(3x) + 2x")
    assert present(verdict, "bn").startswith("দ্বিতীয় পদ ঠিক আছে; প্রথম পদে: Chain rule")


def test_a_slip_in_every_term_names_no_term() -> None:
    verdict = check_derivative("sin(3x) + cos(2x)", "cos(3x) - sin(2x)")
    assert verdict.diagnosis == "chain-inner-missing"
    assert verdict.term_at_fault is None


@pytest.mark.parametrize(
    ("function", "variable"),
    [
        ("-(y ln(sigmoid(wx+b)) + (1-y) ln(1-sigmoid(wx+b)))", "w"),  # took 2.5 s
        ("x^2 sin(x) + e^(3x)/(x^2+1) + (2x+1)^5 - ln(x^2+1)", "x"),
    ],
)
def test_a_diagnosis_of_a_large_function_stays_within_its_budget(
    function: str, variable: str
) -> None:
    """Nothing matches, so every candidate is tried: still well inside the deadline (CPU)."""
    names = ("w", "x", "y", "b")
    written = as_written(function, names)
    assert written is not None
    answer = parse("x", names).expr
    started = time.process_time()
    assert find_mistakes(written.expr, answer, written.symbols[variable]) is None
    assert time.process_time() - started < 1.0


def test_correct_answers_get_no_diagnosis() -> None:
    verdict = check_derivative("(3x+2)^5", "15(3x+2)^4")
    assert verdict.diagnosis is None and verdict.slips == ()


@pytest.mark.parametrize("language", ["en", "bn"])
def test_every_mistake_has_a_sentence(language: str) -> None:
    assert set(SENTENCES[language]) == set(MISTAKE_IDS)


def test_unknown_language_falls_back_to_english() -> None:
    assert mistake_sentence("sign-error", "fr") == SENTENCES["en"]["sign-error"]


def test_a_second_answer_to_the_same_question_reuses_its_candidates() -> None:
    """The wrong derivatives are derived once per question: a warm diagnosis derives none."""
    candidates.clear()
    function = "-(y ln(sigmoid(wx+b)) + (1-y) ln(1-sigmoid(wx+b)))"
    names = ("w", "x", "y", "b")
    first = check_derivative(function, "-x(y - sigmoid(wx+b))*-1", "w", names)
    assert candidates.cached_questions() == 1
    written = as_written(function, names)
    assert written is not None
    question = candidates.candidates_for(written.expr, written.symbols["w"])
    derived = len(question._candidates)
    second = check_derivative(function, "-x(y - sigmoid(wx+b))*-1", "w", names)
    assert second.slips == first.slips == ("cross-entropy-sign",)
    assert len(question._candidates) == derived
    assert candidates.cached_questions() == 1


def test_the_candidates_cache_is_bounded() -> None:
    candidates.clear()
    for power in range(candidates.CACHE_SIZE + 5):
        check_derivative(f"x^{power + 2}", "x")
    assert candidates.cached_questions() == candidates.CACHE_SIZE
