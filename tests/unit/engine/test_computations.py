"""The checker's computations on an author's math: values, errors, overruns, never a raise."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from derivquest.engine import EngineError, JudgeService
from derivquest.engine.errors import DeadlineExceeded
from derivquest.engine.service import CANNOT_START_MESSAGE
from derivquest.engine.worker import compute


@pytest.mark.parametrize(
    ("method", "args", "reply"),
    [
        ("derivative_text", ("x^3", "x", ("x",)), ("value", "3*x^2", None)),
        ("derivative_text", ("w x^2", "w", ("w", "x")), ("value", "x^2", None)),
        ("expression_text", ("2(x+1)", ("x",)), ("value", "2*(x + 1)", None)),
        ("value", ("3*2^2",), ("value", 12.0, None)),
        ("derivative_value", ("x^3", "x", 2.0), ("value", 12.0, None)),
        (
            "derivative_text",
            ("x^", "x", ("x",)),
            (
                "error",
                "the expression ends too early at column 3: expected a number, a name or '('",
                3,
            ),
        ),
        (
            "value",
            ("1/0",),
            ("error", "this expression divides by zero or is undefined everywhere", None),
        ),
        (
            "expression_text",
            ("y", ("x",)),
            ("error", "unknown name y: this question uses x (column 1)", 1),
        ),
        (
            "derivative_text",
            ("x", "x", (1,)),
            ("error", "the checker failed on this input (AttributeError)", None),
        ),
    ],
)
def test_a_computation_replies_with_its_value_or_its_error(
    method: str, args: tuple[object, ...], reply: tuple[str, object, int | None]
) -> None:
    got = compute(method, args)
    assert got[:3] == reply
    if reply[0] == "error":  # with its message id, so the game says it in its language
        key, params = got[3:]
        assert isinstance(key, str) and key.startswith("error.") and isinstance(params, tuple)


@pytest.fixture(scope="module")
def patient() -> Iterator[JudgeService]:
    """A generous deadline: these computations take milliseconds, even on a loaded machine."""
    with JudgeService(deadline=20.0) as service:
        yield service


def test_the_service_returns_values_and_errors_without_raising(patient: JudgeService) -> None:
    assert patient.derivative_text("x^3 sin x") == "x^2*(x*cos(x) + 3*sin(x))"
    assert patient.expression_text("2(x+1)") == "2*(x + 1)"
    assert patient.value("sqrt(4)") == 2.0
    assert patient.derivative_value("x^3", "x", 2.0) == 12.0
    error = patient.derivative_text("x^")
    assert isinstance(error, EngineError) and error.column == 3


def test_an_overrun_is_a_deadline_exceeded_and_the_next_computation_works() -> None:
    with JudgeService(deadline=1.0) as service:
        overrun = service.derivative_text("(x+1)^1000 + (x+2)^1000")
        assert isinstance(overrun, DeadlineExceeded)
        assert (overrun.seconds, overrun.message) == (1.0, "that took longer than 1 s to work out")
        service.deadline = 20.0  # the replacement checker is judged with room to spare
        assert service.derivative_text("x^2") == "2*x"


def test_a_checker_that_cannot_start_is_an_error_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = JudgeService()

    def cannot_start() -> None:
        raise RuntimeError("the answer checker could not start")

    monkeypatch.setattr(service, "_ready_worker", cannot_start)
    error = service.derivative_text("x^2")
    assert isinstance(error, EngineError)
    assert error.message == CANNOT_START_MESSAGE
