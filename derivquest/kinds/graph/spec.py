"""The `graph` kind in one place: its pack model, instances, grading, checks, docs and drills.

Content level only (no Textual): the widget is reached through `view_for`, which imports
`view` when a screen asks for it. Registering the kind is one line: `register(SPEC)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from derivquest.content.locator import KeyPath
from derivquest.content.problems import FileLines, Problem
from derivquest.content.templates import ParamValue
from derivquest.kinds.graph.checks import graph_problems
from derivquest.kinds.graph.diagnosis import MISTAKES
from derivquest.kinds.graph.instance import (
    GraphInstance,
    Slot,
    build_instance,
    drill_instance,
    play_instance,
)
from derivquest.kinds.graph.judging import EntryVerdict, judge_entry, present
from derivquest.kinds.graph.lab import LabState
from derivquest.kinds.graph.model import GraphNode, GraphQuestion
from derivquest.kinds.graph.ops import OP_NAMES

if TYPE_CHECKING:
    from derivquest.kinds.graph.view import GraphLab

KIND = "graph"
"""The `kind` value of this question table."""

DOCS = "docs/kinds/graph.md"
"""The authoring section of this kind."""


@dataclass(frozen=True, slots=True)
class GraphOutcome:
    """How one graph question went, for scoring: solved without giving up, and what it took."""

    solved: bool
    mistakes: int
    hints: int

    @property
    def first_try(self) -> bool:
        """Solved with no wrong entry and no hint (three stars elsewhere in the game)."""
        return self.solved and self.mistakes == 0 and self.hints == 0


def outcome(state: LabState, hints: int = 0) -> GraphOutcome:
    """Grade a whole graph question from the lab's state."""
    return GraphOutcome(state.solved and not state.given_up, state.mistakes, hints)


def grade(instance: GraphInstance, slot: Slot, text: str) -> EntryVerdict:
    """Grade one entry (a number, or an expression in the graph's node names)."""
    return judge_entry(instance, slot, text)


def problems(
    question: GraphQuestion,
    path: KeyPath,
    source: FileLines,
    languages: Sequence[str],
    full_id: str,
) -> list[Problem]:
    """The validator's checks of one graph question, as rows with file:line."""
    return graph_problems(question, path, source, languages, full_id)


def view_for(instance: GraphInstance, language: str) -> GraphLab:
    """The widget that shows and answers this question (imports Textual only when called)."""
    from derivquest.kinds.graph.view import GraphLab

    return GraphLab(instance, language)


def field_table(model: type[BaseModel]) -> str:
    """The docs' table of a model's fields, generated from the model (one definition)."""
    rows = ["| key | required | meaning |", "|---|---|---|"]
    skip = _BASE_FIELDS if model is GraphQuestion else ()
    for name, field in model.model_fields.items():
        if name not in skip:
            required = "yes" if field.is_required() else "no"
            rows.append(f"| `{name}` | {required} | {field.description or ''} |")
    return "\n".join(rows)


_BASE_FIELDS = ("id", "prompt", "params", "hints", "solution", "skills", "drill")
"""Fields every question kind has (documented in docs/authoring.md)."""


@dataclass(frozen=True, slots=True)
class GraphKind:
    """Everything about the kind, as one value a registry can hold."""

    name: str = KIND
    model: type[GraphQuestion] = GraphQuestion
    node_model: type[GraphNode] = GraphNode
    ops: tuple[str, ...] = OP_NAMES
    mistakes: tuple[str, ...] = MISTAKES
    docs: str = DOCS

    def build(
        self, question: GraphQuestion, values: Mapping[str, ParamValue], language: str
    ) -> GraphInstance:
        """One variant with these parameter values, its texts in `language`."""
        return build_instance(question, values, language)

    def play(
        self,
        question: GraphQuestion,
        player_id: str,
        full_id: str,
        round_number: int,
        language: str,
    ) -> GraphInstance:
        """The variant a player sees in a round."""
        return play_instance(question, player_id, full_id, round_number, language)

    def grade(self, instance: GraphInstance, slot: Slot, text: str) -> EntryVerdict:
        """Grade one entry."""
        return grade(instance, slot, text)

    def present(self, verdict: EntryVerdict, language: str) -> str:
        """The sentence of a verdict in a language."""
        return present(verdict, language)

    def problems(
        self,
        question: GraphQuestion,
        path: KeyPath,
        source: FileLines,
        languages: Sequence[str],
        full_id: str,
    ) -> list[Problem]:
        """The validator's checks of one question, as rows with file:line."""
        return problems(question, path, source, languages, full_id)

    def drill(self, instance: GraphInstance, seed: int) -> GraphInstance:
        """A drill question from a graph: one gradient to find, everything else given."""
        return drill_instance(instance, seed)

    def view(self, instance: GraphInstance, language: str) -> GraphLab:
        """The widget."""
        return view_for(instance, language)


SPEC = GraphKind()
"""The kind, ready to register."""
