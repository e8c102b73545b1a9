"""The attempt log and the per-question counters kept beside it, in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from derivquest.progress.dialect import Connection, higher
from derivquest.progress.records import Mode, QuestionProgress


@dataclass(frozen=True, slots=True)
class AttemptRow:
    """One answer as stored (and exported)."""

    uid: str
    """Globally unique; an import never adds the same answer twice."""
    question_id: str
    answered_at: float
    answer: str
    correct: bool
    seconds: float
    hints_used: int
    mode: Mode
    variant_seed: int | None
    skills: tuple[str, ...]


_REPEAT_STARS = (
    "CASE WHEN excluded.correct = 0 THEN 0 WHEN excluded.hints_used > 0 THEN 1 ELSE 2 END"
)
"""Stars of an answer that is not the first: 2 at most."""

# Counters are SQL expressions over the stored row (`attempts + 1`, the higher of two),
# never values computed in Python: two games answering on one profile each add their own.
# The SQL runs on SQLite and PostgreSQL alike (derivquest.progress.dialect).
_UPSERT_QUESTION = f"""
INSERT INTO questions (profile_id, question_id, attempts, correct, hints_used, solved, stars,
                       seconds, first_solved_at, last_attempt_at)
VALUES (:profile, :question, 1, :correct, :hints, :correct,
        CASE WHEN :correct = 0 THEN 0 WHEN :hints > 0 THEN 1 ELSE 3 END,
        :seconds, CASE WHEN :correct = 1 THEN :at END, :at)
ON CONFLICT (profile_id, question_id) DO UPDATE SET
    attempts = questions.attempts + 1,
    correct = questions.correct + excluded.correct,
    hints_used = {higher("questions", "hints_used")},
    solved = {higher("questions", "solved")},
    stars = CASE WHEN questions.stars > {_REPEAT_STARS} THEN questions.stars
                 ELSE {_REPEAT_STARS} END,
    seconds = questions.seconds + excluded.seconds,
    first_solved_at = COALESCE(questions.first_solved_at, excluded.first_solved_at),
    last_attempt_at = {higher("questions", "last_attempt_at")}
"""

_REBUILD_QUESTIONS = """
INSERT INTO questions (profile_id, question_id, attempts, correct, hints_used, solved, stars,
                       seconds, first_solved_at, last_attempt_at)
SELECT profile_id, question_id, COUNT(*), SUM(correct), MAX(hints_used), MAX(correct),
       MAX(CASE WHEN correct = 0 THEN 0 WHEN hints_used > 0 THEN 1 WHEN n = 1 THEN 3 ELSE 2 END),
       SUM(seconds), MIN(CASE WHEN correct = 1 THEN answered_at END), MAX(answered_at)
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY answered_at, id) AS n
      FROM attempts WHERE profile_id = :profile) AS numbered
GROUP BY profile_id, question_id
"""


def insert_attempt(connection: Connection, profile_id: int, row: AttemptRow) -> None:
    """Add one answer to the log, its skills and its question's counters.

    Call inside a write transaction. An answer whose uid is stored already (an import may
    offer one) changes nothing.
    """
    inserted = connection.execute(
        "INSERT INTO attempts (uid, profile_id, question_id, answered_at, answer, correct,"
        " seconds, hints_used, mode, variant_seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (uid) DO NOTHING RETURNING id",
        (
            row.uid,
            profile_id,
            row.question_id,
            row.answered_at,
            row.answer,
            int(row.correct),
            row.seconds,
            row.hints_used,
            row.mode,
            None if row.variant_seed is None else str(row.variant_seed),
        ),
    ).fetchone()
    if inserted is None:
        return
    attempt_id = int(inserted[0])
    connection.executemany(
        "INSERT INTO attempt_skills (attempt_id, profile_id, skill) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [(attempt_id, profile_id, skill) for skill in row.skills],
    )
    connection.execute(
        _UPSERT_QUESTION,
        {
            "profile": profile_id,
            "question": row.question_id,
            "correct": int(row.correct),
            "hints": row.hints_used,
            "seconds": row.seconds,
            "at": row.answered_at,
        },
    )


def rebuild_questions(connection: Connection, profile_id: int) -> None:
    """Recompute a profile's per-question counters from its attempt log (after an import).

    Gives the same numbers the incremental upsert gives, ordering attempts by time.
    """
    connection.execute("DELETE FROM questions WHERE profile_id = ?", (profile_id,))
    connection.execute(_REBUILD_QUESTIONS, {"profile": profile_id})


QUESTION_COLUMNS = (
    "question_id, attempts, correct, hints_used, solved, stars, seconds, first_solved_at,"
    " last_attempt_at"
)


def question_from_row(row: Any) -> QuestionProgress:
    """Build a QuestionProgress from a row selected with QUESTION_COLUMNS."""
    question_id, attempts, correct, hints, solved, stars, seconds, first, last = row
    return QuestionProgress(
        question_id=question_id,
        attempts=attempts,
        correct=correct,
        hints_used=hints,
        solved=bool(solved),
        stars=stars,
        seconds=seconds,
        first_solved_at=first,
        last_attempt_at=last,
    )


def attempt_rows(connection: Connection, profile_id: int) -> Iterable[AttemptRow]:
    """Yield a profile's attempts in the order they were answered, with their skills."""
    skills: dict[int, list[str]] = {}
    for attempt_id, skill in connection.execute(
        "SELECT attempt_id, skill FROM attempt_skills WHERE profile_id = ? ORDER BY skill",
        (profile_id,),
    ):
        skills.setdefault(attempt_id, []).append(skill)
    cursor = connection.execute(
        "SELECT id, uid, question_id, answered_at, answer, correct, seconds, hints_used, mode,"
        " variant_seed FROM attempts WHERE profile_id = ? ORDER BY answered_at, id",
        (profile_id,),
    )
    for attempt_id, uid, question, at, answer, correct, seconds, hints, mode, seed in cursor:
        yield AttemptRow(
            uid=uid,
            question_id=question,
            answered_at=at,
            answer=answer,
            correct=bool(correct),
            seconds=seconds,
            hints_used=hints,
            mode=mode,
            variant_seed=None if seed is None else int(seed),
            skills=tuple(skills.get(attempt_id, ())),
        )
