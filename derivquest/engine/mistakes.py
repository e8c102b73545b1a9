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

from derivquest.engine.fingerprint import PROBE_PRECISION, probe_point, value_at
from derivquest.engine.mlfunctions import relu, sigmoid
from derivquest.engine.numeric import Node, compile_expression
from derivquest.engine.slips import Slip, Slips, slipped_derivative, terms_of
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


def describe_mistake(mistake: str, language: str = "en") -> str:
    """Return the player-facing sentence for a mistake id."""
    return MISTAKES.get(language, MISTAKES["en"]).get(mistake) or MISTAKES["en"][mistake]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a wrong answer looks like: one or two mistake ids, and the term they are in."""

    mistakes: tuple[str, ...]
    term: TermAtFault | None = None


def diagnose(function: sympy.Expr, answer: sympy.Expr, x: sympy.Symbol) -> str | None:
    """Return the mistake id that best explains ``answer`` as a wrong d/dx ``function``."""
    finding = find_mistakes(function, answer, x)
    return finding.mistakes[0] if finding else None


def find_mistakes(
    function: sympy.Expr,
    answer: sympy.Expr,
    x: sympy.Symbol,
    prepared: Prepared | None = None,
) -> Finding | None:
    """Explain ``answer`` as d/dx ``function`` with the fewest slips; None if nothing fits.

    ``function`` should be the tree as written (``engine.written``): an evaluated one has
    already lost the structure (``(2x)^3`` is ``8x^3``) that chain slips are found in.
    ``prepared`` is the question's answer-independent work from an earlier answer (the
    checker caches it per question); without it the work is done afresh, the same way.
    """
    if prepared is None:
        prepared = Prepared(function, x)
    symbols = sorted(function.free_symbols | answer.free_symbols | {x}, key=lambda s: s.name)
    matcher = _Matcher(prepared, symbols, (None, compile_expression(answer)), "expected")
    if not matcher.usable:
        return None
    if matcher.matches("expected"):
        # Equal wherever the points fall: the difference is at a kink, which only relu has.
        return Finding(("relu-derivative-at-zero",)) if function.has(relu) else None
    relabel = prepared.relabel
    singles = prepared.singles
    deadline = time.thread_time() + BUDGET_SECONDS
    for slip in singles:
        found = _try(prepared, (slip,), matcher, relabel)
        if found:
            return found
        if time.thread_time() > deadline:
            return None
    if _is_antiderivative(prepared, answer, symbols):
        return Finding(("antiderivative",))
    if matcher.matches("-expected"):
        return Finding((relabel("sign-error"),))
    if matcher.matches("function"):
        return Finding(("not-differentiated",))
    specific = [slip for slip in singles if slip.place is not None]
    if len(specific) <= MAX_PLACES_FOR_PAIRS:
        for pair in _pairs(specific):
            if time.thread_time() > deadline:
                break
            found = _try(prepared, pair, matcher, relabel)
            if found:
                return found
    if matcher.constant_ratio():
        return Finding(("constant-factor",))
    return None


VALUE_BYTES = 300
"""Estimated bytes of one cached value (an mpf at 40 digits and its dictionary slot)."""

NODE_BYTES = 250
"""Estimated bytes per node of a cached expression tree (with its compiled closure)."""

CandidateKey = str | tuple[Slip, ...]
"""A candidate derivative: "expected", "-expected", "function", or the slips made."""


class Prepared:
    """A question's answer-independent diagnosis work, done once and kept for every answer.

    The derivative of the function as written, the places each rule can slip at, each wrong
    derivative (the mistake candidates) compiled, and their values at the fixed probe
    points (the points depend on variable names only, so every answer meets the same ones).
    Candidates and values are filled in as answers need them; ``weight`` estimates the bytes
    held, for the cache's memory bound.
    """

    def __init__(self, function: sympy.Expr, x: sympy.Symbol) -> None:
        self.function = function
        self.x = x
        self.expected = sympy.diff(function, x)
        self.singles = list(_single_slips(function, x))
        self.relabel = _relabel(function)
        self._nodes: dict[CandidateKey, tuple[Node, frozenset[int | None]] | None] = {}
        self._values: dict[tuple[CandidateKey, int], mpf | None] = {}
        self.weight = NODE_BYTES * (_size(function) + _size(self.expected))
        """Estimated bytes held (grows as candidates and values are added)."""

    def candidate(self, key: CandidateKey) -> tuple[Node, frozenset[int | None]] | None:
        """The compiled candidate and the terms its slips fired in; None if no slip fired."""
        if key not in self._nodes:
            fired: frozenset[int | None] = frozenset()
            if key == "expected":
                tree: sympy.Expr = self.expected
            elif key == "-expected":
                tree = -self.expected
            elif key == "function":
                tree = self.function
            else:
                assert isinstance(key, tuple)
                state = Slips(key)
                tree = slipped_derivative(self.function, self.x, state)
                if not state.fired:
                    self._nodes[key] = None
                    return None
                fired = frozenset(state.fired)
            self._nodes[key] = (compile_expression(tree), fired)
            self.weight += NODE_BYTES * _size(tree)
        return self._nodes[key]

    def value(
        self, key: CandidateKey, node: Node, index: int, point: dict[sympy.Symbol, mpf]
    ) -> mpf | None:
        """The candidate's value at the ``index``-th probe point (``point``), kept."""
        slot = (key, index)
        if slot not in self._values:
            self._values[slot] = value_at(node, point)
            self.weight += VALUE_BYTES
        return self._values[slot]


def _size(expr: sympy.Expr) -> int:
    return sum(1 for _ in sympy.preorder_traversal(expr))


def _single_slips(function: sympy.Expr, x: sympy.Symbol) -> Iterator[Slip]:
    """Every one-slip variant: each rule everywhere, then at each place, most specific first."""
    probe = Slips()
    slipped_derivative(function, x, probe)
    for rule in RULE_TO_MISTAKE:
        places = probe.seen.get(rule, 0)
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
    prepared: Prepared,
    slips: tuple[Slip, ...],
    matcher: _Matcher,
    relabel: _Relabel,
) -> Finding | None:
    candidate = prepared.candidate(slips)
    if candidate is None or not matcher.matches(slips):
        return None
    mistakes = tuple(dict.fromkeys(relabel(RULE_TO_MISTAKE[s.rule]) for s in slips))
    return Finding(mistakes, _blame(prepared.function, prepared.x, candidate[1]))


def _blame(
    function: sympy.Expr, x: sympy.Symbol, fired: frozenset[int | None]
) -> TermAtFault | None:
    """The term of a sum that all the slips were made in, if there is one such term."""
    terms = terms_of(function)
    varying = sum(1 for term in terms if term.has(x))
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


def _is_antiderivative(
    prepared: Prepared, answer: sympy.Expr, symbols: Sequence[sympy.Symbol]
) -> bool:
    """True when d/dx of the answer is the function (integration instead of differentiation)."""
    if not answer.has(prepared.x):
        return False
    matcher = _Matcher(prepared, symbols, ("function", None), "function")
    return matcher.matches_node(compile_expression(sympy.diff(answer, prepared.x)))


class _Matcher:
    """Compares candidate expressions with the answer at a few fixed points.

    ``answer`` is (key, node): a key names a candidate of ``prepared`` whose values are
    kept; (None, node) is the player's answer, evaluated afresh.
    """

    def __init__(
        self,
        prepared: Prepared,
        symbols: Sequence[sympy.Symbol],
        answer: tuple[CandidateKey | None, Node | None],
        expected: CandidateKey,
    ) -> None:
        self.prepared = prepared
        answer_key, answer_node = answer
        self.points: list[tuple[int, dict[sympy.Symbol, mpf], mpf, mpf]] = []
        for index in range(MAX_PROBES):
            point = probe_point(symbols, index)
            if answer_key is None:
                assert answer_node is not None
                value = value_at(answer_node, point)
            else:
                value = self._value(answer_key, index, point)
            target = self._value(expected, index, point)
            if value is None or target is None:
                continue
            self.points.append((index, point, value, target))
            if len(self.points) == POINTS:
                break

    def _value(self, key: CandidateKey, index: int, point: dict[sympy.Symbol, mpf]) -> mpf | None:
        candidate = self.prepared.candidate(key)
        assert candidate is not None  # the fixed keys always have a tree
        return self.prepared.value(key, candidate[0], index, point)

    @property
    def usable(self) -> bool:
        """Enough points to tell explanations apart."""
        return len(self.points) >= 4

    def matches(self, key: CandidateKey) -> bool:
        """True when the prepared candidate ``key`` equals the answer at every point."""
        candidate = self.prepared.candidate(key)
        if candidate is None:
            return False
        for index, point, value, _ in self.points:
            if not _close(self.prepared.value(key, candidate[0], index, point), value):
                return False
        return True

    def matches_node(self, node: Node) -> bool:
        """True when ``node`` (not kept: it depends on the answer) equals the answer."""
        return all(_close(value_at(node, point), value) for _, point, value, _ in self.points)

    def constant_ratio(self) -> bool:
        """True when answer = k · expected for one constant k other than 1 and -1."""
        with mpmath.workdps(PROBE_PRECISION):
            ratios = [value / target for _, _, value, target in self.points if target != 0]
            if len(ratios) < 4:
                return False
            first = ratios[0]
            if abs(abs(first) - 1) < mpf(10) ** -12 or first == 0:
                return False
            return all(abs(r - first) <= mpf(10) ** -20 * abs(first) for r in ratios)


def _close(other: mpf | None, value: mpf) -> bool:
    if other is None:
        return False
    with mpmath.workdps(PROBE_PRECISION):
        return bool(abs(other - value) <= mpf(10) ** -20 * max(abs(value), abs(other), mpf(1)))
