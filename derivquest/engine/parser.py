"""Read typed math into a SymPy expression, by recursive descent over our own tokens.

Grammar (lowest precedence first)::

    sum      := term (('+' | '-') term)*
    term     := signed (('*' | '/') signed | implicit-factor)*
    signed   := ('-' | '+') signed | power
    power    := atom superscript* ('^' exponent)?
    exponent := ('-' | '+') exponent | atom superscript* ('^' exponent)?
    atom     := number | variable | constant | '(' sum ')' | '|' sum '|'
              | function call | '√' argument

A function takes ``(sum)`` or, without brackets, an *argument*: an optional sign then a
product of factors that stops at the next function name, so ``sin 2x`` is sin(2x) and
``sin x cos x`` is sin(x)·cos(x). ``sin^2 x`` and ``tanh²(x)`` square the function's value;
``sin^-1 x`` is arcsin x. An exponent is one atom: ``e^x(1+x)`` is e^x·(1+x).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction

import sympy
from sympy.core.parameters import distribute

from derivquest.engine import printing
from derivquest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from derivquest.engine.guards import checked_power, reject_undefined
from derivquest.engine.lexer import Token, tokenize
from derivquest.engine.limits import MAX_INPUT_LENGTH, MAX_NESTING_DEPTH
from derivquest.engine.names import (
    CONSTANTS,
    FUNCTIONS,
    INVERSES,
    RESERVED,
    canonical_function,
    split_run,
    suggestion,
    unknown_piece,
)

DEFAULT_VARIABLES = ("x",)


@dataclass(frozen=True)
class Parsed:
    """An expression as the engine read it."""

    text: str
    """What was typed."""
    expr: sympy.Expr
    """The SymPy expression (automatic evaluation only, never simplified)."""
    variables: tuple[str, ...] = DEFAULT_VARIABLES
    """The names the question declared."""
    symbols: dict[str, sympy.Symbol] = field(default_factory=dict, compare=False, repr=False)
    """The SymPy symbol for each declared variable (all real)."""

    def pretty(self) -> str:
        """Return a Unicode, two-dimensional rendering for the player."""
        return printing.pretty(self.expr)

    def plain(self) -> str:
        """Return the expression in the typed syntax; parsing it again gives the same tree."""
        return printing.plain(self.expr)


def make_symbols(variables: Sequence[str]) -> dict[str, sympy.Symbol]:
    """Return real SymPy symbols for the declared variable names, checking each name."""
    symbols: dict[str, sympy.Symbol] = {}
    for name in variables:
        if not name or not name.isalpha() or name in RESERVED:
            raise EngineError(f"{name!r} cannot be a variable name (use letters, not a function)")
        symbols[name] = sympy.Symbol(name, real=True)
    return symbols


def parse(text: str, variables: Sequence[str] = DEFAULT_VARIABLES) -> Parsed:
    """Parse ``text`` with the question's variables, or raise an ``EngineError``."""
    if len(text) > MAX_INPUT_LENGTH:
        raise LimitExceeded(
            f"the answer is too long: {len(text)} characters (at most {MAX_INPUT_LENGTH})"
        )
    names = tuple(variables)
    symbols = make_symbols(names)
    if not text.strip():
        raise MathSyntaxError("type an expression, for example 2x + 1")
    try:
        # SymPy would turn 3(x+1) into 3x + 3 as it builds; the preview should show what was
        # typed. (The setting is thread-local, so previews in threads do not interfere.)
        with distribute(False):
            expr = _Parser(tokenize(text), names, symbols).parse()
    except RecursionError:
        raise LimitExceeded("the expression is nested too deeply") from None
    reject_undefined(expr)
    return Parsed(text=text, expr=expr, variables=names, symbols=symbols)


class _Parser:
    """One use of the grammar over a token list."""

    def __init__(
        self, tokens: list[Token], variables: tuple[str, ...], symbols: dict[str, sympy.Symbol]
    ) -> None:
        self.variables = variables
        self.symbols = symbols
        self.tokens = _split_names(tokens, variables)
        self.position = 0
        self.depth = 0
        self.open_bars = 0

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

    @contextmanager
    def nested(self) -> Iterator[None]:
        """Count nesting so that ``((((...))))`` is refused long before Python's stack is."""
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            raise LimitExceeded(
                f"the expression is nested too deeply (more than {MAX_NESTING_DEPTH} levels) "
                f"at column {self.token.column}",
                self.token.column,
            )
        try:
            yield
        finally:
            self.depth -= 1

    def unexpected(self) -> MathSyntaxError:
        token = self.token
        if token.kind == "end":
            return MathSyntaxError(
                f"the expression ends too early at column {token.column}: "
                "expected a number, a name or '('",
                token.column,
            )
        return MathSyntaxError(
            f"unexpected {token.text!r} at column {token.column}", token.column, token.width
        )

    # -- grammar -------------------------------------------------------------------------

    def parse(self) -> sympy.Expr:
        expr = self.sum()
        if self.token.kind != "end":
            raise self.unexpected()
        return expr

    def sum(self) -> sympy.Expr:
        expr = self.term()
        while self.at_op("+", "-"):
            if self.advance().text == "+":
                expr = expr + self.term()
            else:
                expr = expr - self.term()
        return expr

    def term(self) -> sympy.Expr:
        expr = self.signed()
        while True:
            if self.at_op("*"):
                self.advance()
                expr = expr * self.signed()
            elif self.at_op("/"):
                self.advance()
                expr = expr / self.signed()
            elif self.starts_implicit_factor():
                expr = expr * self.power()
            else:
                return expr

    def starts_implicit_factor(self, allow_functions: bool = True) -> bool:
        """True when the next token begins a factor written without ``*``."""
        token = self.token
        if token.kind == "number":
            # `(x+1)2` and `ln(2)2^x` can only mean a product; `x2` and `2 3` are ambiguous.
            previous = self.tokens[self.position - 1]
            if previous.kind == "op" and previous.text in (")", "|"):
                return True
            raise MathSyntaxError(
                f"missing operator before {token.text} at column {token.column} "
                f"(write * between numbers, or the number first: 2x)",
                token.column,
                token.width,
            )
        if token.kind == "name":
            return allow_functions or canonical_function(token.text) is None
        if token.kind == "op":
            if token.text == "(":
                return True
            if token.text == "√":
                return allow_functions
            # Inside |...| a bar after an operand closes; outside it opens a new |...|.
            return token.text == "|" and self.open_bars == 0
        return False

    def signed(self) -> sympy.Expr:
        if self.at_op("-", "+"):
            with self.nested():
                sign = self.advance().text
                operand = self.signed()
            return -operand if sign == "-" else operand
        return self.power()

    def power(self) -> sympy.Expr:
        base = self.postfix(self.atom())
        if self.at_op("^"):
            caret = self.advance()
            return checked_power(base, self.exponent(), caret.column)
        return base

    def exponent(self) -> sympy.Expr:
        if self.at_op("-", "+"):
            with self.nested():
                sign = self.advance().text
                operand = self.exponent()
            return -operand if sign == "-" else operand
        base = self.postfix(self.atom())
        if self.at_op("^"):
            caret = self.advance()
            with self.nested():
                return checked_power(base, self.exponent(), caret.column)
        return base

    def postfix(self, base: sympy.Expr) -> sympy.Expr:
        while self.token.kind == "sup":
            token = self.advance()
            base = checked_power(base, _rational(token.value), token.column)
        return base

    def atom(self) -> sympy.Expr:
        with self.nested():
            token = self.token
            if token.kind == "number":
                self.advance()
                return _rational(token.value)
            if token.kind == "name":
                self.advance()
                if token.text in self.symbols:
                    return self.symbols[token.text]
                if token.text in CONSTANTS:
                    return CONSTANTS[token.text]
                return self.function(token)
            if self.at_op("("):
                return self.bracketed()
            if self.at_op("|"):
                return self.absolute_value()
            if self.at_op("√"):
                self.advance()
                return sympy.sqrt(self.function_argument(token))
            raise self.unexpected()

    def bracketed(self) -> sympy.Expr:
        opening = self.advance()
        saved_bars, self.open_bars = self.open_bars, 0
        expr = self.sum()
        self.open_bars = saved_bars
        if self.at_op(","):
            raise MathSyntaxError(
                f"unexpected ',' at column {self.token.column}: functions take one argument",
                self.token.column,
            )
        if not self.at_op(")"):
            if self.token.kind == "end":
                raise MathSyntaxError(
                    f"missing ')' to close the '(' at column {opening.column}", opening.column
                )
            raise self.unexpected()
        self.advance()
        return expr

    def absolute_value(self) -> sympy.Expr:
        opening = self.advance()
        self.open_bars += 1
        expr = self.sum()
        self.open_bars -= 1
        if not self.at_op("|"):
            if self.token.kind == "end":
                raise MathSyntaxError(
                    f"missing '|' to close the '|' at column {opening.column}", opening.column
                )
            raise self.unexpected()
        self.advance()
        return sympy.Abs(expr)

    def function(self, name: Token) -> sympy.Expr:
        canonical = canonical_function(name.text)
        if canonical is None:  # _split_names only lets known names through
            raise MathSyntaxError(f"unknown name {name.text}", name.column, name.width)
        power: sympy.Expr | None = None
        if self.token.kind == "sup":
            power = _rational(self.advance().value)
        elif self.at_op("^"):
            self.advance()
            power = self.function_power(name)
        if power == -1 and canonical in INVERSES:
            canonical, power = INVERSES[canonical], None
        value = FUNCTIONS[canonical](self.function_argument(name))
        return value if power is None else checked_power(value, power, name.column)

    def function_power(self, name: Token) -> sympy.Expr:
        """Read the n of ``sin^n x``: a whole number, possibly negative."""
        negative = False
        if self.at_op("-"):
            self.advance()
            negative = True
        token = self.token
        if token.kind != "number" or token.value is None or token.value.denominator != 1:
            raise MathSyntaxError(
                f"after {name.text}^ write a whole number, as in {name.text}^2(x), "
                f"or put the function in brackets: ({name.text}(x))^y",
                token.column,
                token.width,
            )
        self.advance()
        value = _rational(token.value)
        return -value if negative else value

    def function_argument(self, name: Token) -> sympy.Expr:
        """Read ``(sum)``, or a bare argument such as the ``2x`` of ``sin 2x``."""
        if self.at_op("("):
            return self.bracketed()
        if self.token.kind == "end" or self.at_op(")", "+", "*", "/", "^", ","):
            raise MathSyntaxError(
                f"{name.text} needs an argument at column {self.token.column}, as in "
                f"{name.text}(x)",
                self.token.column,
            )
        with self.nested():
            if self.at_op("-"):
                self.advance()
                return -self.function_argument(name)
            argument = self.power()
            while self.starts_implicit_factor(allow_functions=False):
                argument = argument * self.power()
            return argument


def _rational(value: Fraction | None) -> sympy.Rational:
    assert value is not None, "number tokens always carry a value"
    return sympy.Rational(value.numerator, value.denominator)


def _split_names(tokens: list[Token], variables: tuple[str, ...]) -> list[Token]:
    """Replace each run of letters by the known names it is made of, or raise a clear error."""
    result: list[Token] = []
    for index, token in enumerate(tokens):
        if token.kind != "name":
            result.append(token)
            continue
        pieces = split_run(token.text, variables)
        if pieces is None:
            called = tokens[index + 1].kind == "op" and tokens[index + 1].text == "("
            raise _unknown_name_error(token, variables, called)
        offset = 0
        for piece in pieces:
            result.append(Token("name", piece, token.column + offset))
            offset += len(piece)
    return result


def _unknown_name_error(token: Token, variables: tuple[str, ...], called: bool) -> MathSyntaxError:
    # `max(x, 2)` is an attempt at a function, even though `x` inside the run is known.
    if called and len(token.text) >= 3:
        offset, piece = 0, token.text
    else:
        offset, piece = unknown_piece(token.text, variables)
    column = token.column + offset
    guess = suggestion(piece) or suggestion(token.text)
    if guess is not None:
        return MathSyntaxError(
            f"did you mean {guess}? ({piece}) at column {column}", column, len(piece)
        )
    if called and len(piece) >= 3:
        return MathSyntaxError(
            f"unknown function {piece} at column {column}: see the help for the functions "
            "DerivQuest knows",
            column,
            len(piece),
        )
    uses = f"this question uses {', '.join(variables)}" if variables else "the answer is a number"
    return MathSyntaxError(f"unknown name {piece}: {uses} (column {column})", column, len(piece))
