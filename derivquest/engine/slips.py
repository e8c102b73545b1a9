"""A differentiator that can be told to slip: get named rules wrong at chosen places.

It works on the question's function as written (an unevaluated tree, see
``derivquest.engine.written``), so ``(2x)^3`` is still a power of ``2x`` and its chain rule
can be forgotten. Each slip is a rule and the place it applies at (the n-th time the rule
fits, counted in tree order), or every place at once; the top-level term each slip fired in
is recorded, so a diagnosis can say which term of a sum is at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from derivquest.engine.mlfunctions import sigmoid

RULES = (
    "sigmoid-outer",
    "tanh-input",
    "square-no-two",
    "square-no-inner",
    "log-sign",
    "chain",
    "product",
    "quotient-swap",
    "quotient-plus",
    "power-keep",
    "power-up",
    "power-drop",
    "trig-sign",
    "term-sign",
)
"""Every rule the differentiator can get wrong, the most specific first."""


@dataclass(frozen=True, slots=True)
class Slip:
    """One rule to get wrong: at its ``place``-th occurrence, or everywhere when None."""

    rule: str
    place: int | None = None


@dataclass
class Slips:
    """The slips of one wrong derivation, with what was seen while deriving."""

    slips: tuple[Slip, ...] = ()
    seen: dict[str, int] = field(default_factory=dict)
    """How many places each rule fitted at."""
    fired: set[int | None] = field(default_factory=set)
    """Top-level terms (0-based; None outside a sum) where a slip was applied."""
    term: int | None = None

    def applies(self, rule: str) -> bool:
        """Count one place where ``rule`` fits; True when a slip is to be made there."""
        index = self.seen.get(rule, 0)
        self.seen[rule] = index + 1
        hit = any(s.rule == rule and s.place in (None, index) for s in self.slips)
        if hit:
            self.fired.add(self.term)
        return hit


def terms_of(expr: sympy.Expr) -> list[sympy.Expr]:
    """The terms of a (possibly nested, unevaluated) sum, in the order they were typed."""
    if not expr.is_Add:
        return [expr]
    return [term for arg in expr.args for term in terms_of(arg)]


def slipped_derivative(function: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    """d/dx ``function`` with ``slips`` made; top-level terms are tracked for blame."""
    terms = terms_of(function)
    if len(terms) == 1:
        return _derive(function, x, slips)
    parts = []
    for index, term in enumerate(terms):
        if not term.has(x):
            continue
        slips.term = index
        parts.append(_signed(_derive(term, x, slips), slips))
    slips.term = None
    return sympy.Add(*parts)


def _signed(derivative: sympy.Expr, slips: Slips) -> sympy.Expr:
    return -derivative if slips.applies("term-sign") else derivative


def _derive(expr: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    if not expr.has(x):
        return sympy.S.Zero
    if expr == x:
        return sympy.S.One
    if expr.is_Add:
        return sympy.Add(
            *(_signed(_derive(a, x, slips), slips) for a in terms_of(expr) if a.has(x))
        )
    if expr.is_Mul:
        return _product(expr, x, slips)
    if expr.is_Pow:
        return _power(expr, x, slips)
    if isinstance(expr, sympy.Function) and len(expr.args) == 1:
        return _call(expr, x, slips)
    return sympy.diff(expr, x)


def _call(expr: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    inner = expr.args[0]
    outer = _outer_derivative(expr)
    if isinstance(expr, sigmoid) and slips.applies("sigmoid-outer"):
        outer = expr  # σ' written as σ: the (1 - σ) is missing
    if isinstance(expr, sympy.tanh) and slips.applies("tanh-input"):
        outer = 1 - inner**2  # 1 - u² instead of 1 - tanh²(u)
    if isinstance(expr, sympy.cos | sympy.sin) and slips.applies("trig-sign"):
        outer = -outer
    if inner != x and slips.applies("chain"):
        return outer
    derivative = outer * _derive(inner, x, slips)
    if isinstance(expr, sympy.log) and slips.applies("log-sign"):
        return -derivative
    return derivative


def _outer_derivative(call: sympy.Expr) -> sympy.Expr:
    """f'(u) at the call's argument. ``fdiff`` asks no assumptions, unlike ``diff`` on a
    dummy plus ``subs``, which made a diagnosis of a cross-entropy take seconds."""
    try:
        return call.fdiff(1)
    except (sympy.ArgumentIndexError, NotImplementedError):
        dummy = sympy.Dummy("u", real=True)
        return sympy.diff(call.func(dummy), dummy).subs(dummy, call.args[0])


def _product(expr: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    factors = _factors(expr)
    constant = sympy.Mul(*(f for f in factors if not f.has(x)))
    numerator = [f for f in factors if f.has(x) and not _is_reciprocal(f)]
    denominator = [f.base ** (-f.exp) for f in factors if f.has(x) and _is_reciprocal(f)]
    if denominator and numerator:
        u, v = sympy.Mul(*numerator), sympy.Mul(*denominator)
        du, dv = _derive(u, x, slips), _derive(v, x, slips)
        # Count every rule at every place before choosing, so places number the same way
        # whichever slips are made (two slips at once rely on it).
        swap, plus = slips.applies("quotient-swap"), slips.applies("quotient-plus")
        if swap:
            return constant * (u * dv - du * v) / v**2
        if plus:
            return constant * (du * v + u * dv) / v**2
        return constant * (du * v - u * dv) / v**2
    # A lone 1/v (2/x) is a power, not a quotient: keep it as written.
    varying = [f for f in factors if f.has(x)]
    if len(varying) == 1:
        return constant * _derive(varying[0], x, slips)
    if slips.applies("product"):
        return constant * sympy.Mul(*(_derive(f, x, slips) for f in varying))
    terms = []
    for index, factor in enumerate(varying):
        others = sympy.Mul(*(f for j, f in enumerate(varying) if j != index))
        terms.append(_derive(factor, x, slips) * others)
    return constant * sympy.Add(*terms)


def _factors(expr: sympy.Expr) -> list[sympy.Expr]:
    """The factors of a (possibly nested, unevaluated) product."""
    if not expr.is_Mul:
        return [expr]
    return [factor for arg in expr.args for factor in _factors(arg)]


def _is_reciprocal(factor: sympy.Expr) -> bool:
    return bool(factor.is_Pow and factor.exp.is_number and factor.exp.is_negative)


def _power(expr: sympy.Expr, x: sympy.Symbol, slips: Slips) -> sympy.Expr:
    base, exponent = expr.base, expr.exp
    if not exponent.has(x):
        return _constant_power(base, exponent, x, slips)
    if not base.has(x):
        outer = expr * sympy.log(base)
        if exponent != x and slips.applies("chain"):
            return outer
        return outer * _derive(exponent, x, slips)
    return sympy.diff(expr, x)


def _constant_power(
    base: sympy.Expr, exponent: sympy.Expr, x: sympy.Symbol, slips: Slips
) -> sympy.Expr:
    if exponent == 2 and _is_residual(base, x):
        # (wx - y)²: the squared error, where ML learners drop the 2 or the inner factor.
        outer = 2 * base
        if slips.applies("square-no-two"):
            outer = base
        no_inner, chain = slips.applies("square-no-inner"), slips.applies("chain")
        if no_inner or chain:
            return outer
        return outer * _derive(base, x, slips)
    inner = _derive(base, x, slips) if base != x else sympy.S.One
    keep, up, drop = (slips.applies(rule) for rule in ("power-keep", "power-up", "power-drop"))
    if keep:
        outer = exponent * base**exponent
    elif up:
        outer = exponent * base ** (exponent + 1)
    elif drop:
        outer = base ** (exponent - 1)
    else:
        outer = exponent * base ** (exponent - 1)
    if base != x and slips.applies("chain"):
        return outer
    return outer * inner


def _is_residual(base: sympy.Expr, x: sympy.Symbol) -> bool:
    """A sum in x and at least one other variable, like the wx - y of a squared error."""
    return bool(base.is_Add and base.has(x) and len(base.free_symbols) >= 2)
