"""Queries over a profile's rows: the summary over the ids packs have now, and resets."""

from __future__ import annotations

from collections.abc import Sequence

from derivquest.progress.attempts import QUESTION_COLUMNS, question_from_row
from derivquest.progress.dialect import Connection
from derivquest.progress.records import (
    LevelProgress,
    ProgressSummary,
    QuestionProgress,
    ResetCounts,
    level_of,
)


def summarise(
    connection: Connection,
    profile_id: int,
    known_ids: frozenset[str],
    known_levels: frozenset[str],
) -> ProgressSummary:
    """Return progress on known questions and levels; stored ids no pack has are skipped.

    Unknown ids are kept in the database (a pack may bring them back) but never counted.
    """
    questions: dict[str, QuestionProgress] = {}
    ignored = 0
    for row in connection.execute(
        f"SELECT {QUESTION_COLUMNS} FROM questions WHERE profile_id = ?", (profile_id,)
    ):
        progress = question_from_row(row)
        if progress.question_id in known_ids:
            questions[progress.question_id] = progress
        else:
            ignored += 1
    recorded: dict[str, tuple[int, int, float]] = {}
    for level_id, stars, completions, best in connection.execute(
        "SELECT level_id, stars, completions, best_seconds FROM levels WHERE profile_id = ?",
        (profile_id,),
    ):
        if level_id in known_levels:
            recorded[level_id] = (stars, completions, best)
        else:
            ignored += 1
    by_level: dict[str, list[QuestionProgress]] = {}
    for progress in questions.values():
        by_level.setdefault(level_of(progress.question_id), []).append(progress)
    levels: dict[str, LevelProgress] = {}
    for level_id in sorted(known_levels):
        mine = by_level.get(level_id, [])
        stars, completions, best = recorded.get(level_id, (0, 0, None))
        if not mine and not completions:
            continue
        levels[level_id] = LevelProgress(
            level_id=level_id,
            stars=stars,
            completions=completions,
            best_seconds=best,
            attempts=sum(q.attempts for q in mine),
            solved=sum(q.solved for q in mine),
            hints_used=sum(q.hints_used for q in mine),
            seconds=sum(q.seconds for q in mine),
        )
    return ProgressSummary(questions, levels, ignored)


def reset_rows(
    connection: Connection, profile_ids: Sequence[int], level_id: str | None
) -> ResetCounts:
    """Delete the progress of some profiles, or of one `pack/level` in them (write txn)."""
    counts = [0, 0, 0, 0, 0]
    for profile_id in profile_ids:
        where = level_where = "profile_id = ?"
        params: tuple[object, ...] = (profile_id,)
        level_params = params
        if level_id is not None:
            # substr, not LIKE: ids may hold `_`, which LIKE would treat as a wildcard.
            prefix = level_id + "/"
            where = "profile_id = ? AND substr(question_id, 1, ?) = ?"
            params = (profile_id, len(prefix), prefix)
            level_where, level_params = "profile_id = ? AND level_id = ?", (profile_id, level_id)
        run = connection.execute
        counts[0] += run(f"DELETE FROM attempts WHERE {where}", params).rowcount
        counts[1] += run(f"DELETE FROM questions WHERE {where}", params).rowcount
        counts[2] += run(f"DELETE FROM levels WHERE {level_where}", level_params).rowcount
        if level_id is None:  # drills span levels: only a whole-profile reset removes them
            counts[3] += run("DELETE FROM drills WHERE profile_id = ?", params).rowcount
        counts[4] += run(f"DELETE FROM resume WHERE {where}", params).rowcount
    return ResetCounts(*counts)
