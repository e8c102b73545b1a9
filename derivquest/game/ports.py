"""What the game needs from the progress store, as Protocols (derivquest.progress provides them).

Only Protocols and plain data records appear here, so the game depends on what it calls, not
on the store's classes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Protocol

from derivquest.progress.drill_log import DrillSaved, HistoryEntry
from derivquest.progress.drill_results import DrillSummary
from derivquest.progress.mastery import SkillMastery
from derivquest.progress.mistakes import RepeatedMistake
from derivquest.progress.records import Mode, ProgressSummary, QuestionProgress, ResumePoint
from derivquest.progress.review import ReviewItem


class DrillRecords(Protocol):
    """Drill results, personal bests and history."""

    def save(self, profile_id: int, summary: DrillSummary) -> DrillSaved: ...

    def personal_bests(self, profile_id: int) -> dict[str, int]: ...

    def history(
        self, profile_id: int, setting: str | None = None, limit: int = 100
    ) -> list[HistoryEntry]: ...


class SkillRecords(Protocol):
    """Mastery per skill and the review schedule."""

    def mastery(
        self,
        profile_id: int,
        known_ids: Collection[str] | None = None,
        skills: Iterable[str] = (),
    ) -> dict[str, SkillMastery]: ...

    def review(
        self,
        profile_id: int,
        today: date | None = None,
        known_ids: Collection[str] | None = None,
        include_weak: bool = True,
    ) -> list[ReviewItem]: ...

    def due_today(
        self,
        profile_id: int,
        today: date | None = None,
        known_ids: Collection[str] | None = None,
    ) -> list[ReviewItem]: ...


class ProgressPort(Protocol):
    """The progress operations the game calls; each write is committed when it returns."""

    def summary(
        self, profile_id: int, question_ids: Sequence[str], level_ids: Sequence[str]
    ) -> ProgressSummary: ...

    @property
    def drills(self) -> DrillRecords:
        """Drill results, personal bests and history."""
        ...

    @property
    def skills(self) -> SkillRecords:
        """Mastery per skill and the review schedule."""
        ...

    def record_attempt(
        self,
        profile_id: int,
        question_id: str,
        answer: str,
        *,
        correct: bool,
        seconds: float,
        hints_used: int = 0,
        skills: Iterable[str] = (),
        mode: Mode = "play",
        variant_seed: int | None = None,
        diagnosis: str | None = None,
        fingerprint: str | None = None,
    ) -> None: ...

    def question_progress(self, profile_id: int, question_id: str) -> QuestionProgress | None: ...

    def record_level_result(
        self, profile_id: int, level_id: str, *, stars: int, seconds: float
    ) -> None: ...

    def save_resume_point(self, profile_id: int, point: ResumePoint) -> None: ...

    def resume_point(self, profile_id: int, slot: str = "play") -> ResumePoint | None: ...

    def clear_resume_point(self, profile_id: int, slot: str = "play") -> None: ...

    def variant_attempts(self, profile_id: int, question_id: str, seed: int) -> tuple[int, int]: ...


class Profile(Protocol):
    """A player as the store keeps it."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def player_id(self) -> str: ...


class MistakeRecords(Protocol):
    """A player's repeated mistakes (the "my mistakes" screen)."""

    def repeated_by(
        self, profile_id: int, known_ids: Collection[str] | None = None
    ) -> list[RepeatedMistake]: ...


class GameStore(ProgressPort, Protocol):
    """The store as the app uses it: progress plus the players on this machine."""

    @property
    def mistakes(self) -> MistakeRecords:
        """Named mistakes a player repeats."""
        ...

    def profiles(self) -> Sequence[Profile]: ...

    def profile_named(self, name: str) -> Profile | None: ...

    def create_profile(self, name: str) -> Profile: ...
