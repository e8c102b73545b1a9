"""Charts' plot tasks: pure decisions from the player's final state, and the numbers behind them."""

from __future__ import annotations

import math

import pytest

from derivquest.charts.activations.task import (
    ActivationTask,
    activation_reached,
    activation_target_reachable,
)
from derivquest.charts.gradient_check.model import STEP_SIZES, central_difference
from derivquest.charts.gradient_check.task import (
    GradientCheckTask,
    gradient_check_passes,
    gradient_check_rows,
)
from derivquest.charts.gradient_descent.task import DescentTask, converging_rates, run_descent
from derivquest.charts.tangent.model import TangentView
from derivquest.charts.tangent.task import (
    TangentTask,
    grid_positions,
    slope_reached,
    tangent_solutions,
)
from derivquest.engine import EngineError
from derivquest.engine.functions import ChartCurves, chart_curves


class InProcess:
    """Curves compiled in this process (the game asks its checker, under a deadline)."""

    def chart_curves(self, text: str, variable: str = "x") -> ChartCurves | EngineError:
        try:
            return chart_curves(text, variable)
        except EngineError as error:
            return error


IN_PROCESS = InProcess()


@pytest.mark.parametrize(
    ("slope", "target", "tolerance", "reached"),
    [
        (2.0, 2.0, 0.1, True),
        (2.5, 2.0, 0.5, True),  # the boundary counts
        (2.51, 2.0, 0.5, False),
        (-2.0, 2.0, 0.1, False),
        (math.nan, 2.0, 0.1, False),
    ],
)
def test_slope_reached(slope: float, target: float, tolerance: float, reached: bool) -> None:
    assert slope_reached(slope, target, tolerance) is reached


@pytest.mark.parametrize(
    ("x", "reached"), [(0.0, True), (0.05, True), (-0.05, True), (0.051, False)]
)
def test_activation_reached(x: float, reached: bool) -> None:
    assert activation_reached(x, 0.0, 0.05) is reached


TASK = DescentTask(x=2, y=6, w0=0, max_steps=50, tolerance=0.01)
"""L(w) = (2w - 6)^2: w* = 3, and the update is w <- w - 8 lr (w - 3)."""


@pytest.mark.parametrize(
    ("rate", "converged", "diverged"),
    [
        (0.001, False, False),  # too slow for 50 steps
        (0.05, True, False),
        (0.125, True, False),  # 8 lr = 1: one step lands on w*
        (0.2, True, False),  # overshoots, but the overshoot shrinks
        (0.3, False, True),  # |1 - 8 lr| > 1: every step overshoots further
        (1.0, False, True),
    ],
)
def test_gradient_descent(rate: float, converged: bool, diverged: bool) -> None:
    run = run_descent(TASK, rate)
    assert (run.converged, run.diverged) == (converged, diverged)
    assert run.path[0] == 0
    assert run.steps <= TASK.max_steps


def test_one_step_is_the_update_rule() -> None:
    run = run_descent(TASK, 0.125)
    assert run.path == [0, 3.0]
    assert run.steps == 1


def test_descent_edge_cases() -> None:
    assert run_descent(DescentTask(0, 1, 0, 10, 0.1), 0.1).converged is False  # no y/x
    assert run_descent(DescentTask(2, 6, 3, 10, 0.1), 0.1).steps == 0  # starts solved
    assert converging_rates(TASK) == [0.03, 0.05, 0.1, 0.2]


def test_central_difference_shows_rounding_error() -> None:
    """Float64 on purpose: a tiny h loses to rounding, a moderate h is accurate."""
    exact = math.cos(1.0)
    good = central_difference(math.sin, 1.0, 1e-5)
    tiny = central_difference(math.sin, 1.0, 1e-12)
    coarse = central_difference(math.sin, 1.0, 1e-1)
    assert gradient_check_passes(good, exact, 1e-8)
    assert not gradient_check_passes(tiny, exact, 1e-8)
    assert not gradient_check_passes(coarse, exact, 1e-8)
    assert not gradient_check_passes(math.inf, exact, 1e-8)


def test_step_sizes() -> None:
    assert STEP_SIZES[0] == 0.1
    assert STEP_SIZES[-1] == 1e-12
    assert len(STEP_SIZES) == 12


@pytest.mark.parametrize(
    ("start", "step", "low", "high", "positions"),
    [
        (0, 0.5, -1, 1, [-1.0, -0.5, 0.0, 0.5, 1.0]),
        (0.1, 0.1, 0, 0.3, [0.0, 0.1, 0.2, 0.3]),  # rounded: no 0.30000000000000004
        (0, 1, 2, 1, []),
        (0, 0, -1, 1, []),
    ],
)
def test_grid_positions(
    start: float, step: float, low: float, high: float, positions: list[float]
) -> None:
    assert grid_positions(start, step, low, high) == positions


@pytest.mark.parametrize(
    ("target", "reachable"), [(0.3, False), (0.5, True), (-2.0, True), (0.26, True)]
)
def test_activation_target_reachable(target: float, reachable: bool) -> None:
    task = ActivationTask("sigmoid", target, 0.25, 0.0, 0.5)
    assert activation_target_reachable(task) is (reachable or abs(target - 0.5) <= 0.25)


def test_tangent_solutions_use_the_exact_derivative() -> None:
    task = TangentTask("x^2", 2.0, 0.05, 0.0, 0.1, -3.0, 3.0)
    assert tangent_solutions(task) == [1.0]
    assert TangentView("x^3", curves=chart_curves("x^3")).slope_of(2.0) == 12.0
    assert math.isnan(TangentView("sqrt(x)", curves=chart_curves("sqrt(x)")).slope_of(-1.0))


def test_gradient_check_rows() -> None:
    rows = gradient_check_rows(GradientCheckTask("sin(x)", 1.0, 1e-6), math.cos(1.0))
    assert [row.h for row in rows] == list(STEP_SIZES)
    assert all(row.exact == pytest.approx(math.cos(1.0)) for row in rows)
    passing = [row.h for row in rows if row.passes]
    assert 1e-5 in passing
    assert 1e-1 not in passing and 1e-12 not in passing


@pytest.mark.parametrize(
    ("rate", "status", "chart_says"),
    [
        (0.03, "correct", "converged"),
        (0.1, "correct", "converged"),
        (0.25, "incorrect", "neither"),  # |1 - 8 lr| = 1: it oscillates forever
        (0.3, "incorrect", "diverged"),
        (0.001, "incorrect", "neither"),  # too slow for the steps allowed
    ],
)
def test_the_chart_says_what_the_grader_decides(rate: float, status: str, chart_says: str) -> None:
    """One model: the player's chart run for max_steps shows the grader's verdict."""
    from derivquest.charts.gradient_descent.model import DescentView
    from derivquest.charts.gradient_descent.task import SPEC

    chart = DescentView(x=TASK.x, y=TASK.y, w0=TASK.w0, learning_rate=rate, tolerance=0.01)
    for _ in range(TASK.max_steps):  # the player pressing space until the steps run out
        if chart.converged:
            break
        chart.step()
    shown = "converged" if chart.converged else "diverged" if chart.diverged else "neither"
    verdict = SPEC.grade(TASK, rate, IN_PROCESS)
    assert (verdict.status, shown) == (status, chart_says)
    assert ("diverges" in verdict.message) == (chart_says == "diverged")


@pytest.mark.parametrize(("rate", "diverged"), [(0.2, False), (0.25, False), (0.26, True)])
def test_divergence_is_the_error_factor_above_one(rate: float, diverged: bool) -> None:
    """|1 - 2·lr·x²| > 1 is divergence from the first step on, in the chart and the grader."""
    run = run_descent(TASK, rate)
    assert run.diverged is diverged
    first = TASK.model(rate)
    first.step()
    assert first.diverged is diverged


def test_each_chart_task_has_its_chart_and_grades_through_its_spec() -> None:
    from derivquest.charts.registry import UnknownChart, chart_ids, spec_for

    assert chart_ids() == (
        "tangent",
        "secant",
        "gradient-descent",
        "bowl",
        "gradient-check",
        "activations",
    )
    for chart in chart_ids():
        assert spec_for(chart).table.model_fields["chart"].is_required()
    with pytest.raises(UnknownChart, match="'descent'"):
        spec_for("descent")
