"""Building blocks of the pack schema: ids, texts in several languages, templates, parameters."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

# The game's one language list, re-exported for the pack format's models.
from derivquest.languages import LANGUAGES as LANGUAGES
from derivquest.languages import Language as Language

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""Pack, level and question ids: lowercase letters, digits and dashes."""

Identifier = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=64,
        description="lowercase letters, digits and dashes, starting with a letter or digit",
    ),
]

VariableName = Annotated[str, Field(pattern=r"^[A-Za-z]+$", max_length=16)]
"""A name an expression may use as a variable: letters only (`x`, `w`, `theta`)."""

ParamName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=32)]
"""A parameter name, used in templates as `{name}`."""

EXPRESSION_FORMAT = "derivquest-expression"
"""JSON Schema `format` of expression templates (editors ignore it; the docs name the type)."""

ExprTemplate = Annotated[
    str, Field(min_length=1, max_length=500, json_schema_extra={"format": EXPRESSION_FORMAT})
]
"""An expression in the typed syntax, possibly with `{param}` placeholders."""

PositiveFloat = Annotated[float, Field(gt=0)]

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")

MAX_PARAM_VALUES = 10_000
"""Largest number of values one parameter may have (keeps drawing and validation cheap)."""


def rule_error(message: str, fix: str) -> PydanticCustomError:
    """Return a validation error carrying the author-facing message and how to fix it."""
    # The message goes through ctx, not the template, so braces in it are not formatted.
    return PydanticCustomError("pack_rule", "{message}", {"message": message, "fix": fix})


class Model(BaseModel):
    """Base of every pack model: unknown keys are errors, values are not coerced, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class TextTable(Model):
    """A text given per language; the game falls back to English."""

    en: str = Field(min_length=1, description="English text (required)")
    bn: str | None = Field(default=None, min_length=1, description="Bengali text")

    def get(self, language: str) -> str | None:
        """Return the text in `language`, or None when that language is missing."""
        value = getattr(self, language, None) if language in LANGUAGES else None
        return value if isinstance(value, str) else None


def _text_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "<text>"
    if isinstance(value, dict | TextTable):
        return "<table>"
    return None


Text = Annotated[
    Annotated[str, Tag("<text>")] | Annotated[TextTable, Tag("<table>")],
    Discriminator(
        _text_tag,
        custom_error_type="text_type",
        custom_error_message="expected a text: a string or a table like { en = '...' }",
    ),
]
"""A human text: a plain string (English) or a table by language."""


def text_in(text: str | TextTable, language: str) -> str:
    """Return `text` in `language`, falling back to English."""
    if isinstance(text, str):
        return text
    return text.get(language) or text.en


def is_language_neutral(text: str) -> bool:
    """Return True when a plain string has no words outside math, e.g. "0", "`2x`", "{answer}".

    Such a text reads the same in every language, so it needs no translation.
    """
    prose = _PLACEHOLDER.sub("", text).split("`")[::2]
    return not any(char.isalpha() for piece in prose for char in piece)


def text_languages(text: str | TextTable) -> tuple[str, ...]:
    """Return the languages a text provides (all of them for a language-neutral string)."""
    if isinstance(text, str):
        return LANGUAGES if is_language_neutral(text) else ("en",)
    return tuple(lang for lang in LANGUAGES if text.get(lang) is not None)


def text_strings(text: str | TextTable) -> tuple[tuple[str | None, str], ...]:
    """Return (table key or None for a plain string, string) for every string in a text."""
    if isinstance(text, str):
        return ((None, text),)
    return tuple((lang, value) for lang in LANGUAGES if (value := text.get(lang)) is not None)


def _number_tag(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return "<number>"
    if isinstance(value, str):
        return "<template>"
    return None


NumberOrTemplate = Annotated[
    Annotated[float, Tag("<number>")] | Annotated[ExprTemplate, Tag("<template>")],
    Discriminator(
        _number_tag,
        custom_error_type="number_type",
        custom_error_message='expected a number or an expression template like "{a}/2"',
    ),
]
"""A number, or a string template that evaluates to a number (`"{a}/2"`, `"pi/4"`)."""


class IntRange(Model):
    """An integer parameter drawn from an inclusive range, minus some values."""

    min: int = Field(description="smallest value (inclusive)")
    max: int = Field(description="largest value (inclusive)")
    exclude: list[int] = Field(default=[], description="values never drawn, e.g. [0]")

    @model_validator(mode="after")
    def _check_range(self) -> IntRange:
        if self.min > self.max:
            raise rule_error(
                f"min ({self.min}) is larger than max ({self.max})", "swap min and max"
            )
        if self.max - self.min + 1 > MAX_PARAM_VALUES:
            raise rule_error(
                f"the range has more than {MAX_PARAM_VALUES} values", "use a smaller range"
            )
        if not self.values():
            raise rule_error(
                "exclude removes every value of the range", "widen the range or exclude less"
            )
        return self

    def values(self) -> tuple[int, ...]:
        """Return every value that may be drawn, in increasing order."""
        excluded = set(self.exclude)
        return tuple(v for v in range(self.min, self.max + 1) if v not in excluded)


class Choices(Model):
    """A parameter drawn from a list of numbers."""

    choices: list[int | float] = Field(min_length=1, description="the values to draw from")

    def values(self) -> tuple[int | float, ...]:
        """Return every value that may be drawn, in the author's order."""
        return tuple(self.choices)


def _param_tag(value: Any) -> str | None:
    if isinstance(value, Choices) or (isinstance(value, dict) and "choices" in value):
        return "<choices>"
    if isinstance(value, IntRange | dict):
        return "<range>"
    return None


Param = Annotated[
    Annotated[IntRange, Tag("<range>")] | Annotated[Choices, Tag("<choices>")],
    Discriminator(
        _param_tag,
        custom_error_type="param_type",
        custom_error_message="expected a table like { min = 1, max = 9 } or { choices = [2, 3] }",
    ),
]
"""A randomised parameter: an integer range or a list of choices."""
