"""The judge: turn typed text into a verdict (correct, incorrect or invalid) with a message.

These functions run in the calling process with no hard deadline; the game and the CLI call
them through ``JudgeService``, which adds one.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.equivalence import PRECISION, Comparison, compare, witness_point
from derivquest.engine.errors import EngineError
from derivquest.engine.mistakes import describe_mistake, diagnose
from derivquest.engine.numeric import (
    Undefined,
    compile_expression,
    evaluate_at,
    evaluate_precisely,
)
from derivquest.engine.parser import DEFAULT_VARIABLES, Parsed, parse
from derivquest.engine.printing import plain
from derivquest.engine.verdict import Verdict

QUESTION_CACHE = 256
"""Questions whose parsed expected answer (and derivative) the checker keeps."""

UNDECIDED = "DerivQuest could not decide whether this equals the answer; try writing it more simply"


def check(expected: str, answer: str, variables: Sequence[str] = DEFAULT_VARIABLES) -> Verdict:
    """Judge whether ``answer`` is mathematically ``expected`` (over the reals)."""
    started = time.perf_counter()
    verdict = _check(expected, answer, tuple(variables))
    return verdict.with_elapsed((time.perf_counter() - started) * 1000)


def check_derivative(
    function: str,
    answer: str,
    variable: str = "x",
    variables: Sequence[str] | None = None,
) -> Verdict:
    """Judge whether ``answer`` is d/d``variable`` of ``function``; diagnose a wrong one."""
    started = time.perf_counter()
    verdict = _check_derivative(function, answer, variable, _with(variable, variables))
    return verdict.with_elapsed((time.perf_counter() - started) * 1000)


def check_numeric(
    expected: str,
    answer: str,
    abs_tol: float | None = None,
    rel_tol: float | None = None,
) -> Verdict:
    """Judge a number: within ``abs_tol`` or ``rel_tol`` of ``expected`` (exact if neither)."""
    started = time.perf_counter()
    verdict = _check_numeric(expected, answer, abs_tol, rel_tol)
    return verdict.with_elapsed((time.perf_counter() - started) * 1000)


def derivative(
    function: str, variable: str = "x", variables: Sequence[str] | None = None
) -> Parsed:
    """Return the exact derivative of ``function`` as a ``Parsed`` (for reference answers)."""
    names = _with(variable, variables)
    parsed = parse(function, names)
    result = readable_form(sympy.diff(parsed.expr, parsed.symbols[variable]))
    return Parsed(text=plain(result), expr=result, variables=names, symbols=parsed.symbols)


def readable_form(expr: sympy.Expr) -> sympy.Expr:
    """Return the shortest of a few cheap rewritings, for showing a reference answer.

    ``sympy.diff`` leaves x·e^x + e^x or a quotient as two fractions; factoring gives what a
    teacher would write, (x + 1)·e^x. Full ``simplify`` is too slow for the validator, which
    computes thousands of these.
    """
    if sympy.count_ops(expr) > 80:
        return expr
    candidates = [expr, sympy.factor_terms(expr)]
    try:
        candidates.append(sympy.factor(sympy.together(expr)))
    except (sympy.PolynomialError, NotImplementedError):
        pass
    return min(candidates, key=lambda e: (sympy.count_ops(e), len(str(e))))


def evaluate(text: str, values: Mapping[str, float], variables: Sequence[str] = ()) -> float:
    """Return the real value of ``text`` at ``values``; raise ``EngineError`` if undefined."""
    names = tuple(dict.fromkeys([*variables, *values]))
    parsed = parse(text, names)
    point = {parsed.symbols[name]: mpf(value) for name, value in values.items()}
    missing = sorted(str(s) for s in parsed.expr.free_symbols if s not in point)
    if missing:
        raise EngineError(f"no value given for {', '.join(missing)}")
    with mpmath.workdps(PRECISION):
        try:
            value, _ = evaluate_precisely(compile_expression(parsed.expr), point)
        except Undefined:
            where = ", ".join(f"{name} = {value:g}" for name, value in values.items())
            raise EngineError(f"{text} has no real value at {where}") from None
    return float(value)


# -- internals ------------------------------------------------------------------------------


def _with(variable: str, variables: Sequence[str] | None) -> tuple[str, ...]:
    names = tuple(variables) if variables else (variable,)
    return names if variable in names else (variable, *names)


def _invalid(error: EngineError, prefix: str = "") -> Verdict:
    return Verdict("invalid", prefix + error.message, column=error.column)


@functools.lru_cache(maxsize=QUESTION_CACHE)
def _read_expected(text: str, variables: tuple[str, ...]) -> Parsed:
    """The author's side of a question, read once: a player's every attempt shares it."""
    try:
        return parse(text, variables)
    except EngineError as error:
        raise EngineError(f"the expected answer {text!r} is broken: {error.message}") from None


def _read_both(
    expected_text: str, answer_text: str, variables: tuple[str, ...]
) -> tuple[Parsed, Parsed] | Verdict:
    """Parse the author's text and the player's; an unreadable one is an invalid verdict."""
    try:
        expected = _read_expected(expected_text, variables)
        answer = parse(answer_text, variables)
    except EngineError as error:
        return _invalid(error)
    return expected, answer


def _check(expected_text: str, answer_text: str, variables: tuple[str, ...]) -> Verdict:
    both = _read_both(expected_text, answer_text, variables)
    if isinstance(both, Verdict):
        return both
    expected, answer = both
    comparison = compare(expected.expr, answer.expr, list(expected.symbols.values()))
    return _verdict(comparison, answer, expected.expr)


def _check_derivative(
    function_text: str, answer_text: str, variable: str, variables: tuple[str, ...]
) -> Verdict:
    both = _read_both(function_text, answer_text, variables)
    if isinstance(both, Verdict):
        return both
    function, answer = both
    x = function.symbols[variable]
    expected = _differentiate(function_text, variable, variables)
    comparison = compare(expected, answer.expr, list(function.symbols.values()))
    verdict = _verdict(comparison, answer, expected)
    if verdict.status != "incorrect":
        return verdict
    mistake = diagnose(function.expr, answer.expr, x)
    if mistake is None:
        return verdict
    return Verdict(
        "incorrect",
        f"{describe_mistake(mistake)} {verdict.message}",
        diagnosis=mistake,
        parsed=verdict.parsed,
    )


@functools.lru_cache(maxsize=QUESTION_CACHE)
def _differentiate(function_text: str, variable: str, variables: tuple[str, ...]) -> sympy.Expr:
    """d/d``variable`` of a question's function, worked out once per question (with SymPy's
    own cache flooded by sampling, every attempt would otherwise pay for it again)."""
    function = _read_expected(function_text, variables)
    return sympy.diff(function.expr, function.symbols[variable])


def _check_numeric(
    expected_text: str, answer_text: str, abs_tol: float | None, rel_tol: float | None
) -> Verdict:
    for name, tolerance in (("abs_tol", abs_tol), ("rel_tol", rel_tol)):
        if tolerance is not None and not tolerance > 0:
            return Verdict("invalid", f"{name} must be a positive number, not {tolerance}")
    both = _read_both(expected_text, answer_text, ())
    if isinstance(both, Verdict):
        return both
    expected, answer = both
    if abs_tol is None and rel_tol is None:
        return _verdict(compare(expected.expr, answer.expr, []), answer, expected.expr)
    with mpmath.workdps(PRECISION):
        try:
            target, _ = evaluate_precisely(compile_expression(expected.expr), {})
        except Undefined:
            return Verdict("invalid", f"the expected answer {expected_text!r} is not a real number")
        try:
            value, _ = evaluate_precisely(compile_expression(answer.expr), {})
        except Undefined:
            return Verdict("incorrect", "that is not a real number", parsed=answer.pretty())
        distance = abs(value - target)
        close = (abs_tol is not None and distance <= abs_tol) or (
            rel_tol is not None and distance <= rel_tol * abs(target)
        )
    if close:
        return Verdict("correct", "Correct.", parsed=answer.pretty())
    direction = "too large" if value > target else "too small"
    return Verdict(
        "incorrect", f"Not quite: {_show(value)} is {direction}.", parsed=answer.pretty()
    )


def _verdict(comparison: Comparison, answer: Parsed, expected: sympy.Expr) -> Verdict:
    if comparison.outcome == "equal":
        return Verdict("correct", "Correct.", parsed=answer.pretty())
    if comparison.outcome == "unknown":
        return Verdict("invalid", UNDECIDED, parsed=answer.pretty())
    return Verdict(
        "incorrect", _difference_message(comparison, answer, expected), parsed=answer.pretty()
    )


def _difference_message(comparison: Comparison, answer: Parsed, expected: sympy.Expr) -> str:
    """Say where the answer goes wrong: a concrete point is the most useful hint."""
    witness = comparison.witness
    if not witness:
        return "Not quite: that is a different value."
    where = ", ".join(f"{name} = {_coordinate(value)}" for name, value in witness.items())
    with mpmath.workdps(PRECISION):
        point = witness_point(
            {
                answer.symbols[name]: value
                for name, value in witness.items()
                if name in answer.symbols
            }
        )
        try:
            right, _ = evaluate_at(compile_expression(expected), point)
        except Undefined:
            return f"Not quite: your answer differs at {where}."
        try:
            yours, _ = evaluate_at(compile_expression(answer.expr), point)
        except Undefined:
            return (
                f"Not quite: at {where} your answer is undefined but the answer is {_show(right)}."
            )
    return f"Not quite: at {where} your answer gives {_show(yours)}, the answer is {_show(right)}."


def _coordinate(value: float) -> str:
    """A witness coordinate: six significant digits when that is exactly the point checked."""
    text = f"{value:.6g}"
    return text if float(text) == value else repr(value)


def _show(value: mpf) -> str:
    """Six significant digits; huge and tiny values stay readable (never 'inf')."""
    if value == 0 or mpf("1e-6") <= abs(value) < mpf("1e15"):
        return f"{float(value):.6g}"
    text = str(mpmath.nstr(value, 6, min_fixed=-4, max_fixed=7))
    if len(text) <= 24:
        return text
    size = "large" if abs(value) > 1 else "small"
    return f"an astronomically {size} number"
