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

from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy

from derivquest.engine import printing
from derivquest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
from derivquest.engine.grammar import Grammar
from derivquest.engine.guards import reject_undefined
from derivquest.engine.labels import Label, expression_text, split_label
from derivquest.engine.lexer import tokenize
from derivquest.engine.limits import MAX_INPUT_LENGTH
from derivquest.engine.names import RESERVED
from derivquest.engine.readings import ReadingNote
from derivquest.engine.tree import Built

DEFAULT_VARIABLES = ("x",)


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
            raise EngineError.said("error.variable-name", name=repr(name))
        symbols[name] = sympy.Symbol(name, real=True)
    return symbols


def parse(text: str, variables: Sequence[str] = DEFAULT_VARIABLES) -> Parsed:
    """Parse ``text`` with the question's variables, or raise an ``EngineError``."""
    if len(text) > MAX_INPUT_LENGTH:
        raise LimitExceeded.said("error.too-long", count=len(text), limit=MAX_INPUT_LENGTH)
    names = tuple(variables)
    symbols = make_symbols(names)
    if not text.strip():
        raise MathSyntaxError.said("error.empty")
    label, body = split_label(text, names)
    if label is not None:
        _check_label_variable(label, names)
        written = expression_text(text, label)
        if written is not None:  # d/dx (x^2) = ...: the function must read too
            read_tokens(written, names, symbols, text)
        if not body.strip():
            raise MathSyntaxError.said("error.after-equals", len(text) + 1)
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
        # Products keep a number outside a sum (3(x+1) is not 3x + 3): see tree.multiply.
        parser = Grammar(tokenize(body), names, symbols, source)
        built = parser.parse()
    except RecursionError:
        raise LimitExceeded.said("error.nested-deep") from None
    except ValueError:
        # Python refuses to print an integer of over 4,300 digits, and a reading note quotes
        # what it read: 10^4000/10^(-4000) is 10^8000 within the parser's other limits.
        raise LimitExceeded.said("error.too-many-digits") from None
    reject_undefined(built.value)
    return built, tuple(parser.notes)


def _check_label_variable(label: Label, variables: tuple[str, ...]) -> None:
    """A label must differentiate by one of the question's names."""
    if label.variable is None or label.variable in variables:
        return
    values = {"label": label.typed, "variable": label.variable}
    if not variables:
        raise MathSyntaxError.said(
            "error.label-variable-number", label.column, len(label.typed), **values
        )
    raise MathSyntaxError.said(
        "error.label-variable", label.column, len(label.typed), names=", ".join(variables), **values
    )
