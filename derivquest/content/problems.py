"""Problems in a pack as rows (file, line, key, message, fix), including schema errors."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from derivquest.content.fields import ID_PATTERN
from derivquest.content.locator import KeyPath, clean_path, key_lines, locate
from derivquest.content.registry_union import RegistryUnion

SCHEMA_HINT = "see docs/authoring.md or `derivquest pack schema` for this field"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, and how to fix it."""

    file: Path
    """The file the problem is in (the pack folder when there is no file)."""
    line: int
    """1-based line in `file` (1 when the problem has no better place)."""
    key: str
    """The key path, e.g. `questions[3].expected`, or '' for the whole file."""
    message: str
    """What is wrong."""
    fix: str
    """How to fix it."""

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return f"{self.file}:{self.line}:{key} {self.message} (fix: {self.fix})"

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order problems by file, then line."""
        return (str(self.file), self.line, self.key, self.message)


def render_key(path: Sequence[str | int]) -> str:
    """Return a key path as authors read it: `questions[3].plot.target`."""
    out = ""
    for part in clean_path(path):
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return problems without duplicates, ordered by file and line."""
    return sorted(set(problems), key=Problem.sort_key)


class FileLines:
    """A file's text with its key lines, to turn key paths into Problems."""

    def __init__(self, file: Path, text: str) -> None:
        self.file = file
        self.text = text
        self.lines = key_lines(text)

    def line(self, path: Sequence[str | int]) -> int:
        """Return the line of `path` (or of its nearest parent)."""
        return locate(self.text, path, self.lines)

    def problem(self, path: Sequence[str | int], message: str, fix: str) -> Problem:
        """Return a Problem at `path` in this file."""
        return Problem(self.file, self.line(path), render_key(path), message, fix)


def problems_from_validation(
    error: ValidationError, source: FileLines, model: type[BaseModel]
) -> list[Problem]:
    """Turn every pydantic error about `model` read from `source` into a Problem."""
    return [_one_problem(details, source, model) for details in error.errors(include_url=False)]


def _one_problem(details: ErrorDetails, source: FileLines, model: type[BaseModel]) -> Problem:
    loc: KeyPath = tuple(details["loc"])
    kind = details["type"]
    value = details.get("input")
    ctx: dict[str, Any] = dict(details.get("ctx") or {})
    name = str(clean_path(loc)[-1]) if clean_path(loc) else ""
    if kind in ("kind_type", "chart_type"):
        field = "kind" if kind == "kind_type" else "chart"
        names = _registered(field)
        allowed = ", ".join(names)
        if isinstance(value, dict) and field in value:
            return source.problem(
                (*loc, field), f"unknown {field} {value[field]!r}", f"use one of: {allowed}"
            )
        return source.problem(loc, f"{field} is missing", f"add {field} = one of: {allowed}")
    if kind == "missing":
        return source.problem(loc, "required field is missing", f"add {name} = ...")
    if kind == "extra_forbidden":
        allowed_fields = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(name, allowed_fields, n=1)
        if close:
            fix = f"did you mean {close[0]}?"
        elif allowed_fields:
            fix = "remove it; allowed here: " + ", ".join(allowed_fields)
        else:
            fix = "remove it"
        return source.problem(loc, f"unknown field {name!r}", fix)
    if kind == "pack_rule":
        return source.problem(loc, str(ctx["message"]), str(ctx["fix"]))
    if kind == "literal_error" and clean_path(loc) == ("format_version",):
        return source.problem(
            loc,
            f"{value!r} is not a format this DerivQuest reads",
            "use format_version = 1, or update DerivQuest",
        )
    if kind == "literal_error":
        return source.problem(
            loc, f"{value!r} is not allowed here", f"use {ctx.get('expected', 'another value')}"
        )
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            fix = "use lowercase letters, digits and dashes, starting with a letter or digit"
        else:
            fix = f"use a name matching {ctx.get('pattern')}"
        what = "key" if "[key]" in loc else "value"
        return source.problem(loc, f"{value!r} is not a valid {what} here", fix)
    message = details["msg"]
    if message.startswith("Input should be "):
        message = message.removeprefix("Input ")
    if kind.endswith("_type") and kind not in ("text_type", "number_type", "param_type"):
        message = f"{message}, not {_toml_type(value)}"
    return source.problem(loc, message, SCHEMA_HINT)


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a decimal", str: "a string"}
    for python_type, toml_name in names.items():
        if type(value) is python_type:
            return toml_name
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _fields_at(root: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Return the field names of the model found by following `loc` from `root`."""
    current: Any = root
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _registered(field: str) -> tuple[str, ...]:
    """The kinds (`field` "kind") or the chart ids (`field` "chart") known now."""
    if field == "kind":
        from derivquest.kinds.registry import names

        return names()
    from derivquest.charts.registry import chart_ids

    return chart_ids()


def _step(annotation: Any, part: str | int) -> Any:
    """Follow one location part through a type annotation; None when it leads nowhere."""
    if isinstance(annotation, type) and issubclass(annotation, RegistryUnion):
        return _step(annotation.current(), part)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return None if field is None else field.annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _step(args[0], part)
    if origin in (typing.Union, types.UnionType):
        for member in args:
            if isinstance(part, str) and part.startswith("<") and _tag(member) == part:
                return typing.get_args(member)[0]
        real = [member for member in args if member is not type(None)]
        return _step(real[0], part) if len(real) == 1 else None
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict and isinstance(part, str):
        return args[1]
    return None


def _tag(member: Any) -> str | None:
    if typing.get_origin(member) is typing.Annotated:
        for meta in typing.get_args(member)[1:]:
            if isinstance(meta, Tag):
                return meta.tag
    return None
