"""`kind = "word"` (tests only): type one word; spelling counts, case does not.

Written exactly as docs/architecture.md says a new kind is written, so the guide stays true.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from derivquest.content.fields import Text, text_in
from derivquest.content.instance import QuestionInstance
from derivquest.content.questions import QuestionBase
from derivquest.content.templates import ParamValue, fill_text
from derivquest.kinds.base import Filler, KindSpec, StructureProblem, TemplateField, payload_of

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


class WordQuestion(QuestionBase):
    """Type one word (case does not matter)."""

    kind: Literal["word"] = Field(description="picks this table")
    word: Text = Field(description="the expected word, per language")


@dataclass(frozen=True, slots=True)
class WordPayload:
    """What a word instance adds: the word in the instance's language."""

    word: str


class WordSpec(KindSpec):
    """Graded without the engine: the same word, ignoring case and surrounding spaces."""

    name = "word"
    model = WordQuestion
    order = 900
    answer_is_math = False

    def payload(self, question: WordQuestion, fill: Filler) -> WordPayload:
        return WordPayload(fill.text(question.word))

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        from derivquest.engine import Verdict

        word = payload_of(instance, WordPayload).word
        typed = answer.strip()
        if not typed or " " in typed:
            return Verdict("invalid", "type one word")
        if typed.casefold() == word.casefold():
            return Verdict("correct", "That is the word.", parsed=typed)
        return Verdict("incorrect", "Not that word.", parsed=typed)

    def answer_text(
        self, question: WordQuestion, values: Mapping[str, ParamValue], language: str
    ) -> str | None:
        return fill_text(text_in(question.word, language), values)

    def templates(self, question: WordQuestion) -> Iterator[TemplateField]:
        yield TemplateField(("word",), question.word, "text")

    def structure_problems(self, question: WordQuestion) -> Iterator[StructureProblem]:
        if " " in text_in(question.word, "en").strip():
            yield StructureProblem(("word",), "the word has a space", "write a single word")


SPEC = WordSpec()
