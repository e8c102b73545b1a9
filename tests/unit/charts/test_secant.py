"""The secant chart: its numbers, its grader, and that the two agree (one model for both)."""

from __future__ import annotations

import math

import pytest

from derivquest.charts.secant.model import MAX_HALVINGS, SecantView
from derivquest.charts.secant.task import SPEC, SecantTask, secant_rows
from derivquest.engine import EngineError
from derivquest.engine.functions import ChartCurves, chart_curves
from derivquest.engine.presenter import present


class InProcess:
    """Curves compiled in this process (the game asks its checker, under a deadline)."""

    def chart_curves(self, text: str, variable: str = "x") -> ChartCurves | EngineError:
        try:
            return chart_curves(text, variable)
        except EngineError as error:
            return error


IN_PROCESS = InProcess()


def view(function: str, a: float, h_start: float = 1.0) -> SecantView:
    return SecantView(function, a=a, h_start=h_start, curves=chart_curves(function))


@pytest.mark.parametrize(
    ("function", "a", "h", "quotient", "slope"),
    [
        ("x^2 - 4*x + 3", 3.0, 1.0, 3.0, 2.0),  # 2a - 4 + h
        ("x^2 - 4*x + 3", 3.0, 0.25, 2.25, 2.0),
        ("x^2 - 4*x + 3", 3.0, -0.25, 1.75, 2.0),  # from the left: 2a - 4 + h, h < 0
        ("x^3", 1.0, 0.5, 4.75, 3.0),  # 3 + 3h + h^2
        ("x^3", 2.0, 0.125, 12.765625, 12.0),  # 12 + 6h + h^2
        ("exp(x)", 0.0, 1.0, math.e - 1, 1.0),
    ],
)
def test_the_difference_quotient_is_the_secants_slope(
    function: str, a: float, h: float, quotient: float, slope: float
) -> None:
    chart = view(function, a)
    assert chart.quotient(h) == pytest.approx(quotient)
    assert chart.slope == pytest.approx(slope)
    assert chart.gap(h) == pytest.approx(abs(quotient - slope))


@pytest.mark.parametrize(
    ("keys", "h"),
    [
        ("", 1.0),
        ("d", 0.5),
        ("ddd", 0.125),
        ("dddu", 0.25),
        ("uuu", 1.0),  # never above h_start
        ("f", -1.0),
        ("ddf", -0.25),
        ("d" * 40, 2.0**-MAX_HALVINGS),  # never below the last rung
    ],
)
def test_keys_walk_the_halving_ladder(keys: str, h: float) -> None:
    chart = SecantView("x^2", a=0.0)
    actions = {"d": chart.shrink, "u": chart.widen, "f": chart.flip}
    for key in keys:
        actions[key]()
    assert chart.h == h


def test_the_secant_line_runs_through_both_points_and_the_tangent_touches_at_a() -> None:
    chart = view("x^3", 1.0, h_start=1.0)
    chart.shrink()
    xs, secant, tangent = chart.xs(), chart.secant_line(), chart.tangent_line()
    middle = xs.index(min(xs, key=lambda x: abs(x - chart.a)))
    assert secant[middle] == pytest.approx(chart.value)
    assert tangent[middle] == pytest.approx(chart.value)
    slope = (secant[-1] - secant[0]) / (xs[-1] - xs[0])
    assert slope == pytest.approx(chart.quotient())


def test_set_h_reaches_only_the_ladder() -> None:
    chart = SecantView("x^2", a=0.0, h_start=1.0)
    assert chart.set_h(-0.0625) and chart.h == -0.0625
    assert not chart.set_h(0.3) and chart.h == -0.0625


def test_nothing_is_drawn_before_the_curves_come() -> None:
    chart = SecantView("x^2", a=1.0)
    assert math.isnan(chart.quotient()) and math.isnan(chart.slope)
    assert not chart.within(1.0)


TASK = SecantTask("x^3", 1.0, 1.0, 0.1)
"""x^3 at 1: the quotient is 3 + 3h + h^2, within 0.1 of 3 from h = 1/32 on."""


@pytest.mark.parametrize(
    ("h", "status", "sentence"),
    [
        (1.0, "incorrect", "secant-far"),
        (0.0625, "incorrect", "secant-far"),  # 3.191: 0.19 away
        (0.03125, "correct", "secant-close"),  # 3.095
        (-0.03125, "correct", "secant-close"),  # from the left: 2.907
        (2.0**-MAX_HALVINGS, "correct", "secant-close"),
        (0.0, "incorrect", "secant-undefined"),
    ],
)
def test_grade(h: float, status: str, sentence: str) -> None:
    verdict = SPEC.grade(TASK, h, IN_PROCESS)
    assert (verdict.status, verdict.sentence_id) == (status, sentence)


def test_the_verdict_reads_in_english_and_bengali() -> None:
    verdict = SPEC.grade(TASK, 0.5, IN_PROCESS)
    assert present(verdict, "en") == (
        "h = 0.5: the secant's slope 4.75 is 1.75 away from f'(1) = 3 (allowed: 0.1). "
        "Make h smaller."
    )
    assert present(verdict, "bn") == (
        "h = 0.5: secant-এর slope 4.75, f'(1) = 3 থেকে 1.75 দূরে (অনুমোদিত: 0.1)। h আরও ছোট করুন।"
    )


def test_an_unreadable_function_is_invalid_not_a_crash() -> None:
    verdict = SPEC.grade(SecantTask("x^^2", 1.0, 1.0, 0.1), 0.5, IN_PROCESS)
    assert verdict.status == "invalid"


@pytest.mark.parametrize(
    "task",
    [
        TASK,
        SecantTask("x^2 - 4*x + 3", 3.0, 1.0, 0.01),
        SecantTask("sin(x)", 1.0, 2.0, 0.001),
        SecantTask("ln(x)", 0.5, 0.25, 0.05),
        SecantTask("exp(x)", 0.0, 1.0, 0.01),
    ],
)
def test_the_chart_and_the_grader_agree_on_every_h_the_keys_reach(task: SecantTask) -> None:
    """What the chart's status line says (its model's gap) is what Enter would be graded."""
    curves = chart_curves(task.function)
    chart = task.model(curves=curves)
    for flip in (False, True):
        if flip:
            chart.flip()
        for _ in range(MAX_HALVINGS + 1):
            verdict = SPEC.grade(task, chart.h, IN_PROCESS)
            assert verdict.correct is chart.within(task.tolerance), chart.h
            chart.shrink()
        while chart.halvings:
            chart.widen()


def test_the_validators_rows_follow_the_ladder() -> None:
    rows = secant_rows(TASK, 3.0)
    assert [row.h for row in rows[:3]] == [1.0, 0.5, 0.25]
    assert [row.passes for row in rows[:7]] == [False] * 5 + [True] * 2
    assert len(rows) == MAX_HALVINGS + 1
