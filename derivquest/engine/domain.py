"""Which region an answer is judged on: everywhere the expected answer is defined, or only
where every variable is positive.

Textbooks write ``ln(xy) = ln x + ln y`` and ``∂/∂x √(xy) = √(y/x)/2``: the question is
about positive quantities, which the expected answer itself says by being undefined for a
whole sign pattern of its variables (√(xy) has no real value anywhere with x > 0 > y). When
that is so, an answer is judged where all variables are positive (unless the expected answer
is undefined there too: √(-x) is judged where it is defined). When the expected answer is
defined somewhere in every sign pattern (ln(x²), x, x²), the answer must equal it wherever
it is defined, so ``2 ln x`` is not ``ln(x²)``.

A sign pattern counts as undefined when the expected answer has no value at any of
``POINTS_PER_PATTERN`` points of it, drawn at magnitudes from 1e-9 to 1e12 (asin(x) has values
for small negative x, so it keeps the full rule). The finding is cached per expression.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
from collections.abc import Sequence

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.numeric import Imprecise, Node, Undefined, compile_expression, evaluate_at

SignPattern = tuple[tuple[str, int], ...]
"""(variable, +1 or -1) for each variable of the expected answer."""

POINTS_PER_PATTERN = 10
"""Points of one sign pattern tried before calling the pattern undefined."""

BANDS = ((-1.0, 1.0), (-9.0, -3.0), (3.0, 12.0), (-3.0, -1.0), (1.0, 3.0))
"""Bands of log10 |value| the points cycle through (ordinary, tiny, huge, small, large)."""

MAX_VARIABLES = 4
"""Beyond this many variables, only a sample of the patterns is tried (16 at most)."""

CACHE_SIZE = 256
"""Expected answers whose region is remembered."""

PRECISION = 30
"""Digits for the definedness probes (a value is not compared, only found to exist)."""


def positive_only(expected: sympy.Expr) -> SignPattern | None:
    """A sign pattern on which ``expected`` is undefined everywhere, when the answer is to be
    judged for positive variables only; None when the usual rule holds."""
    return _positive_only(expected)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _positive_only(expected: sympy.Expr) -> SignPattern | None:
    symbols = sorted(expected.free_symbols, key=lambda s: s.name)
    if not symbols:
        return None
    node = compile_expression(expected)
    seed = hashlib.sha256(sympy.srepr(expected).encode()).digest()
    rng = random.Random(seed)
    patterns = list(itertools.product((1, -1), repeat=len(symbols)))
    if len(symbols) > MAX_VARIABLES:
        patterns = [patterns[0], *rng.sample(patterns[1:], 2**MAX_VARIABLES - 1)]
    undefined = None
    for signs in patterns[1:]:
        if not _defined_somewhere(node, symbols, signs, rng):
            undefined = signs
            break
    if undefined is None or not _defined_somewhere(node, symbols, patterns[0], rng):
        return None
    return tuple((s.name, sign) for s, sign in zip(symbols, undefined, strict=True))


def _defined_somewhere(
    node: Node, symbols: Sequence[sympy.Symbol], signs: Sequence[int], rng: random.Random
) -> bool:
    with mpmath.workdps(PRECISION):
        for index in range(POINTS_PER_PATTERN):
            point = {
                symbol: sign * mpf(10) ** rng.uniform(*BANDS[(index + offset) % len(BANDS)])
                for offset, (symbol, sign) in enumerate(zip(symbols, signs, strict=True))
            }
            try:
                evaluate_at(node, point)
            except Imprecise:
                return True  # a value exists there, it only needs more digits
            except (Undefined, ZeroDivisionError, OverflowError, ValueError):
                continue
            return True
    return False
