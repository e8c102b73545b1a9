"""Course statistics per level, and the course targets of issue 13 (`pack list --stats`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from derivquest.content.content_checks import question_templates
from derivquest.content.fields import TextTable, text_languages
from derivquest.content.packs import LoadedLevel, Pack
from derivquest.content.questions import QuestionBase

SEVERAL_VARIABLE_KINDS = ("derivative", "expression")
"""Kinds whose `variables` say how many variables the question works in."""


@dataclass(frozen=True, slots=True)
class LevelStats:
    """What one level holds, counted from its questions and texts."""

    level_id: str
    questions: int
    kinds: Counter[str]
    """How many questions of each kind."""
    randomised: int
    """Questions with `params` (each player and retry sees another variant)."""
    hint_steps: Counter[int]
    """How many questions have each number of hint steps (0 for none)."""
    numeric: int
    numeric_with_feedback: int
    """Numeric questions with at least one authored note for a wrong answer."""
    texts: int
    """Human texts: title, lesson, prompts, hints, solutions, options, explanations, notes."""
    texts_in_bn: int
    """Texts with Bengali (a text that is only math counts for every language)."""
    several_variables: int
    """Questions in two or more variables (see `in_several_variables`)."""
    charts: int
    """Questions on an interactive chart (`kind = "plot"`)."""
    with_solution: int
    with_hints: int

    @property
    def three_step_hints(self) -> int:
        """Questions whose hint ladder has three or more steps."""
        return sum(count for steps, count in self.hint_steps.items() if steps >= 3)


@dataclass(frozen=True, slots=True)
class Target:
    """One measurable goal for the course, and whether it is met."""

    name: str
    actual: int
    wanted: int
    """The smallest acceptable value of `actual`."""
    every: bool = False
    """True when `wanted` is the whole count (every question, every text)."""

    @property
    def met(self) -> bool:
        """True when the course reaches the target."""
        return self.actual >= self.wanted


@dataclass(frozen=True, slots=True)
class PackStats:
    """Every level's statistics, their totals and the targets."""

    pack_id: str
    levels: tuple[LevelStats, ...]
    totals: LevelStats
    targets: tuple[Target, ...] = field(default=())

    @property
    def missed(self) -> tuple[Target, ...]:
        """The targets the pack does not reach."""
        return tuple(target for target in self.targets if not target.met)


def in_several_variables(question: QuestionBase) -> bool:
    """Return True for a question in two or more variables.

    A derivative or expression question declares its `variables`; a graph question (the
    Backprop Lab) has one node per parameter and input. Kinds are read by attribute, not by
    model class, so this module needs no kind's code.
    """
    if question.kind_name in SEVERAL_VARIABLE_KINDS:
        return len(getattr(question, "variables", None) or ()) >= 2
    if question.kind_name == "graph":
        nodes = getattr(question, "nodes", ())
        return sum(1 for node in nodes if node.op in ("param", "input")) >= 2
    return False


def level_texts(level: LoadedLevel) -> Iterator[str | TextTable]:
    """Yield every human text of a level: its title, lesson and each question's texts."""
    yield level.model.title
    yield level.model.lesson
    for question in level.model.questions:
        for template in question_templates(question):
            if template.kind in ("text", "option"):
                yield template.value


def _has_text(text: str | TextTable) -> bool:
    return bool((text if isinstance(text, str) else text.en).strip())


def level_stats(level: LoadedLevel) -> LevelStats:
    """Count what one level holds."""
    questions = level.model.questions
    numeric = [q for q in questions if q.kind_name == "numeric"]
    texts = list(level_texts(level))
    return LevelStats(
        level_id=level.id,
        questions=len(questions),
        kinds=Counter(q.kind_name for q in questions),
        randomised=sum(1 for q in questions if q.params),
        hint_steps=Counter(len(q.hints) for q in questions),
        numeric=len(numeric),
        numeric_with_feedback=sum(1 for q in numeric if getattr(q, "feedback", None)),
        texts=len(texts),
        texts_in_bn=sum(1 for text in texts if "bn" in text_languages(text)),
        several_variables=sum(1 for q in questions if in_several_variables(q)),
        charts=sum(1 for q in questions if q.kind_name == "plot"),
        with_solution=sum(1 for q in questions if _has_text(q.solution)),
        with_hints=sum(1 for q in questions if q.hints),
    )


def _total(pack_id: str, levels: Iterable[LevelStats]) -> LevelStats:
    items = list(levels)
    return LevelStats(
        level_id=pack_id,
        questions=sum(s.questions for s in items),
        kinds=sum((s.kinds for s in items), Counter()),
        randomised=sum(s.randomised for s in items),
        hint_steps=sum((s.hint_steps for s in items), Counter()),
        numeric=sum(s.numeric for s in items),
        numeric_with_feedback=sum(s.numeric_with_feedback for s in items),
        texts=sum(s.texts for s in items),
        texts_in_bn=sum(s.texts_in_bn for s in items),
        several_variables=sum(s.several_variables for s in items),
        charts=sum(s.charts for s in items),
        with_solution=sum(s.with_solution for s in items),
        with_hints=sum(s.with_hints for s in items),
    )


def course_targets(level_count: int, totals: LevelStats) -> tuple[Target, ...]:
    """The targets of issue 13 ("Measured by"), measured on a pack's totals."""
    return (
        Target("levels", level_count, 19),
        Target("questions", totals.questions, 230),
        Target("questions in two or more variables", totals.several_variables, 40),
        Target("questions using the charts", totals.charts, 12),
        Target("questions with a worked solution", totals.with_solution, totals.questions, True),
        Target("questions with hints", totals.with_hints, totals.questions, True),
        Target(
            "numeric questions with feedback", totals.numeric_with_feedback, totals.numeric, True
        ),
        Target("texts in en and bn", totals.texts_in_bn, totals.texts, True),
    )


def pack_stats(pack: Pack) -> PackStats:
    """Count every level of `pack`, total them and measure the course targets."""
    levels = tuple(level_stats(level) for level in pack.levels)
    totals = _total(pack.id, levels)
    return PackStats(pack.id, levels, totals, course_targets(len(levels), totals))
