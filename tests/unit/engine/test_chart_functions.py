"""Chart functions: bounded float64 programs, prepared by the checker under its deadline."""

from __future__ import annotations

import math
import pickle
import time

import pytest

from derivquest.engine import EngineError, JudgeService, LimitExceeded
from derivquest.engine.errors import DeadlineExceeded
from derivquest.engine.functions import (
    MAX_PROGRAM,
    ChartCurves,
    Program,
    chart_curves,
    real_derivative,
    real_function,
)

XS = [-5 + 10 * i / 160 for i in range(161)]
"""The tangent chart's sample points."""


@pytest.mark.parametrize(
    ("text", "x", "value", "slope"),
    [
        ("x^2 - 4x + 3", 3.0, 0.0, 2.0),
        ("sin(x)", 0.0, 0.0, 1.0),
        ("e^x", 0.0, 1.0, 1.0),
        ("ln x", 1.0, 0.0, 1.0),
        ("sqrt(x)", 4.0, 2.0, 0.25),
        ("x^(1/3)", 8.0, 2.0, 1 / 12),
        ("1/x", 2.0, 0.5, -0.25),
        ("|x|", -2.0, 2.0, -1.0),
        ("sigmoid(x)", 0.0, 0.5, 0.25),
        ("relu(x)", 2.0, 2.0, 1.0),
        ("softplus(x)", 0.0, math.log(2), 0.5),
        ("step(x)", 0.0, 0.5, math.nan),  # DiracDelta at 0 has no value
        ("tanh(x)", 0.0, 0.0, 1.0),
        ("acot(x)", 0.0, math.pi / 2, -1.0),
        ("sec x", 0.0, 1.0, 0.0),
        ("log10(x)", 100.0, 2.0, 1 / (100 * math.log(10))),
        ("sigmoid(-800x)", 1.0, 0.0, 0.0),  # no overflow in either form
    ],
)
def test_values_and_slopes(text: str, x: float, value: float, slope: float) -> None:
    curves = chart_curves(text)
    assert curves.function(x) == pytest.approx(value, nan_ok=True)
    assert curves.derivative(x) == pytest.approx(slope, nan_ok=True)


@pytest.mark.parametrize(
    ("text", "x"),
    [
        ("ln x", -1.0),
        ("ln x", 0.0),
        ("sqrt(x)", -1.0),
        ("x^(1/3)", -8.0),  # over the reals, as the exact checker decides
        ("1/x", 0.0),
        ("asin(x)", 2.0),
        ("acosh(x)", 0.5),
        ("x^x", -1.0),
        ("e^x", math.inf),
        ("e^x", math.nan),
        ("e^e^e^x", 3.0),  # overflows float64: nothing to draw there
        ("(x+1)^1000 + (x+2)^1000", 1.0),
        ("e^x - e^(2x)", 1000.0),  # inf - inf
    ],
)
def test_no_real_value_is_nan(text: str, x: float) -> None:
    assert math.isnan(chart_curves(text).function(x))


@pytest.mark.parametrize(
    "text",
    [
        "2^2^2^2^2^x",  # grew a game to 22 GB with mpmath
        "x^x^x^x^x^x",  # froze a game for 100 s
        "e^e^e^e^e^x",  # over 30 s in the gradient-check chart
        "(x+1)^1000 + (x+2)^1000",
        "sin(sin(sin(sin(sin(sin(sin(sin(sin(sin(x))))))))))",
        "x^x^x^x^x^x^x^x^x^x",
        "(((((((((((((((((((((x^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)",
        "1e100^1e100^x",
        "999999999999999999999999999999^x^x",
    ],
)
def test_hostile_functions_draw_a_whole_chart_in_bounded_time(text: str) -> None:
    curves = chart_curves(text)
    started = time.process_time()
    for x in XS:
        curves.function(x)
        curves.derivative(x)
    # O(1) per instruction: a few milliseconds; CPU time, generous for a loaded machine.
    assert time.process_time() - started < 2.0
    assert len(curves.function.code) <= MAX_PROGRAM
    assert len(curves.derivative.code) <= MAX_PROGRAM


def test_a_repeated_sub_expression_is_compiled_once() -> None:
    # d/dx of a tower repeats the tower in every term: slots keep the program small.
    curves = chart_curves("x^x^x^x^x^x^x^x")
    assert len(curves.derivative.code) < 400


def test_a_program_over_the_cap_is_refused() -> None:
    with pytest.raises(LimitExceeded, match="too large to draw"):
        Program((("x", 0.0),) * (MAX_PROGRAM + 1))


@pytest.mark.parametrize(
    "code",
    [
        (),
        (("x", 0.0), ("x", 0.0)),  # two values left
        (("add", 2.0),),  # nothing to add
        (("x", 0.0), ("eval", 0.0)),  # unknown operation
        (("load", 0.0),),  # a slot never kept
        (("x", 0.0), ("keep", 3.0)),  # slots out of order
        (("x", 0.0), ("add", 1.5)),  # not a count
        (("pow", 0.0),),
    ],
)
def test_a_malformed_program_is_refused(code: tuple[tuple[str, float], ...]) -> None:
    with pytest.raises(LimitExceeded, match="malformed"):
        Program(code)


def test_a_pickled_program_is_checked_again_when_it_arrives() -> None:
    curves = chart_curves("x^2")
    assert pickle.loads(pickle.dumps(curves)) == curves
    forged = pickle.dumps(Program((("x", 0.0),))).replace(b"x", b"q")
    with pytest.raises(LimitExceeded):
        pickle.loads(forged)


def test_the_float_functions_for_plot_tasks() -> None:
    assert real_function("x^2 - 4x + 3")(1.0) == 0.0
    assert real_derivative("x^2", order=2)(7.0) == 2.0
    assert math.isnan(real_function("ln x")(-1.0))


def test_a_function_of_another_variable_cannot_be_drawn() -> None:
    with pytest.raises(EngineError, match="unknown name"):
        chart_curves("x + y")


def test_the_checker_prepares_chart_curves(judge_service: JudgeService) -> None:
    curves = judge_service.chart_curves("x^x^x^x^x^x")
    assert isinstance(curves, ChartCurves)
    assert curves.function(1.0) == 1.0 and curves.derivative(1.0) == 1.0
    error = judge_service.chart_curves("x^2 +* 3")
    assert isinstance(error, EngineError) and "unexpected" in error.message


SLOW = "+".join(f"e^sin({k}x)" for k in range(1, 36))
"""A readable function that takes the checker most of a second to prepare."""


def test_an_overrun_is_deadline_exceeded_and_the_next_request_works() -> None:
    # 10 ms for most of a second's work: the overrun is certain, whatever the machine's load.
    with JudgeService(deadline=0.01) as judge:
        judge.start()
        assert isinstance(judge.chart_curves(SLOW), DeadlineExceeded)
        judge.deadline = 60.0
        curves = judge.chart_curves("sin(x)")
        assert isinstance(curves, ChartCurves) and curves.function(0.0) == 0.0


def test_a_program_refused_on_arrival_is_an_error_not_a_crash(
    judge_service: JudgeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reply that fails Program's checks when unpickled (a worker of another version).
    import derivquest.engine.service as service

    def refuse(self: JudgeService, method: str, *args: object) -> object:
        raise LimitExceeded("malformed chart program (stack)")

    monkeypatch.setattr(service.JudgeService, "_compute", refuse)
    error = judge_service.chart_curves("x^2")
    assert isinstance(error, LimitExceeded)
