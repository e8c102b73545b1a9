"""The attempt log and the per-question counters kept beside it, in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from derivquest.progress.dialect import Connection, higher
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


# Counters are SQL expressions over the stored row (`attempts + 1`, the higher of two),
# never values computed in Python: two games answering on one profile each add their own.
# The SQL runs on SQLite and PostgreSQL alike (derivquest.progress.dialect).
_UPSERT_QUESTION = f"""
INSERT INTO questions (profile_id, question_id, attempts, correct, hints_used, solved, stars,
                       seconds, first_solved_at, last_attempt_at)
VALUES (:profile, :question, 1, :correct, :hints, :correct,
        :first_stars,
        :seconds, CASE WHEN :correct = 1 THEN :at END, :at)
ON CONFLICT (profile_id, question_id) DO UPDATE SET
    attempts = questions.attempts + 1,
    correct = questions.correct + excluded.correct,
    hints_used = {higher("questions", "hints_used")},
    solved = {higher("questions", "solved")},
    stars = CASE WHEN :later_stars > questions.stars THEN :later_stars ELSE questions.stars END,
    seconds = questions.seconds + excluded.seconds,
    first_solved_at = COALESCE(questions.first_solved_at, excluded.first_solved_at),
    last_attempt_at = {higher("questions", "last_attempt_at")}
"""


def insert_attempt(connection: Connection, profile_id: int, row: AttemptRow) -> None:
    """Add one answer to the log, its skills and its question's counters.

    Call inside a write transaction. An answer whose uid is stored already (an import may
    offer one) changes nothing.
    """
    inserted = connection.execute(
        "INSERT INTO attempts (uid, profile_id, question_id, answered_at, answer, correct,"
        " seconds, hints_used, mode, variant_seed, diagnosis, fingerprint)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING RETURNING id",
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


def rebuild_questions(connection: Connection, profile_id: int) -> None:
    """Recompute a profile's per-question counters from its attempt log (after an import).

    Gives the same numbers the incremental upsert gives, ordering attempts by time. The
    stars come from `scoring.question_stars` in Python (no SQL function: PostgreSQL has
    none of ours), the rest are the same sums, maxima and minima.
    """
    connection.execute("DELETE FROM questions WHERE profile_id = ?", (profile_id,))
    rows: dict[str, list[Any]] = {}
    for question, correct, hints, seconds, at in connection.execute(
        "SELECT question_id, correct, hints_used, seconds, answered_at FROM attempts"
        " WHERE profile_id = ? ORDER BY answered_at, id",
        (profile_id,),
    ):
        first = question not in rows
        row = rows.setdefault(question, [profile_id, question, 0, 0, 0, 0, 0, 0.0, None, at])
        stars = question_stars(solved=bool(correct), first_try=first, hints_used=hints)
        row[2] += 1
        row[3] += correct
        row[4] = max(row[4], hints)
        row[5] = max(row[5], correct)
        row[6] = max(row[6], stars)
        row[7] += seconds
        if correct and row[8] is None:
            row[8] = at
        row[9] = max(row[9], at)
    connection.executemany(
        "INSERT INTO questions (profile_id, question_id, attempts, correct, hints_used, solved,"
        " stars, seconds, first_solved_at, last_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        list(rows.values()),
    )


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
