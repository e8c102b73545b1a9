"""What the game needs from the progress store (the store in derivquest.progress provides it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from derivquest.progress.drill_log import DrillLog
from derivquest.progress.records import Mode, ProgressSummary, QuestionProgress, ResumePoint
from derivquest.progress.skills import SkillLog


class ProgressStore(Protocol):
    """The progress operations the game calls; each write is committed when it returns."""

    def summary(
        self, profile_id: int, question_ids: Sequence[str], level_ids: Sequence[str]
    ) -> ProgressSummary: ...

    @property
    def drills(self) -> DrillLog:
        """Drill results, personal bests and history."""
        ...

    @property
    def skills(self) -> SkillLog:
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

    def resume_point(self, profile_id: int) -> ResumePoint | None: ...


class Profile(Protocol):
    """A player as the store keeps it."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def player_id(self) -> str: ...


class GameStore(ProgressStore, Protocol):
    """The store as the app uses it: progress plus the players on this machine."""

    def profiles(self) -> Sequence[Profile]: ...

    def profile_named(self, name: str) -> Profile | None: ...

    def create_profile(self, name: str) -> Profile: ...
