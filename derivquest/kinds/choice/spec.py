"""`kind = "choice"`: pick one option by its number."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.content.fields import Model, Text, text_in
from derivquest.content.instance import QuestionInstance
from derivquest.content.questions import QuestionBase
from derivquest.content.templates import ParamValue, fill_text
from derivquest.kinds.base import Filler, KindSpec, StructureProblem, TemplateField, payload_of

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


class Option(Model):
    """One answer of a multiple-choice question."""

    text: Text = Field(description="the option as shown (template)")
    correct: bool = Field(default=False, description="true for the one right option")
    explanation: Text = Field(description="why it is right or wrong, shown after answering")


class ChoiceQuestion(QuestionBase):
    """Pick one option by its number."""

    kind: Literal["choice"] = Field(description="picks this table")
    options: list[Option] = Field(
        min_length=2, max_length=9, description="the options; exactly one is correct"
    )


@dataclass(frozen=True, slots=True)
class OptionInstance:
    """One option of a choice question, in the instance's language."""

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class ChoicePayload:
    """What a choice instance adds: the numbered options."""

    options: tuple[OptionInstance, ...]

    @property
    def correct_option(self) -> int | None:
        """The 1-based number of the correct option."""
        return next((n for n, option in enumerate(self.options, 1) if option.correct), None)


def grade_choice(options: tuple[OptionInstance, ...], answer: str) -> Verdict:
    """Judge a choice answer: the 1-based number of an option, e.g. "2"."""
    from derivquest.engine import EngineError, Status, Verdict
    from derivquest.engine.verdict import invalid_verdict

    count = len(options)
    text = answer.strip()
    if not text.isdecimal() or not 1 <= int(text) <= count:
        return invalid_verdict(EngineError.said("error.choice-number", count=count))
    option = options[int(text) - 1]
    status: Status = "correct" if option.correct else "incorrect"
    return Verdict(status, option.explanation, parsed=text)


class ChoiceSpec(KindSpec):
    """The answer is an option's number; each option explains itself."""

    name = "choice"
    model = ChoiceQuestion
    order = 40
    answer_is_math = False  # {answer} is the right option's text, which is prose
    extra_tables = (("An option (`options = [...]`)", Option),)

    def payload(self, question: ChoiceQuestion, fill: Filler) -> ChoicePayload:
        options = question.options
        return ChoicePayload(
            tuple(
                OptionInstance(fill.text(o.text), o.correct, fill.text(o.explanation))
                for o in options
            )
        )

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        return grade_choice(payload_of(instance, ChoicePayload).options, answer)

    def answer_text(
        self, question: ChoiceQuestion, values: Mapping[str, ParamValue], language: str
    ) -> str | None:
        option = next((option for option in question.options if option.correct), None)
        return None if option is None else fill_text(text_in(option.text, language), values)

    def templates(self, question: ChoiceQuestion) -> Iterator[TemplateField]:
        for index, option in enumerate(question.options):
            yield TemplateField(("options", index, "text"), option.text, "option")
            yield TemplateField(("options", index, "explanation"), option.explanation, "text")

    def structure_problems(self, question: ChoiceQuestion) -> Iterator[StructureProblem]:
        correct = sum(option.correct for option in question.options)
        if correct != 1:
            yield StructureProblem(
                ("options",),
                f"{correct} options are marked correct; exactly one must be",
                "set correct = true on exactly one option",
            )


SPEC = ChoiceSpec()
"""Found by the registry."""
