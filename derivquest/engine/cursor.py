"""The parser's cursor over tokens: position, nesting, errors and reading notes.

The grammar (``grammar``) and function application (``calls``) both move this cursor;
``prepare`` splits runs of letters into the whitelisted names first.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction

import sympy

from derivquest.engine import printing
from derivquest.engine.errors import LimitExceeded, MathSyntaxError
from derivquest.engine.lexer import Token
from derivquest.engine.limits import MAX_NESTING_DEPTH
from derivquest.engine.names import split_run, suggestion, unknown_piece
from derivquest.engine.readings import ReadingNote, insert_brackets
from derivquest.engine.tree import Built

MAX_NOTES = 8
"""Reading notes kept per answer; the judge tries each one's other reading."""


class Cursor(ABC):
    """A position in a token list, with what every part of the grammar needs."""

    def __init__(
        self,
        tokens: list[Token],
        variables: tuple[str, ...],
        symbols: dict[str, sympy.Symbol],
        source: str,
    ) -> None:
        self.variables = variables
        self.symbols = symbols
        self.source = source
        self.tokens = prepare(tokens, variables)
        self.position = 0
        self.depth = 0
        self.open_bars = 0
        self.notes: list[ReadingNote] = []
        self.bare_exponent: int | None = None
        """Token index of the exponent the last power() read, when it had no brackets."""
        self.pending_power: tuple[int, int, int] | None = None
        """(base token, exponent token, factor index) of a bare power a '/' may follow."""

    # -- token helpers -------------------------------------------------------------------

    @property
    def token(self) -> Token:
        return self.tokens[self.position]

    def advance(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def at_op(self, *ops: str) -> bool:
        return self.token.kind == "op" and self.token.text in ops

    def at_end(self) -> bool:
        return self.token.kind == "end"

    @contextmanager
    def nested(self) -> Iterator[None]:
        """Count nesting so that ``((((...))))`` is refused long before Python's stack is."""
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            raise LimitExceeded.said("error.nested", self.token.column, limit=MAX_NESTING_DEPTH)
        try:
            yield
        finally:
            self.depth -= 1

    def unexpected(self) -> MathSyntaxError:
        token = self.token
        if token.kind == "end":
            return MathSyntaxError.said("error.ends-early", token.column)
        if token.kind == "op" and token.text == "_":
            return MathSyntaxError.said("error.unexpected-underscore", token.column)
        return MathSyntaxError.said(
            "error.unexpected-token", token.column, token.width, token=repr(token.typed)
        )

    # -- reading notes -------------------------------------------------------------------

    def note(
        self,
        construct: str,
        first: int,
        opening: int,
        closing: int,
        read: Built,
        last: int | None = None,
    ) -> None:
        """Record an ambiguous construct: tokens ``first`` up to ``last`` (exclusive, by
        default ``closing``), whose other reading puts brackets around tokens
        ``opening`` up to ``closing``; ``read`` is what the parser made of it."""
        if len(self.notes) >= MAX_NOTES or closing <= opening:
            return
        start = self.tokens[first].column - 1
        open_at = self.tokens[opening].column - 1
        close_at = self.end_of(closing)
        end = self.end_of(last if last is not None else closing)
        typed = self.source[start:end]
        self.notes.append(
            ReadingNote(
                construct=construct,
                typed=typed,
                read=printing.typed_text(read.value),
                alternative=insert_brackets(typed, open_at - start, close_at - start),
                column=start + 1,
                answer=insert_brackets(self.source, open_at, close_at),
            )
        )

    def end_of(self, index: int) -> int:
        """The text index just after the token before ``index``."""
        token = self.tokens[index - 1]
        return token.column - 1 + token.width

    # -- the grammar rules that function calls need ---------------------------------------

    @abstractmethod
    def power(self) -> Built:
        """Read an atom with its powers."""

    @abstractmethod
    def bracketed(self) -> Built:
        """Read ``( sum )``."""

    @abstractmethod
    def starts_implicit_factor(self, allow_functions: bool = True) -> bool:
        """True when the next token begins a factor written without ``*``."""


def rational(value: Fraction | None) -> sympy.Rational:
    assert value is not None, "number tokens always carry a value"
    return sympy.Rational(value.numerator, value.denominator)


def prepare(tokens: list[Token], variables: tuple[str, ...]) -> list[Token]:
    """Replace each run of letters by the known names it is made of, or raise a clear error."""
    result: list[Token] = []
    for index, token in enumerate(tokens):
        if token.kind != "name":
            result.append(token)
            continue
        pieces = split_run(token.text, variables)
        if pieces is None:
            called = tokens[index + 1].kind == "op" and tokens[index + 1].text == "("
            raise unknown_name_error(token, variables, called)
        if token.raw and len(pieces) == 1:  # \sin stays one token, with its typed width
            result.append(token)
            continue
        offset = 0
        for piece in pieces:
            result.append(Token("name", piece, token.column + offset))
            offset += len(piece)
    return result


def unknown_name_error(token: Token, variables: tuple[str, ...], called: bool) -> MathSyntaxError:
    # `max(x, 2)` is an attempt at a function, even though `x` inside the run is known.
    if called and len(token.text) >= 3:
        offset, piece = 0, token.text
    else:
        offset, piece = unknown_piece(token.text, variables)
    column = token.column + offset
    guess = suggestion(piece) or suggestion(token.text)
    if guess is not None:
        return MathSyntaxError.said(
            "error.did-you-mean", column, len(piece), guess=guess, piece=piece
        )
    if called and len(piece) >= 3:
        return MathSyntaxError.said("error.unknown-function", column, len(piece), piece=piece)
    if not variables:
        return MathSyntaxError.said("error.unknown-name-number", column, len(piece), piece=piece)
    names = ", ".join(variables)
    return MathSyntaxError.said("error.unknown-name", column, len(piece), piece=piece, names=names)
