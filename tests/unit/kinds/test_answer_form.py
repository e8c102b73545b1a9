"""Numeric and "simplified" questions: the form check, the sign, the preview (no value)."""

from __future__ import annotations

import pytest

from derivquest.engine import JudgeService
from derivquest.engine.presenter import present
from derivquest.kinds.expression.form import check_form, divided_by
from derivquest.ui.widgets.answer_input import render_preview

XH = ("x", "h")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("((x+h)^2 - x^2)/h", {"h"}),
        ("(2x h + h^2)/(2*h)", {"h"}),
        ("(x+h)^(-2)", {"x", "h"}),
        ("2x + h", set()),
        ("x/2 + h", set()),  # a number dividing is no variable left dividing
        ("sqrt(x) + h", set()),  # a square root is a power 1/2, not a division
        ("sin(x", set()),  # unreadable: nothing to say (the judge says it)
    ],
)
def test_the_variables_left_dividing(text: str, names: set[str]) -> None:
    assert divided_by(text, XH) == names


@pytest.mark.parametrize(
    ("form", "answer", "correct", "message"),
    [
        ("simplified", "2*3*x + 3*h + 1", True, None),
        ("simplified", "1 + 3h + 6x", True, None),
        (
            "simplified",
            "(3(x+h)^2 + (x+h) - 3x^2 - x)/h",
            False,
            "The value is right, but simplify it: nothing should still be divided by h.",
        ),
        ("any", "(3(x+h)^2 + (x+h) - 3x^2 - x)/h", True, None),
        ("simplified", "6x + 3h", False, None),  # wrong value: the judge's own verdict
    ],
)
def test_a_simplified_question_checks_the_form_as_well_as_the_value(
    judge_service: JudgeService, form: str, answer: str, correct: bool, message: str | None
) -> None:
    expected = "2*3*x + 3*h + 1"
    verdict = check_form(judge_service.check(expected, answer, XH), form, expected, answer, XH)
    assert verdict.correct is correct
    if message is not None:
        assert verdict.message == message
        assert verdict.sentence_id == "not-simplified"
        assert "সরল করুন" in present(verdict, "bn")


@pytest.mark.parametrize(
    ("expected", "answer", "sentence"),
    [
        ("-13", "13", "wrong-sign"),  # once "13 is too large"
        ("13", "-13", "wrong-sign"),
        ("13", "14", "too-large"),
        ("-13", "-14", "too-small"),
        ("0", "-1", "too-small"),  # zero has no sign to get wrong
    ],
)
def test_numeric_feedback_names_a_wrong_sign(
    judge_service: JudgeService, expected: str, answer: str, sentence: str
) -> None:
    verdict = judge_service.check_numeric(expected, answer, 0.001)
    assert verdict.sentence_id == sentence
    if sentence == "wrong-sign":
        assert verdict.message == f"Not quite: {answer} has the wrong sign."


@pytest.mark.parametrize(
    ("text", "body", "ok"),
    [
        ("(3.01^2-9)/0.01", "a number", True),  # once previewed as 6.01
        ("1/4", "a number", True),
        ("(3.01^2-9", "", False),  # errors still show where the text breaks
    ],
)
def test_a_numeric_preview_never_shows_the_value(text: str, body: str, ok: bool) -> None:
    preview = render_preview(text, (), readable="a number")
    assert preview.ok is ok
    assert body in preview.body
    assert "6.01" not in preview.body and "0.25" not in preview.body
