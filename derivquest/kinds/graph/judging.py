"""Judge one entry of the lab: a number, or an expression in the graph's node names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import mpmath
from mpmath import mpf

from derivquest.engine import EngineError, parse
from derivquest.engine.equivalence import PRECISION
from derivquest.engine.error_texts import error_text
from derivquest.engine.numeric import (
    Imprecise,
    Undefined,
    compile_expression,
    evaluate_precisely,
)
from derivquest.kinds.graph.compute import format_value
from derivquest.kinds.graph.diagnosis import Diagnosis, diagnose
from derivquest.kinds.graph.graph import ancestors_in
from derivquest.kinds.graph.instance import GraphInstance, Slot
from derivquest.kinds.graph.magnitude import TooLarge, check_size
from derivquest.kinds.graph.texts import describe, say

Status = Literal["correct", "incorrect", "invalid"]


@dataclass(frozen=True, slots=True)
class EntryVerdict:
    """The outcome of one entry, as data: a text key and its values (see `present`)."""

    status: Status
    key: str
    """A key of `texts.TEXTS`, or "engine" for the engine's own message."""
    values: dict[str, str] = field(default_factory=dict)
    diagnosis: Diagnosis | None = None
    number: float | None = None
    """The entry's value, when it has one."""
    column: int | None = None

    @property
    def correct(self) -> bool:
        """True when the entry is right."""
        return self.status == "correct"


def entry_name(slot: Slot) -> str:
    """`z` for a value, `∂L/∂z` for a gradient (the same in every language)."""
    node, entry = slot
    return say(f"entry.{entry}", "en", node=node)


def close_to(instance: GraphInstance, answer: mpf, target: mpf) -> bool:
    """Within the question's absolute or relative tolerance."""
    distance = abs(answer - target)
    return bool(distance <= instance.abs_tol or distance <= instance.rel_tol * abs(target))


def right_number(instance: GraphInstance, slot: Slot) -> mpf:
    """The exact answer of a slot at working precision."""
    node, entry = slot
    computed = instance.computed
    return computed.value(node) if entry == "value" else computed.grad(node)


def judge_entry(instance: GraphInstance, slot: Slot, text: str) -> EntryVerdict:
    """Judge what the learner typed for `slot`; a wrong number gets its mistake named."""
    if not text.strip():
        return EntryVerdict("invalid", "empty")
    node, entry = slot
    try:
        parsed = parse(text, instance.symbols)
    except EngineError as error:
        # The engine's own message id and values: `present` writes it in the language.
        values = {"message": error.message, **dict(error.params), "error": error.key or ""}
        return EntryVerdict("invalid", "engine", values, column=error.column)
    used = sorted(str(symbol) for symbol in parsed.expr.free_symbols)
    allowed = _allowed(instance, slot)
    banned = [name for name in used if name not in allowed]
    if banned:
        return EntryVerdict("invalid", "own-name", {"names": ", ".join(banned)})
    point = {parsed.symbols[name]: instance.computed.value(name) for name in used}
    try:
        check_size(parsed.expr, {symbol: float(value) for symbol, value in point.items()})
    except TooLarge:
        return EntryVerdict("invalid", "too-large-to-check")
    with mpmath.workdps(PRECISION):
        try:
            # One value, no other point to fall back on: more digits when it needs them.
            answer, _ = evaluate_precisely(compile_expression(parsed.expr), point)
        except Imprecise:
            return EntryVerdict("invalid", "too-large-to-check")
        except Undefined:
            return EntryVerdict("incorrect", "not-real")
    right = right_number(instance, slot)
    if close_to(instance, answer, right):
        shown = {"entry": entry_name(slot), "value": format_value(right)}
        return EntryVerdict("correct", "correct", shown, number=float(answer))
    found = diagnose(
        instance.shape,
        instance.computed,
        node,
        entry,
        answer,
        lambda a, b: close_to(instance, a, b),
    )
    key = "too-large" if answer > right else "too-small"
    return EntryVerdict(
        "incorrect", key, {"answer": format_value(answer)}, diagnosis=found, number=float(answer)
    )


def present(verdict: EntryVerdict, language: str) -> str:
    """The one presenter of an entry verdict: the mistake's sentence first, then the numbers."""
    if verdict.key == "engine":
        key = verdict.values.get("error")
        if not key:
            return verdict.values["message"]
        return error_text(key, language, verdict.values.items())
    sentence = say(verdict.key, language, **verdict.values)
    if verdict.diagnosis is not None:
        return f"{describe(verdict.diagnosis, language)} {sentence}"
    return sentence


def _allowed(instance: GraphInstance, slot: Slot) -> set[str]:
    """A value may use the nodes it is computed from; a gradient may use any node's value."""
    node, entry = slot
    if entry == "grad":
        return set(instance.symbols)
    return set(instance.symbols) & ancestors_in(instance.shape, node)
