"""`kind = "numeric"`: type a number (or a constant expression) within a tolerance."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from derivquest.content.fields import ExprTemplate, PositiveFloat, rule_error
from derivquest.content.instance import QuestionInstance, reference_answer
from derivquest.content.questions import QuestionBase
from derivquest.content.reference import shown_answer
from derivquest.content.templates import ParamValue, fill_expression
from derivquest.kinds.base import (
    SYNTAX_FIX,
    Checker,
    Filler,
    Issue,
    KindSpec,
    TemplateField,
    payload_of,
    unreadable,
)
from derivquest.kinds.feedback import (
    FEEDBACK_TABLE,
    Feedback,
    FeedbackInstance,
    feedback_issues,
    feedback_templates,
    fill_feedback,
    with_feedback,
)

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


class NumericQuestion(QuestionBase):
    """Type a number (or a constant expression) within a tolerance of the expected value."""

    kind: Literal["numeric"] = Field(description="picks this table")
    expected: ExprTemplate = Field(description='an expression giving a number, e.g. "2*{a}"')
    abs_tol: PositiveFloat | None = Field(default=None, description="allowed absolute error")
    rel_tol: PositiveFloat | None = Field(default=None, description="allowed relative error")
    feedback: list[Feedback] = Field(default=[], description="notes for specific wrong answers")

    @model_validator(mode="after")
    def _check_tolerance(self) -> NumericQuestion:
        if self.abs_tol is None and self.rel_tol is None:
            raise rule_error("a numeric question needs a tolerance", "add abs_tol or rel_tol")
        return self


@dataclass(frozen=True, slots=True)
class NumericPayload:
    """What a numeric instance adds: the expected value and the tolerances."""

    expected: str
    abs_tol: float | None
    rel_tol: float | None
    feedback: tuple[FeedbackInstance, ...] = ()

    @property
    def variables(self) -> tuple[str, ...]:
        """A number uses no variables."""
        return ()


class NumericSpec(KindSpec):
    """A number within abs_tol or rel_tol of the expected value is right."""

    name = "numeric"
    model = NumericQuestion
    order = 30
    extra_tables = (FEEDBACK_TABLE,)

    def payload(self, question: NumericQuestion, fill: Filler) -> NumericPayload:
        return NumericPayload(
            expected=fill.expression(question.expected),
            abs_tol=question.abs_tol,
            rel_tol=question.rel_tol,
            feedback=fill_feedback(question.feedback, fill),
        )

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        task = payload_of(instance, NumericPayload)

        def judge(expected: str) -> Verdict:
            return service.check_numeric(expected, answer, task.abs_tol, task.rel_tol)

        return with_feedback(judge(task.expected), task.feedback, judge)

    def answer_text(
        self, question: NumericQuestion, values: Mapping[str, ParamValue], language: str
    ) -> str | None:
        answer = reference_answer(fill_expression(question.expected, values), None, ())
        return shown_answer(answer, language)

    def templates(self, question: NumericQuestion) -> Iterator[TemplateField]:
        yield TemplateField(("expected",), question.expected, "expression")
        yield from feedback_templates(question.feedback)

    def engine_issues(self, instance: QuestionInstance, checker: Checker) -> list[Issue]:
        task = payload_of(instance, NumericPayload)
        expected = task.expected
        error = checker.read_error(expected, ())
        if error is not None:
            return [Issue("read", ("expected",), unreadable(expected, error), SYNTAX_FIX)]
        value = checker.value(expected)
        if isinstance(value, Exception) or not math.isfinite(value):
            shown = value if isinstance(value, Exception) else "it is not finite"
            message = f"{expected!r} does not give a real number: {shown}"
            fix = "make it a finite real number for every parameter value"
            return [Issue("reference", ("expected",), message, fix)]

        def judge(answer: str) -> Verdict:
            return checker.verdict("check_numeric", expected, answer, task.abs_tol, task.rel_tol)

        verdict = judge(expected)
        if not verdict.correct:
            message = (
                f"the engine does not accept {expected!r} as its own answer: {verdict.message}"
            )
            return [Issue("reference", ("expected",), message, "write it more simply")]
        return feedback_issues(task.feedback, judge)


SPEC = NumericSpec()
"""Found by the registry."""
