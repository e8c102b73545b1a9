"""Ambiguous constructs are noted as data, and a wrong answer hears about its other reading."""

from __future__ import annotations

import json

import pytest

from derivquest.engine import check, check_derivative, parse
from derivquest.engine.readings import (
    CONSTRUCTS,
    SENTENCES,
    ReadingNote,
    describe_reading,
    insert_brackets,
)

NOTES = [
    # (typed, construct, typed part, read as, other reading, whole answer read the other way)
    ("1/2x", "division-then-product", "1/2x", "x/2", "1/(2x)", "1/(2x)"),
    ("3/4x + 1", "division-then-product", "3/4x", "3*x/4", "3/(4x)", "3/(4x) + 1"),
    ("1/2 sin x", "division-then-product", "1/2 sin x", "sin(x)/2", "1/(2 sin x)", "1/(2 sin x)"),
    ("e^2x", "exponent-then-product", "e^2x", "x*e^2", "e^(2x)", "e^(2x)"),
    ("5e^5x", "exponent-then-product", "e^5x", "x*e^5", "e^(5x)", "5e^(5x)"),
    ("e^-2x", "exponent-then-product", "e^-2x", "x*e^(-2)", "e^(-2x)", "e^(-2x)"),
    ("x^2y", "exponent-then-product", "x^2y", "y*x^2", "x^(2y)", "x^(2y)"),
    ("x^1/2", "exponent-then-division", "x^1/2", "x/2", "x^(1/2)", "x^(1/2)"),
    ("e^x/2", "exponent-then-division", "e^x/2", "e^x/2", "e^(x/2)", "e^(x/2)"),
    ("cos x e^x", "function-of-a-product", "cos x e^x", "cos(x*e^x)", "cos(x) e^x", "cos(x) e^x"),
    ("sin x y", "function-of-a-product", "sin x y", "sin(x*y)", "sin(x) y", "sin(x) y"),
    (
        "sin 2x e^x",
        "function-of-a-product",
        "sin 2x e^x",
        "sin(2*x*e^x)",
        "sin(2x) e^x",
        "sin(2x) e^x",
    ),
    ("sin x^2", "function-of-a-power", "sin x^2", "sin(x^2)", "sin(x)^2", "sin(x)^2"),
    ("ln x²", "function-of-a-power", "ln x²", "ln(x^2)", "ln(x)²", "ln(x)²"),
    ("dy/dx = 1/2x", "division-then-product", "1/2x", "x/2", "1/(2x)", "dy/dx = 1/(2x)"),
]


@pytest.mark.parametrize(
    ("text", "construct", "typed", "read", "alternative", "answer"),
    NOTES,
    ids=[n[0] for n in NOTES],
)
def test_ambiguous_constructs_are_noted(
    text: str, construct: str, typed: str, read: str, alternative: str, answer: str
) -> None:
    notes = parse(text, ("x", "y")).notes
    assert construct in CONSTRUCTS
    matching = [n for n in notes if n.construct == construct]
    assert len(matching) == 1, notes
    note = matching[0]
    assert (note.typed, note.read, note.alternative, note.answer) == (
        typed,
        read,
        alternative,
        answer,
    )
    assert text[note.column - 1 :].startswith(typed)


@pytest.mark.parametrize(
    "text",
    ["1/(2x)", "x/2", "e^(2x)", "2x e^x", "sin(x)^2", "sin 2x", "sin x cos x", "x^(1/2)", "2x"],
)
def test_unambiguous_text_has_no_notes(text: str) -> None:
    assert parse(text).notes == ()


WRONG_BUT_THE_OTHER_READING_IS_RIGHT = [
    # (expected, typed, the sentence the verdict must start with)
    ("1/(2x)", "1/2x", "You typed 1/2x, which reads as x/2; for 1/(2x) type 1/(2x)."),
    ("e^(2x)", "e^2x", "You typed e^2x, which reads as x*e^2; for e^(2x) type e^(2x)."),
    ("sqrt(x)", "x^1/2", "You typed x^1/2, which reads as x/2; for x^(1/2) type x^(1/2)."),
    ("5e^(5x)", "5e^5x", "You typed e^5x, which reads as x*e^5; for e^(5x) type e^(5x)."),
    (
        "cos(x) e^x",
        "cos x e^x",
        "You typed cos x e^x, which reads as cos(x*e^x); for cos(x) e^x type cos(x) e^x.",
    ),
    (
        "sin(x)^2",
        "sin x^2",
        "You typed sin x^2, which reads as sin(x^2); for sin(x)^2 type sin(x)^2.",
    ),
]


@pytest.mark.parametrize(("expected", "typed", "sentence"), WRONG_BUT_THE_OTHER_READING_IS_RIGHT)
def test_a_wrong_answer_hears_about_the_other_reading(
    expected: str, typed: str, sentence: str
) -> None:
    verdict = check(expected, typed)
    assert verdict.status == "incorrect"
    assert verdict.message.startswith(sentence)
    assert len(verdict.notes) == 1
    assert verdict.notes[0].typed in typed


def test_derivative_questions_get_the_note_instead_of_a_diagnosis() -> None:
    verdict = check_derivative("ln(x)/2", "1/2x")
    assert verdict.status == "incorrect"
    assert verdict.notes and verdict.notes[0].construct == "division-then-product"
    assert verdict.diagnosis is None


@pytest.mark.parametrize(
    ("expected", "typed"),
    [
        ("x/2", "1/2x"),  # the reading taken is right: no note
        ("1/(3x)", "1/2x"),  # neither reading is right: no note
        ("e^(2x)", "e^(2x)"),
    ],
)
def test_no_note_unless_it_helps(expected: str, typed: str) -> None:
    assert check(expected, typed).notes == ()


def test_notes_are_data_in_the_json_verdict() -> None:
    verdict = check("1/(2x)", "1/2x")
    data = json.loads(json.dumps(verdict.to_dict()))
    assert data["notes"] == [
        {
            "construct": "division-then-product",
            "typed": "1/2x",
            "read": "x/2",
            "alternative": "1/(2x)",
            "column": 1,
            "answer": "1/(2x)",
        }
    ]


def test_every_language_has_the_sentence() -> None:
    note = ReadingNote("division-then-product", "1/2x", "x/2", "1/(2x)", 1, "1/(2x)")
    assert set(SENTENCES) == {"en", "bn"}
    assert "1/(2x)" in describe_reading(note, "bn")
    assert describe_reading(note, "fr") == describe_reading(note, "en")


@pytest.mark.parametrize(
    ("text", "start", "end", "result"),
    [("1/2x", 2, 4, "1/(2x)"), ("cos x e^x", 4, 5, "cos(x) e^x"), ("e^2x", 2, 4, "e^(2x)")],
)
def test_insert_brackets(text: str, start: int, end: int, result: str) -> None:
    assert insert_brackets(text, start, end) == result


LABEL_VERDICTS = [
    # (function, answer, variable, variables, status, message)
    (
        "w^2 + b",
        "dL/db = 2w",
        "w",
        ("w", "b"),
        "invalid",
        "you wrote dL/db but this question asks for dL/dw",
    ),
    (
        "w^2 + b",
        "∂L/∂b = 2w",
        "w",
        ("w", "b"),
        "invalid",
        "you wrote ∂L/∂b but this question asks for ∂L/∂w",
    ),
    ("w^2 + b", "dL/dw = 2w", "w", ("w", "b"), "correct", "Correct."),
    ("w^2 + b", "∂L/∂w = 2w", "w", ("w", "b"), "correct", "Correct."),
    (
        "x^2",
        "f'(t) = 2x",
        "x",
        ("x", "t"),
        "invalid",
        "you wrote f'(t) but this question asks for f'(x)",
    ),
    (
        "x^2",
        "y'' = 2",
        "x",
        None,
        "invalid",
        "you wrote y'', a derivative of order 2, but this question asks for the first "
        "derivative, y'(x)",
    ),
    ("x^2", "y' = 2x", "x", None, "correct", "Correct."),
    ("x^2", "d/dx (x^2) = 2x", "x", None, "correct", "Correct."),
    (
        "x^2",
        "d/dx x^3 = 2x",
        "x",
        None,
        "invalid",
        "after d/dx you wrote a different function from this question's; type only the "
        "answer, or the function as given",
    ),
    ("x^2", r"\frac{dy}{dx} = 2x", "x", None, "correct", "Correct."),
]


@pytest.mark.parametrize(
    ("function", "answer", "variable", "variables", "status", "message"), LABEL_VERDICTS
)
def test_labels_are_checked_against_the_question(
    function: str,
    answer: str,
    variable: str,
    variables: tuple[str, ...] | None,
    status: str,
    message: str,
) -> None:
    verdict = check_derivative(function, answer, variable, variables)
    assert (verdict.status, verdict.message) == (status, message)


def test_every_label_problem_has_a_sentence_in_every_language() -> None:
    from derivquest.engine.labels import PROBLEMS, describe_label_problem
    from derivquest.engine.labels import SENTENCES as LABEL_SENTENCES

    label = parse("dL/db = 1", ("w", "b")).label
    assert label is not None
    for language in ("en", "bn"):
        assert set(LABEL_SENTENCES[language]) == set(PROBLEMS)
    assert "dL/dw" in describe_label_problem("label-variable", label, "w", "bn")
