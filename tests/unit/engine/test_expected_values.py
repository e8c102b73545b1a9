"""The expected answer's values at the mandatory points are kept per question: a second
answer to the same question evaluates only itself there, and gets the same verdict."""

from __future__ import annotations

import pytest

from derivquest.engine import check, parse
from derivquest.engine.equivalence import Sampler
from derivquest.engine.expected_values import known_values


@pytest.mark.parametrize(
    ("expected", "answers"),
    [
        ("(w x + b - y)^2", ["(wx+b-y)(wx+b-y)", "(w x + b + y)^2", "(y - wx - b)^2"]),
        ("ln(x y)", ["ln x + ln y", "ln x - ln y"]),
    ],
)
def test_answers_to_one_question_share_the_expected_values(
    expected: str, answers: list[str]
) -> None:
    names = ("w", "x", "b", "y")
    known_values.cache_clear()
    first = [check(expected, answer, names) for answer in answers]
    kept = known_values.cache_info().currsize
    assert kept >= 1
    again = [check(expected, answer, names) for answer in answers]
    assert [v.status for v in again] == [v.status for v in first]
    assert [v.message for v in again] == [v.message for v in first]
    assert known_values.cache_info().currsize == kept


def test_every_answer_meets_the_same_mandatory_points() -> None:
    names = ("x", "y")
    expected = parse("x y + 1", names)
    symbols = list(expected.symbols.values())
    one = Sampler(expected.expr, parse("y x + 1", names).expr, symbols)
    two = Sampler(expected.expr, parse("x y - 1", names).expr, symbols)
    layout = len(one.plan.layout)
    assert layout == len(two.plan.layout) > 0
    assert [one.point(i) for i in range(layout)] == [two.point(i) for i in range(layout)]
    assert one.known is two.known
