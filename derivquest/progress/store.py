"""The progress store: one database (a SQLite file or PostgreSQL) for every profile and mode."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from derivquest import paths
from derivquest.progress import profiles as profile_rows
from derivquest.progress.attempts import (
    QUESTION_COLUMNS,
    AttemptRow,
    insert_attempt,
    question_from_row,
)
from derivquest.progress.database import Synchronous, open_database
from derivquest.progress.dialect import higher, lower
from derivquest.progress.drill_log import DrillLog
from derivquest.progress.location import from_environment, is_database_url
from derivquest.progress.mistakes import MistakeLog
from derivquest.progress.records import (
    Mode,
    Profile,
    ProgressSummary,
    QuestionProgress,
    ResetCounts,
    ResumePoint,
    check_amount,
    check_level_id,
    check_question_id,
    check_seed,
    level_of,
)
from derivquest.progress.resume import clear_resume, load_resume, save_resume
from derivquest.progress.roster import Roster
from derivquest.progress.skills import SkillLog
from derivquest.progress.summary import reset_rows, summarise

if TYPE_CHECKING:
    from derivquest.progress.export_format import ExportDocument
    from derivquest.progress.transfer import ImportCounts

FILE_NAME = "progress.sqlite3"
"""The store's file name inside the data directory."""


def default_path() -> Path:
    """Return `data_dir()/progress.sqlite3`."""
    return paths.data_dir() / FILE_NAME


def resolve(location: Path | str | None) -> Path | str:
    """The database to open: `location`, else $DERIVQUEST_DATABASE, else the default file.

    A string is a PostgreSQL URL when it starts with `postgresql://`, else a file path.
    """
    chosen = from_environment() if location is None else location
    if chosen is None:
        return default_path()
    if isinstance(chosen, str) and not is_database_url(chosen):
        return Path(chosen)
    return chosen


class ProgressStore:
    """Everything DerivQuest remembers about its players, in one database.

    The database is a SQLite file (the default: one machine) or a PostgreSQL database (a
    school's servers sharing one; docs/school.md). Open it once per process
    (`ProgressStore.open()`, or `with ProgressStore() as store:`) and close it at exit. It is
    safe to call from any thread and from several processes at once (one short transaction
    per call, writers serialised). Every method that saves returns only after COMMIT.
    Failures raise `ProgressError` subclasses whose text is for the player.
    """

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        synchronous: Synchronous = "FULL",
        now: Callable[[], float] = time.time,
        wait: float | None = None,
    ) -> ProgressStore:
        """Open the store (the same as calling the class); close it with `close()`."""
        return cls(path, synchronous=synchronous, now=now, wait=wait)

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        synchronous: Synchronous = "FULL",
        now: Callable[[], float] = time.time,
        wait: float | None = None,
    ) -> None:
        """Open (creating and migrating if needed) the store.

        Args:
            path: the database file or a `postgresql://` URL; by default
                $DERIVQUEST_DATABASE, else `data_dir()/progress.sqlite3`.
            synchronous: SQLite: "FULL" (default) survives power loss; "NORMAL" crashes.
            now: wall clock in Unix seconds, for timestamps (tests pass a fixed one).
            wait: PostgreSQL: seconds a call waits for an unreachable server.

        Raises:
            ProgressError: the folder or file cannot be created or opened, the file is not a
                progress database, or it comes from a newer DerivQuest.
        """
        self._db = open_database(resolve(path), synchronous, wait)
        self._now = now
        self.drills = DrillLog(self._db, now)
        """Saved drills, personal bests and history."""
        self.skills = SkillLog(self._db, now)
        """Mastery per skill and the review schedule."""
        self.mistakes = MistakeLog(self._db)
        """The class's mistakes (teacher's report, class view, "my mistakes")."""
        self.roster = Roster(self._db, now)
        """Who may log in to a school's servers (`derivquest roster`, docs/school.md)."""

    @property
    def path(self) -> Path | None:
        """The SQLite file (None on PostgreSQL)."""
        return self._db.path

    @property
    def location(self) -> str:
        """The database for messages: its file, or its URL without the password."""
        return self._db.location

    def close(self) -> None:
        """Close the store; every saved answer is already on disk."""
        self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # Profiles

    def profiles(self) -> list[Profile]:
        """Return every profile, by name."""
        with self._db.read() as connection:
            return profile_rows.all_profiles(connection)

    def profile_named(self, name: str) -> Profile | None:
        """Return the profile called `name`, or None."""
        with self._db.read() as connection:
            return profile_rows.find(connection, name)

    def create_profile(self, name: str, player_id: str | None = None) -> Profile:
        """Create the profile called `name` and return it.

        If it exists already (say another game created it a moment ago) that one is
        returned, so two games starting at once never fail or make two. `player_id` seeds
        the question variants; by default a random one is drawn (tests fix it).

        Raises:
            ProfileError: the name is empty, longer than 40 characters or unprintable.
        """
        with self._db.write() as connection:
            return profile_rows.ensure(connection, name, self._now(), player_id)

    def rename_profile(self, profile_id: int, new_name: str) -> Profile:
        """Rename a profile; its progress and variants stay."""
        with self._db.write() as connection:
            return profile_rows.rename(connection, profile_id, new_name)

    def assign_class(self, names: Collection[str], cohort: str | None) -> int:
        """Put the named profiles in a class (e.g. `7B`; None: in none); return how many.

        Raises:
            ProfileError: a name has no profile (nobody is changed), or the class name is bad.
        """
        with self._db.write() as connection:
            return profile_rows.assign_cohort(connection, names, cohort)

    def delete_profile(self, profile_id: int) -> None:
        """Delete a profile and everything recorded for it."""
        with self._db.write() as connection:
            connection.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    # Answers and levels

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
    ) -> None:
        """Save one judged answer; returns only once it is committed (show the verdict then).

        Args:
            question_id: `pack/level/question`.
            answer: the text as typed (or the option chosen).
            correct: the verdict.
            seconds: time from showing the question to submitting this answer.
            hints_used: hints the player had open when answering.
            skills: the question's skill tags (for mastery and review).
            mode: which part of the game it came from.
            variant_seed: the variant answered, when randomised.
            diagnosis: the judge's mistake id for a wrong answer, if it named one.
            fingerprint: the answer's fingerprint (`Verdict.fingerprint`), if judged.

        Raises:
            ProgressError: not saved (disk full, read-only...): show its message.
        """
        check_question_id(question_id)
        check_amount(seconds, "seconds")
        check_amount(hints_used, "hints_used")
        row = AttemptRow(
            uid=uuid.uuid4().hex,
            question_id=question_id,
            answered_at=self._now(),
            answer=answer,
            correct=correct,
            seconds=seconds,
            hints_used=hints_used,
            mode=mode,
            variant_seed=None if variant_seed is None else check_seed(variant_seed),
            skills=tuple(sorted(set(skills))),
            diagnosis=diagnosis,
            fingerprint=fingerprint,
        )
        with self._db.write() as connection:
            insert_attempt(connection, profile_id, row)

    def record_level_result(
        self, profile_id: int, level_id: str, *, stars: int, seconds: float
    ) -> None:
        """Record a completed level (`pack/level`): best stars and time, one more completion."""
        check_level_id(level_id)
        check_amount(stars, "stars")
        check_amount(seconds, "seconds")
        with self._db.write() as connection:
            connection.execute(
                "INSERT INTO levels VALUES (?, ?, ?, 1, ?, ?)"
                " ON CONFLICT (profile_id, level_id) DO UPDATE SET"
                f" stars = {higher('levels', 'stars')},"
                " completions = levels.completions + 1,"
                f" best_seconds = {lower('levels', 'best_seconds')},"
                f" last_completed_at = {higher('levels', 'last_completed_at')}",
                (profile_id, level_id, stars, seconds, self._now()),
            )

    def question_progress(self, profile_id: int, question_id: str) -> QuestionProgress | None:
        """Return what is recorded for one question, or None."""
        with self._db.read() as connection:
            row = connection.execute(
                f"SELECT {QUESTION_COLUMNS} FROM questions"
                " WHERE profile_id = ? AND question_id = ?",
                (profile_id, question_id),
            ).fetchone()
        return None if row is None else question_from_row(row)

    def variant_attempts(self, profile_id: int, question_id: str, seed: int) -> tuple[int, int]:
        """Return (wrong, right) answers recorded on one variant of a question.

        A resumed question gets back its wrong tries from the log, so the worked solution
        stays shown after the third and the stars stay what they were.
        """
        with self._db.read() as connection:
            row = connection.execute(
                # CASE, not SUM(correct = 0): the same SQL runs on PostgreSQL, which has no
                # sum of booleans.
                "SELECT COALESCE(SUM(CASE WHEN correct = 0 THEN 1 ELSE 0 END), 0),"
                " COALESCE(SUM(CASE WHEN correct = 1 THEN 1 ELSE 0 END), 0)"
                " FROM attempts WHERE profile_id = ? AND question_id = ? AND variant_seed = ?",
                (profile_id, question_id, str(check_seed(seed))),
            ).fetchone()
        return int(row[0]), int(row[1])

    def summary(
        self,
        profile_id: int,
        question_ids: Collection[str],
        level_ids: Collection[str] | None = None,
    ) -> ProgressSummary:
        """Return progress on the questions and levels the packs have now; others ignored.

        `level_ids` defaults to the levels of `question_ids`.
        """
        levels = {level_of(q) for q in question_ids} if level_ids is None else level_ids
        with self._db.read() as connection:
            return summarise(connection, profile_id, frozenset(question_ids), frozenset(levels))

    # Resume

    def save_resume_point(self, profile_id: int, point: ResumePoint) -> None:
        """Save where the player is (one point per profile and slot), replacing the last."""
        check_question_id(point.question_id)
        check_seed(point.variant_seed)
        with self._db.write() as connection:
            save_resume(connection, profile_id, point, self._now())

    def resume_point(
        self, profile_id: int, slot: str = "play", known_ids: Collection[str] | None = None
    ) -> ResumePoint | None:
        """Return the saved point, or None (also when its question is not in `known_ids`)."""
        with self._db.read() as connection:
            point = load_resume(connection, profile_id, slot)
        if point is not None and known_ids is not None and point.question_id not in known_ids:
            return None
        return point

    def clear_resume_point(self, profile_id: int, slot: str = "play") -> None:
        """Forget the resume point of a slot (e.g. when a level is finished)."""
        with self._db.write() as connection:
            clear_resume(connection, profile_id, slot)

    # Reset, export, import

    def reset(self, profile_id: int | None = None, level_id: str | None = None) -> ResetCounts:
        """Erase a profile's progress (every profile's when None), or only one level's.

        Profiles stay; a level reset keeps drills, which span levels.
        """
        if level_id is not None:
            check_level_id(level_id)
        with self._db.write() as connection:
            if profile_id is None:
                targets = [profile.id for profile in profile_rows.all_profiles(connection)]
            else:
                targets = [profile_id]
            return reset_rows(connection, targets, level_id)

    def export_document(self, names: Collection[str] | None = None) -> ExportDocument:
        """Return the profiles called `names` (all when None) as one export document."""
        from derivquest.progress.transfer import export_document

        with self._db.read() as connection:
            return export_document(connection, names, self._now())

    def import_document(self, document: ExportDocument, replace: bool = False) -> ImportCounts:
        """Merge (or, with `replace`, overwrite) the document's profiles, all or nothing."""
        from derivquest.progress.transfer import import_document

        with self._db.write() as connection:
            return import_document(connection, document, replace, self._now())
