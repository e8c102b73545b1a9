"""One concrete variant of a question, in one language: everything the game shows and checks."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from derivquest.content.fields import TextTable, text_in
from derivquest.content.packs import QuestionRef
from derivquest.content.plots import ActivationsPlot, GradientDescentPlot
from derivquest.content.schema import (
    ChoiceQuestion,
    DerivativeQuestion,
    ExpressionQuestion,
    Kind,
    NumericQuestion,
    PlotQuestion,
    Question,
)

# The plot tasks and VariantError live in tasks.py; they are re-exported here because an
# instance is where the game meets them.
from derivquest.content.tasks import ActivationTask as ActivationTask
from derivquest.content.tasks import DescentTask as DescentTask
from derivquest.content.tasks import GradientCheckTask as GradientCheckTask
from derivquest.content.tasks import PlotTask as PlotTask
from derivquest.content.tasks import TangentTask as TangentTask
from derivquest.content.tasks import VariantError as VariantError
from derivquest.content.tasks import plot_task
from derivquest.content.templates import ParamValue, fill_expression, fill_text
from derivquest.content.variants import draw_params, variant_seed
from derivquest.ids import QuestionId


@dataclass(frozen=True, slots=True)
class OptionInstance:
    """One option of a choice question."""

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class FeedbackInstance:
    """The author's note for one wrong answer."""

    answer: str
    text: str


@dataclass(frozen=True, slots=True)
class QuestionInstance:
    """A question with its parameters drawn and its texts in one language."""

    full_id: str
    """`pack/level/question`."""
    kind: Kind
    language: str
    """The language the texts are in (English where the pack lacks a translation)."""
    values: Mapping[str, ParamValue]
    """The drawn parameters."""
    prompt: str
    hints: tuple[str, ...]
    solution: str
    skills: tuple[str, ...]
    drill: bool
    function: str | None = None
    """derivative: the function to differentiate; plot: the curve (tangent, gradient-check)."""
    variable: str = "x"
    variables: tuple[str, ...] = ("x",)
    expected: str | None = None
    """expression and numeric: the expected answer in the typed syntax."""
    abs_tol: float | None = None
    rel_tol: float | None = None
    options: tuple[OptionInstance, ...] = ()
    feedback: tuple[FeedbackInstance, ...] = ()
    plot: PlotTask | None = None
    correct_option: int | None = field(default=None)
    """choice: the 1-based number of the correct option."""

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
    question: Question,
    full_id: str,
    level_skills: list[str],
    values: Mapping[str, ParamValue],
    language: str = "en",
) -> QuestionInstance:
    """Return the instance of `question` for given parameter values.

    Raises:
        VariantError: a template of this variant does not work (validation reports it).
    """
    specials = _Specials(question, values, language)

    def text(value: str | TextTable) -> str:
        return fill_text(text_in(value, language), values, specials.lookup)

    common = QuestionInstance(
        full_id=full_id,
        kind=question.kind,
        language=language,
        values=dict(values),
        prompt=text(question.prompt),
        hints=tuple(text(hint) for hint in question.hints),
        solution=text(question.solution),
        skills=tuple(question.skills if question.skills is not None else level_skills),
        drill=question.drill,
    )
    if isinstance(question, DerivativeQuestion | ExpressionQuestion | NumericQuestion):
        feedback = tuple(
            FeedbackInstance(fill_expression(note.answer, values), text(note.text))
            for note in question.feedback
        )
    if isinstance(question, DerivativeQuestion):
        return replace(
            common,
            function=specials.function(),
            variable=question.variable,
            variables=question.all_variables,
            feedback=feedback,
        )
    if isinstance(question, ExpressionQuestion):
        return replace(
            common,
            expected=fill_expression(question.expected, values),
            variables=tuple(question.variables),
            feedback=feedback,
        )
    if isinstance(question, NumericQuestion):
        return replace(
            common,
            expected=fill_expression(question.expected, values),
            variables=(),
            abs_tol=question.abs_tol,
            rel_tol=question.rel_tol,
            feedback=feedback,
        )
    if isinstance(question, ChoiceQuestion):
        options = tuple(
            OptionInstance(text(option.text), option.correct, text(option.explanation))
            for option in question.options
        )
        correct = next((n for n, option in enumerate(options, 1) if option.correct), None)
        return replace(
            common,
            options=options,
            correct_option=correct,
        )
    task = plot_task(question, values)
    return replace(
        common,
        function=task.function if isinstance(task, TangentTask | GradientCheckTask) else None,
        plot=task,
    )


class _Specials:
    """Values of `{answer}` and `{function}`, computed only when a text uses them."""

    def __init__(self, question: Question, values: Mapping[str, ParamValue], language: str) -> None:
        self.question = question
        self.values = values
        self.language = language
        self.answer_text: str | None = None

    def function(self) -> str | None:
        question = self.question
        if isinstance(question, DerivativeQuestion):
            return fill_expression(question.function, self.values)
        if isinstance(question, PlotQuestion) and not isinstance(
            question.plot, GradientDescentPlot | ActivationsPlot
        ):
            return fill_expression(question.plot.function, self.values)
        return None

    def lookup(self, name: str, math_span: bool) -> str | None:
        """Fill `{function}` and `{answer}`; outside a math span, math gets its own backticks."""
        if name == "function":
            return _as_math(self.function(), math_span)
        if name == "answer":
            if self.answer_text is None:
                self.answer_text = _answer_text(self.question, self.values, self.language)
            if isinstance(self.question, ChoiceQuestion):
                return self.answer_text  # an option's text is prose, not math
            return _as_math(self.answer_text, math_span)
        return None


def _as_math(text: str | None, math_span: bool) -> str | None:
    return text if text is None or math_span else f"`{text}`"


def _answer_text(question: Question, values: Mapping[str, ParamValue], language: str) -> str | None:
    """Return the expected answer in the typed syntax, or None when there is none."""
    if isinstance(question, ChoiceQuestion):
        option = next((option for option in question.options if option.correct), None)
        return None if option is None else fill_text(text_in(option.text, language), values)
    if isinstance(question, PlotQuestion):
        return None
    if isinstance(question, DerivativeQuestion):
        function = fill_expression(question.function, values)
        answer = reference_answer(function, question.variable, question.all_variables)
    else:
        variables = question.variables if isinstance(question, ExpressionQuestion) else ()
        answer = reference_answer(
            fill_expression(question.expected, values), None, tuple(variables)
        )
    return answer if isinstance(answer, str) else None


@functools.lru_cache(maxsize=4096)
def reference_answer(
    text: str, variable: str | None, variables: tuple[str, ...]
) -> str | Exception:
    """Return d(text)/d(variable), or `text` itself when variable is None, in the typed syntax.

    Returns the engine's error instead of raising it. Cached: the validator and every
    language of an instance ask for the same answers again and again, and the engine's
    derivative (which tidies its result) is the slow part.
    """
    from derivquest.engine import EngineError, derivative, parse

    try:
        if variable is not None:
            return derivative(text, variable, variables).plain()
        return parse(text, variables).plain()
    except EngineError as error:
        return error
    except Exception as error:  # an author's expression must not crash the game
        return EngineError(f"the engine failed on it ({type(error).__name__})")
