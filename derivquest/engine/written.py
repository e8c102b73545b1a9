"""The question's function as written: an unevaluated tree, for naming mistakes.

SymPy's automatic evaluation turns ``(2x)^3`` into ``8x^3`` as the tree is built, which
hides the chain rule a learner was meant to use. Running our own parser with SymPy's
``evaluate(False)`` keeps every power, product and call as typed; only the diagnosis reads
this tree, the judge's equality proofs keep using the evaluated one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from derivquest.engine.errors import EngineError
from derivquest.engine.parser import Parsed, parse


def as_written(text: str, variables: Sequence[str]) -> Parsed | None:
    """Parse ``text`` without evaluation; None when that reading fails (the caller falls back).

    The parser is the same one the judge uses, so the names, grammar and limits are too;
    ``evaluate(False)`` is SymPy's global switch, set only for the duration of this parse.
    """
    try:
        with sympy.evaluate(False):
            return parse(text, variables)
    except (EngineError, TypeError, ValueError, AttributeError):
        return None
