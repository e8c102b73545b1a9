"""Whatever text arrives, the engine answers with a verdict or its own error type."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivquest.engine import EngineError, check, parse

MATH_ALPHABET = "x y e pi 0123456789.+-*/^()|√²⁻¹·×−,eEsincoltanhqrbpgmd σπ \t"

math_like = st.text(alphabet=MATH_ALPHABET, max_size=40)
anything = st.text(max_size=60)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(math_like, anything))
def test_parse_raises_only_engine_errors(text: str) -> None:
    try:
        parse(text, ("x", "y"))
    except EngineError as error:
        assert error.message
        assert error.column is None or 1 <= error.column <= len(text) + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(math_like)
def test_check_always_returns_a_verdict(text: str) -> None:
    verdict = check("x^2 + 1", text)
    assert verdict.status in {"correct", "incorrect", "invalid"}
    assert verdict.message


NOTATION_PIECES = [
    "\\frac",
    "{",
    "}",
    "[",
    "]",
    "\\sqrt",
    "\\left(",
    "\\right)",
    "\\cdot",
    "x",
    "y",
    "2",
    "½",
    "log",
    "_",
    "10",
    "^",
    "(",
    ")",
    "e",
    "sin",
    " ",
    "-",
    "/",
    "=",
    "dy/dx",
    "'",
    "∂",
    "\\sigma",
    "\\pi",
    "|",
    "\\ln",
    "cosec",
    "\\operatorname{relu}",
    "\\theta",
    "d/dx",
    "\\",
    "*",
    "\\,",
    "\\left.",
    "f'(x)",
    "²",
]
"""Fragments of the textbook and LaTeX notation, glued at random."""

notation_like = st.lists(st.sampled_from(NOTATION_PIECES), max_size=10).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notation_like)
def test_notation_raises_only_engine_errors_and_notes_reparse(text: str) -> None:
    try:
        parsed = parse(text, ("x", "y"))
    except EngineError as error:
        assert error.message
        assert error.column is None or 1 <= error.column <= len(text) + 1
        return
    assert parse(parsed.typed_plain(), ("x", "y")).evaluated == parsed.evaluated
    for note in parsed.notes:
        assert text[note.column - 1 :].startswith(note.typed)
        parse(note.answer, ("x", "y"))  # the other reading is readable too
