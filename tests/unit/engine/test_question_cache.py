"""The per-question cache: the same verdicts as without it, and both of its bounds hold."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from derivquest.engine import judge
from derivquest.engine.question_cache import BoundedCache
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


def verdicts(uncached: bool) -> list[Verdict]:
    found = []
    for function, variable, variables, answers in QUESTIONS:
        for answer in answers:
            if uncached:
                judge.QUESTIONS.clear()
            verdict = judge.check_derivative(function, answer, variable, variables)
            found.append(verdict.with_elapsed(0))
    return found


def test_a_cached_question_gives_the_same_verdicts() -> None:
    fresh = verdicts(uncached=True)
    judge.QUESTIONS.clear()
    verdicts(uncached=False)  # fills the cache: every question's candidates
    cached = verdicts(uncached=False)
    assert judge.QUESTIONS.stats.hits >= sum(len(q[3]) for q in QUESTIONS)
    assert cached == fresh
    assert any(v.diagnosis for v in fresh) and any(v.term_at_fault for v in fresh)


def test_a_question_grows_heavier_as_answers_fill_it_in() -> None:
    judge.QUESTIONS.clear()
    judge.check_derivative("x^2 sin(x) + e^(3x)", "2x cos(x) + 3e^(3x)")
    first = judge.QUESTIONS.weight()
    judge.check_derivative("x^2 sin(x) + e^(3x)", "x^3")
    assert judge.QUESTIONS.weight() > first > 0
    assert len(judge.QUESTIONS) == 1


@dataclass
class Item:
    weight: int


@pytest.mark.parametrize(
    ("entries", "max_bytes", "weights", "kept"),
    [
        (3, 1000, [1, 1, 1, 1, 1], [2, 3, 4]),  # entries bound: the oldest go
        (10, 100, [40, 40, 40], [1, 2]),  # bytes bound
        (10, 100, [150], [0]),  # one entry over the bound is still kept while it is used
        (10, 100, [150, 10], [1]),  # ... and goes at the next one
    ],
)
def test_both_bounds_evict_the_least_recently_used(
    entries: int, max_bytes: int, weights: list[int], kept: list[int]
) -> None:
    cache: BoundedCache[Item] = BoundedCache(entries, max_bytes)
    for key, weight in enumerate(weights):
        cache.get(key, lambda weight=weight: Item(weight))  # type: ignore[misc]
    assert [key for key in range(len(weights)) if key in cache._items] == kept


def test_a_hit_is_kept_longest_and_growth_counts() -> None:
    cache: BoundedCache[Item] = BoundedCache(10, 100)
    first = cache.get("a", lambda: Item(30))
    cache.get("b", lambda: Item(30))
    assert cache.get("a", lambda: Item(999)) is first  # a hit: not made again
    first.weight = 60  # it grew while in use
    cache.get("c", lambda: Item(30))
    assert list(cache._items) == ["a", "c"]  # "b" was the least recently used
    assert (cache.stats.hits, cache.stats.misses, cache.stats.evictions) == (1, 3, 1)
