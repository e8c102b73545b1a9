"""Name the classic mistake a wrong derivative looks like, with no hand-written wrong answers.

A deliberately wrong differentiator applies one mistaken rule (to every place it fits, or to
one place at a time) and the player's answer is compared with each result. Candidates are
tried from the most specific rule to the most generic, so ``5(3x+2)^4`` for (3x+2)^5 is
``chain-inner-missing``, not ``constant-factor``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import mpmath
import sympy
from mpmath import mpf

from derivquest.engine.equivalence import PRECISION, Sampler
from derivquest.engine.numeric import Undefined, compile_expression, evaluate_at

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
)
"""Stable ids: packs, progress and mastery refer to them; never rename one."""

SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "chain-inner-missing": "Chain rule: you differentiated the outer function but did not "
        "multiply by the derivative of the inside.",
        "product-rule-derivatives-multiplied": "The derivative of a product is not the product "
        "of the derivatives: (uv)' = u'v + uv'.",
        "quotient-rule-sign": "Quotient rule: the order in the numerator matters: "
        "(u/v)' = (u'v - uv')/v².",
        "power-rule-exponent": "Power rule: the exponent goes down by one: d/dx xⁿ = n·xⁿ⁻¹.",
        "power-rule-coefficient": "Power rule: bring the old exponent down as a factor: "
        "d/dx xⁿ = n·xⁿ⁻¹.",
        "sign-error": "A sign is wrong: check each minus (for example d/dx cos x = -sin x).",
        "constant-factor": "Right shape, wrong constant factor: check the numbers you "
        "multiplied by.",
        "antiderivative": "You integrated instead of differentiating: the derivative of your "
        "answer is the original function.",
        "not-differentiated": "That is the original function: it still needs differentiating.",
    },
    "bn": {
        "chain-inner-missing": "Chain rule: বাইরের function-এর derivative নিয়েছেন, কিন্তু "
        "ভেতরের function-এর derivative দিয়ে গুণ করেননি।",
        "product-rule-derivatives-multiplied": "গুণফলের derivative মানে derivative-গুলোর গুণফল "
        "নয়: (uv)' = u'v + uv'।",
        "quotient-rule-sign": "Quotient rule-এ লবের ক্রম গুরুত্বপূর্ণ: (u/v)' = (u'v - uv')/v²।",
        "power-rule-exponent": "Power rule: exponent এক কমে যায়: d/dx xⁿ = n·xⁿ⁻¹।",
        "power-rule-coefficient": "Power rule: পুরোনো exponent-টা সামনে গুণ হিসেবে নামিয়ে "
        "আনতে হয়: d/dx xⁿ = n·xⁿ⁻¹।",
        "sign-error": "কোথাও চিহ্ন (sign) ভুল হয়েছে: প্রতিটা minus দেখুন (যেমন d/dx cos x = -sin x)।",
        "constant-factor": "আকৃতি ঠিক আছে, কিন্তু constant factor ভুল: যে সংখ্যাগুলো দিয়ে গুণ "
        "করেছেন সেগুলো আবার দেখুন।",
        "antiderivative": "আপনি differentiate না করে integrate করেছেন: আপনার উত্তরের "
        "derivative-ই মূল function।",
        "not-differentiated": "এটা তো মূল function-ই: এখনো differentiate করা বাকি।",
    },
}
"""One sentence per mistake and language; the game falls back to English."""


def describe_mistake(mistake: str, language: str = "en") -> str:
    """Return the player-facing sentence for a mistake id."""
    return SENTENCES.get(language, SENTENCES["en"]).get(mistake) or SENTENCES["en"][mistake]


# -- a differentiator that can be told to get one rule wrong ---------------------------------

RULES = (
    "chain",
    "product",
    "quotient-swap",
    "quotient-plus",
    "power-keep",
    "power-up",
    "power-drop",
    "trig-sign",
)


@dataclass
class _Mistake:
    """Which rule to get wrong, and where: at every place it fits, or only the n-th."""

    rule: str
    target: int | None = None
    seen: int = 0

    def applies(self, rule: str) -> bool:
        if rule != self.rule:
            return False
        index = self.seen
        self.seen += 1
        return self.target is None or self.target == index


def wrong_derivative(expr: sympy.Expr, x: sympy.Symbol, mistake: _Mistake) -> sympy.Expr:
    """Differentiate ``expr`` by ``x``, getting ``mistake.rule`` wrong where it applies."""
    if not expr.has(x):
        return sympy.S.Zero
    if expr == x:
        return sympy.S.One
    if expr.is_Add:
        return sympy.Add(*(wrong_derivative(arg, x, mistake) for arg in expr.args))
    if expr.is_Mul:
        return _product(expr, x, mistake)
    if expr.is_Pow:
        return _power(expr, x, mistake)
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        inner = expr.args[0]
        outer = _outer_derivative(expr)
        if isinstance(expr, sympy.cos | sympy.sin) and mistake.applies("trig-sign"):
            outer = -outer
        if inner != x and mistake.applies("chain"):
            return outer
        return outer * wrong_derivative(inner, x, mistake)
    return sympy.diff(expr, x)


def _outer_derivative(call: sympy.Expr) -> sympy.Expr:
    dummy = sympy.Dummy("u", real=True)
    return sympy.diff(call.func(dummy), dummy).subs(dummy, call.args[0])


def _product(expr: sympy.Expr, x: sympy.Symbol, mistake: _Mistake) -> sympy.Expr:
    constant = sympy.Mul(*(f for f in expr.args if not f.has(x)))
    numerator = [f for f in expr.args if f.has(x) and not _is_reciprocal(f)]
    denominator = [f.base ** (-f.exp) for f in expr.args if f.has(x) and _is_reciprocal(f)]
    if denominator and numerator:
        u, v = sympy.Mul(*numerator), sympy.Mul(*denominator)
        du, dv = wrong_derivative(u, x, mistake), wrong_derivative(v, x, mistake)
        if mistake.applies("quotient-swap"):
            return constant * (u * dv - du * v) / v**2
        if mistake.applies("quotient-plus"):
            return constant * (du * v + u * dv) / v**2
        return constant * (du * v - u * dv) / v**2
    factors = numerator + denominator
    if len(factors) == 1:
        return constant * wrong_derivative(factors[0], x, mistake)
    if mistake.applies("product"):
        return constant * sympy.Mul(*(wrong_derivative(f, x, mistake) for f in factors))
    terms = []
    for index, factor in enumerate(factors):
        others = sympy.Mul(*(f for j, f in enumerate(factors) if j != index))
        terms.append(wrong_derivative(factor, x, mistake) * others)
    return constant * sympy.Add(*terms)


def _is_reciprocal(factor: sympy.Expr) -> bool:
    return bool(factor.is_Pow and factor.exp.is_number and factor.exp.is_negative)


def _power(expr: sympy.Expr, x: sympy.Symbol, mistake: _Mistake) -> sympy.Expr:
    base, exponent = expr.base, expr.exp
    if not exponent.has(x):
        inner = wrong_derivative(base, x, mistake) if base != x else sympy.S.One
        if mistake.applies("power-keep"):
            outer = exponent * base**exponent
        elif mistake.applies("power-up"):
            outer = exponent * base ** (exponent + 1)
        elif mistake.applies("power-drop"):
            outer = base ** (exponent - 1)
        else:
            outer = exponent * base ** (exponent - 1)
        if base != x and mistake.applies("chain"):
            return outer
        return outer * inner
    if not base.has(x):
        outer = expr * sympy.log(base)
        if mistake.applies("chain") and exponent != x:
            return outer
        return outer * wrong_derivative(exponent, x, mistake)
    return sympy.diff(expr, x)


# -- matching ----------------------------------------------------------------------------------

RULE_TO_MISTAKE = {
    "chain": "chain-inner-missing",
    "product": "product-rule-derivatives-multiplied",
    "quotient-swap": "quotient-rule-sign",
    "quotient-plus": "quotient-rule-sign",
    "power-keep": "power-rule-exponent",
    "power-up": "power-rule-exponent",
    "power-drop": "power-rule-coefficient",
    "trig-sign": "sign-error",
}

MAX_TARGETS = 6
"""Places one rule is tried at individually, beyond 'everywhere at once'."""


def _candidates(function: sympy.Expr, x: sympy.Symbol) -> Iterator[tuple[str, sympy.Expr]]:
    """Yield (mistake id, wrong derivative), most specific first."""
    for rule in RULES:
        counter = _Mistake(rule)
        everywhere = wrong_derivative(function, x, counter)
        if counter.seen == 0:
            continue
        yield RULE_TO_MISTAKE[rule], everywhere
        if counter.seen > 1:
            for target in range(min(counter.seen, MAX_TARGETS)):
                yield RULE_TO_MISTAKE[rule], wrong_derivative(function, x, _Mistake(rule, target))
    derivative = sympy.diff(function, x)
    if derivative.is_Add:
        for index in range(min(len(derivative.args), MAX_TARGETS)):
            terms = list(derivative.args)
            terms[index] = -terms[index]
            yield "sign-error", sympy.Add(*terms)
    yield "not-differentiated", function


class _Matcher:
    """Compares candidate expressions with the answer at a few shared points."""

    def __init__(self, answer: sympy.Expr, expected: sympy.Expr, x: sympy.Symbol) -> None:
        self.answer = compile_expression(answer)
        self.points: list[tuple[dict[sympy.Symbol, mpf], mpf, mpf]] = []
        expected_node = compile_expression(expected)
        sampler = Sampler(expected, answer, [x])
        with mpmath.workdps(PRECISION):
            for attempt in range(60):
                point = sampler.point(attempt)
                try:
                    value, _ = evaluate_at(self.answer, point)
                    target, _ = evaluate_at(expected_node, point)
                except Undefined:
                    continue
                self.points.append((point, value, target))
                if len(self.points) == 8:
                    break

    def matches(self, candidate: sympy.Expr) -> bool:
        if len(self.points) < 4:
            return False
        node = compile_expression(candidate)
        with mpmath.workdps(PRECISION):
            for point, value, _ in self.points:
                try:
                    other, scale = evaluate_at(node, point)
                except Undefined:
                    return False
                if abs(other - value) > mpf(10) ** -20 * max(abs(value), scale, mpf(1)):
                    return False
        return True

    def constant_ratio(self) -> bool:
        """True when answer = k · expected for one constant k other than 1 and -1."""
        ratios = [value / target for _, value, target in self.points if target != 0]
        if len(ratios) < 4:
            return False
        first = ratios[0]
        if abs(abs(first) - 1) < mpf(10) ** -12 or first == 0:
            return False
        return all(abs(r - first) <= mpf(10) ** -20 * abs(first) for r in ratios)


def diagnose(function: sympy.Expr, answer: sympy.Expr, x: sympy.Symbol) -> str | None:
    """Return the mistake id that best explains ``answer`` as a wrong d/dx ``function``."""
    expected = sympy.diff(function, x)
    matcher = _Matcher(answer, expected, x)
    for mistake, candidate in _candidates(function, x):
        if matcher.matches(candidate):
            return mistake
    if _is_antiderivative(answer, function, x):
        return "antiderivative"
    if matcher.matches(-expected):
        return "sign-error"
    if matcher.constant_ratio():
        return "constant-factor"
    return None


def _is_antiderivative(answer: sympy.Expr, function: sympy.Expr, x: sympy.Symbol) -> bool:
    """True when d/dx of the answer is the function (integration instead of differentiation)."""
    if not answer.has(x):
        return False
    matcher = _Matcher(function, function, x)
    return matcher.matches(sympy.diff(answer, x))
