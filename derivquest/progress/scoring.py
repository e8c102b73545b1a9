"""Drill settings, the scoring rule and which drills can set a personal best."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STANDARD_MINUTES: tuple[int, ...] = (1, 3, 5)
"""Drill lengths that keep personal bests."""

BASE_POINTS = 100
"""Points for each correct answer."""

SPEED_BONUS_MAX = 50
"""Extra points for a correct answer given within the first second..."""

SPEED_BONUS_STEP = 5
"""...minus this much per whole second taken, so nothing from 10 seconds on."""

STREAK_BONUS_STEP = 10
"""Extra points per earlier correct answer in the current streak..."""

STREAK_BONUS_MAX = 50
"""...up to this much (reached at the sixth correct answer in a row)."""

MAX_STARS = 3
"""The most stars a question or a level can earn."""


def question_stars(*, solved: bool, first_try: bool, hints_used: int) -> int:
    """The one star rule: 3 solved at the first try without hints, 2 solved without hints,
    1 solved with hints, 0 not solved (or given up).

    The game scores each question with it and the store keeps each question's best with it.
    """
    if not solved:
        return 0
    if hints_used > 0:
        return 1
    return MAX_STARS if first_try else 2


def level_stars(stars: Sequence[int]) -> int:
    """A level's stars: the average of its questions', rounded down (0 to 3)."""
    return sum(stars) // len(stars) if stars else 0


@dataclass(frozen=True, slots=True)
class Points:
    """The points one answer earned, itemised for the screen."""

    base: int = 0
    speed_bonus: int = 0
    streak_bonus: int = 0

    @property
    def total(self) -> int:
        """All the points of this answer."""
        return self.base + self.speed_bonus + self.streak_bonus


def points_for(correct: bool, seconds: float, streak: int) -> Points:
    """Return the points of one drill answer.

    Args:
        correct: whether the answer was right (wrong and skipped answers earn nothing).
        seconds: time from the question appearing to the answer being submitted.
        streak: correct answers in a row including this one.
    """
    if not correct:
        return Points()
    speed = max(0, SPEED_BONUS_MAX - SPEED_BONUS_STEP * math.floor(max(0.0, seconds)))
    bonus = min(STREAK_BONUS_MAX, STREAK_BONUS_STEP * max(0, streak - 1))
    return Points(BASE_POINTS, speed, bonus)


@dataclass(frozen=True, slots=True)
class DrillSetting:
    """How long a drill lasts and which skills it draws from."""

    minutes: int
    skills: frozenset[str] = frozenset()
    """Empty: every skill. Otherwise items with at least one of these skills."""
    replay: bool = False
    """A replay of the items missed or slowest last time (never a record)."""

    def __post_init__(self) -> None:
        if self.minutes < 1:
            raise ValueError("a drill lasts at least one minute")
        if any(not skill or "+" in skill or ":" in skill for skill in self.skills):
            raise ValueError(f"invalid skill names: {sorted(self.skills)}")

    @property
    def key(self) -> str:
        """The stable name records are kept under: `3m:all`, `3m:chain`, `replay:3m`."""
        if self.replay:
            return f"replay:{self.minutes}m"
        return f"{self.minutes}m:{'+'.join(sorted(self.skills)) or 'all'}"

    @property
    def standard(self) -> bool:
        """True for 1, 3 or 5 minutes of all skills or of one skill: the record settings."""
        return not self.replay and self.minutes in STANDARD_MINUTES and len(self.skills) <= 1

    def matches(self, skills: frozenset[str]) -> bool:
        """Return True when an item with `skills` belongs in this drill."""
        return not self.skills or not self.skills.isdisjoint(skills)


def standard_settings(skills: Iterable[str]) -> list[DrillSetting]:
    """Return every standard setting: each length for all skills, then for each skill."""
    names = sorted(set(skills))
    return [
        DrillSetting(minutes, frozenset(group))
        for minutes in STANDARD_MINUTES
        for group in [(), *((name,) for name in names)]
    ]


def counts_for_record(setting: DrillSetting, completed: bool) -> bool:
    """Return True when a drill can set a personal best: standard, and played to the end."""
    return setting.standard and completed
