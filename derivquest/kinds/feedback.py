"""Author's notes for specific wrong answers: shared by the kinds answered by typing math."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pydantic import Field

from derivquest.content.fields import ExprTemplate, Model, Text
from derivquest.kinds.base import SYNTAX_FIX, Filler, Issue, TemplateField

if TYPE_CHECKING:
    from derivquest.engine import Verdict


class Feedback(Model):
    """The author's note for one specific wrong answer."""

    answer: ExprTemplate = Field(description="the wrong answer (template), matched by equivalence")
    text: Text = Field(description="what to tell a player who typed it")


FEEDBACK_TABLE = ("A feedback entry (`feedback = [...]`)", Feedback)
"""The docs' table of a feedback entry (the kinds using feedback list it)."""


@dataclass(frozen=True, slots=True)
class FeedbackInstance:
    """The author's note for one wrong answer, filled for one variant."""

    answer: str
    text: str


def fill_feedback(notes: Sequence[Feedback], fill: Filler) -> tuple[FeedbackInstance, ...]:
    """Fill every note's answer and text for one variant."""
    return tuple(FeedbackInstance(fill.expression(n.answer), fill.text(n.text)) for n in notes)


def feedback_templates(notes: Sequence[Feedback]) -> Iterator[TemplateField]:
    """The templates of the notes (for the validator's placeholder and language checks)."""
    for index, note in enumerate(notes):
        yield TemplateField(("feedback", index, "answer"), note.answer, "expression")
        yield TemplateField(("feedback", index, "text"), note.text, "text")


def with_feedback(
    verdict: Verdict,
    notes: Sequence[FeedbackInstance],
    judge: Callable[[str], Verdict],
) -> Verdict:
    """Return `verdict`, with the author's text when the wrong answer matches a note.

    Args:
        verdict: the verdict on the player's answer.
        notes: the question's notes.
        judge: judges the player's answer against another expected answer (a note's).
    """
    if verdict.status != "incorrect":
        return verdict
    for note in notes:
        if judge(note.answer).correct:
            # The author's sentence replaces the engine's (the mistake id is kept for progress).
            return replace(verdict, message=note.text, sentence_id=None)
    return verdict


def feedback_issues(
    notes: Sequence[FeedbackInstance], judge: Callable[[str], Verdict]
) -> list[Issue]:
    """The validator's checks of the notes: each must be judgeable, and wrong."""
    issues = []
    for index, note in enumerate(notes):
        path = ("feedback", index, "answer")
        verdict = judge(note.answer)
        if verdict.status == "invalid":
            message = f"feedback answer {note.answer!r} cannot be judged: {verdict.message}"
            issues.append(Issue("feedback", path, message, SYNTAX_FIX))
        elif verdict.correct:
            message = (
                f"feedback answer {note.answer!r} is a correct answer, "
                "so its note would never be shown"
            )
            fix = "write the wrong answer this note is for"
            issues.append(Issue("feedback", path, message, fix))
    return issues
