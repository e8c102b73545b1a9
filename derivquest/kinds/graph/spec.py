"""`kind = "graph"`: the Backprop Lab: fill in a computational graph's values and gradients.

Content level only (no Textual, no import of the view): the pack model, the payload (a
`GraphInstance`), grading of the lab's record, the validator's checks and the drill shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from derivquest.kinds.base import Filler, KindSpec, StructureProblem, TemplateField, payload_of
from derivquest.kinds.graph.checks import graph_templates, shape_problems
from derivquest.kinds.graph.instance import GraphInstance, build_instance, drill_instance
from derivquest.kinds.graph.judging import entry_name, judge_entry, present
from derivquest.kinds.graph.lab import LabState
from derivquest.kinds.graph.model import GraphNode, GraphQuestion
from derivquest.kinds.graph.record import read_record
from derivquest.kinds.graph.texts import say

if TYPE_CHECKING:
    from derivquest.content.instance import QuestionInstance
    from derivquest.engine import JudgeService, Verdict

DOCS = "docs/kinds/graph.md"
"""The authoring page of this kind (docs/authoring.md links it)."""


@dataclass(frozen=True, slots=True)
class GraphOutcome:
    """How one graph went in the lab on its own: solved without giving up, and what it took."""

    solved: bool
    mistakes: int
    hints: int

    @property
    def first_try(self) -> bool:
        """Solved with no wrong entry and no hint (three stars elsewhere in the game)."""
        return self.solved and self.mistakes == 0 and self.hints == 0


def outcome(state: LabState, hints: int = 0) -> GraphOutcome:
    """Grade a whole graph from the lab's state (the standalone lab; the game uses `grade`)."""
    return GraphOutcome(state.solved and not state.given_up, state.mistakes, hints)


def grade_record(lab: GraphInstance, record: str) -> Verdict:
    """Judge the last entry of a lab record; the graph is right once every ? is right.

    A wrong entry is `incorrect` (its mistake named), an unreadable one `invalid`. A right
    entry is `correct` only when it completes the graph; a right entry that leaves boxes
    open is `invalid` (not an answer yet: nothing is recorded), which the lab never submits.
    """
    from derivquest.engine import Verdict

    language = lab.language
    entries = read_record(lab, record)
    if not entries:
        return Verdict("invalid", say("empty", language))
    slot, text = entries[-1]
    if not lab.asked(slot):
        return Verdict("invalid", say("not-asked", language, entry=entry_name(slot)))
    verdict = judge_entry(lab, slot, text)
    message = present(verdict, language)
    if verdict.status == "invalid":
        return Verdict("invalid", message, column=verdict.column)
    if not verdict.correct:
        return Verdict("incorrect", message)
    latest = dict(entries)
    left = [
        other
        for other in lab.slots()
        if other != slot
        and (other not in latest or not judge_entry(lab, other, latest[other]).correct)
    ]
    if left:
        return Verdict("invalid", message + " " + say("lab.left", language, left=len(left)))
    return Verdict("correct", message)


class GraphSpec(KindSpec):
    """A graph question: its nodes as data; the answer is the lab's record of entries."""

    name = "graph"
    model = GraphQuestion
    order = 60
    has_answer = False
    variants_need_structure = True
    extra_tables = (("A node: `[[questions.nodes]]`", GraphNode),)

    def payload(self, question: GraphQuestion, fill: Filler) -> GraphInstance:
        """Both passes computed exactly (GraphVariantError, a VariantError, if undefined)."""
        return build_instance(question, fill.values, fill.language)

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        """Judge the record the lab submitted (the judge service is not needed: see judging)."""
        try:
            return grade_record(payload_of(instance, GraphInstance), answer)
        except Exception:  # noqa: BLE001 - a bug must reach the player as a sentence, not a traceback
            from derivquest.engine import Verdict

            return Verdict("invalid", say("check-failed", instance.language))

    def templates(self, question: GraphQuestion) -> Iterator[TemplateField]:
        return graph_templates(question)

    def structure_problems(self, question: GraphQuestion) -> Iterator[StructureProblem]:
        return shape_problems(question)

    def for_drill(self, instance: QuestionInstance, seed: int) -> QuestionInstance:
        """A drill asks for one gradient ("the gradient at this node"), everything else given."""
        lab = drill_instance(payload_of(instance, GraphInstance), seed)
        node = lab.slots()[0][0]
        prompt = say("drill.prompt", instance.language, node=node)
        return replace(instance, prompt=prompt, payload=replace(lab, prompt=prompt))


SPEC = GraphSpec()
"""Found by the registry."""
