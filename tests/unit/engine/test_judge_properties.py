"""Properties of the judge on random expressions in two or three variables: a wrong variant
(a sign flipped, a factor dropped, a coefficient or a variable changed) is never called
correct, and a rewritten right one is never called wrong or left undecided."""

from __future__ import annotations

import random

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from derivquest.engine import check, check_derivative, parse
from derivquest.engine.judge import UNDECIDED
from derivquest.engine.limits import MAX_INPUT_LENGTH
from derivquest.engine.mlfunctions import to_elementary
from derivquest.engine.printing import plain

FACTORS = (
    "sin({u})",
    "cos({u})",
    "e^({u})",
    "tanh({u})",
    "sigmoid({u})",
    "relu({u})",
    "|{u}|",
    "sqrt(({u})^2 + 1)",
    "ln(({u})^2 + 1)",
    "({u})^2",
    "({u})^3",
    "step({u})",
    "sign({u})",
    "{v}",
)
"""Factor templates: {u} is a linear combination of the variables, {v} one variable."""


@st.composite
def expressions(draw: st.DrawFn) -> tuple[tuple[str, ...], list[list[str]], list[int]]:
    """Variables, and a sum of terms: each term a coefficient and one to three factors."""
    names = draw(st.sampled_from([("x", "y"), ("w", "x"), ("w", "x", "y")]))

    def linear() -> str:
        first, second = draw(st.permutations(names))[:2]
        # Negative first coefficients too: sin(-x-1) once failed as "nested too deeply".
        a = draw(st.sampled_from([1, 2, 3, -1, -2]))
        b = draw(st.sampled_from([-2, -1, 1, 2, 0]))
        if draw(st.integers(0, 3)) == 0:
            return f"{a}*{first}*{second}"
        return f"{a}*{first} + {b}*{second}" if b else f"{a}*{first}"

    terms: list[list[str]] = []
    for _ in range(draw(st.integers(1, 3))):
        count = draw(st.integers(1, 3))
        factors = [
            draw(st.sampled_from(FACTORS)).format(u=linear(), v=draw(st.sampled_from(names)))
            for _ in range(count)
        ]
        terms.append(factors)
    coefficients = [draw(st.sampled_from([1, 2, 3, -1, -2, 5])) for _ in terms]
    return names, terms, coefficients


def text(terms: list[list[str]], coefficients: list[int]) -> str:
    return " + ".join(
        f"({c})*" + "*".join(f"({f})" for f in factors)
        for c, factors in zip(coefficients, terms, strict=True)
    )


def truly_different(expected: str, answer: str, names: tuple[str, ...]) -> bool:
    """An independent oracle: SymPy's own evalf at random points of all signs finds a point
    where both are real and clearly differ (so a 'correct' verdict would be a false accept)."""
    a, b = parse(expected, names), parse(answer, names)
    left, right = to_elementary(a.expr), to_elementary(b.expr)
    rng = random.Random(f"{expected}|{answer}")
    for _ in range(ORACLE_POINTS):
        point = {
            a.symbols[n]: sympy.Float(rng.choice((1, -1)) * 10 ** rng.uniform(-1.5, 1.5), 30)
            for n in names
        }
        one, two = left.xreplace(point).evalf(30), right.xreplace(point).evalf(30)
        if not (one.is_real and two.is_real and one.is_finite and two.is_finite):
            continue
        if abs(one - two) > sympy.Float("1e-8") * (1 + abs(one) + abs(two)):
            return True
    return False


ORACLE_POINTS = 16
"""Random points the oracle tries; a variant different only on a sliver is skipped."""


def _without_deltas(gradient: sympy.Expr) -> sympy.Expr:
    """d/dx step(u) is a Dirac delta, zero wherever it is defined; players cannot type it."""
    return gradient.replace(lambda e: isinstance(e, sympy.DiracDelta), lambda e: sympy.S.Zero)


SETTINGS = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@SETTINGS
@given(expressions(), st.data())
def test_a_wrong_variant_is_never_called_correct(
    case: tuple[tuple[str, ...], list[list[str]], list[int]], data: st.DataObject
) -> None:
    names, terms, coefficients = case
    index = data.draw(st.integers(0, len(terms) - 1))
    kind = data.draw(st.sampled_from(["flip", "drop", "coefficient", "variable"]))
    wrong_terms = [list(factors) for factors in terms]
    wrong_coefficients = list(coefficients)
    if kind == "flip":
        wrong_coefficients[index] = -coefficients[index]
    elif kind == "drop":
        assume(len(terms[index]) > 1)
        del wrong_terms[index][data.draw(st.integers(0, len(terms[index]) - 1))]
    elif kind == "coefficient":
        wrong_coefficients[index] = coefficients[index] + 1
    else:
        source, target = data.draw(st.permutations(names))[:2]
        factor = data.draw(st.integers(0, len(terms[index]) - 1))
        wrong_terms[index][factor] = wrong_terms[index][factor].replace(source, target)
    expected, answer = text(terms, coefficients), text(wrong_terms, wrong_coefficients)
    assume(len(expected) <= MAX_INPUT_LENGTH and len(answer) <= MAX_INPUT_LENGTH)
    assume(truly_different(expected, answer, names))
    verdict = check(expected, answer, names)
    assert verdict.status != "correct", (expected, answer)


@SETTINGS
@given(expressions(), st.data())
def test_a_wrong_gradient_term_is_never_called_correct(
    case: tuple[tuple[str, ...], list[list[str]], list[int]], data: st.DataObject
) -> None:
    names, terms, coefficients = case
    function = text(terms, coefficients)
    assume(len(function) <= MAX_INPUT_LENGTH)
    variable = data.draw(st.sampled_from(names))
    parsed = parse(function, names)
    gradient = _without_deltas(sympy.expand(sympy.diff(parsed.expr, parsed.symbols[variable])))
    assume(gradient.is_Add)
    parts = list(gradient.args)
    flipped = data.draw(st.integers(0, len(parts) - 1))
    if data.draw(st.booleans()):
        parts[flipped] = -parts[flipped]
    else:
        del parts[flipped]
    answer = plain(sympy.Add(*parts))
    assume(len(answer) <= MAX_INPUT_LENGTH)
    assume(truly_different(plain(gradient), answer, names))
    verdict = check_derivative(function, answer, variable, names)
    assert verdict.status != "correct", (function, variable, answer)


@SETTINGS
@given(expressions(), st.data())
def test_a_rewritten_gradient_is_right_and_decided(
    case: tuple[tuple[str, ...], list[list[str]], list[int]], data: st.DataObject
) -> None:
    names, terms, coefficients = case
    function = text(terms, coefficients)
    assume(len(function) <= MAX_INPUT_LENGTH)
    variable = data.draw(st.sampled_from(names))
    parsed = parse(function, names)
    gradient = _without_deltas(sympy.expand(sympy.diff(parsed.expr, parsed.symbols[variable])))
    assume(len(plain(gradient)) <= MAX_INPUT_LENGTH)
    verdict = check_derivative(function, plain(gradient), variable, names)
    assert not verdict.message.startswith(UNDECIDED), (function, variable, plain(gradient))
    assert verdict.status == "correct", (function, variable, plain(gradient), verdict.message)


KINKED = ("relu({u})", "step({u})", "|{u}|", "sign({u})")
INSIDES = ("x*y", "x - y", "x + y", "x*y - 1", "2*x - y", "x*y + x")
CONFUSED = {
    # A kink argument and slips that keep its kink near the right place on some of the
    # plane: right for some sign combinations of x and y, wrong for others.
    "x*y": ("x", "y", "-x*y", "x*y - 1", "x + y"),
    "x - y": ("x", "y - x", "x + y", "-y", "x - y - 1"),
    "x + y": ("x", "y", "x - y", "-x - y + 1", "x*y"),
    "x*y - 1": ("x*y", "x - 1", "1 - x*y", "x*y - 2", "y - 1"),
    "2*x - y": ("2*x", "x - y", "y - 2*x", "2*x + y", "2*x - y - 1"),
    "x*y + x": ("x*y", "x", "x*y - x", "y + 1", "x*(y - 1)"),
}


@SETTINGS
@given(
    st.sampled_from(KINKED),
    st.sampled_from(INSIDES),
    st.sampled_from(("1", "x", "y", "x*y", "(x - y)")),
    st.integers(0, 4),
)
def test_a_slip_inside_a_kink_is_never_called_correct(
    kinked: str, inside: str, outside: str, slip: int
) -> None:
    expected = f"{outside}*{kinked.format(u=inside)}"
    answer = f"{outside}*{kinked.format(u=CONFUSED[inside][slip])}"
    assume(truly_different(expected, answer, ("x", "y")))
    for first, second in ((expected, answer), (answer, expected)):
        verdict = check(first, second, ("x", "y"))
        assert verdict.status != "correct", (first, second)
