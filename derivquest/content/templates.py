"""Fill `{name}` placeholders in texts and expressions (negative numbers parenthesised in math)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
"""A placeholder `{name}`, or an escaped brace `{{` / `}}`."""

Lookup = Callable[[str, bool], str | None]
"""Return the text for a placeholder (name, inside math?), or None to leave it unfilled."""

ParamValue = int | float
"""The value of a drawn parameter."""


def placeholders(template: str) -> list[str]:
    """Return the placeholder names a template uses, in order of appearance (with repeats)."""
    return [match.group(1) for match in _TOKEN.finditer(template) if match.group(1)]


def format_number(value: ParamValue) -> str:
    """Return a number as authors and players write it: `3`, `-2`, `0.25`, `1e-05`."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    return repr(value)


def in_expression(number: str) -> str:
    """Return a number ready to drop into an expression: `-2` becomes `(-2)`."""
    return f"({number})" if number.startswith("-") else number


def fill(template: str, lookup: Lookup, math_span: bool) -> str:
    """Replace placeholders using `lookup`; unknown ones stay as written, escapes unfold."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]
        value = lookup(name, math_span)
        return match.group() if value is None else value

    return _TOKEN.sub(replace, template)


def fill_expression(
    template: str, values: Mapping[str, ParamValue], extra: Lookup | None = None
) -> str:
    """Fill an expression field: parameters go in parenthesised when negative."""

    def lookup(name: str, math_span: bool) -> str | None:
        if name in values:
            return in_expression(format_number(values[name]))
        return extra(name, math_span) if extra else None

    return fill(template, lookup, math_span=True)


def fill_text(template: str, values: Mapping[str, ParamValue], extra: Lookup | None = None) -> str:
    """Fill a human text; inside `backtick` math spans numbers are filled as in expressions.

    So a prompt "Differentiate `x^{n}`" with n = -2 reads "Differentiate `x^(-2)`", while
    "a slope of {m}" reads "a slope of -2".
    """

    def lookup(name: str, math_span: bool) -> str | None:
        if name in values:
            number = format_number(values[name])
            return in_expression(number) if math_span else number
        return extra(name, math_span) if extra else None

    pieces = template.split("`")
    # Odd pieces sit between backticks; a trailing unpaired backtick opens no span.
    return "`".join(
        fill(piece, lookup, math_span=index % 2 == 1 and index < len(pieces) - 1)
        for index, piece in enumerate(pieces)
    )
