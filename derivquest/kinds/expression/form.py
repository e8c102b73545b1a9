"""The form check of `form = "simplified"`: the value is right, but is the answer simplified?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sympy

from derivquest.engine import EngineError, Verdict, parse
from derivquest.engine.presenter import present

FORMS = ("any", "simplified")
"""`any`: every expression equal to the expected one is right. `simplified`: also, no
variable may be left dividing the answer unless it divides the expected answer too (a
difference quotient still divided by h is its definition, not its simplified form)."""


def divided_by(text: str, variables: Sequence[str]) -> frozenset[str]:
    """The variables that appear in a denominator of `text` as typed (before evaluation).

    Handles `a/h`, `a*h^-1`, `(x+h)^(-2)` and `a/(2*h)`; an unreadable text has none.
    """
    try:
        parsed = parse(text, variables)
    except EngineError:
        return frozenset()
    found: set[str] = set()
    for node in sympy.preorder_traversal(parsed.expr):
        if isinstance(node, sympy.Pow) and node.exp.is_number and node.exp.is_negative:
            found.update(str(symbol) for symbol in node.base.free_symbols)
    return frozenset(found & set(variables))


def check_form(
    verdict: Verdict, form: str, expected: str, answer: str, variables: Sequence[str]
) -> Verdict:
    """A right verdict stays right only if the answer has the form the question asks for."""
    if form != "simplified" or not verdict.correct:
        return verdict
    left = divided_by(answer, variables) - divided_by(expected, variables)
    if not left:
        return verdict
    wrong = Verdict(
        "incorrect",
        "",
        parsed=verdict.parsed,
        sentence_id="not-simplified",
        values=(("names", ", ".join(sorted(left))),),
        fingerprint=verdict.fingerprint,
    )
    return replace(wrong, message=present(wrong))
