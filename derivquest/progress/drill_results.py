"""What a drill produces: served questions, per-item results, the summary, replay lists."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from derivquest.progress.scoring import DrillSetting

ItemResult = Literal["correct", "wrong", "skipped", "unanswered"]
"""What happened to one drill item; "unanswered" is the item on screen when time ran out."""

SLOWEST_COUNT = 3
"""How many of the slowest correct answers the summary lists and a replay repeats."""


@dataclass(frozen=True, slots=True)
class DrillQuestion:
    """One item as served: the question and the variant to show."""

    question_id: str
    variant_seed: int
    position: int
    """1-based order in the session."""


@dataclass(frozen=True, slots=True)
class DrillResultItem:
    """One served item and how it went."""

    question_id: str
    variant_seed: int
    position: int
    outcome: ItemResult
    seconds: float
    points: int


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    """What the screen shows after an answer."""

    outcome: ItemResult
    points: int
    speed_bonus: int
    streak_bonus: int
    streak: int
    seconds: float
    score: int
    """The session's score after this answer."""


@dataclass(frozen=True, slots=True)
class DrillSummary:
    """The end-of-drill report; `ProgressStore.save_drill` stores it."""

    setting: DrillSetting
    items: tuple[DrillResultItem, ...]
    score: int
    best_streak: int
    completed: bool
    """True when the clock ran out (or a replay's list was done), False when quit early."""
    seconds: float

    @property
    def answered(self) -> tuple[DrillResultItem, ...]:
        """Items answered right or wrong or skipped (not the one cut off by the clock)."""
        return tuple(item for item in self.items if item.outcome != "unanswered")

    @property
    def correct(self) -> int:
        """How many answers were right."""
        return sum(item.outcome == "correct" for item in self.items)

    @property
    def accuracy(self) -> float:
        """Correct answers over answered items (0.0 when nothing was answered)."""
        answered = len(self.answered)
        return self.correct / answered if answered else 0.0

    @property
    def mean_seconds(self) -> float | None:
        """Average time per answered item."""
        times = [item.seconds for item in self.answered]
        return statistics.fmean(times) if times else None

    @property
    def missed(self) -> tuple[DrillResultItem, ...]:
        """Items answered wrong or skipped."""
        return tuple(item for item in self.items if item.outcome in ("wrong", "skipped"))

    @property
    def slowest(self) -> tuple[DrillResultItem, ...]:
        """The slowest correct answers, slowest first."""
        return slowest_correct(self.items)


def slowest_correct(
    items: Sequence[DrillResultItem], count: int = SLOWEST_COUNT
) -> tuple[DrillResultItem, ...]:
    """Return the `count` slowest correct items, slowest first (earlier first on ties)."""
    correct = [item for item in items if item.outcome == "correct"]
    return tuple(sorted(correct, key=lambda item: (-item.seconds, item.position))[:count])


def replay_questions(
    items: Sequence[DrillResultItem], slowest: int = SLOWEST_COUNT
) -> tuple[DrillQuestion, ...]:
    """Return exactly the items missed plus the `slowest` slowest correct ones, in order.

    Each keeps its variant seed, so the replay shows the very same variants again.
    """
    chosen = {item.position for item in items if item.outcome in ("wrong", "skipped")}
    chosen |= {item.position for item in slowest_correct(items, slowest)}
    picked = sorted((item for item in items if item.position in chosen), key=_position)
    return tuple(
        DrillQuestion(item.question_id, item.variant_seed, number)
        for number, item in enumerate(picked, start=1)
    )


def _position(item: DrillResultItem) -> int:
    return item.position
