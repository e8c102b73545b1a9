"""`kind = "expression"`: type an expression equivalent to the expected one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.content.fields import ExprTemplate, VariableName
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
from derivquest.kinds.expression.form import check_form
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


class ExpressionQuestion(QuestionBase):
    """Type an expression equivalent to the expected one."""

    kind: Literal["expression"] = Field(description="picks this table")
    expected: ExprTemplate = Field(description="the expected answer (template)")
    variables: list[VariableName] = Field(
        default=["x"], description="every name the answer may use"
    )
    feedback: list[Feedback] = Field(default=[], description="notes for specific wrong answers")
    form: Literal["any", "simplified"] = Field(
        default="any",
        description='"simplified": the value and the form count (no variable left dividing)',
    )


@dataclass(frozen=True, slots=True)
class ExpressionPayload:
    """What an expression instance adds: the expected answer and the names it may use."""

    expected: str
    variables: tuple[str, ...]
    feedback: tuple[FeedbackInstance, ...] = ()
    form: str = "any"
    """`any` or `simplified` (see `kinds/expression/form.py`)."""


class ExpressionSpec(KindSpec):
    """Any expression equal to the expected one over the reals is right."""

    name = "expression"
    model = ExpressionQuestion
    order = 20
    extra_tables = (FEEDBACK_TABLE,)

    def payload(self, question: ExpressionQuestion, fill: Filler) -> ExpressionPayload:
        return ExpressionPayload(
            expected=fill.expression(question.expected),
            variables=tuple(question.variables),
            feedback=fill_feedback(question.feedback, fill),
            form=question.form,
        )

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        task = payload_of(instance, ExpressionPayload)

        def judge(expected: str) -> Verdict:
            return service.check(expected, answer, task.variables)

        verdict = with_feedback(judge(task.expected), task.feedback, judge)
        return check_form(verdict, task.form, task.expected, answer, task.variables)

    def answer_text(
        self, question: ExpressionQuestion, values: Mapping[str, ParamValue], language: str
    ) -> str | None:
        expected = fill_expression(question.expected, values)
        answer = reference_answer(expected, None, tuple(question.variables))
        return shown_answer(answer, language)

    def templates(self, question: ExpressionQuestion) -> Iterator[TemplateField]:
        yield TemplateField(("expected",), question.expected, "expression")
        yield from feedback_templates(question.feedback)

    def engine_issues(self, instance: QuestionInstance, checker: Checker) -> list[Issue]:
        task = payload_of(instance, ExpressionPayload)
        expected, names = task.expected, task.variables
        error = checker.read_error(expected, names)
        if error is not None:
            return [Issue("read", ("expected",), unreadable(expected, error), SYNTAX_FIX)]

        def judge(answer: str) -> Verdict:
            return checker.verdict("check", expected, answer, names)

        verdict = judge(expected)
        if not verdict.correct:
            message = (
                f"the engine does not accept {expected!r} as its own answer: {verdict.message}"
            )
            return [Issue("reference", ("expected",), message, "write it more simply")]
        return feedback_issues(task.feedback, judge)


SPEC = ExpressionSpec()
"""Found by the registry."""
