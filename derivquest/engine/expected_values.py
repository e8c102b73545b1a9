"""A question's expected answer at the mandatory sample points, kept per process.

Every answer to a question is compared with the same expected answer, and the cheap
mandatory points (each sign combination, each variable tiny and huge) are drawn from a
generator seeded by the expected answer alone, so its values there are the same for every
answer: they are computed once and kept (a bounded LRU), halving the work of comparing a
right answer.
"""

from __future__ import annotations

import functools
import hashlib

import sympy
from mpmath import mpf

from derivquest.engine.numeric import compile_expression

SKIP = (mpf(0), mpf(-1))
"""A kept value meaning 'the expected expression is undefined there'."""


class KnownValues:
    """One question's expected expression, compiled, and its values at the mandatory points
    (which are drawn from ``seed``, so every answer meets the same ones)."""

    def __init__(self, expected: sympy.Expr, seed: bytes) -> None:
        self.node = compile_expression(expected)
        self.seed = seed
        self.values: dict[int, tuple[mpf, mpf]] = {}
        """(value, scale) at the n-th mandatory point, or ``SKIP`` where it is undefined."""


KNOWN_CACHE = 256
"""Questions whose expected values at the mandatory points a process keeps."""


@functools.lru_cache(maxsize=KNOWN_CACHE)
def known_values(
    expected: sympy.Expr,
    symbols: tuple[sympy.Symbol, ...],
    active: tuple[sympy.Symbol, ...],
    positive: bool,
) -> KnownValues:
    """The kept values of ``expected`` for one set of variables (``active`` are the ones
    either side uses) and region (positive only, or all signs)."""
    names = ",".join(s.name for s in symbols) + "|" + ",".join(s.name for s in active)
    seed = hashlib.sha256(f"{shape(expected)}|{names}|{positive}".encode()).digest()
    return KnownValues(expected, seed)


def shape(expr: sympy.Expr) -> str:
    """The tree's shape, names and numbers: a seed that is cheap to make (printing is not)."""
    parts = []
    for node in sympy.preorder_traversal(expr):
        if node.is_Symbol:
            parts.append(str(node.name))
        elif node.is_Rational:
            parts.append(f"{node.p}/{node.q}")
        else:
            parts.append(type(node).__name__)
    return ",".join(parts)
