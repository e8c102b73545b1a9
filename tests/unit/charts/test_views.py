"""The numbers behind the charts: what each chart shows for known functions and settings."""

from __future__ import annotations

import math
from typing import Any

import pytest

from derivquest.charts.activations import ActivationView
from derivquest.charts.gradient_check import GradientCheckView
from derivquest.charts.gradient_descent import LEARNING_RATES, DescentView
from derivquest.charts.tangent import SECANT_MIN, SECANT_START, TangentView
from derivquest.engine import EngineError
from derivquest.engine.functions import chart_curves


def tangent(function: str, **settings: Any) -> TangentView:
    """A tangent view with its curves prepared in this process (the game asks the checker)."""
    return TangentView(function, curves=chart_curves(function), **settings)


def gradient_check(function: str, **settings: Any) -> GradientCheckView:
    """A gradient-check view with its curves prepared in this process."""
    return GradientCheckView(function, curves=chart_curves(function), **settings)


def test_tangent_values_at_the_lessons_parabola() -> None:
    view = tangent("x^2 - 4x + 3", x0=3.0)
    assert (view.value, view.slope, view.secant_slope) == (0.0, 2.0, 4.0)  # h = 2 to start


def test_the_secant_closes_in_on_the_tangent_as_h_shrinks() -> None:
    view = tangent("x^3", x0=1.0)
    gaps = []
    while view.h > SECANT_MIN:
        gaps.append(abs(view.secant_slope - view.slope))
        view.shrink_secant()
    assert gaps == sorted(gaps, reverse=True)
    assert abs(view.secant_slope - view.slope) < 0.01
    for _ in range(20):
        view.widen_secant()
    assert view.h == SECANT_START


def test_the_tangent_line_touches_the_curve_at_x0() -> None:
    view = tangent("sin(x)", x0=0.0, x_min=-2, x_max=2)
    middle = len(view.xs()) // 2
    assert view.tangent_line()[middle] == pytest.approx(view.curve()[middle])
    assert view.tangent_line()[-1] == pytest.approx(2.0)  # y = x at x = 2


def test_x0_stays_in_the_window() -> None:
    view = tangent("x^2", x0=4.5, step=0.5, x_min=-5, x_max=5)
    view.move(3)
    assert view.x0 == 5.0
    view.move(-40)
    assert view.x0 == -5.0


def test_undefined_points_do_not_break_the_frame() -> None:
    view = tangent("ln(x)", x0=1.0)
    assert any(math.isnan(y) for y in view.curve())
    low, high = view.y_limits()
    assert math.isfinite(low) and math.isfinite(high) and low < high


def test_an_unreadable_function_is_the_engines_error() -> None:
    with pytest.raises(EngineError, match="unexpected"):
        tangent("x^2 +* 3")


def test_a_view_without_curves_yet_draws_nothing_and_keeps_its_frame() -> None:
    view = TangentView("x^2", x0=1.0)
    assert math.isnan(view.value) and math.isnan(view.slope)
    assert all(math.isnan(y) for y in view.curve())
    assert view.y_limits() == (-1.0, 1.0)
    view.show(chart_curves("x^2"))
    assert (view.value, view.slope) == (1.0, 2.0)
    assert view.curve()[0] == 25.0  # the cached curve was dropped with the old curves


def test_runaway_values_are_left_out_of_the_frame() -> None:
    view = tangent("x^200", x0=0.0)  # about 6e139 at x = 5: finite, but no frame can hold it
    low, high = view.y_limits()
    assert math.isfinite(low) and math.isfinite(high) and high - low < 1e101


def test_descent_with_the_assignments_numbers_converges_to_three() -> None:
    view = DescentView(x=2, y=6, w0=0, learning_rate=0.1)
    view.run(100)
    assert view.converged and not view.diverged
    assert abs(view.w - 3) < 0.01
    assert len(view.path) == 5
    assert view.losses()[0] == 36.0


@pytest.mark.parametrize(
    ("rate", "factor", "grows"), [(0.1, 0.2, False), (0.25, -1.0, False), (0.3, -1.4, True)]
)
def test_error_factor_and_the_critical_rate(rate: float, factor: float, grows: bool) -> None:
    view = DescentView(learning_rate=rate)
    assert view.critical_rate == 0.25
    assert view.error_factor == pytest.approx(factor)
    assert (abs(view.error_factor) > 1) == grows


def test_too_large_a_rate_diverges_and_stops() -> None:
    view = DescentView(learning_rate=0.5)
    view.run(100)
    assert view.diverged and not view.converged
    steps = len(view.path)
    view.step()
    assert len(view.path) == steps  # nothing moves once diverged


def test_changing_the_rate_walks_the_offered_rates_and_restarts() -> None:
    view = DescentView(learning_rate=0.1)
    view.step()
    view.change_rate(1)
    assert view.learning_rate == LEARNING_RATES[LEARNING_RATES.index(0.1) + 1]
    assert view.path == [view.w0]
    for _ in range(30):
        view.change_rate(1)
    assert view.learning_rate == LEARNING_RATES[-1]


def test_gradient_check_shows_truncation_then_rounding_error() -> None:
    view = gradient_check("sin(x)", at=1.0)
    large, best, tiny = view.error(1e-1), view.error(1e-5), view.error(1e-12)
    assert large > best and tiny > best
    assert 1e-7 <= view.best_h() <= 1e-4
    assert view.exact == pytest.approx(math.cos(1.0))


def test_gradient_check_h_selection_is_bounded() -> None:
    view = gradient_check("x^2", at=3.0, index=0)
    view.select(-1)
    assert view.h == 0.1
    for _ in range(20):
        view.select(1)
    assert view.h == pytest.approx(1e-12)


@pytest.mark.parametrize(
    ("name", "x", "value", "slope"),
    [
        ("sigmoid", 0.0, 0.5, 0.25),
        ("tanh", 0.0, 0.0, 1.0),
        ("relu", 0.0, 0.0, 0.0),  # ReLU'(0) taken as 0, as most frameworks do
        ("relu", 2.0, 2.0, 1.0),
        ("softplus", 0.0, math.log(2), 0.5),
    ],
)
def test_activation_values(name: str, x: float, value: float, slope: float) -> None:
    view = ActivationView(name, x=x)  # type: ignore[arg-type]
    assert view.value() == pytest.approx(value)
    assert view.derivative() == pytest.approx(slope)


def test_sigmoid_gradients_vanish_far_from_zero() -> None:
    view = ActivationView("sigmoid", x=0.0)
    assert not view.vanishing
    view.move(24)  # x = 6
    assert view.x == 6.0 and view.vanishing
    assert ActivationView("sigmoid", x=-800.0).value() == 0.0  # no overflow


def test_cycling_shows_every_activation() -> None:
    view = ActivationView()
    seen = []
    for _ in range(4):
        seen.append(view.name)
        view.cycle()
    assert seen == ["sigmoid", "tanh", "relu", "softplus"] and view.name == "sigmoid"
