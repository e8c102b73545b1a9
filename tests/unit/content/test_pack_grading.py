"""Grading glue: each kind goes to the right check; the author's feedback reaches the player."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from derivquest.content.grading import grade
from derivquest.content.instance import FeedbackInstance, QuestionInstance, instantiate
from derivquest.content.loader import load_pack
from derivquest.engine import JudgeService
from derivquest.engine.presenter import present

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

QUARTER = replace(BASE, kind="numeric", expected="1/4", abs_tol=0.01, variables=())


@pytest.mark.parametrize(
    ("instance", "answer", "status"),
    [
        (replace(BASE, function="(3x+2)^5"), "15(3x+2)^4", "correct"),
        (replace(BASE, function="(3x+2)^5"), "5(3x+2)^4", "incorrect"),
        (replace(BASE, function="(3x+2)^5"), "15(3x+2", "invalid"),
        (
            replace(BASE, function="w^2*x", variable="w", variables=("w", "x")),
            "2wx",
            "correct",
        ),
        (
            replace(BASE, kind="expression", expected="2x(wx-y)", variables=("w", "x", "y")),
            "2wx^2 - 2xy",
            "correct",
        ),
        (
            replace(BASE, kind="numeric", expected="1/4", abs_tol=0.01, variables=()),
            "0.25",
            "correct",
        ),
        (
            replace(BASE, kind="numeric", expected="1/4", abs_tol=0.01, variables=()),
            "0.3",
            "incorrect",
        ),
        (
            replace(BASE, kind="numeric", expected="e^2", rel_tol=0.001, variables=()),
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
    verdict = grade(replace(BASE, function="(3x+2)^5"), "5(3x+2)^4", judge_service)
    assert verdict.diagnosis is not None


FEEDBACK = replace(
    BASE,
    function="x^3",
    feedback=(FeedbackInstance("x^2", "Bring the 3 down in front."),),
)


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
    instance = replace(
        BASE,
        kind="numeric",
        expected="12",
        abs_tol=0.01,
        variables=(),
        feedback=(FeedbackInstance("6", "You forgot to square 2."),),
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


def test_plot_questions_are_not_graded_from_text(judge_service: JudgeService) -> None:
    with pytest.raises(ValueError, match="plot questions are not graded from typed text"):
        grade(replace(BASE, kind="plot"), "1", judge_service)
