"""The class's mistakes from the attempt log: named ones, equal wrong answers, who repeats them.

Every query is plain SQL over the store's connection (GROUP BY, COUNT, MIN, MAX, `substr`),
written to run unchanged on SQLite and PostgreSQL apart from the `?` placeholders.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from derivquest.progress.database import Database


class Queryable(Protocol):
    """The one connection method these queries use: `sqlite3.Connection` has it, and so does
    the store's dialect-neutral connection (PostgreSQL), which takes the same `?` SQL."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Iterable[Any]: ...


REPEAT_QUESTIONS = 2
"""A student "repeats" a mistake made on at least this many different questions."""

STUCK_FAILURES = 3
"""Wrong answers on one unsolved question after which the class view calls a student stuck."""


@dataclass(frozen=True, slots=True)
class NamedMistake:
    """One mistake id the judge named, counted over a question or a skill."""

    group: str
    """The question id (`pack/level/question`) or the skill."""
    diagnosis: str
    answers: int
    students: int


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    """Wrong answers to one question that the judge could not name but that are equal."""

    question_id: str
    fingerprint: str
    example: str
    """One of the answers as typed (the first in text order, so it is stable)."""
    answers: int
    students: int


@dataclass(frozen=True, slots=True)
class RepeatedMistake:
    """A student who made the same named mistake on several different questions."""

    name: str
    diagnosis: str
    questions: tuple[str, ...]
    answers: int
    last_at: float


@dataclass(frozen=True, slots=True)
class Activity:
    """One student's latest answer (the class view's "who is playing, and where")."""

    name: str
    question_id: str
    answered_at: float
    correct: bool
    answers: int
    """Answers since the window began."""


@dataclass(frozen=True, slots=True)
class Stuck:
    """A student with several wrong answers on a question they have not solved."""

    name: str
    question_id: str
    failures: int
    last_at: float


@dataclass(frozen=True, slots=True)
class RecentMistake:
    """One recent wrong answer, named or not."""

    name: str
    question_id: str
    answer: str
    diagnosis: str | None
    answered_at: float


def _level_filter(
    level: str | None, column: str = "a.question_id", cohort: str | None = None
) -> tuple[str, list[object]]:
    """SQL and parameters keeping questions of `level` (`pack/level`) and, with `cohort`,
    the attempts of that class's students. `substr` is portable and, unlike LIKE, takes `_`
    and `%` in an id literally. The length is an int we computed, written in the SQL so
    PostgreSQL sees an integer argument whatever the driver sends."""
    where, params = "", []
    if level is not None:
        prefix = f"{level}/"
        where, params = f" AND substr({column}, 1, {len(prefix)}) = ?", [prefix]
    if cohort is not None:
        where += " AND a.profile_id IN (SELECT id FROM profiles WHERE cohort = ?)"
        params.append(cohort)
    return where, list(params)


def _known(question_id: str, known_ids: Collection[str] | None) -> bool:
    return known_ids is None or question_id in known_ids


def named_by_question(
    connection: Queryable,
    level: str | None = None,
    known_ids: Collection[str] | None = None,
    cohort: str | None = None,
) -> list[NamedMistake]:
    """Named mistakes per question, commonest first within each question."""
    where, params = _level_filter(level, cohort=cohort)
    rows = connection.execute(
        "SELECT a.question_id, a.diagnosis, COUNT(*), COUNT(DISTINCT a.profile_id)"
        " FROM attempts AS a WHERE a.correct = 0 AND a.diagnosis IS NOT NULL"
        f"{where} GROUP BY a.question_id, a.diagnosis"
        " ORDER BY a.question_id, COUNT(*) DESC, a.diagnosis",
        params,
    )
    return [NamedMistake(*row) for row in rows if _known(row[0], known_ids)]


def named_by_skill(
    connection: Queryable,
    level: str | None = None,
    known_ids: Collection[str] | None = None,
    cohort: str | None = None,
) -> list[NamedMistake]:
    """Named mistakes per skill (over the questions tagged with it), commonest first."""
    where, params = _level_filter(level, cohort=cohort)
    rows = connection.execute(
        "SELECT s.skill, a.diagnosis, a.question_id, a.profile_id"
        " FROM attempts AS a JOIN attempt_skills AS s ON s.attempt_id = a.id"
        " WHERE a.correct = 0 AND a.diagnosis IS NOT NULL"
        f"{where}",
        params,
    )
    # Counted here, not in SQL, because the known-question filter comes from the packs.
    answers: dict[tuple[str, str], int] = {}
    students: dict[tuple[str, str], set[int]] = {}
    for skill, diagnosis, question_id, profile_id in rows:
        if _known(question_id, known_ids):
            key = (skill, diagnosis)
            answers[key] = answers.get(key, 0) + 1
            students.setdefault(key, set()).add(profile_id)
    found = [NamedMistake(s, d, n, len(students[(s, d)])) for (s, d), n in answers.items()]
    return sorted(found, key=lambda m: (m.group, -m.answers, m.diagnosis))


def unnamed_by_question(
    connection: Queryable,
    level: str | None = None,
    known_ids: Collection[str] | None = None,
    cohort: str | None = None,
) -> list[WrongAnswer]:
    """Wrong answers the judge did not name, grouped by fingerprint, commonest first."""
    where, params = _level_filter(level, cohort=cohort)
    rows = connection.execute(
        "SELECT a.question_id, a.fingerprint, MIN(a.answer), COUNT(*),"
        " COUNT(DISTINCT a.profile_id) FROM attempts AS a"
        " WHERE a.correct = 0 AND a.diagnosis IS NULL AND a.fingerprint IS NOT NULL"
        f"{where} GROUP BY a.question_id, a.fingerprint"
        " ORDER BY a.question_id, COUNT(*) DESC, MIN(a.answer)",
        params,
    )
    return [WrongAnswer(*row) for row in rows if _known(row[0], known_ids)]


def repeated(
    connection: Queryable,
    level: str | None = None,
    known_ids: Collection[str] | None = None,
    profile_id: int | None = None,
    at_least: int = REPEAT_QUESTIONS,
    cohort: str | None = None,
) -> list[RepeatedMistake]:
    """Students making one named mistake on `at_least` different questions: by name, then
    the mistake made on the most questions first."""
    where, params = _level_filter(level, cohort=cohort)
    if profile_id is not None:
        where += " AND a.profile_id = ?"
        params.append(profile_id)
    rows = connection.execute(
        "SELECT p.name, a.diagnosis, a.question_id, COUNT(*), MAX(a.answered_at)"
        " FROM attempts AS a JOIN profiles AS p ON p.id = a.profile_id"
        " WHERE a.correct = 0 AND a.diagnosis IS NOT NULL"
        f"{where} GROUP BY p.name, a.diagnosis, a.question_id"
        " ORDER BY p.name, a.diagnosis, a.question_id",
        params,
    )
    grouped: dict[tuple[str, str], list[tuple[str, int, float]]] = {}
    for name, diagnosis, question_id, count, last in rows:
        if _known(question_id, known_ids):
            grouped.setdefault((name, diagnosis), []).append((question_id, count, last))
    found = [
        RepeatedMistake(
            name,
            diagnosis,
            tuple(q for q, _, _ in items),
            sum(n for _, n, _ in items),
            max(at for _, _, at in items),
        )
        for (name, diagnosis), items in grouped.items()
        if len(items) >= at_least
    ]
    return sorted(found, key=lambda r: (r.name, -len(r.questions), -r.answers, r.diagnosis))


def activity(connection: Queryable, since: float) -> list[Activity]:
    """Each student who answered since `since`: the latest answer, newest first."""
    rows = connection.execute(
        "SELECT p.name, a.question_id, a.answered_at, a.correct, counts.n"
        " FROM attempts AS a JOIN profiles AS p ON p.id = a.profile_id"
        " JOIN (SELECT profile_id, MAX(id) AS last_id, COUNT(*) AS n FROM attempts"
        "       WHERE answered_at >= ? GROUP BY profile_id) AS counts"
        " ON counts.last_id = a.id ORDER BY a.answered_at DESC, p.name",
        (since,),
    )
    return [Activity(name, q, at, bool(ok), n) for name, q, at, ok, n in rows]


def stuck(connection: Queryable, since: float, failures: int = STUCK_FAILURES) -> list[Stuck]:
    """Unsolved questions with `failures` or more wrong answers, last tried since `since`."""
    rows = connection.execute(
        "SELECT p.name, q.question_id, q.attempts - q.correct, q.last_attempt_at"
        " FROM questions AS q JOIN profiles AS p ON p.id = q.profile_id"
        " WHERE q.solved = 0 AND q.attempts - q.correct >= ? AND q.last_attempt_at >= ?"
        " ORDER BY q.attempts - q.correct DESC, q.last_attempt_at DESC, p.name",
        (failures, since),
    )
    return [Stuck(*row) for row in rows]


def recent_mistakes(connection: Queryable, since: float, limit: int = 50) -> list[RecentMistake]:
    """Wrong answers since `since`, newest first."""
    rows = connection.execute(
        "SELECT p.name, a.question_id, a.answer, a.diagnosis, a.answered_at"
        " FROM attempts AS a JOIN profiles AS p ON p.id = a.profile_id"
        " WHERE a.correct = 0 AND a.answered_at >= ? ORDER BY a.answered_at DESC, a.id DESC"
        " LIMIT ?",
        (since, limit),
    )
    return [RecentMistake(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class MistakeReport:
    """Everything `derivquest report --mistakes` shows."""

    by_question: list[NamedMistake]
    by_skill: list[NamedMistake]
    unnamed: list[WrongAnswer]
    repeated: list[RepeatedMistake]


@dataclass(frozen=True, slots=True)
class ClassNow:
    """What the live class view shows: one consistent read."""

    playing: list[Activity]
    stuck: list[Stuck]
    mistakes: list[RecentMistake]


class MistakeLog:
    """`store.mistakes`: the mistake queries, each in one read transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def report(
        self,
        level: str | None = None,
        known_ids: Collection[str] | None = None,
        cohort: str | None = None,
    ) -> MistakeReport:
        """The mistakes (optionally one level's, one class's), over the questions in
        `known_ids`."""
        with self._db.read() as connection:
            return MistakeReport(
                named_by_question(connection, level, known_ids, cohort),
                named_by_skill(connection, level, known_ids, cohort),
                unnamed_by_question(connection, level, known_ids, cohort),
                repeated(connection, level, known_ids, cohort=cohort),
            )

    def repeated_by(
        self, profile_id: int, known_ids: Collection[str] | None = None
    ) -> list[RepeatedMistake]:
        """One student's named mistakes made twice or more, on one question or several."""
        with self._db.read() as connection:
            found = repeated(connection, None, known_ids, profile_id, at_least=1)
        return [mistake for mistake in found if mistake.answers >= REPEAT_QUESTIONS]

    def class_now(self, since: float) -> ClassNow:
        """Who has played since `since`, who is stuck, and the latest wrong answers."""
        with self._db.read() as connection:
            return ClassNow(
                activity(connection, since),
                stuck(connection, since),
                recent_mistakes(connection, since),
            )
