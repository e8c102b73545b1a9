"""Typed expressions as bounded float64 programs of one variable, for charts and plot tasks.

The symbolic work (parse, differentiate) happens once, in the checker process under its
deadline (``JudgeService.chart_curves``); what comes back is a ``Program``: a flat list of at
most ``MAX_PROGRAM`` float64 instructions. Running it costs O(1) per instruction whatever the
input (an overflow is an infinity, never a bigger number), so a chart can draw hundreds of
points on every key press and no function can freeze the game or fill its memory. mpmath's
arbitrary exponents (``2^2^2^2^2^x`` grew a game to 22 GB) never run on the UI thread.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivquest.engine.errors import EngineError, LimitExceeded
from derivquest.engine.mlfunctions import relu, sigmoid, softplus
from derivquest.engine.parser import parse

RealFunction = Callable[[float], float]

MAX_PROGRAM = 4000
"""Instructions one compiled function may have (a repeated sub-expression counts once)."""

Instruction = tuple[str, float]
"""An operation name and its number (a constant, an argument count, a power or a slot)."""


class Undefined(ArithmeticError):
    """No real value at this point (outside a domain, division by zero, a NaN)."""


def _nonzero(value: float) -> float:
    if value == 0:
        raise Undefined("division by zero")
    return value


def _within(low: float, high: float) -> Callable[[float], float]:
    def check(value: float) -> float:
        if not low <= value <= high:
            raise Undefined("outside the domain")
        return value

    return check


def _exp(value: float) -> float:
    try:
        return math.exp(value)
    except OverflowError:
        return math.inf


def _sinh(value: float) -> float:
    try:
        return math.sinh(value)
    except OverflowError:
        return math.copysign(math.inf, value)


def _cosh(value: float) -> float:
    try:
        return math.cosh(value)
    except OverflowError:
        return math.inf


def _sigmoid(value: float) -> float:
    # Two forms so that exp never overflows for large |x|.
    if value >= 0:
        return 1 / (1 + math.exp(-value))
    z = math.exp(value)
    return z / (1 + z)


def _log(value: float) -> float:
    if not value > 0:
        raise Undefined("log of a non-positive number")
    return math.log(value)


def _acot(value: float) -> float:
    return math.pi / 2 if value == 0 else math.atan(1 / value)


def _sign(value: float) -> float:
    return 0.0 if value == 0 else math.copysign(1.0, value)


def _delta(value: float) -> float:
    if value == 0:
        raise Undefined("Dirac delta at 0")
    return 0.0


UNARY: dict[str, Callable[[float], float]] = {
    "exp": _exp,
    "sqrt": lambda v: math.sqrt(_within(0, math.inf)(v)),
    "log": _log,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "sec": lambda v: 1 / _nonzero(math.cos(v)),
    "csc": lambda v: 1 / _nonzero(math.sin(v)),
    "cot": lambda v: math.cos(v) / _nonzero(math.sin(v)),
    "asin": lambda v: math.asin(_within(-1, 1)(v)),
    "acos": lambda v: math.acos(_within(-1, 1)(v)),
    "atan": math.atan,
    "asec": lambda v: math.acos(1 / _nonzero(v)),
    "acsc": lambda v: math.asin(1 / _nonzero(v)),
    "acot": _acot,
    "sinh": _sinh,
    "cosh": _cosh,
    "tanh": math.tanh,
    "sech": lambda v: 1 / _cosh(v),
    "csch": lambda v: 1 / _sinh(_nonzero(v)),
    "coth": lambda v: 1 / _nonzero(math.tanh(v)),
    "asinh": math.asinh,
    "acosh": lambda v: math.acosh(_within(1, math.inf)(v)),
    "atanh": lambda v: math.atanh(_within(-1, 1)(v)),
    "Abs": abs,
    "sign": _sign,
    "DiracDelta": _delta,
    "sigmoid": _sigmoid,
    "relu": lambda v: max(v, 0.0),
    "softplus": lambda v: max(v, 0.0) + math.log1p(math.exp(-abs(v))),
}
"""Functions of one argument in float64, with the same real domains as the exact checker."""

_NARY = frozenset({"add", "mul", "max", "min"})
_SYMPY_NAMES: dict[type, str] = {sigmoid: "sigmoid", relu: "relu", softplus: "softplus"}


@dataclass(frozen=True)
class Program:
    """A compiled f(x): float64 instructions run on a stack, O(1) work per instruction.

    Built only through ``compile_program`` or checked on construction (the game receives
    programs from another process): unknown operations, too many instructions or a broken
    stack discipline raise ``LimitExceeded``.
    """

    code: tuple[Instruction, ...]

    def __reduce__(self) -> tuple[type[Program], tuple[tuple[Instruction, ...]]]:
        # Unpickling goes through __init__, so a program from the checker is checked again.
        return (Program, (self.code,))

    def __post_init__(self) -> None:
        if len(self.code) > MAX_PROGRAM:
            raise LimitExceeded.said("error.chart-too-large")
        depth, slots = 0, 0
        for op, arg in self.code:
            if op in ("x", "const"):
                depth += 1
            elif op in _NARY:
                if not 1 <= arg <= depth or arg != int(arg):
                    raise LimitExceeded.said("error.chart-program", detail=f"{op} {arg}")
                depth -= int(arg) - 1
            elif op == "pow":
                if depth < 2:
                    raise LimitExceeded.said("error.chart-program", detail="pow")
                depth -= 1
            elif op == "keep":
                if depth < 1 or arg != slots:
                    raise LimitExceeded.said("error.chart-program", detail="keep")
                slots += 1
            elif op == "load":
                if not 0 <= arg < slots or arg != int(arg):
                    raise LimitExceeded.said("error.chart-program", detail="load")
                depth += 1
            elif op in ("powi", "step") or op in UNARY:
                if depth < 1:
                    raise LimitExceeded.said("error.chart-program", detail=op)
            else:
                raise LimitExceeded.said("error.chart-program", detail=f"unknown operation {op!r}")
        if depth != 1:
            raise LimitExceeded.said("error.chart-program", detail="stack")

    def __call__(self, x: float) -> float:
        """f(x) in float64; NaN where f has no real value (or x is not finite)."""
        if not math.isfinite(x):
            return math.nan
        try:
            value = _run(self.code, x)
        except (Undefined, ArithmeticError, ValueError):
            return math.nan
        return value if math.isfinite(value) else math.nan


def _run(code: tuple[Instruction, ...], x: float) -> float:
    stack: list[float] = []
    slots: list[float] = []
    push = stack.append
    for op, arg in code:
        if op == "x":
            push(x)
            continue
        if op == "const":
            push(arg)
            continue
        if op == "load":
            push(slots[int(arg)])
            continue
        if op == "keep":
            slots.append(stack[-1])
            continue
        if op in _NARY:
            count = int(arg)
            values = stack[-count:]
            del stack[-count:]
            value = _combine(op, values)
        elif op == "pow":
            exponent = stack.pop()
            value = _real_power(stack.pop(), exponent)
        elif op == "powi":
            value = _integer_power(stack.pop(), arg)
        elif op == "step":
            inner = stack.pop()
            value = arg if inner == 0 else (1.0 if inner > 0 else 0.0)
        else:
            value = UNARY[op](stack.pop())
        if value != value:  # NaN: undefined here, whatever the rest would do with it
            raise Undefined("no real value")
        push(value)
    return stack[-1]


def _combine(op: str, values: list[float]) -> float:
    if op == "add":
        try:
            return math.fsum(values)
        except (OverflowError, ValueError):  # inf - inf, or an intermediate overflow
            return sum(values)
    if op == "mul":
        product = 1.0
        for value in values:
            product *= value
        return product
    return max(values) if op == "max" else min(values)


def _integer_power(base: float, power: float) -> float:
    if base == 0 and power < 0:
        raise Undefined("division by zero")
    try:
        return math.pow(base, power)
    except OverflowError:
        odd = math.fmod(power, 2) != 0
        return -math.inf if base < 0 and odd else math.inf


def _real_power(base: float, exponent: float) -> float:
    # Over the reals a negative base has no non-integer power (the exact checker agrees).
    if base < 0 or (base == 0 and exponent <= 0):
        raise Undefined("power of a negative number")
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf


def _constant(expr: sympy.Expr) -> float:
    try:
        return float(expr)
    except OverflowError:
        return math.inf if expr.is_positive else -math.inf
    except TypeError:  # complex (I) or not a number
        return math.nan


def compile_program(expr: sympy.Expr, symbol: sympy.Symbol) -> Program:
    """Translate a SymPy expression in ``symbol`` into a ``Program``.

    Work is bounded by ``MAX_PROGRAM``: compiling stops as soon as the program would be
    longer, so an expression tree with exponentially many repeats cannot stall it.

    Raises:
        LimitExceeded: the program would be too long.
        EngineError: the expression uses something a chart cannot draw.
    """
    code: list[Instruction] = []
    seen: dict[sympy.Expr, int] = {}

    def emit(op: str, arg: float = 0.0) -> None:
        if len(code) >= MAX_PROGRAM:
            raise LimitExceeded.said("error.chart-too-large")
        code.append((op, arg))

    # Post-order with an explicit stack: derivative trees can be deeper than Python's
    # recursion limit allows.
    work: list[tuple[sympy.Expr, bool]] = [(expr, False)]
    while work:
        node, children_done = work.pop()
        if node in seen:
            emit("load", seen[node])
            continue
        if not children_done:
            args = _operands(node, symbol)
            work.append((node, True))
            work.extend((arg, False) for arg in reversed(args))
            continue
        _emit_node(node, symbol, emit)
        if node.args:  # worth a slot: a sub-expression the derivative may repeat
            seen[node] = len(seen)
            emit("keep", seen[node])
    return Program(tuple(code))


def _operands(node: sympy.Expr, symbol: sympy.Symbol) -> tuple[sympy.Expr, ...]:
    """The sub-expressions ``_emit_node`` expects on the stack, in order."""
    if node.is_Atom:
        return ()
    if node.is_Pow:
        exponent = node.exp
        if exponent.is_Integer or exponent == sympy.S.Half:
            return (node.base,)
        return (node.base, exponent)
    if isinstance(node, sympy.Heaviside):
        return (node.args[0],)
    if node.is_Add or node.is_Mul or isinstance(node, (sympy.Max, sympy.Min)):
        return tuple(node.args)
    if len(node.args) == 1 and _unary_name(node) is not None:
        return (node.args[0],)
    raise EngineError.said("error.chart-cannot-draw", what=type(node).__name__)


def _unary_name(node: sympy.Expr) -> str | None:
    name = _SYMPY_NAMES.get(type(node), type(node).__name__)
    return name if name in UNARY else None


def _emit_node(node: sympy.Expr, symbol: sympy.Symbol, emit: Callable[..., None]) -> None:
    if node.is_Symbol:
        if node != symbol:
            raise EngineError.said("error.chart-one-variable", variable=symbol)
        emit("x")
    elif node.is_Atom:
        emit("const", _constant(node))
    elif node.is_Pow:
        exponent = node.exp
        if exponent == sympy.S.Half:
            emit("sqrt")
        elif exponent.is_Integer:
            emit("powi", _constant(exponent))
        else:
            emit("pow")
    elif isinstance(node, sympy.Heaviside):
        at_zero = _constant(node.args[1]) if len(node.args) > 1 else 0.5
        emit("step", at_zero)
    elif node.is_Add or node.is_Mul or isinstance(node, (sympy.Max, sympy.Min)):
        op = "add" if node.is_Add else "mul" if node.is_Mul else type(node).__name__.lower()
        emit(op, float(len(node.args)))
    else:
        name = _unary_name(node)
        assert name is not None  # _operands refused everything else
        emit(name)


@dataclass(frozen=True)
class ChartCurves:
    """f and f' of a typed function, ready to draw (what the checker sends back)."""

    function: Program
    derivative: Program


def chart_curves(text: str, variable: str = "x") -> ChartCurves:
    """Parse ``text``, differentiate it, and compile both (run this under a deadline).

    Raises:
        EngineError: unreadable text, or a function too large to draw.
    """
    parsed = parse(text, (variable,))
    symbol = parsed.symbols[variable]
    return ChartCurves(
        compile_program(parsed.expr, symbol),
        compile_program(sympy.diff(parsed.expr, symbol), symbol),
    )


def real_function(text: str, variable: str = "x") -> RealFunction:
    """Return f(variable) for the typed ``text``; NaN where f has no real value.

    Raises:
        EngineError: the text is not a readable expression in ``variable``.
    """
    parsed = parse(text, (variable,))
    return compile_program(parsed.expr, parsed.symbols[variable])


def real_derivative(text: str, variable: str = "x", order: int = 1) -> RealFunction:
    """Return the ``order``-th derivative of the typed ``text`` as a float function."""
    parsed = parse(text, (variable,))
    symbol = parsed.symbols[variable]
    return compile_program(sympy.diff(parsed.expr, symbol, order), symbol)
