"""The whitelist of names a player may type, and how a run of letters splits into them.

Only names listed here (plus the question's variables) can appear in an expression: there is
no path from typed text to any other Python or SymPy object.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import lru_cache

import sympy

from derivquest.engine.mlfunctions import relu, sigmoid, softplus

Builder = Callable[[sympy.Expr], sympy.Expr]


def _log_base(base: int) -> Builder:
    return lambda u: sympy.log(u) / sympy.log(base)


FUNCTIONS: dict[str, Builder] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "cot": sympy.cot,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "asec": sympy.asec,
    "acsc": sympy.acsc,
    "acot": sympy.acot,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "sech": sympy.sech,
    "csch": sympy.csch,
    "coth": sympy.coth,
    "asinh": sympy.asinh,
    "acosh": sympy.acosh,
    "atanh": sympy.atanh,
    "exp": sympy.exp,
    "ln": sympy.log,
    "log": sympy.log,
    "log10": _log_base(10),
    "log2": _log_base(2),
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sign": sympy.sign,
    "step": sympy.Heaviside,
    "sigmoid": sigmoid,
    "relu": relu,
    "softplus": softplus,
}
"""Functions of one argument, by the name the player types."""

FUNCTION_ALIASES = {
    **{f"arc{name}": f"a{name}" for name in ("sin", "cos", "tan", "sec", "csc", "cot")},
    "arcsinh": "asinh",
    "arsinh": "asinh",
    "arccosh": "acosh",
    "arcosh": "acosh",
    "arctanh": "atanh",
    "artanh": "atanh",
    "cosec": "csc",
    "cosech": "csch",
    "arccosec": "acsc",
    "σ": "sigmoid",
    "sgn": "sign",
    "heaviside": "step",
}
"""Other spellings of the same functions."""

LOG_BASES = {"log10": 10, "log2": 2}
"""Logarithms whose name carries the base; ``log_b x`` gives any other base."""

INVERSES = {
    name: f"a{name}" for name in ("sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh")
}
"""``sin^-1 x`` means arcsin x, as textbooks write it."""

CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "pi": sympy.pi, "π": sympy.pi}
"""Named constants."""

RESERVED = frozenset(FUNCTIONS) | frozenset(FUNCTION_ALIASES) | frozenset(CONSTANTS)
"""Names a question may not use for a variable."""


def canonical_function(name: str) -> str | None:
    """Return the function a spelling means (case-insensitive), or None."""
    lowered = name.lower() if name != "σ" else name
    lowered = FUNCTION_ALIASES.get(lowered, lowered)
    return lowered if lowered in FUNCTIONS else None


def is_known(name: str, variables: Iterable[str]) -> bool:
    """True when ``name`` is a variable, a constant or a function spelling."""
    return name in variables or name in CONSTANTS or canonical_function(name) is not None


def split_run(run: str, variables: tuple[str, ...]) -> list[str] | None:
    """Split a run of letters into known names, fewest pieces first (``xe`` is x, e).

    ``sinx`` gives sin, x; ``exp`` stays exp (one piece beats e, x, p); ``2wx`` with
    variables w and x gives w, x. Returns None when no split exists.
    """
    return _split(run, variables)


@lru_cache(maxsize=4096)
def _split(run: str, variables: tuple[str, ...]) -> list[str] | None:
    n = len(run)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for start in range(n - 1, -1, -1):
        # Longest piece first so that ties in piece count prefer `sech` over `sec`+`h`.
        for end in range(n, start, -1):
            rest = best[end]
            piece = run[start:end]
            if rest is None or not is_known(piece, variables):
                continue
            candidate = [piece, *rest]
            current = best[start]
            if current is None or len(candidate) < len(current):
                best[start] = candidate
    return best[0]


def unknown_piece(run: str, variables: tuple[str, ...]) -> tuple[int, str]:
    """Return (offset, text) of the first part of ``run`` that is not a known name.

    Known names are skipped longest first; the unknown part runs until the rest of the run
    splits again (``xz`` gives ``z``; ``In`` gives ``In``).
    """
    start = 0
    while start < len(run):
        for end in range(len(run), start, -1):
            if is_known(run[start:end], variables):
                start = end
                break
        else:
            for end in range(start + 1, len(run) + 1):
                if end == len(run) or _split(run[end:], variables) is not None:
                    return start, run[start:end]
    return 0, run


def suggestion(name: str) -> str | None:
    """Return the known name a typo most likely meant: ``In`` -> ``ln``, ``sni`` -> ``sin``."""
    known = sorted(set(FUNCTIONS) | set(FUNCTION_ALIASES) | {"pi"})
    # Capital I and lower-case l look alike in many terminal fonts.
    lookalike = name.replace("I", "l").replace("0", "o").lower()
    if lookalike in known and lookalike != name:
        return lookalike
    matches = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    return matches[0] if matches else None
