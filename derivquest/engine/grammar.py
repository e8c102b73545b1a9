"""The grammar proper: sums, products, signs, powers and atoms (see ``parser`` for it)."""

from __future__ import annotations

from collections.abc import Callable

import sympy

from derivquest.engine import tree
from derivquest.engine.calls import Calls
from derivquest.engine.cursor import rational
from derivquest.engine.errors import MathSyntaxError
from derivquest.engine.names import CONSTANTS, canonical_function
from derivquest.engine.tree import Built

CLOSERS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}
"""The closing bracket for each way of opening one."""


class Grammar(Calls):
    """One use of the grammar over a token list."""

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
            raise MathSyntaxError.said(
                "error.missing-operator", token.column, token.width, token=token.text
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
            base = tree.power(base, tree.leaf(rational(token.value)), token.column)
        return base

    def atom(self) -> Built:
        with self.nested():
            token = self.token
            if token.kind == "number":
                self.advance()
                return tree.leaf(rational(token.value))
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
            error = MathSyntaxError.said(
                "error.ends-after-opening",
                opening.column,
                opening=opening.typed,
                closer=closer,
            )
            error.column = self.token.column  # the caret goes where the text ends
            raise error
        saved_bars, self.open_bars = self.open_bars, 0
        expr = self.sum()
        self.open_bars = saved_bars
        if self.at_op(","):
            raise MathSyntaxError.said("error.comma", self.token.column)
        if not self.at_op(")"):
            if self.at_end():
                raise MathSyntaxError.said(
                    "error.missing-closer", opening.column, closer=closer, opening=opening.typed
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
                raise MathSyntaxError.said("error.missing-bar", opening.column)
            raise self.unexpected()
        self.advance()
        return tree.call(sympy.Abs, expr)
