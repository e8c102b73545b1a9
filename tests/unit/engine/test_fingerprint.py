"""Fingerprints: equal answers written differently share one; different answers do not."""

from __future__ import annotations

import pytest

from derivquest.engine import check_derivative, check_numeric
from derivquest.engine.fingerprint import fingerprint, probe_point
from derivquest.engine.parser import parse

VARIABLES = ("w", "x", "y")

SAME = [
    ("2(x+1)", "2x+2"),
    ("2x(wx-y)", "2wx^2 - 2xy"),
    ("e^x(1+x)", "x e^x + e^x"),
    ("sigmoid(x)(1-sigmoid(x))", "e^-x/(1+e^-x)^2"),
    ("ln(x^2)", "ln(x^2)"),
]

DIFFERENT = [
    ("2(x+1)", "2x+1"),
    ("2x(wx-y)", "2x(wx+y)"),
    ("ln(x^2)", "2 ln x"),  # undefined for x < 0: the probes meet negative x
    ("x", "x + 10^-9"),
]


def print_of(text: str) -> str:
    parsed = parse(text, VARIABLES)
    return fingerprint(parsed.expr, list(parsed.symbols.values()))


@pytest.mark.parametrize(("a", "b"), SAME)
def test_equal_answers_share_a_fingerprint(a: str, b: str) -> None:
    assert print_of(a) == print_of(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_answers_differ(a: str, b: str) -> None:
    assert print_of(a) != print_of(b)


def test_points_are_fixed_and_independent_per_variable() -> None:
    parsed = parse("x", VARIABLES)
    symbols = list(parsed.symbols.values())
    first = [probe_point(symbols, index) for index in range(32)]
    assert first == [probe_point(symbols, index) for index in range(32)]
    signs = {tuple(point[s] > 0 for s in symbols) for point in first}
    assert (True, True, True) in signs and (False, False, False) in signs


def test_verdicts_carry_the_fingerprint() -> None:
    wrong = check_derivative("(3x+2)^5", "5(3x+2)^4")
    same_wrong = check_derivative("(3x+2)^5", "5(2+3x)^4")
    right = check_derivative("(3x+2)^5", "15(3x+2)^4")
    assert wrong.fingerprint is not None and len(wrong.fingerprint) == 12
    assert wrong.fingerprint == same_wrong.fingerprint != right.fingerprint


def test_numeric_answers_are_fingerprinted_by_value() -> None:
    half = check_numeric("0.25", "1/2", abs_tol=0.01)
    assert half.fingerprint == check_numeric("0.25", "0.5", abs_tol=0.01).fingerprint
    assert half.fingerprint != check_numeric("0.25", "0.25", abs_tol=0.01).fingerprint
