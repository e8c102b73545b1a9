"""The part of the pack format every question kind shares: its common fields and reserved names."""

from __future__ import annotations

from pydantic import Field, model_validator

from derivquest.content.fields import Identifier, Model, Param, ParamName, Text, rule_error

RESERVED_PLACEHOLDERS = ("answer", "function")
"""Placeholders the game fills in itself, so no parameter may use these names."""


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

    @property
    def kind_name(self) -> str:
        """The `kind` value of this question's table (each kind's model declares `kind`)."""
        return str(self.__dict__["kind"])  # each subclass declares `kind: Literal[...]`
