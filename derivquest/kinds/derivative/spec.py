"""`kind = "derivative"`: differentiate a function; the engine computes the expected answer."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from derivquest.content.fields import ExprTemplate, VariableName, rule_error
from derivquest.content.instance import QuestionInstance, reference_answer
from derivquest.content.questions import QuestionBase
from derivquest.content.reference import overrun_seconds, shown_answer
from derivquest.content.templates import ParamValue, fill_expression
from derivquest.kinds.base import (
    OVERRUN,
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


class DerivativeQuestion(QuestionBase):
    """Differentiate a function; the engine computes the expected answer."""

    kind: Literal["derivative"] = Field(description="picks this table")
    function: ExprTemplate = Field(description="the function to differentiate (template)")
    variable: VariableName = Field(default="x", description="differentiate with respect to it")
    variables: list[VariableName] | None = Field(
        default=None, description="every name the function may use; default: [variable]"
    )
    feedback: list[Feedback] = Field(default=[], description="notes for specific wrong answers")

    @model_validator(mode="after")
    def _check_variable_listed(self) -> DerivativeQuestion:
        if self.variables is not None and self.variable not in self.variables:
            raise rule_error(
                f"variable '{self.variable}' is not in variables {self.variables}",
                f'add "{self.variable}" to variables',
            )
        return self

    @property
    def all_variables(self) -> tuple[str, ...]:
        """Return the names the function may use."""
        return tuple(self.variables) if self.variables is not None else (self.variable,)


@dataclass(frozen=True, slots=True)
class DerivativePayload:
    """What a derivative instance adds: the function and its variables."""

    function: str
    variable: str
    variables: tuple[str, ...]
    feedback: tuple[FeedbackInstance, ...] = ()


class DerivativeSpec(KindSpec):
    """Differentiate F: graded by `check_derivative`, which names the classic mistakes."""

    name = "derivative"
    model = DerivativeQuestion
    order = 10
    extra_tables = (FEEDBACK_TABLE,)

    def payload(self, question: DerivativeQuestion, fill: Filler) -> DerivativePayload:
        return DerivativePayload(
            function=fill.expression(question.function),
            variable=question.variable,
            variables=question.all_variables,
            feedback=fill_feedback(question.feedback, fill),
        )

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        task = payload_of(instance, DerivativePayload)
        verdict = service.check_derivative(task.function, answer, task.variable, task.variables)
        return with_feedback(
            verdict, task.feedback, lambda note: service.check(note, answer, task.variables)
        )

    def function_text(
        self, question: DerivativeQuestion, values: Mapping[str, ParamValue]
    ) -> str | None:
        return fill_expression(question.function, values)

    def has_function(self, question: DerivativeQuestion) -> bool:
        return True

    def answer_text(
        self, question: DerivativeQuestion, values: Mapping[str, ParamValue], language: str
    ) -> str | None:
        function = fill_expression(question.function, values)
        answer = reference_answer(function, question.variable, question.all_variables)
        return shown_answer(answer, language)

    def templates(self, question: DerivativeQuestion) -> Iterator[TemplateField]:
        yield TemplateField(("function",), question.function, "expression")
        yield from feedback_templates(question.feedback)

    def engine_issues(self, instance: QuestionInstance, checker: Checker) -> list[Issue]:
        task = payload_of(instance, DerivativePayload)
        function, names = task.function, task.variables
        error = checker.read_error(function, names)
        if error is not None:
            return [Issue("read", ("function",), unreadable(function, error), SYNTAX_FIX)]
        answer = reference_answer(function, task.variable, names)
        seconds = overrun_seconds(answer)
        if seconds is not None:
            message = f"{function!r} took longer than {seconds:g} s to differentiate"
            return [Issue(OVERRUN, ("function",), message, "simplify the function")]
        if isinstance(answer, Exception):
            message = f"cannot differentiate {function!r}: {answer}"
            return [Issue("reference", ("function",), message, SYNTAX_FIX)]
        verdict = checker.verdict("check_derivative", function, str(answer), task.variable, names)
        if not verdict.correct:
            message = f"the engine cannot confirm the derivative of {function!r}: {verdict.message}"
            return [Issue("reference", ("function",), message, "write the function more simply")]

        def judge(wrong: str) -> Verdict:
            return checker.verdict("check_derivative", function, wrong, task.variable, names)

        return feedback_issues(task.feedback, judge)


SPEC = DerivativeSpec()
"""Found by the registry."""
