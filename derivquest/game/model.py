"""What the game shows and keeps while playing: map entries, a run of questions, an outcome."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from derivquest.content import Pack, QuestionInstance, QuestionRef
from derivquest.engine import Verdict
from derivquest.ids import LevelId

FAILURES_BEFORE_SOLUTION = 3
"""Wrong answers after which the worked solution is shown without giving up."""


@dataclass(frozen=True, slots=True)
class LevelEntry:
    """One level on the map."""

    pack_id: str
    level_id: str
    title: str
    locked: bool
    missing: tuple[str, ...]
    """Titles of the prerequisite levels not yet completed."""
    solved: int
    total: int
    stars: int
    completed: bool
    resume_at: int | None = None
    """The question number (1-based) the level continues at, when it has a saved place."""

    @property
    def full_id(self) -> str:
        """`pack/level`, the key the progress store uses."""
        return str(LevelId(self.pack_id, self.level_id))


@dataclass(frozen=True, slots=True)
class PackEntry:
    """A pack on the map with its levels in order."""

    pack_id: str
    title: str
    levels: tuple[LevelEntry, ...]


@dataclass
class QuestionPlay:
    """The question on screen and everything the player did with it so far."""

    ref: QuestionRef
    instance: QuestionInstance
    round_number: int
    seed: int
    """The seed the variant on screen was drawn from (stored with each attempt)."""
    hints_shown: int = 0
    failures: int = 0
    solved: bool = False
    gave_up: bool = False
    typed: str = ""
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> bool:
        """Solved or given up: the player may move on."""
        return self.solved or self.gave_up

    @property
    def solution_visible(self) -> bool:
        """The worked solution shows after giving up or too many wrong answers."""
        return self.gave_up or self.failures >= FAILURES_BEFORE_SOLUTION


@dataclass
class LevelRun:
    """Questions played in order: a level, or a review session across levels."""

    pack: Pack | None
    """None for a review session (its questions come from several levels)."""
    level_id: str | None
    title: str
    lesson: str
    refs: tuple[QuestionRef, ...]
    index: int
    play: QuestionPlay
    stars: dict[int, int] = field(default_factory=dict)
    """Stars earned in this run, by question index (a question left unplayed has none)."""
    reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Why a question played in this run earned less than three stars (ids, by index)."""
    started: float = field(default_factory=time.monotonic)

    @property
    def full_id(self) -> str | None:
        """`pack/level`, or None for a review session."""
        if self.pack is None or self.level_id is None:
            return None
        return str(LevelId(self.pack.id, self.level_id))

    @property
    def total(self) -> int:
        """Questions in the level."""
        return len(self.refs)


@dataclass(frozen=True, slots=True)
class AnswerFeedback:
    """What the screen shows after an answer: the verdict, already saved."""

    verdict: Verdict
    message: str
    """The verdict's message, with the mistake sentence in the player's language."""
    solution: str | None
    """The worked solution, when it has become visible."""


@dataclass(frozen=True, slots=True)
class MissedQuestion:
    """A question of a finished level that earned fewer than three stars."""

    prompt: str
    stars: int
    reasons: tuple[str, ...]
    """Ids of what cost stars: "gave-up", "wrong-tries", "hints" (empty: not played now)."""


@dataclass(frozen=True, slots=True)
class LevelResult:
    """What the level-complete screen shows."""

    title: str
    stars: int
    missed: tuple[MissedQuestion, ...]
    next_level: LevelEntry | None
    """The next open level not yet completed, if any."""
