"""The schema models: strict types, texts, parameters, and the JSON Schema made from them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from derivquest.content.fields import (
    Choices,
    IntRange,
    TextTable,
    is_language_neutral,
    text_in,
    text_languages,
)
from derivquest.content.schema import Level, Manifest, json_schema
from derivquest.kinds.choice.spec import ChoiceQuestion
from derivquest.kinds.derivative.spec import DerivativeQuestion
from derivquest.kinds.plot.spec import PlotQuestion

QUESTION: dict[str, Any] = {
    "id": "q",
    "kind": "derivative",
    "prompt": "Differentiate.",
    "solution": "See.",
    "function": "x^2",
}
LEVEL: dict[str, Any] = {"id": "l", "title": "L", "lesson": "A lesson.", "questions": [QUESTION]}


def level_with(**changes: Any) -> dict[str, Any]:
    return {**LEVEL, "questions": [{**QUESTION, **changes}]}


def test_minimal_level() -> None:
    level = Level.model_validate(LEVEL)
    question = level.questions[0]
    assert isinstance(question, DerivativeQuestion)
    assert question.all_variables == ("x",)
    assert (question.drill, question.skills, question.params, level.requires) == (
        False,
        None,
        {},
        [],
    )


@pytest.mark.parametrize(
    ("changes", "error_type"),
    [
        ({"drill": 1}, "bool_type"),  # no coercion: TOML types are meant
        ({"function": 2}, "string_type"),
        ({"id": "Q"}, "string_pattern_mismatch"),
        ({"extra": 1}, "extra_forbidden"),
        ({"kind": "nope"}, "kind_type"),
        ({"prompt": 5}, "text_type"),
        ({"prompt": {"en": "x", "fr": "y"}}, "extra_forbidden"),
        ({"prompt": {"bn": "শুধু"}}, "missing"),
        ({"params": {"a": {"min": 1}}}, "missing"),
        ({"params": {"a": {"choices": []}}}, "too_short"),
        ({"params": {"A": {"min": 1, "max": 2}}}, "string_pattern_mismatch"),
        ({"params": {"answer": {"min": 1, "max": 2}}}, "pack_rule"),
        ({"params": {"a": {"min": 1, "max": 99999}}}, "pack_rule"),
        ({"params": {"a": {"min": 1, "max": 1, "exclude": [1]}}}, "pack_rule"),
        ({"variable": "w", "variables": ["x"]}, "pack_rule"),
        ({"variable": "x1"}, "string_pattern_mismatch"),
    ],
)
def test_question_rejects(changes: dict[str, Any], error_type: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Level.model_validate(level_with(**changes))
    assert [error["type"] for error in raised.value.errors()] == [error_type]


def test_choice_options_default_to_wrong() -> None:
    options = [
        {"text": "a", "explanation": "e", "correct": True},
        {"text": "b", "explanation": "f"},
    ]
    question = ChoiceQuestion.model_validate(
        {"id": "c", "kind": "choice", "prompt": "?", "solution": "!", "options": options}
    )
    assert [option.correct for option in question.options] == [True, False]


def test_numbers_accept_ints_where_floats_are_meant() -> None:
    plot = {"chart": "gradient-check", "function": "sin(x)", "at": 1, "tolerance": 1}
    question = {"id": "p", "kind": "plot", "prompt": "?", "solution": "!", "plot": plot}
    level = Level.model_validate({**LEVEL, "questions": [question]})
    question_model = level.questions[0]
    assert isinstance(question_model, PlotQuestion)
    assert question_model.plot.__dict__["at"] == 1.0


@pytest.mark.parametrize(
    ("data", "error_type"),
    [
        ({"format_version": 2}, "literal_error"),
        ({"languages": ["bn"]}, "pack_rule"),
        ({"languages": ["en", "en"]}, "pack_rule"),
        ({"languages": []}, "too_short"),
        ({"levels": []}, "too_short"),
    ],
)
def test_manifest_rejects(data: dict[str, Any], error_type: str) -> None:
    manifest = {
        "format_version": 1,
        "id": "p",
        "title": "P",
        "author": "a",
        "version": "1",
        "languages": ["en"],
        "levels": ["levels/1.toml"],
    }
    with pytest.raises(ValidationError) as raised:
        Manifest.model_validate(manifest | data)
    assert [error["type"] for error in raised.value.errors()] == [error_type]


@pytest.mark.parametrize(
    ("text", "language", "shown", "languages"),
    [
        ("Hello", "bn", "Hello", ("en",)),
        (TextTable(en="Hello", bn="হ্যালো"), "bn", "হ্যালো", ("en", "bn")),
        (TextTable(en="Hello"), "bn", "Hello", ("en",)),
        (TextTable(en="Hello"), "xx", "Hello", ("en",)),
        ("`2x + 1`", "bn", "`2x + 1`", ("en", "bn")),
    ],
)
def test_texts(
    text: str | TextTable, language: str, shown: str, languages: tuple[str, ...]
) -> None:
    assert text_in(text, language) == shown
    assert text_languages(text) == languages


@pytest.mark.parametrize(
    ("text", "neutral"),
    [("0", True), ("`x^2`", True), ("{answer}", True), ("x = {p}", False), ("It is 0", False)],
)
def test_language_neutral(text: str, neutral: bool) -> None:
    assert is_language_neutral(text) is neutral


def test_parameter_values() -> None:
    assert IntRange(min=-2, max=2, exclude=[0]).values() == (-2, -1, 1, 2)
    assert Choices(choices=[3, 0.5]).values() == (3, 0.5)


def test_json_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert [ref["$ref"] for ref in schema["anyOf"]] == ["#/$defs/Manifest", "#/$defs/Level"]
    assert schema["$defs"]["DerivativeQuestion"]["additionalProperties"] is False
    assert json_schema("manifest")["title"] == "Manifest"
    assert "questions" in json_schema("level")["properties"]
