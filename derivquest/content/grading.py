"""Judge a player's answer to a question instance with the engine, adding the author's feedback."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from derivquest.content.instance import QuestionInstance

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


def grade(instance: QuestionInstance, answer_text: str, service: JudgeService) -> Verdict:
    """Return the verdict on `answer_text`; never raises on anything the player types.

    derivative, expression and numeric questions go to the engine; a choice answer is the
    option's number ("2"). When the answer is wrong and equivalent to one of the author's
    `feedback` answers, the verdict's message is the author's text.

    Raises:
        ValueError: for plot questions, which are judged by `derivquest.content.goals`.
    """
    if instance.kind == "choice":
        return grade_choice(instance, answer_text)
    verdict = _engine_verdict(instance, answer_text, service)
    if verdict.status != "incorrect":
        return verdict
    for note in instance.feedback:
        if _engine_verdict(instance, answer_text, service, expected=note.answer).correct:
            # The author's sentence replaces the engine's (the mistake id is kept for progress).
            return replace(verdict, message=note.text, sentence_id=None)
    return verdict


def grade_choice(instance: QuestionInstance, answer_text: str) -> Verdict:
    """Judge a choice answer: the 1-based number of an option, e.g. "2"."""
    from derivquest.engine import Status, Verdict

    count = len(instance.options)
    text = answer_text.strip()
    if not text.isdecimal() or not 1 <= int(text) <= count:
        return Verdict("invalid", f"type the number of an option, from 1 to {count}")
    option = instance.options[int(text) - 1]
    status: Status = "correct" if option.correct else "incorrect"
    return Verdict(status, option.explanation, parsed=text)


def _engine_verdict(
    instance: QuestionInstance,
    answer_text: str,
    service: JudgeService,
    expected: str | None = None,
) -> Verdict:
    """Judge `answer_text` against the question, or against `expected` when given (feedback)."""
    if instance.kind == "derivative" and instance.function is not None:
        if expected is not None:
            return service.check(expected, answer_text, instance.variables)
        return service.check_derivative(
            instance.function, answer_text, instance.variable, instance.variables
        )
    if instance.kind == "expression" and instance.expected is not None:
        return service.check(expected or instance.expected, answer_text, instance.variables)
    if instance.kind == "numeric" and instance.expected is not None:
        return service.check_numeric(
            expected or instance.expected, answer_text, instance.abs_tol, instance.rel_tol
        )
    raise ValueError(f"{instance.kind} questions are not graded from typed text")
