"""Name the classic mistake a wrong derivative looks like, with no hand-written wrong answers.

A deliberately wrong differentiator (``derivquest.engine.slips``) makes one slip, then two,
on the question's function as written, and the player's answer is compared with each result
at fixed points. Explanations with fewer slips win; among equals the most specific rule wins,
so ``5(3x+2)^4`` for (3x+2)^5 is ``chain-inner-missing``, not ``constant-factor``. When the
function is a sum and every slip sits in one of its terms, that term is named.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.candidates import Candidates, Key, candidates_for, ordered
from derivquest.engine.fingerprint import PROBE_PRECISION, Probes, probe_point
from derivquest.engine.mlfunctions import relu, sigmoid
from derivquest.engine.numeric import Node, Undefined, evaluate_at
from derivquest.engine.slips import Slip, terms_of
from derivquest.engine.texts import MISTAKES
from derivquest.engine.verdict import TermAtFault

MISTAKE_IDS = (
    "chain-inner-missing",
    "product-rule-derivatives-multiplied",
    "quotient-rule-sign",
    "power-rule-exponent",
    "power-rule-coefficient",
    "sign-error",
    "constant-factor",
    "antiderivative",
    "not-differentiated",
    "sigmoid-derivative-missing-factor",
    "tanh-derivative-at-input",
    "relu-derivative-at-zero",
    "mse-missing-two",
    "mse-missing-inner",
    "cross-entropy-sign",
)
"""Stable ids: packs, progress and mastery refer to them; never rename one."""

SENTENCES = MISTAKES
"""One sentence per mistake and language (the catalogue lives in ``engine.texts``)."""

RULE_TO_MISTAKE = {
    "sigmoid-outer": "sigmoid-derivative-missing-factor",
    "tanh-input": "tanh-derivative-at-input",
    "square-no-two": "mse-missing-two",
    "square-no-inner": "mse-missing-inner",
    "log-sign": "sign-error",
    "chain": "chain-inner-missing",
    "product": "product-rule-derivatives-multiplied",
    "quotient-swap": "quotient-rule-sign",
    "quotient-plus": "quotient-rule-sign",
    "power-keep": "power-rule-exponent",
    "power-up": "power-rule-exponent",
    "power-drop": "power-rule-coefficient",
    "trig-sign": "sign-error",
    "term-sign": "sign-error",
}

MAX_PLACES = 6
"""Places one rule is tried at individually, beyond 'everywhere at once'."""

MAX_PAIRS = 40
"""Two-slip combinations tried at most (each costs a few milliseconds)."""

MAX_PLACES_FOR_PAIRS = 12
"""Two slips are looked for only in functions with at most this many places to slip: a
large function would have hundreds of pairs, and a learner's slip there is rarely double."""

BUDGET_SECONDS = 0.25
"""CPU time the search may take: the checker's deadline (one second) covers the equality
proof too, and a diagnosis is a hint, so for a huge function it gives up rather than the
check. CPU time, not wall time, so a loaded machine names the same mistakes."""

POINTS = 8
"""Fixed points an explanation must match the answer at."""

MAX_PROBES = 80
"""Fixed points tried to find ``POINTS`` where the answer and the derivative are defined."""


@dataclass(frozen=True, slots=True)
class Finding:
    """What a wrong answer looks like: one or two mistake ids, and the term they are in."""

    mistakes: tuple[str, ...]
    term: TermAtFault | None = None


def find_mistakes(
    function: sympy.Expr, answer: sympy.Expr, x: sympy.Symbol, probes: Probes | None = None
) -> Finding | None:
    """Explain ``answer`` as d/dx ``function`` with the fewest slips; None if nothing fits.

    ``function`` should be the tree as written (``engine.written``): an evaluated one has
    already lost the structure (``(2x)^3`` is ``8x^3``) that chain slips are found in. The
    candidates (the slipped derivatives and their values at the probe points) come from the
    per-question cache in ``engine.candidates``; only the answer is evaluated afresh (its
    ``probes``, when the judge has them from the fingerprint, already hold some values).
    """
    question = candidates_for(function, x)
    symbols = ordered([*function.free_symbols, *answer.free_symbols, x])
    if probes is None:
        probes = Probes(answer, symbols)
    matcher = _Matcher(question, answer, symbols, probes)
    if not matcher.usable:
        return None
    if matcher.matches(()):
        # Equal wherever the points fall: the difference is at a kink, which only relu has.
        return Finding(("relu-derivative-at-zero",)) if function.has(relu) else None
    relabel = _relabel(function)
    singles = list(_single_slips(question))
    deadline = time.thread_time() + BUDGET_SECONDS
    for slip in singles:
        found = _try(question, (slip,), matcher, relabel)
        if found:
            return found
        if time.thread_time() > deadline:
            return None
    if matcher.is_antiderivative(answer):
        return Finding(("antiderivative",))
    if matcher.matches("negated"):
        return Finding((relabel("sign-error"),))
    if matcher.matches("function"):
        return Finding(("not-differentiated",))
    specific = [slip for slip in singles if slip.place is not None]
    if len(specific) <= MAX_PLACES_FOR_PAIRS:
        for pair in _pairs(specific):
            if time.thread_time() > deadline:
                break
            found = _try(question, pair, matcher, relabel)
            if found:
                return found
    if matcher.constant_ratio():
        return Finding(("constant-factor",))
    return None


def _single_slips(question: Candidates) -> Iterator[Slip]:
    """Every one-slip variant: each rule everywhere, then at each place, most specific first."""
    for rule in RULE_TO_MISTAKE:
        places = question.seen.get(rule, 0)
        if places == 0:
            continue
        if places > 1:
            yield Slip(rule)
        for place in range(min(places, MAX_PLACES)):
            yield Slip(rule, place)


def _pairs(specific: Sequence[Slip]) -> Iterator[tuple[Slip, Slip]]:
    pairs = ((a, b) for a, b in combinations(specific, 2) if a.rule != b.rule or a.place != b.place)
    for count, pair in enumerate(pairs):
        if count >= MAX_PAIRS:
            return
        yield pair


def _try(
    question: Candidates,
    slips: tuple[Slip, ...],
    matcher: _Matcher,
    relabel: _Relabel,
) -> Finding | None:
    if not question.candidate(slips).fired or not matcher.matches(slips):
        return None
    mistakes = tuple(dict.fromkeys(relabel(RULE_TO_MISTAKE[s.rule]) for s in slips))
    return Finding(mistakes, _blame(question, slips))


def _blame(question: Candidates, slips: tuple[Slip, ...]) -> TermAtFault | None:
    """The term of a sum that all the slips were made in, if there is one such term."""
    terms = terms_of(question.function)
    varying = sum(1 for term in terms if term.has(question.x))
    fired = question.candidate(slips).fired
    if varying < 2 or len(fired) != 1:
        return None
    (index,) = fired
    return None if index is None else TermAtFault(index + 1, len(terms))


class _Relabel:
    """Renames a generic sign slip when the function is a cross-entropy loss."""

    def __init__(self, cross_entropy: bool) -> None:
        self.cross_entropy = cross_entropy

    def __call__(self, mistake: str) -> str:
        if self.cross_entropy and mistake == "sign-error":
            return "cross-entropy-sign"
        return mistake


def _relabel(function: sympy.Expr) -> _Relabel:
    return _Relabel(_looks_like_cross_entropy(function))


def _looks_like_cross_entropy(function: sympy.Expr) -> bool:
    """A log of a probability: ln σ(z), ln(1 - p), or a log with a minus in front."""
    for call in function.atoms(sympy.log):
        inside = call.args[0]
        if inside.has(sigmoid):
            return True
        if inside.is_Add and any(term == 1 for term in terms_of(inside)):
            return True
    return any(
        node.is_Mul
        and node.has(sympy.log)
        and any(f.is_number and f.is_negative for f in node.args)
        for node in sympy.preorder_traversal(function)
    )


class _Matcher:
    """Compares candidates with the answer at a few fixed probe points.

    The points are the first ``POINTS`` probes where both the answer and the true derivative
    are defined; candidates' values there come from the question's cache.
    """

    def __init__(
        self,
        question: Candidates,
        answer: sympy.Expr,
        symbols: tuple[sympy.Symbol, ...],
        probes: Probes,
    ) -> None:
        self.question = question
        self.symbols = symbols
        self.answer_node = probes.node
        self.points: list[tuple[int, mpf, mpf]] = []
        """(probe index, the answer's value, the true derivative's value)."""
        for index in range(MAX_PROBES):
            target = question.value((), symbols, index)
            if target is None:
                continue
            value = probes.value(index)
            if value is None:
                continue
            self.points.append((index, value, target))
            if len(self.points) == POINTS:
                break

    @property
    def usable(self) -> bool:
        """Enough points to tell explanations apart."""
        return len(self.points) >= 4

    def matches(self, key: Key) -> bool:
        """True when the candidate ``key`` has the answer's value at every point."""
        for index, value, _ in self.points:
            other = self.question.value(key, self.symbols, index)
            if other is None or not _close(other, value):
                return False
        return True

    def is_antiderivative(self, answer: sympy.Expr) -> bool:
        """True when d/dx of the answer is the function (integration, not differentiation).

        The slope is a central difference at twice the probe precision, with a step so small
        that its error is far below the tolerance: no symbolic derivative of the answer.
        """
        x = self.question.x
        if not answer.has(x):
            return False
        for index, _, _ in self.points:
            target = self.question.value("function", self.symbols, index)
            slope = _slope(self.answer_node, probe_point(self.symbols, index), x)
            if target is None or slope is None or not _close(slope, target):
                return False
        return True

    def constant_ratio(self) -> bool:
        """True when answer = k · expected for one constant k other than 1 and -1."""
        with mpmath.workdps(PROBE_PRECISION):
            ratios = [value / target for _, value, target in self.points if target != 0]
            if len(ratios) < 4:
                return False
            first = ratios[0]
            if abs(abs(first) - 1) < mpf(10) ** -12 or first == 0:
                return False
            return all(abs(r - first) <= mpf(10) ** -20 * abs(first) for r in ratios)


def _close(a: mpf, b: mpf) -> bool:
    with mpmath.workdps(PROBE_PRECISION):
        return bool(abs(a - b) <= mpf(10) ** -20 * max(abs(a), abs(b), mpf(1)))


SLOPE_DIGITS = 2 * PROBE_PRECISION
"""Digits a central-difference slope is computed at (its step is 10^-30 of the point)."""


def _slope(node: Node, point: dict[sympy.Symbol, mpf], x: sympy.Symbol) -> mpf | None:
    """d/dx of the compiled ``node`` at ``point``, by a central difference; None where the
    node is undefined on either side."""
    with mpmath.workdps(SLOPE_DIGITS):
        step = mpf(10) ** -30 * max(abs(point[x]), mpf(1))
        sides = []
        for offset in (step, -step):
            moved = {**point, x: point[x] + offset}
            try:
                sides.append(evaluate_at(node, moved)[0])
            except (Undefined, ZeroDivisionError, OverflowError, ValueError):
                return None
        return (sides[0] - sides[1]) / (2 * step)
