"""What the store hands back: profiles, per-question and per-level progress, resume points."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from derivquest.ids import LevelId, QuestionId

Mode = Literal["play", "drill", "review"]
"""Which part of the game an answer came from; every mode shares one store."""


MAX_SEED = 2**64 - 1
"""Variant seeds are 64-bit unsigned (see derivquest.content.variants.variant_seed)."""


def check_question_id(question_id: str) -> str:
    """Return `question_id`, or raise ValueError when it is not `pack/level/question`."""
    QuestionId.parse(question_id)
    return question_id


def check_level_id(level_id: str) -> str:
    """Return `level_id`, or raise ValueError when it is not `pack/level`."""
    LevelId.parse(level_id)
    return level_id


def check_seed(seed: int) -> int:
    """Return `seed`, or raise ValueError when it is outside 0 .. 2**64 - 1."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"variant seed {seed} is outside 0..2**64-1")
    return seed


def check_amount(value: float, what: str) -> float:
    """Return `value`, or raise ValueError when it is negative, infinite or NaN.

    SQLite would store NaN as NULL, so it must be stopped before it reaches the database.
    """
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be a finite number >= 0, not {value!r}")
    return value


def level_of(question_id: str) -> str:
    """Return the `pack/level` part of a question id."""
    parsed = QuestionId.read(question_id)
    # Not an id at all: no level has it, so it is ignored like any unknown id.
    return question_id if parsed is None else str(parsed.level_id)


@dataclass(frozen=True, slots=True)
class Profile:
    """A player on this machine; several can share one store."""

    id: int
    """The row id (use the name in anything a person reads or types)."""
    name: str
    player_id: str
    """Stable random id that seeds question variants (`content.instantiate(ref, player_id)`)."""
    created_at: float
    cohort: str | None = None
    """The student's class in a school (e.g. `7B`), for `report --class`; None: none."""


@dataclass(frozen=True, slots=True)
class QuestionProgress:
    """Everything recorded about one question for one profile."""

    question_id: str
    attempts: int
    correct: int
    hints_used: int
    """The most hints the player had open when answering it."""
    solved: bool
    stars: int
    """Best of: 3 solved on the first attempt without hints, 2 without hints, 1 with hints."""
    seconds: float
    """Time spent answering it, summed over attempts."""
    first_solved_at: float | None
    last_attempt_at: float


@dataclass(frozen=True, slots=True)
class LevelProgress:
    """One level: the game's recorded result plus totals over its known questions."""

    level_id: str
    stars: int = 0
    """Best stars the game recorded with `record_level_result` (0: never completed)."""
    completions: int = 0
    best_seconds: float | None = None
    attempts: int = 0
    solved: int = 0
    hints_used: int = 0
    seconds: float = 0.0

    @property
    def completed(self) -> bool:
        """True once the level was completed at least once."""
        return self.completions > 0


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    """A profile's progress restricted to the ids the loaded packs still have."""

    questions: Mapping[str, QuestionProgress]
    levels: Mapping[str, LevelProgress]
    ignored: int = 0
    """Stored questions and levels whose ids no packs have now (kept, not counted)."""

    def completed_levels(self, pack_id: str) -> frozenset[str]:
        """Return the ids (within `pack_id`) of the completed levels, for `Pack.is_unlocked`."""
        completed = set()
        for level_id, level in self.levels.items():
            parsed = LevelId.read(level_id)
            if level.completed and parsed is not None and parsed.pack == pack_id:
                completed.add(parsed.level)
        return frozenset(completed)


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """The exact place to continue: the question, its variant and what had been typed."""

    question_id: str
    variant_seed: int
    typed: str = ""
    """The answer box's text, byte for byte."""
    round_number: int = 0
    hints_shown: int = 0
    slot: str = "play"
    """One resume point per profile and slot (e.g. "play", "review")."""
    saved_at: float = field(default=0.0, compare=False)
    """Set by the store when saving."""

    @property
    def pack(self) -> str:
        """The pack id."""
        return QuestionId.parse(self.question_id).pack

    @property
    def level(self) -> str:
        """The level id within the pack."""
        return QuestionId.parse(self.question_id).level

    @property
    def question(self) -> str:
        """The question id within the level."""
        return QuestionId.parse(self.question_id).question


@dataclass(frozen=True, slots=True)
class ResetCounts:
    """How many rows a reset removed."""

    attempts: int
    questions: int
    levels: int
    drills: int
    resume_points: int
