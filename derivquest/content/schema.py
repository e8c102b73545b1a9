"""The pack format, version 1: the one declaration of what a manifest and a level file hold."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import models_json_schema

from derivquest.charts import registry as chart_registry
from derivquest.content.fields import Identifier, Language, Model, Text, rule_error
from derivquest.content.questions import RESERVED_PLACEHOLDERS as RESERVED_PLACEHOLDERS
from derivquest.content.questions import QuestionBase as QuestionBase
from derivquest.content.registry_union import RegistryUnion
from derivquest.kinds import registry as kind_registry

FORMAT_VERSION = 1
"""The only `format_version` this code reads."""


def question_models() -> dict[str, type[QuestionBase]]:
    """Each kind and the model of its question table (from the kinds' registry)."""
    return {spec.name: spec.model for spec in kind_registry.specs()}


class QuestionTable(RegistryUnion):
    """`[[questions]]`: one table per kind, picked by `kind`."""

    field = "kind"
    error_type = "kind_type"

    @classmethod
    def members(cls) -> Mapping[str, type[BaseModel]]:
        return question_models()


if TYPE_CHECKING:
    Question = QuestionBase
    """A question; at run time the `kind` key picks which kind's table it is."""
else:
    Question = QuestionTable


class Level(Model):
    """A level file: a short lesson and its questions."""

    # Built on first use: the kinds are found then (and rebuilt when a test adds one).
    model_config = ConfigDict(defer_build=True)

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


def rebuild() -> None:
    """Rebuild the models whose unions come from the registries (after a kind or chart is
    registered or removed), the plot question first, then the level that holds them."""
    for model in question_models().values():
        model.model_rebuild(force=True)
    Level.model_rebuild(force=True)


kind_registry.on_change(rebuild)
chart_registry.on_change(rebuild)
