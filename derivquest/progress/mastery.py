"""Mastery per skill, from the accuracy and speed of its most recent answers without hints."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum


class Mastery(IntEnum):
    """How well a skill is known; ordered, so `min` finds the weakest."""

    NEW = 0
    """No answer yet."""
    ATTEMPTED = 1
    FAMILIAR = 2
    PROFICIENT = 3
    MASTERED = 4

    @property
    def label(self) -> str:
        """The lowercase name shown to players: "familiar"."""
        return self.name.lower()


WINDOW = 10
"""Mastery looks at the last WINDOW answers of each skill (from every mode)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """What a level needs, over the window."""

    level: Mastery
    min_answers: int
    min_clean_rate: float
    """Clean answers (correct with no hint open) over answers in the window."""
    max_median_seconds: float | None = None
    """The median time of the clean answers must not exceed this."""


RULES: tuple[Rule, ...] = (
    Rule(Mastery.MASTERED, 8, 0.9, 20.0),
    Rule(Mastery.PROFICIENT, 5, 0.75),
    Rule(Mastery.FAMILIAR, 3, 0.5),
    Rule(Mastery.ATTEMPTED, 1, 0.0),
)
"""Checked from the top; the first rule met is the level (docs/progress.md lists them)."""


@dataclass(frozen=True, slots=True)
class SkillEvent:
    """One answer seen from one of its skills."""

    skill: str
    question_id: str
    answered_at: float
    correct: bool
    hints_used: int
    seconds: float

    @property
    def clean(self) -> bool:
        """Correct with no hint open."""
        return self.correct and self.hints_used == 0


@dataclass(frozen=True, slots=True)
class SkillMastery:
    """A skill's level and the numbers it came from."""

    skill: str
    level: Mastery
    answers: int
    """Answers in the window (at most WINDOW)."""
    clean: int
    median_seconds: float | None
    """Median time of the clean answers in the window."""
    total_answers: int

    @property
    def clean_rate(self) -> float:
        """Clean answers over answers in the window."""
        return self.clean / self.answers if self.answers else 0.0


def classify(skill: str, events: Sequence[SkillEvent]) -> SkillMastery:
    """Return the mastery of `skill` from its events, oldest first."""
    window = events[-WINDOW:]
    clean_times = [event.seconds for event in window if event.clean]
    median = statistics.median(clean_times) if clean_times else None
    rate = len(clean_times) / len(window) if window else 0.0
    level = Mastery.NEW
    for rule in RULES:
        fast = rule.max_median_seconds is None or (
            median is not None and median <= rule.max_median_seconds
        )
        if len(window) >= rule.min_answers and rate >= rule.min_clean_rate and fast:
            level = rule.level
            break
    return SkillMastery(skill, level, len(window), len(clean_times), median, len(events))


def by_skill(events: Iterable[SkillEvent]) -> dict[str, list[SkillEvent]]:
    """Group events by skill, keeping each skill's events in the order given."""
    grouped: dict[str, list[SkillEvent]] = {}
    for event in events:
        grouped.setdefault(event.skill, []).append(event)
    return grouped


def mastery_by_skill(
    events: Iterable[SkillEvent], skills: Iterable[str] = ()
) -> dict[str, SkillMastery]:
    """Return the mastery of every skill in `events`, plus `skills` (NEW when unanswered)."""
    grouped = by_skill(events)
    for skill in skills:
        grouped.setdefault(skill, [])
    return {skill: classify(skill, grouped[skill]) for skill in sorted(grouped)}
