"""The judge's second look at an answer: the label typed before ``=``, and other readings.

Both are checked only after the answer itself was read: a ``dL/db =`` on a dL/dw question
is an invalid verdict naming both; a wrong answer whose ambiguous part (``1/2x``) would be
right read the other way gets the reading note, first in the message and as data.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from derivquest.engine.equivalence import compare
from derivquest.engine.errors import EngineError
from derivquest.engine.labels import expression_text, label_values
from derivquest.engine.parser import Parsed, parse, read_tokens
from derivquest.engine.presenter import present
from derivquest.engine.readings import ReadingNote
from derivquest.engine.verdict import Verdict

MAX_READINGS_TRIED = 4
"""Other readings of a wrong answer the judge re-checks (each costs one comparison)."""


def label_mismatch(function: Parsed, answer: Parsed, variable: str) -> Verdict | None:
    """An invalid verdict when the typed ``dL/db =`` does not name what the question asks."""
    label = answer.label
    if label is None:
        return None
    problem: str | None = None
    if label.variable is not None and label.variable != variable:
        problem = "label-variable"
    elif label.order != 1:
        problem = "label-order"
    elif label.expression is not None and not _same_function(function, answer):
        problem = "label-function"
    if problem is None:
        return None
    # Data first (the problem id and what it names): the presenter says it in the
    # player's language; `message` is its English sentence.
    verdict = Verdict(
        "invalid",
        "",
        parsed=answer.pretty(),
        column=label.column,
        sentence_id=problem,
        values=label_values(label, variable),
    )
    return replace(verdict, message=present(verdict))


def _same_function(function: Parsed, answer: Parsed) -> bool:
    """True when the function written after ``d/dx`` is the question's function."""
    assert answer.label is not None
    text = expression_text(answer.text, answer.label)
    if text is None:
        return True
    try:
        written, _ = read_tokens(text, function.variables, function.symbols, answer.text)
    except EngineError:
        return False
    symbols = list(function.symbols.values())
    return compare(function.expr, written.typed, symbols).outcome == "equal"


def with_readings(verdict: Verdict, answer: Parsed, expected: sympy.Expr) -> Verdict:
    """For a wrong answer, try the other reading of each ambiguous part; keep the notes
    whose reading would be right, and say so first."""
    if verdict.status != "incorrect" or not answer.notes:
        return verdict
    right = tuple(
        note
        for note in answer.notes[:MAX_READINGS_TRIED]
        if _reading_is_right(note, answer, expected)
    )
    if not right:
        return verdict
    with_notes = replace(verdict, notes=right)  # the presenter says the notes first
    return replace(with_notes, message=present(with_notes))


def _reading_is_right(note: ReadingNote, answer: Parsed, expected: sympy.Expr) -> bool:
    try:
        other = parse(note.answer, answer.variables)
    except EngineError:
        return False
    symbols = list(answer.symbols.values())
    return compare(expected, other.expr, symbols).outcome == "equal"
