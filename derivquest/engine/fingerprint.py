"""Fixed probe points for a question's variables, and an answer's fingerprint over them.

The points depend only on the variable names, so every answer to a question meets the same
ones: equal answers written differently (``2(x+1)`` and ``2x+2``) get the same fingerprint,
which a teacher's report groups by. Each variable is drawn on its own (both signs,
magnitudes 0.1 to about 3), so points where all variables share a sign occur too.
"""

from __future__ import annotations

import functools
import hashlib
import random
from collections.abc import Sequence

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.numeric import Node, Undefined, compile_expression, evaluate_at

PROBE_PRECISION = 40
"""Digits the probes are evaluated at: far beyond the digits a fingerprint keeps."""

FINGERPRINT_POINTS = 8
"""Points a fingerprint covers (undefined values count as a value of their own)."""

FINGERPRINT_DIGITS = 10
"""Significant digits kept of each value before hashing."""


def probe_point(symbols: Sequence[sympy.Symbol], index: int) -> dict[sympy.Symbol, mpf]:
    """Return the ``index``-th fixed point for ``symbols`` (the same on every run)."""
    return {symbol: probe_value(symbol.name, index) for symbol in symbols}


@functools.lru_cache(maxsize=4096)
def probe_value(name: str, index: int) -> mpf:
    """The ``index``-th fixed value of the variable ``name``: its own draw, so variables
    meet every combination of signs."""
    draw = random.Random(hashlib.sha256(f"{name}:{index}".encode()).digest())
    sign = -1 if draw.random() < 0.5 else 1
    with mpmath.workdps(PROBE_PRECISION):
        return sign * mpf(10) ** mpf(draw.uniform(-1, 0.5))


def value_at(node: Node, point: dict[sympy.Symbol, mpf]) -> mpf | None:
    """The node's value at ``point``; None where it is undefined."""
    with mpmath.workdps(PROBE_PRECISION):
        try:
            value, _ = evaluate_at(node, point)
        except (Undefined, ZeroDivisionError, OverflowError, ValueError):
            return None
    return value


class Probes:
    """One expression's values at the fixed probe points, each computed once: the
    fingerprint and the mistake finder look at the same points of a player's answer.

    A probe value of a variable depends only on its name and the index, so the values are
    the same for any set of symbols that includes the expression's own.
    """

    def __init__(self, expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> None:
        self.node = compile_expression(expr)
        self.symbols = tuple(sorted({*symbols, *expr.free_symbols}, key=lambda s: s.name))
        self._values: dict[int, mpf | None] = {}

    def value(self, index: int) -> mpf | None:
        """The value at the ``index``-th probe point (None where undefined)."""
        if index not in self._values:
            self._values[index] = value_at(self.node, probe_point(self.symbols, index))
        return self._values[index]


def fingerprint(
    expr: sympy.Expr, symbols: Sequence[sympy.Symbol], probes: Probes | None = None
) -> str:
    """Return a 12-hex-digit hash of ``expr``'s rounded values at the fixed points
    (``probes``, when given, are ``expr``'s own and keep the values for other readers)."""
    if probes is None:
        probes = Probes(expr, symbols)
    shown = []
    for index in range(FINGERPRINT_POINTS):
        value = probes.value(index)
        if value is None:
            shown.append("u")
            continue
        with mpmath.workdps(PROBE_PRECISION):
            # -0 and 0 print differently; so do tiny roundoff residues of a true zero.
            shown.append(
                "0" if abs(value) < mpf(10) ** -30 else mpmath.nstr(value, FINGERPRINT_DIGITS)
            )
    return hashlib.sha256("|".join(shown).encode()).hexdigest()[:12]
