"""The engine's one error type, carrying where in the typed text the problem is."""

from __future__ import annotations


class EngineError(Exception):
    """Any problem the engine reports about a player's or an author's text.

    Every failure on user input is raised as this type (or a subclass), never as a
    SymPy, Python or mpmath exception: callers catch exactly one thing.
    """

    def __init__(self, message: str, column: int | None = None, length: int = 1) -> None:
        super().__init__(message)
        self.message = message
        """The sentence to show, e.g. ``unexpected ')' at column 7``."""
        self.column = column
        """1-based column of the problem in the typed text, if it has a place."""
        self.length = max(1, length)
        """How many characters the problem spans (for the caret line)."""

    def caret_line(self) -> str:
        """Return spaces and carets that point under the problem, or '' without a place."""
        if self.column is None:
            return ""
        return " " * (self.column - 1) + "^" * self.length


class MathSyntaxError(EngineError):
    """The text is not a readable expression (bad token, unknown name, unbalanced bracket)."""


class LimitExceeded(EngineError):
    """The text is readable but too large to judge cheaply (length, depth, number size)."""


class DeadlineExceeded(EngineError):
    """A computation on an author's math (a reference answer) overran the checker's deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"that took longer than {seconds:g} s to work out")
        self.seconds = seconds
        """The deadline it overran."""
