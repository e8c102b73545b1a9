"""Mastery and review from the store: every (skill, answer) pair, fed to the pure rules."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date

from derivquest.progress.database import Database
from derivquest.progress.dialect import Connection
from derivquest.progress.mastery import SkillEvent, SkillMastery, mastery_by_skill
from derivquest.progress.review import ReviewItem, review_queue


def skill_events(
    connection: Connection, profile_id: int, known_ids: Collection[str] | None
) -> list[SkillEvent]:
    """Return every (skill, answer) pair of a profile, oldest first.

    With `known_ids`, answers to questions no pack has any more are left out.
    """
    rows = connection.execute(
        "SELECT s.skill, a.question_id, a.answered_at, a.correct, a.hints_used, a.seconds"
        " FROM attempt_skills AS s JOIN attempts AS a ON a.id = s.attempt_id"
        " WHERE s.profile_id = ? ORDER BY a.answered_at, a.id",
        (profile_id,),
    )
    return [
        SkillEvent(skill, question_id, at, bool(correct), hints, seconds)
        for skill, question_id, at, correct, hints, seconds in rows
        if known_ids is None or question_id in known_ids
    ]


class SkillLog:
    """`store.skills`: mastery levels and what to review, per profile."""

    def __init__(self, database: Database, now: Callable[[], float]) -> None:
        self._db = database
        self._now = now

    def _events(self, profile_id: int, known_ids: Collection[str] | None) -> list[SkillEvent]:
        with self._db.read() as connection:
            return skill_events(connection, profile_id, known_ids)

    def mastery(
        self,
        profile_id: int,
        known_ids: Collection[str] | None = None,
        skills: Iterable[str] = (),
    ) -> dict[str, SkillMastery]:
        """Return the mastery of each answered skill (and of `skills`: NEW if unanswered).

        With `known_ids`, answers to questions no pack has now are left out.
        """
        return mastery_by_skill(self._events(profile_id, known_ids), skills)

    def review(
        self,
        profile_id: int,
        today: date | None = None,
        known_ids: Collection[str] | None = None,
        include_weak: bool = True,
    ) -> list[ReviewItem]:
        """Return the skills to review: due ones first, then (with `include_weak`) weak ones."""
        events = self._events(profile_id, known_ids)
        day = date.fromtimestamp(self._now()) if today is None else today
        return review_queue(events, mastery_by_skill(events), day, include_weak)

    def due_today(
        self,
        profile_id: int,
        today: date | None = None,
        known_ids: Collection[str] | None = None,
    ) -> list[ReviewItem]:
        """Return only the skills whose review day (local date) has come, most urgent first."""
        return self.review(profile_id, today, known_ids, include_weak=False)
