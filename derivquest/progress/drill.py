"""A timed drill session: countdown, random items, per-question time, score, streak, summary."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from derivquest.progress.drill_results import (
    AnswerOutcome,
    DrillQuestion,
    DrillResultItem,
    DrillSummary,
    ItemResult,
)
from derivquest.progress.scoring import DrillSetting, points_for

EndReason = Literal["time", "done", "quit"]
"""Why a drill ended: the clock ran out, a replay's list was done, or the player quit."""


class Clock(Protocol):
    """A monotonic clock in seconds; tests pass one they can freeze and advance."""

    def monotonic(self) -> float:
        """Return the current time in seconds (only differences matter)."""
        ...


class SystemClock:
    """The real clock: `time.monotonic`."""

    def monotonic(self) -> float:
        """Return `time.monotonic()`."""
        return time.monotonic()


@dataclass(frozen=True, slots=True)
class DrillItem:
    """A drillable question and its skills."""

    question_id: str
    skills: frozenset[str]


class DrillSource(Protocol):
    """What the content layer provides: every question marked `drill = true`."""

    def drill_items(self) -> Iterable[DrillItem]:
        """Yield each drillable question with its skills."""
        ...


class DrillOver(Exception):
    """An answer was given to a drill that has ended."""


class DrillSession:
    """One drill from start to summary; the game drives it and shows its numbers.

    The clock starts at construction and the first question is served at once; each
    question's time runs from when it was served to when its answer was submitted.
    """

    def __init__(
        self, setting: DrillSetting, questions: Iterator[DrillQuestion], clock: Clock
    ) -> None:
        """Use `start` or `replay` rather than this."""
        self.setting = setting
        """The drill's length and skills."""
        self._questions = questions
        self._clock = clock
        self._started = clock.monotonic()
        self._deadline = self._started + 60 * setting.minutes
        self._items: list[DrillResultItem] = []
        self._current: DrillQuestion | None = None
        self._shown_at = self._started
        self._ended_at: float | None = None
        self._end_reason: EndReason | None = None
        self.score = 0
        """Points so far."""
        self.streak = 0
        """Correct answers in a row so far."""
        self.best_streak = 0
        """Longest streak in this session."""
        self._serve(self._started)

    @classmethod
    def start(
        cls, setting: DrillSetting, source: DrillSource, clock: Clock, seed: int | None = None
    ) -> DrillSession:
        """Start a drill of random items from `source` matching `setting`.

        Items come in shuffled rounds (each item once per round, no item twice in a row);
        each serving gets a fresh variant seed. `seed` makes the order reproducible.

        Raises:
            ValueError: no drillable question has the setting's skills.
        """
        pool = sorted(
            {item.question_id for item in source.drill_items() if setting.matches(item.skills)}
        )
        if not pool:
            raise ValueError(f"no drill questions for skills {sorted(setting.skills) or 'all'}")
        return cls(setting, _shuffled_rounds(pool, random.Random(seed)), clock)

    @classmethod
    def replay(cls, questions: Sequence[DrillQuestion], minutes: int, clock: Clock) -> DrillSession:
        """Start a drill of exactly `questions`, in order; it ends when all are answered.

        Raises:
            ValueError: `questions` is empty.
        """
        if not questions:
            raise ValueError("nothing to replay: the last drill had no missed or slow items")
        setting = DrillSetting(minutes, replay=True)
        return cls(setting, iter(questions), clock)

    def now(self) -> float:
        """The drill's clock: the game stamps an answer with it when the player submits."""
        return self._clock.monotonic()

    @property
    def current(self) -> DrillQuestion | None:
        """The question on screen, or None once the drill is over."""
        if self._current is not None and self._clock.monotonic() >= self._deadline:
            self._end(self._deadline, "time")
        return self._current

    @property
    def over(self) -> bool:
        """True when time ran out, the replay list is done, or `finish` was called."""
        return self.current is None

    def remaining(self) -> float:
        """Seconds left on the countdown (never negative)."""
        end = self._ended_at if self._ended_at is not None else self._clock.monotonic()
        return max(0.0, self._deadline - end)

    def countdown(self) -> int:
        """The countdown as shown: whole seconds, rounded up (shows 1 until time is up)."""
        return math.ceil(self.remaining())

    def question_seconds(self) -> float:
        """How long the current question has been on screen."""
        return max(0.0, min(self._clock.monotonic(), self._deadline) - self._shown_at)

    def answer(self, correct: bool, submitted_at: float | None = None) -> AnswerOutcome:
        """Score the current question and serve the next (its time starts now).

        Args:
            correct: the judge's verdict.
            submitted_at: the clock reading when the player pressed Enter (default: now),
                so the judge's own time is not charged to the player. An answer submitted
                after the countdown reached 0 does not score.

        Raises:
            DrillOver: the drill had already ended.
        """
        return self._settle("correct" if correct else "wrong", submitted_at)

    def skip(self, submitted_at: float | None = None) -> AnswerOutcome:
        """Give up the current question (0 points, counts as missed) and serve the next."""
        return self._settle("skipped", submitted_at)

    def finish(self) -> DrillSummary:
        """End the drill (early, if time is left) and return its summary."""
        if self._ended_at is None:
            now = self._clock.monotonic()
            self._end(min(now, self._deadline), "time" if now >= self._deadline else "quit")
        ended = self._deadline if self._ended_at is None else self._ended_at
        return DrillSummary(
            setting=self.setting,
            items=tuple(self._items),
            score=self.score,
            best_streak=self.best_streak,
            completed=self._end_reason != "quit",
            seconds=ended - self._started,
        )

    def _settle(self, outcome: ItemResult, submitted_at: float | None) -> AnswerOutcome:
        now = self._clock.monotonic() if submitted_at is None else submitted_at
        question = self._current
        if question is None:
            raise DrillOver("the drill is over")
        if now >= self._deadline:
            seconds = self._deadline - self._shown_at
            self._end(self._deadline, "time")
            return AnswerOutcome("unanswered", 0, 0, 0, self.streak, seconds, self.score)
        seconds = max(0.0, now - self._shown_at)
        self.streak = self.streak + 1 if outcome == "correct" else 0
        self.best_streak = max(self.best_streak, self.streak)
        points = points_for(outcome == "correct", seconds, self.streak)
        self.score += points.total
        self._record(question, outcome, seconds, points.total)
        self._serve(max(now, self._clock.monotonic()))  # the next one shows after the verdict
        return AnswerOutcome(
            outcome,
            points.total,
            points.speed_bonus,
            points.streak_bonus,
            self.streak,
            seconds,
            self.score,
        )

    def _record(
        self, question: DrillQuestion, outcome: ItemResult, seconds: float, points: int
    ) -> None:
        self._items.append(
            DrillResultItem(
                question.question_id,
                question.variant_seed,
                question.position,
                outcome,
                seconds,
                points,
            )
        )

    def _serve(self, now: float) -> None:
        self._current = next(self._questions, None)
        self._shown_at = now
        if self._current is None:
            self._end(now, "done")

    def _end(self, at: float, reason: EndReason) -> None:
        """Stop the drill; the question still on screen is recorded as unanswered."""
        if self._current is not None:
            self._record(self._current, "unanswered", max(0.0, at - self._shown_at), 0)
            self._current = None
        if self._ended_at is None:
            self._ended_at = at
            self._end_reason = reason


def _shuffled_rounds(pool: Sequence[str], rng: random.Random) -> Iterator[DrillQuestion]:
    """Yield the pool in endless shuffled rounds, never the same question twice in a row."""
    position = 0
    last: str | None = None
    while True:
        order = list(pool)
        rng.shuffle(order)
        if len(order) > 1 and order[0] == last:
            order[0], order[-1] = order[-1], order[0]
        for question_id in order:
            position += 1
            last = question_id
            yield DrillQuestion(question_id, rng.getrandbits(63), position)
