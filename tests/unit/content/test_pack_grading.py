"""Grading glue: each kind goes to the right check; the author's feedback reaches the player."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from derivquest.content.grading import grade
from derivquest.content.instance import QuestionInstance, instantiate
from derivquest.content.loader import load_pack
from derivquest.engine import JudgeService
from derivquest.engine.presenter import present
from derivquest.kinds.derivative.spec import DerivativePayload
from derivquest.kinds.expression.spec import ExpressionPayload
from derivquest.kinds.feedback import FeedbackInstance
from derivquest.kinds.numeric.spec import NumericPayload
from derivquest.kinds.registry import UnknownKind

BASE = QuestionInstance(
    full_id="p/l/q",
    kind="derivative",
    language="en",
    values={},
    prompt="",
    hints=(),
    solution="",
    skills=(),
    drill=False,
)


def derivative(
    function: str,
    variable: str = "x",
    variables: tuple[str, ...] = ("x",),
    feedback: tuple[FeedbackInstance, ...] = (),
) -> QuestionInstance:
    payload = DerivativePayload(function, variable, variables, feedback)
    return replace(BASE, kind="derivative", payload=payload)


def expression(expected: str, variables: tuple[str, ...]) -> QuestionInstance:
    return replace(BASE, kind="expression", payload=ExpressionPayload(expected, variables))


def numeric(
    expected: str,
    abs_tol: float | None = None,
    rel_tol: float | None = None,
    feedback: tuple[FeedbackInstance, ...] = (),
) -> QuestionInstance:
    payload = NumericPayload(expected, abs_tol, rel_tol, feedback)
    return replace(BASE, kind="numeric", payload=payload)


@pytest.mark.parametrize(
    ("instance", "answer", "status"),
    [
        (derivative("(3x+2)^5"), "15(3x+2)^4", "correct"),
        (derivative("(3x+2)^5"), "5(3x+2)^4", "incorrect"),
        (derivative("(3x+2)^5"), "15(3x+2", "invalid"),
        (
            derivative("w^2*x", "w", ("w", "x")),
            "2wx",
            "correct",
        ),
        (
            expression("2x(wx-y)", ("w", "x", "y")),
            "2wx^2 - 2xy",
            "correct",
        ),
        (
            numeric("1/4", abs_tol=0.01),
            "0.25",
            "correct",
        ),
        (
            numeric("1/4", abs_tol=0.01),
            "0.3",
            "incorrect",
        ),
        (
            numeric("e^2", rel_tol=0.001),
            "7.389",
            "correct",
        ),
    ],
)
def test_typed_answers(
    instance: QuestionInstance, answer: str, status: str, judge_service: JudgeService
) -> None:
    assert grade(instance, answer, judge_service).status == status


def test_derivative_mistake_is_diagnosed(judge_service: JudgeService) -> None:
    verdict = grade(derivative("(3x+2)^5"), "5(3x+2)^4", judge_service)
    assert verdict.diagnosis is not None


FEEDBACK = derivative("x^3", feedback=(FeedbackInstance("x^2", "Bring the 3 down in front."),))


@pytest.mark.parametrize(
    ("answer", "status", "message"),
    [
        ("x^2", "incorrect", "Bring the 3 down in front."),
        ("x*x", "incorrect", "Bring the 3 down in front."),  # matched by equivalence
        ("3x^2", "correct", None),
        ("x^4", "incorrect", None),  # wrong, but not the one the note is for
        ("x^", "invalid", None),
    ],
)
def test_author_feedback(
    answer: str, status: str, message: str | None, judge_service: JudgeService
) -> None:
    verdict = grade(FEEDBACK, answer, judge_service)
    assert verdict.status == status
    if message is None:
        assert verdict.message != "Bring the 3 down in front."
    else:
        assert verdict.message == message


def test_numeric_feedback(judge_service: JudgeService) -> None:
    instance = numeric(
        "12", abs_tol=0.01, feedback=(FeedbackInstance("6", "You forgot to square 2."),)
    )
    assert grade(instance, "6.001", judge_service).message == "You forgot to square 2."


def test_feedback_in_the_players_language(packs_dir: Path, judge_service: JudgeService) -> None:
    pack = load_pack(packs_dir / "good-pack").pack
    assert pack is not None
    ref = pack.question("rules", "gradient")
    assert ref is not None
    english = grade(instantiate(ref, "ana"), "2(wx - y)", judge_service)
    bengali = grade(instantiate(ref, "ana", language="bn"), "2wx - 2y", judge_service)
    assert english.message == "Multiply by the inner derivative, x."
    assert bengali.message == "ভেতরের derivative x দিয়ে গুণ করুন।"
    # The presenter shows the author's sentence, not the engine's witness sentence.
    assert bengali.witness is not None
    assert present(bengali, "bn") == bengali.message


@pytest.mark.parametrize(
    ("answer", "status", "message"),
    [
        ("1", "correct", "A constant does not change."),
        (" 1\n", "correct", "A constant does not change."),
        ("2", "incorrect", "That is the value."),
        ("০১", "correct", "A constant does not change."),  # Bengali digits are digits
        ("3", "invalid", "type the number of an option, from 1 to 2"),
        ("0", "invalid", "type the number of an option, from 1 to 2"),
        ("-1", "invalid", "type the number of an option, from 1 to 2"),
        ("one", "invalid", "type the number of an option, from 1 to 2"),
        ("", "invalid", "type the number of an option, from 1 to 2"),
    ],
)
def test_choice(
    answer: str, status: str, message: str, packs_dir: Path, judge_service: JudgeService
) -> None:
    pack = load_pack(packs_dir / "good-pack").pack
    assert pack is not None
    ref = pack.question("rules", "constant")
    assert ref is not None
    verdict = grade(instantiate(ref, "ana"), answer, judge_service)
    assert (verdict.status, verdict.message) == (status, message)


def test_an_unknown_kind_raises(judge_service: JudgeService) -> None:
    """Dispatch is a registry lookup: an unknown kind is an error, never a silent default."""
    with pytest.raises(UnknownKind, match="no question kind 'essay'"):
        grade(replace(BASE, kind="essay"), "1", judge_service)


def test_a_payload_of_another_kind_is_refused(judge_service: JudgeService) -> None:
    with pytest.raises(TypeError, match="NumericPayload, not DerivativePayload"):
        grade(replace(numeric("1", abs_tol=0.1), kind="derivative"), "1", judge_service)


@pytest.mark.parametrize(
    ("answer", "status"), [("0.03", "correct"), ("0.3", "incorrect"), ("lr", "invalid")]
)
def test_plot_answers_are_the_charts_state(
    packs_dir: Path, judge_service: JudgeService, answer: str, status: str
) -> None:
    pack = load_pack(packs_dir / "good-pack").pack
    assert pack is not None
    ref = pack.question("plots", "descent")
    assert ref is not None
    assert grade(instantiate(ref, "ana"), answer, judge_service).status == status
