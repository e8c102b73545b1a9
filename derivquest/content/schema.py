"""The pack format, version 1: the one declaration of what a manifest and a level file hold."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator
from pydantic.json_schema import models_json_schema

from derivquest.content.fields import (
    ExprTemplate,
    Identifier,
    Language,
    Model,
    Param,
    ParamName,
    PositiveFloat,
    Text,
    VariableName,
    rule_error,
)
from derivquest.content.plots import Plot

FORMAT_VERSION = 1
"""The only `format_version` this code reads."""

Kind = Literal["derivative", "expression", "numeric", "choice", "plot"]
"""What a question asks for."""

KINDS: tuple[Kind, ...] = ("derivative", "expression", "numeric", "choice", "plot")

RESERVED_PLACEHOLDERS = ("answer", "function")
"""Placeholders the game fills in itself, so no parameter may use these names."""


class Feedback(Model):
    """The author's note for one specific wrong answer."""

    answer: ExprTemplate = Field(description="the wrong answer (template), matched by equivalence")
    text: Text = Field(description="what to tell a player who typed it")


class Option(Model):
    """One answer of a multiple-choice question."""

    text: Text = Field(description="the option as shown (template)")
    correct: bool = Field(default=False, description="true for the one right option")
    explanation: Text = Field(description="why it is right or wrong, shown after answering")


class QuestionBase(Model):
    """Fields every kind of question has."""

    id: Identifier = Field(description="unique within the level; never rename a shipped id")
    prompt: Text = Field(description="what the player is asked (template)")
    params: dict[ParamName, Param] = Field(
        default={}, description="randomised parameters, used as `{name}` in templates"
    )
    hints: list[Text] = Field(default=[], description="hints shown one at a time (templates)")
    solution: Text = Field(description="worked solution shown after giving up (template)")
    skills: list[Identifier] | None = Field(
        default=None, description="skill tags; default: the level's skills"
    )
    drill: bool = Field(default=False, description="may be used in timed drills")

    @model_validator(mode="after")
    def _check_param_names(self) -> QuestionBase:
        for name in self.params:
            if name in RESERVED_PLACEHOLDERS:
                raise rule_error(
                    f"parameter name '{name}' is reserved for the {{{name}}} placeholder",
                    "rename the parameter",
                )
        return self


class DerivativeQuestion(QuestionBase):
    """Differentiate a function; the engine computes the expected answer."""

    kind: Literal["derivative"] = Field(description="picks this table")
    function: ExprTemplate = Field(description="the function to differentiate (template)")
    variable: VariableName = Field(default="x", description="differentiate with respect to it")
    variables: list[VariableName] | None = Field(
        default=None, description="every name the function may use; default: [variable]"
    )
    feedback: list[Feedback] = Field(default=[], description="notes for specific wrong answers")

    @model_validator(mode="after")
    def _check_variable_listed(self) -> DerivativeQuestion:
        if self.variables is not None and self.variable not in self.variables:
            raise rule_error(
                f"variable '{self.variable}' is not in variables {self.variables}",
                f'add "{self.variable}" to variables',
            )
        return self

    @property
    def all_variables(self) -> tuple[str, ...]:
        """Return the names the function may use."""
        return tuple(self.variables) if self.variables is not None else (self.variable,)


class ExpressionQuestion(QuestionBase):
    """Type an expression equivalent to the expected one."""

    kind: Literal["expression"] = Field(description="picks this table")
    expected: ExprTemplate = Field(description="the expected answer (template)")
    variables: list[VariableName] = Field(
        default=["x"], description="every name the answer may use"
    )
    feedback: list[Feedback] = Field(default=[], description="notes for specific wrong answers")


class NumericQuestion(QuestionBase):
    """Type a number (or a constant expression) within a tolerance of the expected value."""

    kind: Literal["numeric"] = Field(description="picks this table")
    expected: ExprTemplate = Field(description='an expression giving a number, e.g. "2*{a}"')
    abs_tol: PositiveFloat | None = Field(default=None, description="allowed absolute error")
    rel_tol: PositiveFloat | None = Field(default=None, description="allowed relative error")
    feedback: list[Feedback] = Field(default=[], description="notes for specific wrong answers")

    @model_validator(mode="after")
    def _check_tolerance(self) -> NumericQuestion:
        if self.abs_tol is None and self.rel_tol is None:
            raise rule_error("a numeric question needs a tolerance", "add abs_tol or rel_tol")
        return self


class ChoiceQuestion(QuestionBase):
    """Pick one option by its number."""

    kind: Literal["choice"] = Field(description="picks this table")
    options: list[Option] = Field(
        min_length=2, max_length=9, description="the options; exactly one is correct"
    )


class PlotQuestion(QuestionBase):
    """An interactive chart task (see the plot tables)."""

    kind: Literal["plot"] = Field(description="picks this table")
    plot: Plot = Field(description="the chart and its goal")


QUESTION_MODELS: dict[str, type[QuestionBase]] = {
    "derivative": DerivativeQuestion,
    "expression": ExpressionQuestion,
    "numeric": NumericQuestion,
    "choice": ChoiceQuestion,
    "plot": PlotQuestion,
}
"""Each kind and the model of its question table."""


def _kind_tag(value: Any) -> str | None:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return f"<{kind}>" if kind in QUESTION_MODELS else None


Question = Annotated[
    Annotated[DerivativeQuestion, Tag("<derivative>")]
    | Annotated[ExpressionQuestion, Tag("<expression>")]
    | Annotated[NumericQuestion, Tag("<numeric>")]
    | Annotated[ChoiceQuestion, Tag("<choice>")]
    | Annotated[PlotQuestion, Tag("<plot>")],
    Discriminator(
        _kind_tag,
        custom_error_type="kind_type",
        custom_error_message="missing or unknown kind",
    ),
]
"""A question; the `kind` key picks which table it is."""


class Level(Model):
    """A level file: a short lesson and its questions."""

    id: Identifier = Field(description="unique in the pack; never rename a shipped id")
    title: Text = Field(description="the level's name")
    requires: list[Identifier] = Field(
        default=[], description="level ids to complete first (same pack); empty: open at start"
    )
    skills: list[Identifier] = Field(default=[], description="skill tags for drills and mastery")
    lesson: Text = Field(description="a short lesson, a few paragraphs")
    questions: list[Question] = Field(min_length=1, description="the questions, in order")


class Manifest(Model):
    """`pack.toml`: what the pack is and which level files it has, in order."""

    format_version: Literal[1] = Field(description="the pack format version; must be 1")
    id: Identifier = Field(description="unique among packs; never rename a shipped id")
    title: Text = Field(description="the pack's name")
    author: str = Field(min_length=1, description="who wrote it")
    version: str = Field(min_length=1, description='the pack\'s own version, e.g. "1.0.0"')
    languages: list[Language] = Field(
        min_length=1, description='languages every text provides; must include "en"'
    )
    description: Text | None = Field(default=None, description="one or two sentences")
    levels: list[str] = Field(
        min_length=1, description="level files, relative to the pack folder, in order"
    )

    @model_validator(mode="after")
    def _check_languages(self) -> Manifest:
        if "en" not in self.languages:
            raise rule_error('languages must include "en"', 'add "en" to languages')
        if len(set(self.languages)) != len(self.languages):
            raise rule_error("languages lists a language twice", "list each language once")
        return self


def json_schema(which: Literal["all", "manifest", "level"] = "all") -> dict[str, Any]:
    """Return the JSON Schema of the pack format, generated from the models.

    Args:
        which: ``"manifest"`` for `pack.toml`, ``"level"`` for a level file, ``"all"`` for a
            schema that accepts either file.
    """
    if which == "manifest":
        schema = Manifest.model_json_schema()
    elif which == "level":
        schema = Level.model_json_schema()
    else:
        refs, defs = models_json_schema([(Manifest, "validation"), (Level, "validation")])
        schema = {
            "title": f"DerivQuest pack format {FORMAT_VERSION}",
            "description": "A pack's pack.toml (Manifest) or one of its level files (Level).",
            "anyOf": [refs[(Manifest, "validation")], refs[(Level, "validation")]],
            **defs,
        }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def json_schema_text(which: Literal["all", "manifest", "level"] = "all") -> str:
    """Return the JSON Schema as indented JSON text."""
    return json.dumps(json_schema(which), indent=2, ensure_ascii=False) + "\n"
