"""The state of one lab session: entries, cursor, giving up, and the backward-pass animation.

Pure Python so it can be tested without a screen; the widget only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from derivquest.kinds.graph.compute import Term, number
from derivquest.kinds.graph.gradcheck import GradCheck, gradient_check
from derivquest.kinds.graph.instance import GraphInstance, Slot
from derivquest.kinds.graph.judging import EntryVerdict, judge_entry, right_number
from derivquest.kinds.graph.layout import Layout, layout

Edge = tuple[str, str, int]
"""(source, consumer, input slot): one arrow of the graph."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the backward-pass animation: a gradient flowing back along one edge."""

    term: Term
    total: float
    """∂L/∂source after this step (the sum so far)."""


class LabState:
    """Everything the learner has done on one graph."""

    def __init__(self, instance: GraphInstance) -> None:
        self.instance = instance
        self.layout: Layout = layout(instance.shape)
        self.verdicts: dict[Slot, EntryVerdict] = {}
        """The latest verdict of each slot that was entered."""
        self.typed: dict[Slot, str] = {}
        """The latest text of each slot."""
        self.given_up = False
        self.mistakes = 0
        """Wrong entries so far (for scoring)."""
        slots = instance.slots()
        self.slot: Slot = slots[0] if slots else (instance.output, "grad")
        """The slot the cursor is on."""
        self.step: int | None = None
        """The animation's step (None: not playing; 0: ∂L/∂L = 1; 1..len(steps): one edge
        each; len(steps) + 1: the gradient check)."""
        self.steps = animation_steps(instance)

    # -- progress --------------------------------------------------------------------------

    def open_slots(self) -> list[Slot]:
        """Asked slots not yet answered right."""
        return [s for s in self.instance.slots() if not self.is_right(s)]

    def is_right(self, slot: Slot) -> bool:
        """True when the slot's latest entry was right."""
        verdict = self.verdicts.get(slot)
        return verdict is not None and verdict.correct

    @property
    def solved(self) -> bool:
        """Every asked slot answered right."""
        return not self.open_slots()

    @property
    def finished(self) -> bool:
        """Solved or given up: the animation may play."""
        return self.solved or self.given_up

    def known(self, slot: Slot) -> bool:
        """True when the lab shows this slot's number (given, answered right, or revealed)."""
        node, entry = slot
        if self.finished or self.is_right(slot):
            return True
        if self.instance.asked(slot):
            return False
        if entry == "value":
            return True
        return node == self.instance.output  # the only gradient given unasked is ∂L/∂L

    # -- actions ---------------------------------------------------------------------------

    def submit(self, text: str) -> EntryVerdict:
        """Judge `text` for the cursor's slot and record it."""
        verdict = judge_entry(self.instance, self.slot, text)
        self.record(self.slot, text, verdict)
        return verdict

    def record(self, slot: Slot, text: str, verdict: EntryVerdict) -> None:
        """Keep a verdict (judged elsewhere, e.g. in a thread); a right one moves the cursor on."""
        if verdict.status == "invalid" or self.finished:
            return
        self.verdicts[slot] = verdict
        self.typed[slot] = text
        if not verdict.correct:
            self.mistakes += 1
        elif slot == self.slot:
            self.next_open()

    def next_open(self, direction: int = 1) -> None:
        """Move to the next (or previous) open slot, in play order, wrapping around."""
        slots = self.instance.slots()
        targets = self.open_slots() or slots
        if not targets:
            return
        start = slots.index(self.slot) if self.slot in slots else -1
        ordered = (
            slots[start + 1 :] + slots[: start + 1]
            if direction > 0
            else (list(reversed(slots[:start])) + list(reversed(slots[start:])))
        )
        for slot in ordered:
            if slot in targets:
                self.slot = slot
                return

    def move(self, dx: int, dy: int) -> None:
        """Move the cursor to the nearest node left/right (dx) or above/below (dy)."""
        node = self.slot[0]
        grid = self.layout
        column, row = grid.column[node], grid.slot[node]
        if dy:
            same = grid.nodes_in(column)
            candidates = [n for n in same if (grid.slot[n] - row) * dy > 0]
            if not candidates:
                return
            target = min(candidates, key=lambda n: abs(grid.slot[n] - row))
        else:
            target_column = column + dx
            if not 0 <= target_column < grid.columns:
                return
            target = min(grid.nodes_in(target_column), key=lambda n: abs(grid.slot[n] - row))
        self.slot = self._slot_at(target)

    def toggle(self) -> None:
        """Switch the cursor between the node's value and its gradient."""
        node, entry = self.slot
        self.slot = (node, "grad" if entry == "value" else "value")

    def give_up(self) -> None:
        """Reveal every answer."""
        self.given_up = True

    # -- animation -------------------------------------------------------------------------

    def advance(self) -> bool:
        """Play the next animation step; False when the animation has ended."""
        if not self.finished:
            return False
        if self.step is None:
            self.step = 0
            return True
        if self.step <= len(self.steps):  # the step after the last edge is the gradient check
            self.step += 1
            return True
        return False

    def highlighted(self) -> set[Edge]:
        """The edges to draw highlighted: the animation's edge, or the cursor's edges."""
        if self.step is not None:
            if 0 < self.step <= len(self.steps):
                term = self.steps[self.step - 1].term
                return {(term.source, term.consumer, term.slot)}
            return set()
        node, entry = self.slot
        shape = self.instance.shape
        if entry == "grad":
            return {(node, c, s) for c, s in shape.consumers[node]}
        return {(source, node, s) for s, source in enumerate(shape.nodes[node].inputs)}

    def animated_grads(self) -> dict[str, float]:
        """∂L/∂node as accumulated so far by the animation (the output starts at 1)."""
        shown = {self.instance.output: 1.0}
        for step in self.steps[: self.step or 0]:
            shown[step.term.source] = step.total
        return shown

    def gradient_check(self) -> GradCheck | None:
        """The final step: the learner's gradient of the checked param beside the numeric one."""
        param = self.instance.check
        if param is None:
            return None
        verdict = self.verdicts.get((param, "grad"))
        mine = verdict.number if verdict is not None and verdict.number is not None else None
        analytic = mine if mine is not None else float(right_number(self.instance, (param, "grad")))
        return gradient_check(self.instance, param, analytic)

    def _slot_at(self, node: str) -> Slot:
        """The slot to edit at `node`: an open asked one first, else keep the entry kind."""
        ask = self.instance.node(node).ask
        for entry in ask:
            if not self.is_right((node, entry)):
                return (node, entry)
        if ask:
            return (node, ask[0])
        return (node, self.slot[1])


def animation_steps(instance: GraphInstance) -> list[Step]:
    """The backward pass as a list of edges, from the output back, with running sums."""
    shape, computed = instance.shape, instance.computed
    steps: list[Step] = []
    totals: dict[str, float] = {}
    for consumer in reversed(shape.order):
        for slot, source in enumerate(shape.nodes[consumer].inputs):
            term = next(
                t for t in computed.terms[source] if t.consumer == consumer and t.slot == slot
            )
            totals[source] = totals.get(source, 0.0) + float(number(term.contribution))
            steps.append(Step(term, totals[source]))
    return steps
