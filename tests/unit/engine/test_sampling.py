"""Sample points cover every sign combination, 1e-9..1e12, and both sides of every kink; the
evaluator refuses points that need more digits than it carries."""

from __future__ import annotations

import random

import mpmath
import pytest
import sympy
from mpmath import mpf

from derivquest.engine.kinks import Point, kink_arguments
from derivquest.engine.mlfunctions import relu
from derivquest.engine.numeric import Imprecise, Undefined, compile_expression, evaluate_at
from derivquest.engine.sampling import PointPlan

w, x, y, z = sympy.symbols("w x y z", real=True)


def mandatory(expressions: list[sympy.Expr], symbols: list[sympy.Symbol]) -> list[Point]:
    plan = PointPlan(expressions, symbols, random.Random(7))
    plan.past_mandatory(0)
    return [plan.point(index) for index in range(plan.mandatory_end)]


@pytest.mark.parametrize("symbols", [[x], [w, x], [x, y, z], [w, x, y, z]])
def test_every_sign_combination_is_visited(symbols: list[sympy.Symbol]) -> None:
    points = mandatory([sympy.Add(*symbols)], symbols)
    signs = {tuple(point[s] > 0 for s in symbols) for point in points}
    assert len(signs) == 2 ** len(symbols)


def test_six_variables_get_a_sample_of_sign_combinations_with_all_positive_and_negative() -> None:
    symbols = list(sympy.symbols("a b c d f g", real=True))
    signs = [tuple(p[s] > 0 for s in symbols) for p in mandatory([sympy.Add(*symbols)], symbols)]
    assert (True,) * 6 in signs and (False,) * 6 in signs and len(set(signs)) >= 16


def test_each_variable_is_tiny_and_huge_somewhere() -> None:
    points = mandatory([w * x + y], [w, x, y])
    for symbol in (w, x, y):
        sizes = [abs(point[symbol]) for point in points]
        assert min(sizes) < mpf("1e-3") and max(sizes) > mpf("1e3")


def test_unused_variables_keep_one_value() -> None:
    points = mandatory([x**2], [w, x])
    assert len({point[w] for point in points}) == 1


@pytest.mark.parametrize(
    ("expressions", "kink", "variable", "root"),
    [
        ([x + relu(x - 10**7)], x - 10**7, x, 10**7),
        ([sympy.Abs(10**9 - x)], x - 10**9, x, 10**9),
        ([x * sympy.Heaviside(w * x)], w * x, w, 0),
        ([sympy.sign(x - y)], x - y, x, None),  # the root is wherever x = y
        ([relu(sympy.Rational(1, 10**7) - sympy.Abs(x))], None, x, sympy.Rational(1, 10**7)),
        ([sympy.Heaviside(x**2 - 4)], x**2 - 4, x, 2),  # not linear: found by scanning
    ],
)
def test_points_lie_on_both_sides_of_every_kink_and_close_to_it(
    expressions: list[sympy.Expr],
    kink: sympy.Expr | None,
    variable: sympy.Symbol,
    root: int | None,
) -> None:
    symbols = sorted(set().union(*(e.free_symbols for e in expressions)), key=str)
    g = kink if kink is not None else kink_arguments(expressions)[0]
    node = compile_expression(g)
    sides: set[bool] = set()
    with mpmath.workdps(40):
        for point in mandatory(expressions, symbols):
            value, _ = evaluate_at(node, point)
            near = abs(value) < mpf("0.2") * (1 + abs(point[variable]))
            if root is not None:
                near = near and abs(abs(point[variable]) - root) <= mpf("0.1") * (root or 1)
            if near and value != 0:
                sides.add(bool(value > 0))
    assert sides == {True, False}


def test_kinks_come_from_both_expressions_once_each() -> None:
    found = kink_arguments([sympy.Abs(x - y) + sympy.sign(y - x), relu(w * x) * sympy.Abs(x)])
    assert found == sorted([x - y, w * x, x], key=sympy.default_sort_key)


@pytest.mark.parametrize(
    ("expr", "value", "outcome"),
    [
        (sympy.sin(x), "1e10", "value"),  # 10 digits of 40 lost: still usable
        (sympy.sin(x), "1e20", "imprecise"),
        (sympy.cos(x * sympy.exp(x)), "50", "imprecise"),  # 50 e^50 is about 3e23
        (sympy.tan(x), "1e300", "imprecise"),
        (sympy.exp(sympy.exp(x)), "40", "imprecise"),  # e^(2e17)
        (sympy.exp(sympy.exp(x)), "3", "value"),
        (sympy.log(1 - 1 / (1 + sympy.exp(-x))), "1000", "imprecise"),  # 1 - σ(1000) -> 0
        # A sum that cancels to 0 cannot be told from noise: unusable, never "undefined".
        (sympy.log(sympy.Add(x, -x, evaluate=False), evaluate=False), "1", "imprecise"),
        (sympy.log(x), "-1", "undefined"),
        (sympy.sqrt(x), "-1", "undefined"),
        (x**y, "2", "undefined"),  # y has no value: a diagnosis candidate, not a crash
    ],
)
def test_values_imprecise_and_undefined_points(expr: sympy.Expr, value: str, outcome: str) -> None:
    node = compile_expression(expr)
    with mpmath.workdps(40):
        try:
            evaluate_at(node, {x: mpf(value)})
            result = "value"
        except Imprecise:
            result = "imprecise"
        except Undefined:
            result = "undefined"
    assert result == outcome


def test_the_error_scale_grows_with_the_condition_number() -> None:
    with mpmath.workdps(40):
        _, small = evaluate_at(compile_expression(sympy.sin(x)), {x: mpf(1)})
        _, large = evaluate_at(compile_expression(sympy.sin(x)), {x: mpf("1e10")})
    assert small < 10 and large > mpf("1e9")


def test_step_uses_its_value_at_zero_without_the_slow_path() -> None:
    node = compile_expression(sympy.Heaviside(x))
    with mpmath.workdps(40):
        values = [evaluate_at(node, {x: mpf(v)})[0] for v in (-2, 0, 3)]
    assert values == [0, mpf(1) / 2, 1]
    assert node.__qualname__.startswith("_compile_step")


def test_sampling_gives_up_after_a_bounded_number_of_points() -> None:
    from derivquest.engine.equivalence import MAX_ATTEMPTS, Sampler

    # Defined nowhere over the reals: no point is usable, and no domain edge helps.
    expected = sympy.sqrt(-(x**2) - 1)
    answer = expected * (sympy.sin(x) ** 2 + sympy.cos(x) ** 2)
    sampler = Sampler(expected, answer, [x])
    assert sampler.run().outcome == "unknown"
    assert len(sampler.plan.points) <= sampler.plan.mandatory_end + MAX_ATTEMPTS


def test_a_single_value_is_computed_with_as_many_digits_as_it_needs() -> None:
    import math

    from derivquest.engine import check_numeric, evaluate

    # Unusable as one of many sample points at 40 digits, but evaluate has no other point.
    assert evaluate("sin(x)", {"x": 1e20}) == math.sin(1e20)
    assert check_numeric("sin(10^20)", str(math.sin(1e20)), abs_tol=1e-9).status == "correct"
