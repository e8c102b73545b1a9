"""Resolving a variant's numbers, and the error for a variant that does not work."""

from __future__ import annotations

import math
from collections.abc import Mapping

from derivquest.content.locator import KeyPath
from derivquest.content.templates import ParamValue, fill_expression


class VariantError(Exception):
    """A template does not give a usable value for these parameters (the pack needs fixing).

    `derivquest pack validate` finds these; the game may skip such a question.
    """

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        """Where in the question the bad field is, e.g. ("plot", "target")."""
        self.message = message


def resolve_number(value: float | str, values: Mapping[str, ParamValue], path: KeyPath) -> float:
    """Return a number, or a number template filled and evaluated, as a finite float.

    Raises:
        VariantError: the template does not evaluate to a finite number.
    """
    if isinstance(value, float | int):
        return float(value)
    text = fill_expression(value, values)
    try:
        result = float(text)
    except ValueError:
        result = _evaluate_constant(text, path)
    if not math.isfinite(result):
        raise VariantError(path, f"{text!r} is not a finite number")
    return result


def _evaluate_constant(text: str, path: KeyPath) -> float:
    from derivquest.engine import EngineError, evaluate

    try:
        return evaluate(text, {}, ())
    except EngineError as error:
        raise VariantError(path, f"{text!r} does not give a number: {error.message}") from error
