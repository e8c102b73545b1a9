"""The attempt log and the per-question counters kept beside it, in the same transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from derivquest.progress.records import Mode, QuestionProgress
from derivquest.progress.scoring import question_stars


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
    diagnosis: str | None = None
    """The judge's mistake id for a wrong answer (`engine.mistakes`), when it named one."""
    fingerprint: str | None = None
    """The answer's values at the question's fixed points, hashed (`engine.fingerprint`)."""


# Counters are SQL expressions over the stored row (`attempts + 1`, `MAX(...)`), never values
# computed in Python: two games answering on one profile each add their own answer.
# In an upsert's SET, bare column names are the row's values before this update.
_UPSERT_QUESTION = """
INSERT INTO questions (profile_id, question_id, attempts, correct, hints_used, solved, stars,
                       seconds, first_solved_at, last_attempt_at)
VALUES (:profile, :question, 1, :correct, :hints, :correct,
        :first_stars,
        :seconds, CASE WHEN :correct THEN :at END, :at)
ON CONFLICT (profile_id, question_id) DO UPDATE SET
    attempts = attempts + 1,
    correct = correct + excluded.correct,
    hints_used = MAX(hints_used, excluded.hints_used),
    solved = MAX(solved, excluded.solved),
    stars = MAX(stars, :later_stars),
    seconds = seconds + excluded.seconds,
    first_solved_at = COALESCE(first_solved_at, excluded.first_solved_at),
    last_attempt_at = MAX(last_attempt_at, excluded.last_attempt_at)
"""

_REBUILD_QUESTIONS = """
INSERT INTO questions (profile_id, question_id, attempts, correct, hints_used, solved, stars,
                       seconds, first_solved_at, last_attempt_at)
SELECT profile_id, question_id, COUNT(*), SUM(correct), MAX(hints_used), MAX(correct),
       MAX(question_stars(correct, hints_used, n = 1)),
       SUM(seconds), MIN(CASE WHEN correct THEN answered_at END), MAX(answered_at)
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY answered_at, id) AS n
      FROM attempts WHERE profile_id = :profile)
GROUP BY question_id
"""


def insert_attempt(connection: sqlite3.Connection, profile_id: int, row: AttemptRow) -> None:
    """Add one answer to the log, its skills and its question's counters.

    Call inside a write transaction. An answer whose uid is stored already (an import may
    offer one) changes nothing.
    """
    cursor = connection.execute(
        "INSERT INTO attempts (uid, profile_id, question_id, answered_at, answer, correct,"
        " seconds, hints_used, mode, variant_seed, diagnosis, fingerprint)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING",
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
            row.diagnosis,
            row.fingerprint,
        ),
    )
    if cursor.rowcount == 0:
        return
    attempt_id = cursor.lastrowid
    assert attempt_id is not None
    connection.executemany(
        "INSERT OR IGNORE INTO attempt_skills (attempt_id, profile_id, skill) VALUES (?, ?, ?)",
        [(attempt_id, profile_id, skill) for skill in row.skills],
    )
    connection.execute(
        _UPSERT_QUESTION,
        {
            "profile": profile_id,
            "question": row.question_id,
            "correct": int(row.correct),
            "hints": row.hints_used,
            # The star rule is scoring.question_stars; whether this is the first attempt is
            # only known in SQL (insert or update), so both values go in.
            "first_stars": question_stars(
                solved=row.correct, first_try=True, hints_used=row.hints_used
            ),
            "later_stars": question_stars(
                solved=row.correct, first_try=False, hints_used=row.hints_used
            ),
            "seconds": row.seconds,
            "at": row.answered_at,
        },
    )


def _sql_question_stars(correct: int, hints_used: int, first_try: int) -> int:
    return question_stars(solved=bool(correct), first_try=bool(first_try), hints_used=hints_used)


def rebuild_questions(connection: sqlite3.Connection, profile_id: int) -> None:
    """Recompute a profile's per-question counters from its attempt log (after an import).

    Gives the same numbers the incremental upsert gives, ordering attempts by time.
    """
    connection.execute("DELETE FROM questions WHERE profile_id = ?", (profile_id,))
    connection.create_function("question_stars", 3, _sql_question_stars, deterministic=True)
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


def attempt_rows(connection: sqlite3.Connection, profile_id: int) -> Iterable[AttemptRow]:
    """Yield a profile's attempts in the order they were answered, with their skills."""
    skills: dict[int, list[str]] = {}
    for attempt_id, skill in connection.execute(
        "SELECT attempt_id, skill FROM attempt_skills WHERE profile_id = ? ORDER BY skill",
        (profile_id,),
    ):
        skills.setdefault(attempt_id, []).append(skill)
    cursor = connection.execute(
        "SELECT id, uid, question_id, answered_at, answer, correct, seconds, hints_used, mode,"
        " variant_seed, diagnosis, fingerprint FROM attempts WHERE profile_id = ?"
        " ORDER BY answered_at, id",
        (profile_id,),
    )
    for row in cursor:
        attempt_id, uid, question, at, answer, correct, seconds, hints, mode, seed = row[:10]
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
            diagnosis=row[10],
            fingerprint=row[11],
        )
