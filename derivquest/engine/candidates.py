"""The wrong derivatives of one question, worked out once and kept (a bounded LRU per process).

Naming a mistake compares the player's answer with every slipped derivative of the question's
function (see ``mistakes``). Deriving and compiling those candidates, and evaluating them at
the fixed probe points, is the same work for every answer to the question, and it is most of
a diagnosis's cost (a cross-entropy has dozens of candidates). The checker process keeps it
here, per (function as written, variable): a candidate is derived the first time an answer
needs it, and its value at a probe point is computed once.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import sympy
from mpmath import mpf

from derivquest.engine.fingerprint import probe_point, value_at
from derivquest.engine.numeric import Node, compile_expression
from derivquest.engine.slips import Slip, Slips, slipped_derivative

CACHE_SIZE = 128
"""Questions whose candidates one process keeps; the least recently judged goes first."""

Key = tuple[Slip, ...] | str
"""A candidate: the slips made (``()`` is the true derivative), or one of ``SPECIAL``."""

SPECIAL = ("negated", "function")
"""Candidates that are not slipped derivatives: -f' (a sign slip everywhere) and f itself."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One wrong derivative: its tree, whether any slip fired, and the terms they fired in."""

    expr: sympy.Expr
    node: Node
    fired: frozenset[int | None]
    """Top-level terms of the function the slips were made in (empty: no slip applied)."""


class Candidates:
    """Everything about one question's wrong derivatives that does not depend on an answer."""

    def __init__(self, function: sympy.Expr, x: sympy.Symbol) -> None:
        self.function = function
        self.x = x
        probe = Slips()
        self.derivative: sympy.Expr = slipped_derivative(function, x, probe)
        """d/dx of the function, by the same differentiator with no slip made."""
        self.seen: dict[str, int] = dict(probe.seen)
        """How many places each rule fits at (which single slips exist)."""
        self._candidates: dict[Key, Candidate] = {}
        self._values: dict[tuple[Key, tuple[sympy.Symbol, ...], int], mpf | None] = {}
        self._lock = threading.Lock()

    def candidate(self, key: Key) -> Candidate:
        """The candidate for ``key``, derived and compiled on first use."""
        found = self._candidates.get(key)
        if found is not None:
            return found
        if key == "negated":
            expr = -self.derivative
            fired: frozenset[int | None] = frozenset({None})
        elif key == "function":
            expr, fired = self.function, frozenset({None})
        else:
            assert not isinstance(key, str)
            state = Slips(key)
            expr = slipped_derivative(self.function, self.x, state)
            fired = frozenset(state.fired)
        made = Candidate(expr, compile_expression(expr), fired)
        with self._lock:
            self._candidates.setdefault(key, made)
        return made

    def value(self, key: Key, symbols: tuple[sympy.Symbol, ...], index: int) -> mpf | None:
        """The candidate's value at the ``index``-th probe point of ``symbols`` (None where it
        is undefined), computed once."""
        slot = (key, symbols, index)
        if slot in self._values:
            return self._values[slot]
        node = self.candidate(key).node
        found = value_at(node, probe_point(symbols, index))
        with self._lock:
            self._values[slot] = found
        return found


@functools.lru_cache(maxsize=CACHE_SIZE)
def candidates_for(function: sympy.Expr, x: sympy.Symbol) -> Candidates:
    """The cached ``Candidates`` of d/d``x`` ``function`` (the tree as written)."""
    return Candidates(function, x)


def clear() -> None:
    """Forget every question's candidates (tests; a checker that wants its memory back)."""
    candidates_for.cache_clear()


def cached_questions() -> int:
    """How many questions' candidates are kept now."""
    return candidates_for.cache_info().currsize


def ordered(symbols: Sequence[sympy.Symbol]) -> tuple[sympy.Symbol, ...]:
    """Symbols in the order probe points are made for (by name)."""
    return tuple(sorted(set(symbols), key=lambda s: s.name))
