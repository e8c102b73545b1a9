"""Parse what a player typed and judge it against the expected answer (pure Python + SymPy).

Public surface:

- ``parse(text, variables=("x",)) -> Parsed``: read typed math into a SymPy tree, or raise
  ``MathSyntaxError`` / ``LimitExceeded`` (both ``EngineError``) pointing at the problem.
- ``check(expected, answer, variables)``: is ``answer`` equivalent to ``expected``?
- ``check_derivative(function, answer, variable, variables)``: is ``answer`` d/dvar of
  ``function``? Wrong answers get a mistake id (``derivquest.engine.mistakes``).
- ``check_numeric(expected, answer, abs_tol, rel_tol)``: a number within tolerance.
- ``evaluate(text, values, variables)``: the real value of an expression at a point.
- ``real_function(text, variable)`` / ``real_derivative(...)``: parse once, then a fast
  float function (NaN where undefined), for charts.
- ``JudgeService``: the same checks in a killable worker process with a hard deadline;
  this is what the game, the validator and ``derivquest check`` use.

User text never reaches ``eval``, ``exec``, ``sympify``, ``parse_expr`` or ``lambdify``.

Names are imported on first use (PEP 562): the game's first screen needs ``JudgeService``
and ``EngineError`` but not SymPy, which takes a quarter of a second to import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from derivquest.engine.errors import EngineError, LimitExceeded, MathSyntaxError
    from derivquest.engine.functions import RealFunction, real_derivative, real_function
    from derivquest.engine.judge import check, check_derivative, check_numeric, derivative, evaluate
    from derivquest.engine.parser import Parsed, parse
    from derivquest.engine.service import JudgeService
    from derivquest.engine.verdict import Status, Verdict

_HOMES = {
    "EngineError": "errors",
    "LimitExceeded": "errors",
    "MathSyntaxError": "errors",
    "RealFunction": "functions",
    "real_derivative": "functions",
    "real_function": "functions",
    "check": "judge",
    "check_derivative": "judge",
    "check_numeric": "judge",
    "derivative": "judge",
    "evaluate": "judge",
    "Parsed": "parser",
    "parse": "parser",
    "JudgeService": "service",
    "Status": "verdict",
    "Verdict": "verdict",
}
"""Which module of the engine defines each public name."""

__all__ = [
    "EngineError",
    "JudgeService",
    "LimitExceeded",
    "MathSyntaxError",
    "Parsed",
    "RealFunction",
    "Status",
    "Verdict",
    "check",
    "check_derivative",
    "check_numeric",
    "derivative",
    "evaluate",
    "parse",
    "real_derivative",
    "real_function",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'derivquest.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"derivquest.engine.{home}"), name)
    globals()[name] = value  # later lookups skip this function
    return value
