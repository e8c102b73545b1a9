"""Function application for the parser: ``sin x``, ``sin^2 x``, ``log_2 x``, roots, ``\\frac``.

A function without brackets takes a product of factors that stops at the next function
name; the reading notes for ``sin x^2`` and ``cos x e^x`` are made here.
"""

from __future__ import annotations

import sympy

from derivquest.engine import tree
from derivquest.engine.cursor import Cursor, rational
from derivquest.engine.errors import MathSyntaxError
from derivquest.engine.lexer import Token
from derivquest.engine.limits import MAX_ROOT_INDEX
from derivquest.engine.names import CONSTANTS, FUNCTIONS, INVERSES, LOG_BASES, canonical_function
from derivquest.engine.tree import Built


class Calls(Cursor):
    """The grammar rules that apply a function, a root or a fraction to what follows."""

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
            raise MathSyntaxError.said(
                "error.root-index", opening.column + 1, command=sign.typed, limit=MAX_ROOT_INDEX
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
            raise MathSyntaxError.said("error.braces", column, command=command.typed, part=part)
        return self.bracketed()

    def function(self, name: Token) -> Built:
        name_at = self.position - 1
        canonical = canonical_function(name.text)
        if canonical is None:  # _split_names only lets known names through
            raise MathSyntaxError.said(
                "error.unknown-bare-name", name.column, name.width, piece=name.text
            )
        base: Built | None = None
        if canonical in LOG_BASES:
            base = tree.leaf(sympy.Integer(LOG_BASES[canonical]))
        elif canonical == "log" and self.at_op("_"):
            base = self.log_base(name)
        power: sympy.Expr | None = None
        if self.token.kind == "sup":
            power = rational(self.advance().value)
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
            base = tree.leaf(rational(token.value))
        elif token.kind == "name" and (token.text in self.symbols or token.text in CONSTANTS):
            self.advance()
            base = tree.leaf(self.symbols.get(token.text) or CONSTANTS[token.text])
        elif self.at_op("("):
            base = self.bracketed()
        else:
            raise MathSyntaxError.said(
                "error.log-base-missing", token.column, token.width, name=name.typed
            )
        value = base.value
        if value.is_number and (value.is_positive is False or value == 1):
            raise MathSyntaxError.said("error.log-base-invalid", token.column, token.width)
        return base

    def function_power(self, name: Token) -> sympy.Expr:
        """Read the n of ``sin^n x``: a whole number, possibly negative."""
        negative = False
        if self.at_op("-"):
            self.advance()
            negative = True
        token = self.token
        if token.kind != "number" or token.value is None or token.value.denominator != 1:
            raise MathSyntaxError.said(
                "error.function-power", token.column, token.width, name=name.text
            )
        self.advance()
        value = rational(token.value)
        return -value if negative else value

    def function_argument(self, name: Token) -> tuple[Built, list[int] | None]:
        """Read ``(sum)``, or a bare argument such as the ``2x`` of ``sin 2x``.

        Returns the argument and, for a bare one, where it starts and where each of its
        factors starts (token indexes), for the reading notes.
        """
        if self.at_op("("):
            return self.bracketed(), None
        if self.token.kind == "end" or self.at_op(")", "+", "*", "/", "^", ",", "_"):
            raise MathSyntaxError.said(
                "error.needs-argument", self.token.column, name=name.typed, example=name.text
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
