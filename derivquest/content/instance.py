"""One concrete variant of a question, in one language: a common part plus the kind's payload."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from derivquest.content import reference
from derivquest.content.fields import TextTable, text_in
from derivquest.content.locator import KeyPath
from derivquest.content.packs import QuestionRef
from derivquest.content.questions import QuestionBase
from derivquest.content.tasks import VariantError as VariantError
from derivquest.content.tasks import resolve_number
from derivquest.content.templates import ParamValue, fill_expression, fill_text
from derivquest.content.variants import draw_params, variant_seed
from derivquest.ids import QuestionId


@dataclass(frozen=True, slots=True)
class QuestionInstance:
    """A question with its parameters drawn and its texts in one language.

    The fields every kind has are here; what only one kind has (a function, options, a
    chart task) is its `payload`, built by the kind's spec (`derivquest.kinds.<kind>.spec`).
    """

    full_id: str
    """`pack/level/question`."""
    kind: str
    language: str
    """The language the texts are in (English where the pack lacks a translation)."""
    values: Mapping[str, ParamValue]
    """The drawn parameters."""
    prompt: str
    hints: tuple[str, ...]
    solution: str
    skills: tuple[str, ...]
    drill: bool
    payload: object = None
    """The kind's own part (e.g. `DerivativePayload`); read it with `kinds.base.payload_of`."""

    @property
    def question_id(self) -> str:
        """The question's own id (last part of `full_id`)."""
        return QuestionId.parse(self.full_id).question


def instantiate(
    ref: QuestionRef, player_id: str, round_number: int = 0, language: str = "en"
) -> QuestionInstance:
    """Return the variant of a question this player sees in this round.

    The same (player, question, round) always gives the same variant, so a resumed game
    shows what the player saw before.

    Raises:
        VariantError: a template of this variant does not work (validation reports it).
    """
    return instance_for_seed(ref, variant_seed(player_id, ref.full_id, round_number), language)


def instance_for_seed(ref: QuestionRef, seed: int, language: str = "en") -> QuestionInstance:
    """Return the variant of a question drawn from `seed` (as stored with an attempt).

    Raises:
        VariantError: a template of this variant does not work (validation reports it).
    """
    values = draw_params(ref.question.params, seed)
    return build_instance(ref.question, ref.full_id, ref.level.model.skills, values, language)


def build_instance(
    question: QuestionBase,
    full_id: str,
    level_skills: list[str],
    values: Mapping[str, ParamValue],
    language: str = "en",
) -> QuestionInstance:
    """Return the instance of `question` for given parameter values.

    Raises:
        VariantError: a template of this variant does not work (validation reports it).
    """
    fill = _Fill(question, values, language)
    return QuestionInstance(
        full_id=full_id,
        kind=question.kind_name,
        language=language,
        values=dict(values),
        prompt=fill.text(question.prompt),
        hints=tuple(fill.text(hint) for hint in question.hints),
        solution=fill.text(question.solution),
        skills=tuple(question.skills if question.skills is not None else level_skills),
        drill=question.drill,
        payload=fill.spec.payload(question, fill),
    )


class _Fill:
    """Fills one question's templates for one variant (the kinds' `Filler`).

    `{function}` and `{answer}` come from the kind's spec, computed only when a text uses them.
    """

    def __init__(
        self, question: QuestionBase, values: Mapping[str, ParamValue], language: str
    ) -> None:
        from derivquest.kinds.registry import spec_for

        self.question = question
        self.spec = spec_for(question.kind_name)
        self.values = values
        self.language = language
        self._answer: tuple[str | None] | None = None

    def text(self, value: str | TextTable) -> str:
        return fill_text(text_in(value, self.language), self.values, self._lookup)

    def expression(self, template: str) -> str:
        return fill_expression(template, self.values)

    def number(self, value: float | str, path: KeyPath) -> float:
        return resolve_number(value, self.values, path)

    def _lookup(self, name: str, math_span: bool) -> str | None:
        """Fill `{function}` and `{answer}`; outside a math span, math gets its own backticks."""
        if name == "function":
            return _as_math(self.spec.function_text(self.question, self.values), math_span)
        if name == "answer":
            if self._answer is None:
                self._answer = (self.spec.answer_text(self.question, self.values, self.language),)
            if not self.spec.answer_is_math:
                return self._answer[0]
            return _as_math(self._answer[0], math_span)
        return None


def _as_math(text: str | None, math_span: bool) -> str | None:
    return text if text is None or math_span else f"`{text}`"


def reference_answer(
    text: str, variable: str | None, variables: tuple[str, ...]
) -> str | Exception:
    """Return d(text)/d(variable), or `text` itself when variable is None, in the typed syntax.

    Worked out by the checker process under its deadline (see `derivquest.content.reference`);
    returns the engine's error (or `DeadlineExceeded`) instead of raising it.
    """
    return reference.reference_answer(text, variable, variables)
