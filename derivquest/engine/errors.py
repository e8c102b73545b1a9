"""The engine's one error type, carrying a message id, its values, and where in the typed
text the problem is."""

from __future__ import annotations

from typing import Any, Self

from derivquest.engine.error_texts import error_text

Params = tuple[tuple[str, str], ...]
"""An error message's values, as (name, text) pairs (language-neutral: numbers, names)."""


class EngineError(Exception):
    """Any problem the engine reports about a player's or an author's text.

    Every failure on user input is raised as this type (or a subclass), never as a
    SymPy, Python or mpmath exception: callers catch exactly one thing. Made with ``said``,
    it carries a message id from ``engine.error_texts`` and its values, so the presenter
    (``presenter.present_error``) writes it in the player's language; ``message`` is the
    English text.
    """

    def __init__(
        self,
        message: str,
        column: int | None = None,
        length: int = 1,
        *,
        key: str | None = None,
        params: Params = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        """The English sentence, e.g. ``unexpected ')' at column 7``."""
        self.column = column
        """1-based column of the problem in the typed text, if it has a place."""
        self.length = max(1, length)
        """How many characters the problem spans (for the caret line)."""
        self.key = key
        """The message id (``error.…``), or None for a message from outside the catalogue."""
        self.params = params
        """The values the message id's template is filled with."""

    @classmethod
    def said(cls, key: str, column: int | None = None, length: int = 1, **params: object) -> Self:
        """The error for message id ``key`` with its values (``column`` is also a value)."""
        values = tuple((name, str(value)) for name, value in params.items())
        if column is not None:
            values = (*values, ("column", str(column)))
        return cls(error_text(key, "en", values), column, length, key=key, params=values)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled across a process pipe, the id, values and place must survive.
        return (
            _rebuild,
            (type(self), self.message, self.column, self.length, self.key, self.params),
        )

    def caret_line(self) -> str:
        """Return spaces and carets that point under the problem, or '' without a place."""
        if self.column is None:
            return ""
        return " " * (self.column - 1) + "^" * self.length


def _rebuild(
    kind: type[EngineError],
    message: str,
    column: int | None,
    length: int,
    key: str | None,
    params: Params,
) -> EngineError:
    error = EngineError.__new__(kind)
    EngineError.__init__(error, message, column, length, key=key, params=params)
    return error


class MathSyntaxError(EngineError):
    """The text is not a readable expression (bad token, unknown name, unbalanced bracket)."""


class LimitExceeded(EngineError):
    """The text is readable but too large to judge cheaply (length, depth, number size)."""


class DeadlineExceeded(EngineError):
    """A computation on an author's math (a reference answer) overran the checker's deadline."""

    def __init__(self, seconds: float) -> None:
        values = (("seconds", f"{seconds:g}"),)
        super().__init__(
            error_text("error.deadline", "en", values), key="error.deadline", params=values
        )
        self.seconds = seconds
        """The deadline it overran."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (DeadlineExceeded, (self.seconds,))
