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


def fingerprint(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> str:
    """Return a 12-hex-digit hash of ``expr``'s rounded values at the fixed points."""
    ordered = sorted(symbols, key=lambda s: s.name)
    node = compile_expression(expr)
    shown = []
    for index in range(FINGERPRINT_POINTS):
        value = value_at(node, probe_point(ordered, index))
        if value is None:
            shown.append("u")
            continue
        with mpmath.workdps(PROBE_PRECISION):
            # -0 and 0 print differently; so do tiny roundoff residues of a true zero.
            shown.append(
                "0" if abs(value) < mpf(10) ** -30 else mpmath.nstr(value, FINGERPRINT_DIGITS)
            )
    return hashlib.sha256("|".join(shown).encode()).hexdigest()[:12]
