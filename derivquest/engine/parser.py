"""Read typed math into SymPy trees, by recursive descent over our own tokens.

Grammar (lowest precedence first)::

    sum      := term (('+' | '-') term)*
    term     := signed (('*' | '/') signed | implicit-factor)*
    signed   := ('-' | '+') signed | power
    power    := atom superscript* ('^' exponent)?
    exponent := ('-' | '+') exponent | atom superscript* ('^' exponent)?
    atom     := number | variable | constant | '(' sum ')' | '|' sum '|'
              | function call | '√' argument | '\\sqrt' ['[' n ']'] group
              | '\\frac' group group

A function takes ``(sum)`` or, without brackets, an *argument*: an optional sign then a
product of factors that stops at the next function name, so ``sin 2x`` is sin(2x) and
``sin x cos x`` is sin(x)·cos(x). ``sin^2 x`` and ``tanh²(x)`` square the function's value;
``sin^-1 x`` is arcsin x; ``log_2 x``, ``log_{10}(x)`` and ``log_b x`` take a base. An
exponent is one atom: ``e^x(1+x)`` is e^x·(1+x). An optional ``dy/dx =`` in front is read
by ``labels``.

Every node is built as typed (unevaluated) and as SymPy evaluates it (see ``tree``); where
the grammar settles an ambiguity (``1/2x``, ``e^2x``, ``x^1/2``, ``cos x e^x``, ``sin x^2``)
the parser records a reading note (see ``readings``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction

import sympy
from sympy.core.parameters import distribute

from derivquest.engine import printing, tree
from derivquest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from derivquest.engine.guards import reject_undefined
from derivquest.engine.labels import Label, split_label
from derivquest.engine.lexer import Token, tokenize
from derivquest.engine.limits import MAX_INPUT_LENGTH, MAX_NESTING_DEPTH, MAX_ROOT_INDEX
from derivquest.engine.names import (
    CONSTANTS,
    FUNCTIONS,
    INVERSES,
    LOG_BASES,
    RESERVED,
    canonical_function,
    split_run,
    suggestion,
    unknown_piece,
)
from derivquest.engine.readings import ReadingNote, insert_brackets
from derivquest.engine.tree import Built

DEFAULT_VARIABLES = ("x",)

MAX_NOTES = 8
"""Reading notes kept per answer; the judge tries each one's other reading."""

CLOSERS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}
"""The closing bracket for each way of opening one."""


@dataclass(frozen=True)
class Parsed:
    """An expression as the engine read it."""

    text: str
    """What was typed."""
    expr: sympy.Expr
    """The SymPy tree as typed: unevaluated, so ``sqrt(x)^2`` keeps its domain."""
    variables: tuple[str, ...] = DEFAULT_VARIABLES
    """The names the question declared."""
    symbols: dict[str, sympy.Symbol] = field(default_factory=dict, compare=False, repr=False)
    """The SymPy symbol for each declared variable (all real)."""
    value: sympy.Expr | None = None
    """The same text after SymPy's automatic evaluation (never simplified); None: ``expr``."""
    typed: bool = True
    """True when ``expr`` is a typed tree; False for a computed one (a reference answer)."""
    notes: tuple[ReadingNote, ...] = ()
    """Ambiguous constructs in the text and their other readings."""
    label: Label | None = None
    """The ``dy/dx =`` typed before the answer, if any."""

    @property
    def evaluated(self) -> sympy.Expr:
        """The expression after automatic evaluation (``sqrt(x)^2`` is ``x`` here)."""
        return self.value if self.value is not None else self.expr

    def pretty(self) -> str:
        """Return a Unicode, two-dimensional rendering for the player."""
        return printing.pretty(self.expr, typed=self.typed, value=self.evaluated)

    def plain(self) -> str:
        """Return the evaluated expression in the typed syntax (``2*0`` gives ``0``); parsing
        it again gives the same evaluated tree. Reference answers are shown this way."""
        return printing.plain(self.evaluated)

    def typed_plain(self) -> str:
        """Return the expression as typed, on one line (``sqrt(x)^2`` stays so)."""
        return printing.plain(self.expr, typed=self.typed, value=self.evaluated)


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
    label, body = split_label(text, names)
    if label is not None:
        _check_label_variable(label, names)
        if not body.strip():
            raise MathSyntaxError(
                f"type the answer after '=' (column {len(text) + 1})", len(text) + 1
            )
    built, notes = read_tokens(body, names, symbols, text)
    return Parsed(
        text=text,
        expr=built.typed,
        variables=names,
        symbols=symbols,
        value=built.value,
        notes=notes,
        label=label,
    )


def read_tokens(
    body: str, names: tuple[str, ...], symbols: dict[str, sympy.Symbol], source: str
) -> tuple[Built, tuple[ReadingNote, ...]]:
    """Parse ``body`` (``source`` with any label blanked out) into both trees and notes."""
    try:
        # SymPy would turn 3(x+1) into 3x + 3 as it evaluates; keep products as typed.
        # (The setting is thread-local, so previews in threads do not interfere.)
        with distribute(False):
            parser = _Parser(tokenize(body), names, symbols, source)
            built = parser.parse()
    except RecursionError:
        raise LimitExceeded("the expression is nested too deeply") from None
    reject_undefined(built.value)
    return built, tuple(parser.notes)


def _check_label_variable(label: Label, variables: tuple[str, ...]) -> None:
    """A label must differentiate by one of the question's names."""
    if label.variable is None or label.variable in variables:
        return
    uses = f"this question uses {', '.join(variables)}" if variables else "the answer is a number"
    raise MathSyntaxError(
        f"you wrote {label.typed} but {label.variable} is not a variable here: {uses} "
        f"(column {label.column})",
        label.column,
        len(label.typed),
    )


class _Parser:
    """One use of the grammar over a token list."""

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
        self.tokens = _split_names(tokens, variables)
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
        if token.kind == "op" and token.text == "_":
            return MathSyntaxError(
                f"unexpected '_' at column {token.column}: '_' only gives a log its base, "
                "as in log_2(x)",
                token.column,
            )
        return MathSyntaxError(
            f"unexpected {token.typed!r} at column {token.column}", token.column, token.width
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

    # -- grammar -------------------------------------------------------------------------

    def parse(self) -> Built:
        expr = self.sum()
        if self.token.kind != "end":
            raise self.unexpected()
        return expr

    def sum(self) -> Built:
        terms = [self.term()]
        while self.at_op("+", "-"):
            if self.advance().text == "+":
                terms.append(self.term())
            else:
                terms.append(tree.negate(self.term()))
        return tree.add(terms)

    def term(self) -> Built:
        start = self.position
        factors: list[Built] = []
        self.factor(factors, self.signed)
        while True:
            if self.at_op("*"):
                self.advance()
                self.factor(factors, self.signed)
            elif self.at_op("/"):
                self.divide(factors, start)
            elif self.starts_implicit_factor():
                self.factor(factors, self.power)
            else:
                return tree.multiply(factors)

    def factor(self, factors: list[Built], read: Callable[[], Built]) -> None:
        """Append one factor; a bare exponent then a product (``e^2x``) gets a note."""
        begin = self.position
        factors.append(read())
        exponent = self.bare_exponent
        self.pending_power = None
        if exponent is None:
            return
        if self.starts_implicit_factor(allow_functions=False):
            first = len(factors) - 1
            while self.starts_implicit_factor(allow_functions=False):
                factors.append(self.power())
            product = tree.multiply(factors[first:])
            self.note("exponent-then-product", begin, exponent, self.position, product)
        else:
            self.pending_power = (begin, exponent, len(factors) - 1)

    def divide(self, factors: list[Built], start: int) -> None:
        """Read ``/ divisor``; note ``x^1/2`` and ``1/2x``, which read as (x^1)/2 and x/2."""
        pending = self.pending_power
        self.advance()
        begin = self.position
        factors.append(tree.reciprocal(self.signed()))
        self.pending_power = None
        if pending is not None:
            base, exponent, index = pending
            quotient = tree.multiply(factors[index:])
            self.note("exponent-then-division", base, exponent, self.position, quotient)
        if self.starts_implicit_factor():
            while self.starts_implicit_factor():
                self.factor(factors, self.power)
            self.note("division-then-product", start, begin, self.position, tree.multiply(factors))

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
            if token.text in ("√", "frac"):
                return allow_functions
            # Inside |...| a bar after an operand closes; outside it opens a new |...|.
            return token.text == "|" and self.open_bars == 0
        return False

    def signed(self) -> Built:
        if self.at_op("-", "+"):
            with self.nested():
                sign = self.advance().text
                operand = self.signed()
            return tree.negate(operand) if sign == "-" else operand
        return self.power()

    def power(self) -> Built:
        base = self.postfix(self.atom())
        exponent_at: int | None = None
        if self.at_op("^"):
            caret = self.advance()
            exponent_at = self.position
            bare = self.bare_from(exponent_at)
            base = tree.power(base, self.exponent(), caret.column)
            if not bare:
                exponent_at = None
        self.bare_exponent = exponent_at
        return base

    def bare_from(self, index: int) -> bool:
        """True when the exponent starting at ``index`` is not in brackets (``e^2x``)."""
        while self.tokens[index].kind == "op" and self.tokens[index].text in ("-", "+"):
            index += 1
        token = self.tokens[index]
        return not (token.kind == "op" and token.text == "(")

    def exponent(self) -> Built:
        if self.at_op("-", "+"):
            with self.nested():
                sign = self.advance().text
                operand = self.exponent()
            return tree.negate(operand) if sign == "-" else operand
        base = self.postfix(self.atom())
        if self.at_op("^"):
            caret = self.advance()
            with self.nested():
                return tree.power(base, self.exponent(), caret.column)
        return base

    def postfix(self, base: Built) -> Built:
        while self.token.kind == "sup":
            token = self.advance()
            base = tree.power(base, tree.leaf(_rational(token.value)), token.column)
        return base

    def atom(self) -> Built:
        with self.nested():
            token = self.token
            if token.kind == "number":
                self.advance()
                return tree.leaf(_rational(token.value))
            if token.kind == "name":
                self.advance()
                if token.text in self.symbols:
                    return tree.leaf(self.symbols[token.text])
                if token.text in CONSTANTS:
                    return tree.leaf(CONSTANTS[token.text])
                return self.function(token)
            if self.at_op("("):
                return self.bracketed()
            if self.at_op("|"):
                return self.absolute_value()
            if self.at_op("√"):
                return self.square_root()
            if self.at_op("frac"):
                return self.fraction()
            raise self.unexpected()

    def bracketed(self) -> Built:
        opening = self.advance()
        closer = CLOSERS.get(opening.typed, ")")
        if self.at_end():
            raise MathSyntaxError(
                f"the expression ends after the '{opening.typed}' at column {opening.column}: "
                f"write what goes inside, then '{closer}'",
                self.token.column,
            )
        saved_bars, self.open_bars = self.open_bars, 0
        expr = self.sum()
        self.open_bars = saved_bars
        if self.at_op(","):
            raise MathSyntaxError(
                f"unexpected ',' at column {self.token.column}: functions take one argument",
                self.token.column,
            )
        if not self.at_op(")"):
            if self.at_end():
                raise MathSyntaxError(
                    f"missing '{closer}' to close the '{opening.typed}' at column {opening.column}",
                    opening.column,
                )
            raise self.unexpected()
        self.advance()
        return expr

    def absolute_value(self) -> Built:
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
        return tree.call(sympy.Abs, expr)

    def square_root(self) -> Built:
        """``√x``, ``√(x+1)``, ``\\sqrt{x}`` and ``\\sqrt[3]{x}``."""
        sign = self.advance()
        index = 2
        if self.at_op("(") and self.token.raw == "[":
            index = self.root_index(sign)
        argument, _ = self.function_argument(sign)
        return tree.root(argument, index)

    def root_index(self, sign: Token) -> int:
        """Read the n of ``\\sqrt[n]``: a whole number from 2 to the limit."""
        opening = self.token
        value = self.bracketed().value
        if not value.is_Integer or not 2 <= int(value) <= MAX_ROOT_INDEX:
            raise MathSyntaxError(
                f"the n of {sign.typed}[n] must be a whole number from 2 to {MAX_ROOT_INDEX} "
                f"(column {opening.column + 1})",
                opening.column + 1,
            )
        return int(value)

    def fraction(self) -> Built:
        """``\\frac{a}{b}``: two groups in braces."""
        command = self.advance()
        numerator = self.group(command, "numerator")
        denominator = self.group(command, "denominator")
        return tree.multiply([numerator, tree.reciprocal(denominator)])

    def group(self, command: Token, part: str) -> Built:
        if not self.at_op("("):
            column = self.token.column
            raise MathSyntaxError(
                f"{command.typed} needs its {part} in braces at column {column}, as in "
                f"{command.typed}{{1}}{{x}}",
                column,
            )
        return self.bracketed()

    def function(self, name: Token) -> Built:
        name_at = self.position - 1
        canonical = canonical_function(name.text)
        if canonical is None:  # _split_names only lets known names through
            raise MathSyntaxError(f"unknown name {name.text}", name.column, name.width)
        base: Built | None = None
        if canonical in LOG_BASES:
            base = tree.leaf(sympy.Integer(LOG_BASES[canonical]))
        elif canonical == "log" and self.at_op("_"):
            base = self.log_base(name)
        power: sympy.Expr | None = None
        if self.token.kind == "sup":
            power = _rational(self.advance().value)
        elif self.at_op("^"):
            self.advance()
            power = self.function_power(name)
        if power == -1 and canonical in INVERSES:
            canonical, power = INVERSES[canonical], None
        argument, starts = self.function_argument(name)
        if base is not None:
            value = tree.log_base(argument, base)
        else:
            value = tree.call(FUNCTIONS[canonical], argument)
        if starts is not None:
            self.argument_notes(name_at, starts, value)
        return value if power is None else tree.power(value, tree.leaf(power), name.column)

    def log_base(self, name: Token) -> Built:
        """Read the b of ``log_b``: a number, a name or a bracketed expression."""
        self.advance()
        token = self.token
        if token.kind == "number":
            self.advance()
            base = tree.leaf(_rational(token.value))
        elif token.kind == "name" and (token.text in self.symbols or token.text in CONSTANTS):
            self.advance()
            base = tree.leaf(self.symbols.get(token.text) or CONSTANTS[token.text])
        elif self.at_op("("):
            base = self.bracketed()
        else:
            raise MathSyntaxError(
                f"after {name.typed}_ write the base at column {token.column}, as in log_2(x)",
                token.column,
                token.width,
            )
        value = base.value
        if value.is_number and (value.is_positive is False or value == 1):
            raise MathSyntaxError(
                f"a logarithm's base must be positive and not 1 (column {token.column})",
                token.column,
                token.width,
            )
        return base

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

    def function_argument(self, name: Token) -> tuple[Built, list[int] | None]:
        """Read ``(sum)``, or a bare argument such as the ``2x`` of ``sin 2x``.

        Returns the argument and, for a bare one, where it starts and where each of its
        factors starts (token indexes), for the reading notes.
        """
        if self.at_op("("):
            return self.bracketed(), None
        if self.token.kind == "end" or self.at_op(")", "+", "*", "/", "^", ",", "_"):
            raise MathSyntaxError(
                f"{name.typed} needs an argument at column {self.token.column}, as in "
                f"{name.text}(x)",
                self.token.column,
            )
        with self.nested():
            if self.at_op("-"):
                self.advance()
                argument, _ = self.function_argument(name)
                return tree.negate(argument), None
            starts = [self.position]
            factors = [self.power()]
            while self.starts_implicit_factor(allow_functions=False):
                starts.append(self.position)
                factors.append(self.power())
            self.bare_exponent = None
            return tree.multiply(factors), starts

    def argument_notes(self, name_at: int, starts: list[int], value: Built) -> None:
        """Note ``sin x^2`` (sin of x², not (sin x)²) and ``cos x e^x`` (cos of x·e^x)."""
        end = self.position
        head, after = self.tokens[starts[0]], self.tokens[starts[0] + 1]
        if head.kind in ("name", "number") and (
            after.kind == "sup" or after.kind == "op" and after.text == "^"
        ):
            self.note("function-of-a-power", name_at, starts[0], starts[0] + 1, value, end)
        # `sin 2x` is plainly sin(2x): a leading number stays inside.
        split = 2 if head.kind == "number" else 1
        if len(starts) > split:
            self.note("function-of-a-product", name_at, starts[0], starts[split], value, end)


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
        if token.raw and len(pieces) == 1:  # \sin stays one token, with its typed width
            result.append(token)
            continue
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
