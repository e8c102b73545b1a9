"""Hint ladders of the built-in course: none gives the answer away before its last step.

A ladder is a nudge, the rule, then the set-up; only the last step may come close to the
answer. Every formula of the earlier steps is compared with the question's own answer by
value (the engine evaluates both), so a leak is found however it is written (`2*{a}x` or
`{a}x*2`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest

from derivquest.content import QuestionRef, draw_params, load_catalog
from derivquest.content.fields import text_in, text_strings
from derivquest.content.questions import QuestionBase
from derivquest.content.templates import fill_expression, fill_text
from derivquest.engine import EngineError, evaluate
from derivquest.kinds.derivative.spec import DerivativeQuestion
from derivquest.kinds.numeric.spec import NumericQuestion

MATH_SPAN = re.compile(r"`([^`]+)`")

SEEDS = (0, 1)
"""Variants judged per question (fixed questions give the same variant each time)."""

ANSWERED_KINDS = ("derivative", "expression", "numeric")
"""Kinds with one expected answer a hint could give away (a choice question's hints point
at options, a chart's at positions, a graph's are per node)."""


@cache
def _course() -> list[QuestionRef]:
    catalog = load_catalog(user=False, entry_points=False)
    return [ref for ref in catalog.questions() if ref.pack.id == "calculus-for-ml"]


def _formulas(span: str) -> Iterator[str]:
    """A math span's formula and, for `a = b` or `a -> b`, the result on its right."""
    yield span
    for separator in ("=", "->"):
        if separator in span:
            yield span.rsplit(separator, 1)[1].strip()


POINTS = (0.37, 0.61, 1.29)
"""Where formulas are compared: a formula with the answer's value wherever the answer has
one is taken for the answer (the validator's fingerprint idea, far cheaper than a symbolic
check of each formula)."""

STEP = 1e-6
"""Central-difference step for a derivative question's answer."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One variant of a question, filled in English: what a player reads step by step."""

    full_id: str
    kind: str
    prompt: str
    hints: tuple[str, ...]
    expected: str
    """The expected answer; for a derivative question, the function to differentiate."""
    variable: str
    names: tuple[str, ...]


def variant(question: QuestionBase, full_id: str, seed: int) -> Variant:
    """Fill a question's prompt, hints and answer for the parameters drawn from `seed`.

    `{function}` is filled; `{answer}` stays as written (it has its own test).
    """
    values = draw_params(question.params, seed)
    function = getattr(question, "function", None)
    template = (
        function if question.kind_name == "derivative" else getattr(question, "expected", None)
    )
    assert isinstance(template, str), full_id

    def lookup(name: str, math_span: bool) -> str | None:
        if name != "function" or function is None:
            return None
        text = fill_expression(function, values)
        return text if math_span else f"`{text}`"

    variable = getattr(question, "variable", "x")
    names = tuple(getattr(question, "variables", None) or (variable,))
    return Variant(
        full_id=full_id,
        kind=question.kind_name,
        prompt=fill_text(text_in(question.prompt, "en"), values, lookup),
        hints=tuple(fill_text(text_in(hint, "en"), values, lookup) for hint in question.hints),
        expected=fill_expression(template, values),
        variable=variable,
        names=names if question.kind_name != "numeric" else (),
    )


@cache
def _value(text: str, names: tuple[str, ...], at: tuple[float, ...]) -> float | None:
    """The formula's value at a point, or None (words, unknown names, undefined there)."""
    try:
        return evaluate(text, dict(zip(names, at, strict=True)), names)
    except EngineError:
        return None


def _points(names: tuple[str, ...]) -> list[tuple[float, ...]]:
    return [tuple(point + 0.11 * index for index in range(len(names))) for point in POINTS]


def _answer_at(item: Variant, at: tuple[float, ...]) -> float | None:
    """The answer's value at a point (a derivative's by central difference), or None."""
    if item.kind != "derivative":
        return _value(item.expected, item.names, at)
    slot = item.names.index(item.variable)
    ahead = at[:slot] + (at[slot] + STEP,) + at[slot + 1 :]
    behind = at[:slot] + (at[slot] - STEP,) + at[slot + 1 :]
    up, down = _value(item.expected, item.names, ahead), _value(item.expected, item.names, behind)
    return None if up is None or down is None else (up - down) / (2 * STEP)


def _is_the_answer(item: Variant, formula: str) -> bool:
    """True when `formula` has the answer's value wherever the answer has one.

    Point by point, the formula first: most formulas fail at the first point, and then the
    answer is never worked out.
    """
    compared = 0
    for at in _points(item.names):
        found = _value(formula, item.names, at)
        if found is None:
            return False
        want = _answer_at(item, at)
        if want is None:
            continue
        if not math.isclose(found, want, rel_tol=1e-5, abs_tol=1e-7):
            return False
        compared += 1
    return compared > 0


def early_leaks(item: Variant) -> list[str]:
    """Return each formula of a hint before the last that has the answer's values.

    A formula copied from the prompt is what the player was given, not a leak.
    """
    return [
        f"{item.full_id} step {step}: `{span}`"
        for step, hint in enumerate(item.hints[:-1], start=1)
        for span in MATH_SPAN.findall(hint)
        if f"`{span}`" not in item.prompt
        and any(_is_the_answer(item, formula) for formula in _formulas(span) if formula)
    ]


def test_no_hint_gives_the_answer_before_the_last_step() -> None:
    leaks: set[str] = set()
    judged = 0
    for ref in _course():
        if ref.question.kind_name not in ANSWERED_KINDS or len(ref.question.hints) < 2:
            continue
        for seed in SEEDS if ref.question.params else SEEDS[:1]:
            leaks.update(early_leaks(variant(ref.question, ref.full_id, seed)))
            judged += 1
    assert sorted(leaks) == []
    assert judged > 300  # most of the course's 197 answered questions, several variants


def test_every_answered_question_has_a_three_step_ladder() -> None:
    """A nudge, the rule, the set-up: the answer always allows three steps for these kinds."""
    short = [
        f"{ref.full_id}: {len(ref.question.hints)} steps"
        for ref in _course()
        if ref.question.kind_name in ANSWERED_KINDS and len(ref.question.hints) < 3
    ]
    assert short == []


def test_no_hint_but_the_last_shows_the_answer_placeholder() -> None:
    early = [
        f"{ref.full_id} step {step}"
        for ref in _course()
        for step, hint in enumerate(ref.question.hints[:-1], start=1)
        for _, text in text_strings(hint)
        if "{answer}" in text
    ]
    assert early == []


POWER = {
    "id": "power",
    "kind": "derivative",
    "prompt": "Differentiate `{a}x^2`.",
    "function": "{a}x^2",
    "solution": "{answer}",
    "params": {"a": {"min": 3, "max": 3}},
}
"""A derivative question whose answer is `6x`."""

PEAK = {
    "id": "peak",
    "kind": "numeric",
    "prompt": "What is `sigmoid'(0)`? Recall `sigmoid(0) = 1/2`.",
    "expected": "1/4",
    "abs_tol": 0.001,
    "solution": "{answer}",
}
"""A numeric question whose answer is 1/4."""


@pytest.mark.parametrize(
    ("question", "hints", "leaks"),
    [
        # the answer in the first step, written differently
        (POWER, ["`{a}x*2` is the slope.", "Differentiate."], ["step 1: `3x*2`"]),
        # the result side of an equation
        (POWER, ["`d/dx {a}x^2 = 2*{a}x`", "Done."], ["step 1: `d/dx 3x^2 = 2*3x`"]),
        # the answer in the last step is the set-up, allowed
        (POWER, ["Use the power rule.", "`2*{a}x`"], []),
        # part of the answer is not the answer
        (POWER, ["`2x` times {a}", "`2*{a}*x`"], []),
        # a numeric answer as a product still to work out
        (PEAK, ["`(1/2)*(1 - 1/2)`", "Multiply."], ["step 1: `(1/2)*(1 - 1/2)`"]),
        # a formula the prompt gave is no leak, nor is one that differs
        (PEAK, ["`sigmoid(0) = 1/2`, and `s*(1 - s)`", "`1/2 * 1/2`"], []),
    ],
)
def test_a_leak_is_found_however_it_is_written(
    question: dict[str, object], hints: list[str], leaks: list[str]
) -> None:
    model = DerivativeQuestion if question["kind"] == "derivative" else NumericQuestion
    parsed = model.model_validate({**question, "hints": hints})
    found = early_leaks(variant(parsed, "p/l/q", seed=0))
    assert found == [f"p/l/q {leak}" for leak in leaks]
