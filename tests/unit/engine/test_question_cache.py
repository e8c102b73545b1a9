"""The per-question caches (candidates, expected values): the same verdicts as without them."""

from __future__ import annotations

from derivquest.engine import candidates, judge
from derivquest.engine.verdict import Verdict

QUESTIONS: list[tuple[str, str, tuple[str, ...] | None, list[str]]] = [
    ("(3x+2)^5", "x", None, ["5(3x+2)^4", "15(3x+2)^4", "5(3x+2)^5", "3(3x+2)^4", "(3x+2)^6/18"]),
    ("x^2 sin(x)", "x", None, ["2x cos(x)", "2x sin x + x^2 cos x", "2x sin x - x^2 cos x"]),
    ("sigmoid(2x+1)", "x", None, ["sigmoid(2x+1)(1-sigmoid(2x+1))", "2sigmoid(2x+1)", "x"]),
    ("ln(x^2+1)/(x+3)", "x", None, ["1/(x^2+1)", "(2x/(x^2+1))/1", "-ln(x^2+1)/(x+3)^2"]),
    ("tanh(3x) + e^(2x)", "x", None, ["3(1-9x^2) + 2e^(2x)", "3(1-tanh(3x)^2) + e^(2x)", "0"]),
    ("(w x - y)^2", "w", ("w", "x", "y"), ["2(w x - y)", "2(w x - y) x", "(w x - y) x", "2 w x"]),
    ("relu(x) + x^3", "x", None, ["step(x) + 3x^2", "3x^2", "x^4/4"]),
    ("-ln(sigmoid(z))", "z", ("z",), ["sigmoid(z) - 1", "1 - sigmoid(z)", "+"]),
]
"""Questions with right, wrong and unreadable answers (single slips, pairs, the term at fault,
cross-entropy relabelling, several variables)."""


def clear_caches() -> None:
    judge.clear_question_caches()


def verdicts(uncached: bool) -> list[Verdict]:
    found = []
    for function, variable, variables, answers in QUESTIONS:
        for answer in answers:
            if uncached:
                clear_caches()
            verdict = judge.check_derivative(function, answer, variable, variables)
            found.append(verdict.with_elapsed(0))
    return found


def test_a_cached_question_gives_the_same_verdicts() -> None:
    fresh = verdicts(uncached=True)
    clear_caches()
    verdicts(uncached=False)  # fills the caches: every question's candidates
    assert candidates.cached_questions() >= len(QUESTIONS) - 1
    cached = verdicts(uncached=False)
    assert cached == fresh
    assert any(v.diagnosis for v in fresh) and any(v.term_at_fault for v in fresh)
