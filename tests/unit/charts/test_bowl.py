"""The bowl chart: its numbers, its grader, and that the two agree (one model for both)."""

from __future__ import annotations

import math

import pytest

from derivquest.charts.bowl.model import BOWL_RATES, BowlView
from derivquest.charts.bowl.task import (
    SPEC,
    BowlTask,
    bowl_verdict,
    converging_bowl_rates,
    run_bowl,
)
from derivquest.engine.presenter import present


class NoCurves:
    """The bowl draws no author's f(x): grading never asks for curves."""

    def chart_curves(self, text: str, variable: str = "x") -> object:
        raise AssertionError("the bowl chart asked for curves")


TASK = BowlTask(a=5, b=0.5, c1=0, c2=0, w1_start=1, w2_start=4, max_steps=40, tolerance=0.05)
"""The course's bowl: w1 <- (1 - 10 lr) w1, w2 <- (1 - lr) w2."""


@pytest.mark.parametrize(
    ("rate", "factors"),
    [
        (0.01, (0.9, 0.99)),
        (0.1, (0.0, 0.9)),
        (0.15, (-0.5, 0.85)),
        (0.2, (-1.0, 0.8)),
        (0.3, (-2.0, 0.7)),
    ],
)
def test_each_step_multiplies_each_error_by_its_own_factor(
    rate: float, factors: tuple[float, float]
) -> None:
    view = TASK.model(rate)
    assert view.factors == pytest.approx(factors)
    view.step()
    assert view.w == pytest.approx((factors[0] * 1, factors[1] * 4))
    assert view.gradient((1, 4)) == (10, 4)


@pytest.mark.parametrize(
    ("rate", "converged", "diverged", "steps"),
    [
        (0.001, False, False, 40),  # too slow
        (0.1, False, False, 40),  # 4 * 0.9^40 = 0.059: just short
        (0.12, True, False, 35),
        (0.15, True, False, 27),
        (0.2, False, False, 40),  # w1 bounces between 1 and -1 forever
        (0.25, False, True, 35),  # |1 - 2.5| = 1.5: overshoots further, runs away at 1.5^35
        (1.0, False, True, 7),  # 9^7 > 1e6: the run stops, it has long run away
    ],
)
def test_runs(rate: float, converged: bool, diverged: bool, steps: int) -> None:
    run = run_bowl(TASK, rate)
    assert (run.converged, run.diverged, run.steps) == (converged, diverged, steps)


def test_a_start_on_the_minimums_line_has_nothing_to_diverge() -> None:
    view = BowlView(a=5, b=0.5, start=(0.0, 4.0), learning_rate=0.3)
    view.run(5)
    assert view.unstable_axis is None and not view.diverged


def test_a_runaway_stops_and_stays_finite() -> None:
    view = BowlView(a=5, b=0.5, start=(1.0, 4.0), learning_rate=1.0)
    view.run(1000)
    assert view.diverged and view.steps < 1000
    assert all(math.isfinite(v) for v in view.w)


@pytest.mark.parametrize(
    ("rate", "status", "sentence", "english"),
    [
        (
            0.15,
            "correct",
            "bowl-converged",
            "lr = 0.15: w reached the minimum in 27 steps (each step multiplies the error "
            "by -0.5 along w1 and by 0.85 along w2).",
        ),
        (
            0.05,
            "incorrect",
            "bowl-slow",
            "lr = 0.05 is too slow: after 40 steps w is still 0.514 from the minimum (w2 "
            "shrinks only ×0.95 a step). Take a larger lr.",
        ),
        (
            0.2,
            "incorrect",
            "bowl-bouncing",
            "lr = 0.2: along w1 1 - 2·lr·5 = -1, so w jumps between two mirror points and "
            "never settles. Take lr a little smaller.",
        ),
        (
            0.3,
            "incorrect",
            "bowl-diverged",
            "lr = 0.3 diverges along w1: |1 - 2·lr·5| = 2 > 1, so every step overshoots "
            "further. Keep lr below 1/5 = 0.2.",
        ),
    ],
)
def test_grade(rate: float, status: str, sentence: str, english: str) -> None:
    verdict = SPEC.grade(TASK, rate, NoCurves())  # type: ignore[arg-type]
    assert (verdict.status, verdict.sentence_id) == (status, sentence)
    assert present(verdict, "en") == english == verdict.message
    assert present(verdict, "bn") != english  # worded from the Bengali catalogue


def test_the_stiff_direction_can_be_w2() -> None:
    task = BowlTask(a=0.5, b=5, c1=1, c2=-1, w1_start=4, w2_start=0, max_steps=40, tolerance=0.05)
    verdict = bowl_verdict(task, 0.3)
    assert verdict.sentence_id == "bowl-diverged"
    assert ("axis", "w2") in verdict.values


def test_the_chart_and_the_grader_agree_on_every_offered_rate() -> None:
    """Step the chart's model as its keys do (Up, then r until it stops) and compare what
    its status would say with the grader's verdict."""
    view = TASK.model()
    for rate in BOWL_RATES:
        while view.learning_rate < rate:
            view.change_rate(1)
        assert view.learning_rate == rate
        for _ in range(TASK.max_steps // 10):
            view.run(10)
        verdict = bowl_verdict(TASK, rate)
        assert verdict.correct is view.converged, rate
        assert (verdict.sentence_id == "bowl-diverged") is view.diverged, rate


def test_the_validator_tries_exactly_the_offered_rates() -> None:
    assert converging_bowl_rates(TASK) == [0.12, 0.15]
