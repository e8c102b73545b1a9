"""A pack-format union whose members come from a registry (question kinds, chart tables).

The members are read when pydantic builds the schema (and again after `rebuild`), so a kind
or chart registered later (a test's) is accepted by the same `Level` model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Union

from pydantic import BaseModel, Discriminator, GetCoreSchemaHandler, Tag
from pydantic_core import CoreSchema


class RegistryUnion:
    """Base of a custom type: a tagged union of the registry's models, keyed by `field`."""

    field: ClassVar[str]
    """The key that picks the member (`kind`, `chart`)."""
    error_type: ClassVar[str]
    """The pydantic error type for a missing or unknown key (content.problems explains it)."""

    @classmethod
    def members(cls) -> Mapping[str, type[BaseModel]]:
        """Each key value and its model, in documentation order."""
        raise NotImplementedError

    @classmethod
    def current(cls) -> Any:
        """The union as a plain annotation (pydantic and content.problems read it)."""
        members = cls.members()

        def tag(value: Any) -> str | None:
            key = (
                value.get(cls.field) if isinstance(value, dict) else getattr(value, cls.field, None)
            )
            return f"<{key}>" if key in members else None

        tagged = tuple(Annotated[model, Tag(f"<{name}>")] for name, model in members.items())
        return Annotated[
            Union[tagged],  # noqa: UP007 - a runtime tuple of members needs Union[...]
            Discriminator(
                tag,
                custom_error_type=cls.error_type,
                custom_error_message=f"missing or unknown {cls.field}",
            ),
        ]

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return handler.generate_schema(cls.current())
