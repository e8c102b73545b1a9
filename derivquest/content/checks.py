"""What the validator's checks report: template fields, variant issues, structure problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from derivquest.content.fields import TextTable
from derivquest.content.locator import KeyPath

FieldKind = Literal["text", "option", "expression", "number"]
"""How a template is filled: a human text, an option's text (no `{answer}`), math, a number."""

OVERRUN = "overrun"
"""The check of an Issue whose math overran the checker's deadline (reported once a question)."""

SYNTAX_FIX = "fix the expression (see 'Expression syntax' in docs/authoring.md)"
"""The fix an author gets for an expression the engine cannot read."""


@dataclass(frozen=True, slots=True)
class TemplateField:
    """One template of a question: where it is, what it holds, how it is filled."""

    path: KeyPath
    value: str | TextTable
    kind: FieldKind


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one variant, relative to its question table."""

    check: str
    """Which check failed; the validator reports each (check, path) once per question."""
    path: KeyPath
    message: str
    fix: str


@dataclass(frozen=True, slots=True)
class StructureProblem:
    """An engine-free problem of a question table (e.g. no option marked correct)."""

    path: KeyPath
    """Relative to the question table."""
    message: str
    fix: str


def unreadable(text: str, error: Exception) -> str:
    """The validator's message for an expression the engine cannot read."""
    reason = getattr(error, "message", str(error))
    return f"{text!r} cannot be read: {reason}"
