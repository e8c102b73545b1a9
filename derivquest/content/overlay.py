"""Teachers' feedback overlays: the file format, and reading one with every problem as a row.

An overlay is a small TOML file of `[[feedback]]` entries. Each entry names a group of wrong
answers, either by the judge's mistake id (`mistake = "chain-inner-missing"`, optionally
for one `question` only) or by an example wrong answer to one question (`question` plus
`answer`: every answer equal to it, however written, is in the group), and the `text` to
show with the verdict. docs/feedback.md documents it.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError

from derivquest.content.fields import Model, Text
from derivquest.content.problems import FileLines, Problem, problems_from_validation
from derivquest.engine.texts import MISTAKES
from derivquest.ids import QuestionId

MAX_BYTES = 1_000_000
"""A feedback file larger than this is refused (it is meant to be a few notes)."""


class FeedbackEntry(Model):
    """One group of wrong answers and the teacher's note for it."""

    mistake: str | None = Field(
        default=None, description="the judge's mistake id (as `report --mistakes` shows it)"
    )
    question: str | None = Field(
        default=None,
        description="`pack/level/question`: required with `answer`; limits `mistake` to it",
    )
    answer: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="an example wrong answer, as typed (equal answers get the note too)",
    )
    text: Text = Field(description="the note: a string or { en = '...', bn = '...' }")


class FeedbackFile(Model):
    """A whole overlay file."""

    feedback: list[FeedbackEntry] = Field(min_length=1, description="the notes")


@dataclass(frozen=True, slots=True)
class Overlay:
    """One overlay file, read and checked."""

    path: Path
    entries: tuple[FeedbackEntry, ...]


@dataclass(frozen=True, slots=True)
class OverlayResult:
    """What reading a file gave: the overlay (None when broken) and its problems."""

    overlay: Overlay | None
    problems: tuple[Problem, ...]


def read_overlay(path: Path) -> OverlayResult:
    """Read and check one overlay file; never raises for what the file holds."""
    try:
        if path.stat().st_size > MAX_BYTES:
            message = f"the file is larger than {MAX_BYTES} bytes"
            return _broken(path, message, "split it, or keep notes short")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _broken(path, f"cannot read the file: {error}", "check the path and encoding")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", 1) or 1
        problem = Problem(path, line, "", f"not valid TOML: {error}", "fix the TOML syntax")
        return OverlayResult(None, (problem,))
    lines = FileLines(path, text)
    try:
        parsed = FeedbackFile.model_validate(data)
    except ValidationError as error:
        return OverlayResult(None, tuple(problems_from_validation(error, lines, FeedbackFile)))
    problems = [p for i, e in enumerate(parsed.feedback) for p in _entry_problems(i, e, lines)]
    if problems:
        return OverlayResult(None, tuple(problems))
    return OverlayResult(Overlay(path, tuple(parsed.feedback)), ())


def _entry_problems(index: int, entry: FeedbackEntry, lines: FileLines) -> list[Problem]:
    """The checks the schema cannot express: which keys go together, known ids."""
    where = ("feedback", index)
    found = []
    if (entry.mistake is None) == (entry.answer is None):
        found.append(
            lines.problem(
                where,
                "an entry needs exactly one of `mistake` and `answer`",
                "name the group by the mistake id, or by an example wrong answer",
            )
        )
    if entry.answer is not None and entry.question is None:
        found.append(
            lines.problem(
                (*where, "answer"),
                "an example answer needs the `question` it answers",
                'add question = "pack/level/question"',
            )
        )
    if entry.mistake is not None and entry.mistake not in MISTAKES["en"]:
        close = difflib.get_close_matches(entry.mistake, list(MISTAKES["en"]), n=1)
        fix = f"did you mean {close[0]!r}?" if close else "use an id `report --mistakes` shows"
        found.append(
            lines.problem((*where, "mistake"), f"unknown mistake id {entry.mistake!r}", fix)
        )
    if entry.question is not None and QuestionId.read(entry.question) is None:
        found.append(
            lines.problem(
                (*where, "question"),
                f"{entry.question!r} is not a question id",
                'write it as "pack/level/question"',
            )
        )
    return found


def _broken(path: Path, message: str, fix: str) -> OverlayResult:
    return OverlayResult(None, (Problem(path, 1, "", message, fix),))
