"""Read and check a level file of graph questions on its own (until the kind registry lands).

The pack loader does not know the `graph` kind yet; this reads such a level with the same
schema rules, the same problem rows and the same file:line positions, so packs of graph
questions can be validated and played in tests today.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError

from derivquest.content.content_checks import language_problems
from derivquest.content.problems import FileLines, Problem, problems_from_validation
from derivquest.content.schema import Level
from derivquest.kinds.graph.checks import graph_problems
from derivquest.kinds.graph.model import GraphQuestion


class GraphLevel(Level):
    """A level file whose questions are all graph questions."""

    questions: list[GraphQuestion] = Field(min_length=1, description="the questions, in order")  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class GraphLevelRead:
    """A level (None when it did not read) and every problem found on the way."""

    level: GraphLevel | None
    problems: tuple[Problem, ...]


def read_graph_level(file: Path) -> GraphLevelRead:
    """Read a level file of graph questions; a broken file gives rows, never a crash."""
    text = file.read_text(encoding="utf-8")
    source = FileLines(file, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return GraphLevelRead(
            None, (source.problem((), f"not valid TOML: {error}", "fix the syntax"),)
        )
    try:
        level = GraphLevel.model_validate(data)
    except ValidationError as error:
        return GraphLevelRead(None, tuple(problems_from_validation(error, source, GraphLevel)))
    return GraphLevelRead(level, ())


def validate_graph_level(
    file: Path, pack_id: str, languages: Sequence[str] = ("en",), samples: int = 25
) -> list[Problem]:
    """Return every problem of a level file of graph questions, ordered by line."""
    read = read_graph_level(file)
    if read.level is None:
        return list(read.problems)
    source = FileLines(file, file.read_text(encoding="utf-8"))
    level = read.level
    problems = language_problems(level.title, ("title",), source, languages)
    problems += language_problems(level.lesson, ("lesson",), source, languages)
    for index, question in enumerate(level.questions):
        problems += graph_problems(
            question,
            ("questions", index),
            source,
            languages,
            f"{pack_id}/{level.id}/{question.id}",
            samples=samples,
        )
    return sorted(problems, key=Problem.sort_key)
