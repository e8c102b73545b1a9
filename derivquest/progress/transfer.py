"""Export a store to the JSON document and merge (or replace) a document into a store."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from derivquest.progress import profiles as profile_rows
from derivquest.progress.attempts import AttemptRow, attempt_rows, insert_attempt, rebuild_questions
from derivquest.progress.dialect import Connection, higher, lower
from derivquest.progress.drill_log import DrillRecord, drill_records, save_drill
from derivquest.progress.drill_results import DrillResultItem, DrillSummary
from derivquest.progress.errors import ProfileError, ProgressError
from derivquest.progress.export_format import (
    EARLIEST,
    LATEST,
    AttemptOut,
    DrillItemOut,
    DrillOut,
    ExportDocument,
    LevelOut,
    ProfileOut,
    ResumeOut,
)
from derivquest.progress.records import ResumePoint
from derivquest.progress.resume import all_resume_points, load_resume, save_resume
from derivquest.progress.scoring import DrillSetting
from derivquest.progress.summary import reset_rows


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import added."""

    profiles_created: int
    attempts_added: int
    drills_added: int


def _stamp(seconds: float) -> datetime:
    """A stored time as an aware datetime, kept within what an import accepts.

    A time stored before imports were bounded could lie outside the years datetime
    holds; clamping it keeps `export` (the backup) working instead of failing on one row.
    """
    try:
        stamp = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return EARLIEST if seconds < 0 else LATEST
    return min(max(stamp, EARLIEST), LATEST)


def export_document(
    connection: Connection, names: Collection[str] | None, now: float
) -> ExportDocument:
    """Return the document for the named profiles (every profile when None)."""
    profiles = profile_rows.all_profiles(connection)
    if names is not None:
        missing = sorted(set(names) - {profile.name for profile in profiles})
        if missing:
            raise ProfileError(f"no profile called {', '.join(map(repr, missing))}")
        profiles = [profile for profile in profiles if profile.name in names]
    out = []
    for profile in profiles:
        attempts = [
            AttemptOut(
                uid=row.uid,
                question_id=row.question_id,
                answered_at=_stamp(row.answered_at),
                answer=row.answer,
                correct=row.correct,
                seconds=row.seconds,
                hints_used=row.hints_used,
                mode=row.mode,
                variant_seed=row.variant_seed,
                skills=list(row.skills),
                diagnosis=row.diagnosis,
                fingerprint=row.fingerprint,
            )
            for row in attempt_rows(connection, profile.id)
        ]
        levels = [
            LevelOut(
                level_id=level_id,
                stars=stars,
                completions=completions,
                best_seconds=best,
                last_completed_at=_stamp(last),
            )
            for level_id, stars, completions, best, last in connection.execute(
                "SELECT level_id, stars, completions, best_seconds, last_completed_at"
                " FROM levels WHERE profile_id = ? ORDER BY level_id",
                (profile.id,),
            )
        ]
        resume = [
            ResumeOut(
                slot=point.slot,
                question_id=point.question_id,
                variant_seed=point.variant_seed,
                round_number=point.round_number,
                typed=point.typed,
                hints_shown=point.hints_shown,
                saved_at=_stamp(point.saved_at),
            )
            for point in all_resume_points(connection, profile.id)
        ]
        drills = [_drill_out(record) for record in reversed(drill_records(connection, profile.id))]
        out.append(
            ProfileOut(
                name=profile.name,
                player_id=profile.player_id,
                created_at=_stamp(profile.created_at),
                cohort=profile.cohort,
                attempts=attempts,
                levels=levels,
                resume=resume,
                drills=drills,
            )
        )
    return ExportDocument(exported_at=_stamp(now), profiles=out)


def _drill_out(record: DrillRecord) -> DrillOut:
    summary = record.summary
    return DrillOut(
        uid=record.uid,
        finished_at=_stamp(record.finished_at),
        minutes=summary.setting.minutes,
        skills=sorted(summary.setting.skills),
        replay=summary.setting.replay,
        completed=summary.completed,
        score=summary.score,
        best_streak=summary.best_streak,
        seconds=summary.seconds,
        items=[
            DrillItemOut(
                position=item.position,
                question_id=item.question_id,
                variant_seed=item.variant_seed,
                outcome=item.outcome,
                seconds=item.seconds,
                points=item.points,
            )
            for item in summary.items
        ],
    )


def _drill_record(drill: DrillOut) -> DrillRecord:
    items = tuple(
        DrillResultItem(i.question_id, i.variant_seed, i.position, i.outcome, i.seconds, i.points)
        for i in sorted(drill.items, key=lambda item: item.position)
    )
    setting = DrillSetting(drill.minutes, frozenset(drill.skills), drill.replay)
    summary = DrillSummary(
        setting, items, drill.score, drill.best_streak, drill.completed, drill.seconds
    )
    return DrillRecord(drill.uid, drill.finished_at.timestamp(), summary)


def import_document(
    connection: Connection, document: ExportDocument, replace: bool, now: float
) -> ImportCounts:
    """Merge the document into the store (call inside one write transaction: all or nothing).

    Merge: answers and drills are added unless their uid is stored already (so importing a
    file twice changes nothing); level results keep the best stars and time; a resume point
    replaces the stored one only when newer; a class in the document replaces the stored one
    (a profile without one keeps its class). With `replace`, each profile in the document is
    first emptied (other profiles are untouched).
    """
    try:
        return _import(connection, document, replace, now)
    except (ValueError, OverflowError) as error:
        # parse_document bounds every field, so this is a last line of defence: the
        # exception rolls the transaction back, and the player gets a sentence.
        raise ProgressError(f"nothing was imported: a value is out of range ({error})") from None


def _import(
    connection: Connection, document: ExportDocument, replace: bool, now: float
) -> ImportCounts:
    created = attempts_added = drills_added = 0
    for profile_out in document.profiles:
        existing = profile_rows.find(connection, profile_out.name)
        if existing is None:
            created += 1
        elif replace:
            reset_rows(connection, [existing.id], None)
        profile = profile_rows.ensure(
            connection, profile_out.name, profile_out.created_at.timestamp(), profile_out.player_id
        )
        if profile_out.cohort is not None:  # absent: the stored class (if any) stays
            profile_rows.assign_cohort(connection, [profile.name], profile_out.cohort)
        attempts = _count(connection, "attempts", profile.id)
        drills = _count(connection, "drills", profile.id)
        _merge_profile(connection, profile.id, profile_out, now)
        attempts_added += _count(connection, "attempts", profile.id) - attempts
        drills_added += _count(connection, "drills", profile.id) - drills
    return ImportCounts(created, attempts_added, drills_added)


def _count(connection: Connection, table: str, profile_id: int) -> int:
    # `table` is always one of our own table names, never input.
    row = connection.execute(f"SELECT COUNT(*) FROM {table} WHERE profile_id = ?", (profile_id,))
    return int(row.fetchone()[0])


def _merge_profile(
    connection: Connection, profile_id: int, profile: ProfileOut, now: float
) -> None:
    for attempt in profile.attempts:
        insert_attempt(connection, profile_id, _attempt_row(attempt))
    rebuild_questions(connection, profile_id)
    for level in profile.levels:
        connection.execute(
            "INSERT INTO levels VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (profile_id, level_id) DO UPDATE SET"
            f" stars = {higher('levels', 'stars')},"
            f" completions = {higher('levels', 'completions')},"
            f" best_seconds = {lower('levels', 'best_seconds')},"
            f" last_completed_at = {higher('levels', 'last_completed_at')}",
            (
                profile_id,
                level.level_id,
                level.stars,
                level.completions,
                level.best_seconds,
                level.last_completed_at.timestamp(),
            ),
        )
    for resume in profile.resume:
        stored = load_resume(connection, profile_id, resume.slot)
        saved_at = resume.saved_at.timestamp()
        if stored is None or stored.saved_at < saved_at:
            point = ResumePoint(
                resume.question_id,
                resume.variant_seed,
                resume.typed,
                resume.round_number,
                resume.hints_shown,
                resume.slot,
                saved_at,
            )
            save_resume(connection, profile_id, point, now)
    for drill in profile.drills:
        save_drill(connection, profile_id, _drill_record(drill))


def _attempt_row(attempt: AttemptOut) -> AttemptRow:
    return AttemptRow(
        uid=attempt.uid,
        question_id=attempt.question_id,
        answered_at=attempt.answered_at.timestamp(),
        answer=attempt.answer,
        correct=attempt.correct,
        seconds=attempt.seconds,
        hints_used=attempt.hints_used,
        mode=attempt.mode,
        variant_seed=attempt.variant_seed,
        skills=tuple(sorted(set(attempt.skills))),
        diagnosis=attempt.diagnosis,
        fingerprint=attempt.fingerprint,
    )
