"""The judge: turn typed text into a verdict (correct, incorrect or invalid) with a message.

These functions run in the calling process with no hard deadline; the game and the CLI call
them through ``JudgeService``, which adds one.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine import candidates as question_candidates
from derivquest.engine.equivalence import PRECISION, Comparison, compare, witness_point
from derivquest.engine.errors import EngineError
from derivquest.engine.expected_values import known_values
from derivquest.engine.fingerprint import Probes, fingerprint
from derivquest.engine.mistakes import find_mistakes
from derivquest.engine.numeric import (
    Undefined,
    compile_expression,
    evaluate_at,
    evaluate_precisely,
)
from derivquest.engine.parser import DEFAULT_VARIABLES, Parsed, parse
from derivquest.engine.presenter import present
from derivquest.engine.printing import plain
from derivquest.engine.readings import DomainNote
from derivquest.engine.rereading import label_mismatch, with_readings
from derivquest.engine.texts import VERDICTS
from derivquest.engine.verdict import Status, Verdict, Witness, invalid_verdict
from derivquest.engine.written import as_written

QUESTION_CACHE = 256
"""Questions whose parsed expected answer (and derivative) the checker keeps."""

UNDECIDED = VERDICTS["en"]["undecided"]


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
    result = readable_form(sympy.diff(parsed.evaluated, parsed.symbols[variable]))
    return Parsed(
        text=plain(result), expr=result, variables=names, symbols=parsed.symbols, typed=False
    )


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
        raise EngineError.said("error.no-value-given", names=", ".join(missing))
    with mpmath.workdps(PRECISION):
        try:
            value, _ = evaluate_precisely(compile_expression(parsed.expr), point)
        except Undefined:
            where = ", ".join(f"{name} = {value:g}" for name, value in values.items())
            raise EngineError.said("error.no-real-value", text=text, where=where) from None
    return float(value)


# -- internals ------------------------------------------------------------------------------


def _with(variable: str, variables: Sequence[str] | None) -> tuple[str, ...]:
    names = tuple(variables) if variables else (variable,)
    return names if variable in names else (variable, *names)


def _invalid(error: EngineError) -> Verdict:
    """An unreadable text's verdict: the error's message id and values, for the presenter."""
    return invalid_verdict(error)


@functools.lru_cache(maxsize=QUESTION_CACHE)
def _read_expected(text: str, variables: tuple[str, ...]) -> Parsed:
    """The author's side of a question, read once: a player's every attempt shares it."""
    try:
        return parse(text, variables)
    except EngineError as error:
        raise EngineError.said(
            "error.expected-broken", text=repr(text), problem=error.message
        ) from None


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
    verdict = _verdict(comparison, answer, expected.expr, list(expected.symbols.values()))
    return with_readings(verdict, answer, expected.expr)


def _check_derivative(
    function_text: str, answer_text: str, variable: str, variables: tuple[str, ...]
) -> Verdict:
    both = _read_both(function_text, answer_text, variables)
    if isinstance(both, Verdict):
        return both
    function, answer = both
    mismatch = label_mismatch(function, answer, variable)
    if mismatch is not None:
        return mismatch
    x = function.symbols[variable]
    expected = _differentiate(function_text, variable, variables)
    comparison = compare(expected, answer.expr, list(function.symbols.values()))
    probes = Probes(answer.expr, list(function.symbols.values()))
    verdict = _verdict(comparison, answer, expected, list(function.symbols.values()), probes)
    verdict = with_readings(verdict, answer, expected)
    if verdict.status != "incorrect" or verdict.notes:  # a note explains it better
        return verdict
    # Mistakes are found on the function as written: (2x)^3 must still be a power of 2x.
    written = _written(function_text, variables)
    tree = function.expr if written is None else written.expr
    try:
        finding = find_mistakes(tree, answer.expr, x, probes)
    except (ArithmeticError, TypeError, ValueError, NotImplementedError, RecursionError):
        # Naming the mistake is a hint: if SymPy fails on some slipped tree, the verdict
        # (already decided) must still reach the player.
        finding = None
    if finding is None:
        return verdict
    found = replace(
        verdict,
        diagnosis=finding.mistakes[0],
        slips=finding.mistakes,
        term_at_fault=finding.term,
    )
    return replace(found, message=present(found))


@functools.lru_cache(maxsize=QUESTION_CACHE)
def _written(function_text: str, variables: tuple[str, ...]) -> Parsed | None:
    """The question's function as written (unevaluated), read once per question."""
    return as_written(function_text, variables)


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
            return _said("incorrect", "not-real", parsed=answer.pretty())
        distance = abs(value - target)
        close = (abs_tol is not None and distance <= abs_tol) or (
            rel_tol is not None and distance <= rel_tol * abs(target)
        )
    print_ = fingerprint(answer.expr, [])
    if close:
        return _said("correct", "correct", parsed=answer.pretty(), fingerprint=print_)
    if value * target < 0:  # "13 is too large" would send a player the wrong way
        sentence = "wrong-sign"
    else:
        sentence = "too-large" if value > target else "too-small"
    return _said(
        "incorrect",
        sentence,
        parsed=answer.pretty(),
        values=(("yours", _show(value)),),
        fingerprint=print_,
    )


def _said(status: Status, sentence_id: str, **data: Any) -> Verdict:
    """A verdict whose sentence comes from the catalogue; `message` is its English text."""
    verdict = Verdict(status, "", sentence_id=sentence_id, **data)
    return replace(verdict, message=present(verdict))


def _verdict(
    comparison: Comparison,
    answer: Parsed,
    expected: sympy.Expr,
    symbols: Sequence[sympy.Symbol] = (),
    probes: Probes | None = None,
) -> Verdict:
    shown = answer.pretty()
    if comparison.outcome == "unknown":
        return _said("invalid", "undecided", parsed=shown)
    # Equal answers written differently share a fingerprint: a teacher's report groups them.
    print_ = fingerprint(answer.expr, [*symbols, *answer.expr.free_symbols], probes)
    if comparison.outcome == "equal":
        return _said(
            "correct", "correct", parsed=shown, fingerprint=print_, domain_note=_domain(comparison)
        )
    sentence_id, witness = _witness(comparison, answer, expected)
    return _said("incorrect", sentence_id, parsed=shown, witness=witness, fingerprint=print_)


def _domain(comparison: Comparison) -> DomainNote | None:
    """The note for a right answer judged for positive variables that differs elsewhere."""
    if comparison.positive_only is None or comparison.witness is None:
        return None
    return DomainNote(
        positive=tuple(name for name, _ in comparison.positive_only),
        undefined=comparison.positive_only,
        where=tuple((name, _coordinate(value)) for name, value in comparison.witness.items()),
    )


def _witness(
    comparison: Comparison, answer: Parsed, expected: sympy.Expr
) -> tuple[str, Witness | None]:
    """Where the answer goes wrong: a concrete point is the most useful hint.

    The expected value is left out when the expected answer is a constant: it would be the
    answer itself.
    """
    witness = comparison.witness
    if not witness:
        return "differs", None
    where = tuple((name, _coordinate(value)) for name, value in witness.items())
    hide = not expected.free_symbols
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
            return "differs-somewhere", Witness(where, None, None)
        shown_right = None if hide else _show(right)
        try:
            yours, _ = evaluate_at(compile_expression(answer.expr), point)
        except Undefined:
            key = "undefined-at-hidden" if hide else "undefined-at"
            return key, Witness(where, None, shown_right)
    key = "differs-at-hidden" if hide else "differs-at"
    return key, Witness(where, _show(yours), shown_right)


def _coordinate(value: float) -> str:
    """A witness coordinate: six significant digits when that is exactly the point checked."""
    text = f"{value:.6g}"
    return text if float(text) == value else repr(value)


def _show(value: mpf) -> str:
    """Six significant digits; huge and tiny values are described by the presenter."""
    if value == 0 or mpf("1e-6") <= abs(value) < mpf("1e15"):
        return f"{float(value):.6g}"
    return str(mpmath.nstr(value, 6, min_fixed=-4, max_fixed=7))


def clear_question_caches() -> None:
    """Forget every question's cached work (tests compare cold and warm checks with it)."""
    _read_expected.cache_clear()
    _written.cache_clear()
    _differentiate.cache_clear()
    question_candidates.clear()
    known_values.cache_clear()
